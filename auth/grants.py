"""The client credentials grant, RFC 6749 §4.4: partners' machines get tokens."""

from __future__ import annotations

from typing import Any

from authlib.oauth2.rfc6749 import InvalidScopeError, grants
from authlib.oauth2.rfc6749.util import scope_to_list

from auth.clients import AUTH_METHODS, PartnerClient


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    """authlib's grant, with the gateway's scope rule and no token in the logs."""

    TOKEN_ENDPOINT_AUTH_METHODS = list(AUTH_METHODS)

    def validate_requested_scope(self) -> None:
        """Refuse a request naming any scope the client does not hold.

        Asking for fewer scopes narrows the token; asking for none gives
        every scope the client holds.
        """
        client: PartnerClient = self.request.client
        requested = set(scope_to_list(self.request.payload.scope) or [])
        if requested - client.scopes:
            raise InvalidScopeError(
                "The requested scope is not granted to this client."
            )

    def create_token_response(self) -> tuple[int, dict[str, Any], list[Any]]:
        """The token response (RFC 6749 §5.1), without a refresh token.

        authlib's own version logs the whole token at DEBUG; this one
        leaves logging to the server, which logs ids and scopes only.
        """
        token = self.generate_token(
            scope=self.request.payload.scope, include_refresh_token=False
        )
        self.save_token(token)
        return 200, token, self.TOKEN_RESPONSE_HEADER
