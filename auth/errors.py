"""Errors auth raises into the graph, each with a stable `extensions.code`."""

from __future__ import annotations

from typing import Any


class AuthError(Exception):
    """Root of the access errors shown to callers as they are."""

    code = "FORBIDDEN"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": self.code}


class NotAuthenticated(AuthError):
    """No valid access token where one is needed."""

    code = "UNAUTHENTICATED"


class NotPermitted(AuthError):
    """A valid token that does not allow this."""

    code = "FORBIDDEN"
