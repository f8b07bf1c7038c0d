"""Errors a partner can act on, each with a stable `extensions.code`.

Anything else raised while resolving is masked as INTERNAL_SERVER_ERROR and
logged once by the schema (see `schema.build`).
"""

from __future__ import annotations

from typing import Any


class GatewayError(Exception):
    """Root of the errors the graph shows to callers as they are."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        # graphql-core copies an original error's `extensions` onto the
        # GraphQLError it builds, so the code travels with the message.
        self.extensions: dict[str, Any] = {"code": self.code, **details}


class BadUserInput(GatewayError):
    """An argument is malformed or out of range; the message says which."""

    code = "BAD_USER_INPUT"

    def __init__(self, argument: str, reason: str) -> None:
        super().__init__(f"Invalid value for `{argument}`: {reason}", argument=argument)


class NotFound(GatewayError):
    """Nothing the caller may see has this id."""

    code = "NOT_FOUND"


class Forbidden(GatewayError):
    """The caller is known but may not see or change this."""

    code = "FORBIDDEN"


class Unauthenticated(GatewayError):
    """The request carries no valid credentials where some are needed."""

    code = "UNAUTHENTICATED"
