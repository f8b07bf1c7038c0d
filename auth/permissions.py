"""Permission classes the graph puts on protected fields.

The rows a caller may see are decided in SQL (see `auth.rules`); these
classes only answer "may this caller use this field at all".
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from auth.caller import Caller
from auth.errors import NotAuthenticated


def caller_of(info: Info[Any, Any]) -> Caller | None:
    """The authenticated caller of the request, or None when anonymous."""
    caller: Caller | None = info.context.caller
    return caller


class HasScope(BasePermission):
    """Passes when the token grants `scope`; anonymous callers must log in."""

    error_extensions = {"code": "FORBIDDEN"}

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self.message = f"This needs the `{scope}` scope."

    def has_permission(self, source: Any, info: Info[Any, Any], **kwargs: Any) -> bool:
        caller = caller_of(info)
        if caller is None:
            raise NotAuthenticated(
                f"Sign in with an access token that has the `{self.scope}` scope."
            )
        return caller.can(self.scope)


class IsAuthenticated(BasePermission):
    """Passes for any caller with a valid access token."""

    message = "Sign in with an access token."
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info[Any, Any], **kwargs: Any) -> bool:
        return caller_of(info) is not None


def scope_guard(scope: str) -> list[FieldExtension]:
    """Field extensions that admit only callers holding `scope`.

    The SDL states the same rule with `@requiresScopes` for routers; this is
    the gateway enforcing it itself.
    """
    return [PermissionExtension(permissions=[HasScope(scope)], use_directives=False)]
