"""The authorization server: authlib's core, wired to the gateway's tables.

authlib is synchronous, so this runs in worker threads on a blocking
engine; `auth.routes` is the async face that reads requests and answers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Error, OAuth2Request

from auth.client_auth import (
    authenticate_client_secret_basic,
    authenticate_client_secret_post,
)
from auth.clients import PartnerClient, load_partner_client
from auth.forms import FormRequest, GatewayOAuth2Request, repeated_parameters
from auth.grants import ClientCredentialsGrant
from auth.introspection import IntrospectionEndpoint
from auth.keys import SigningKeys
from auth.revocation import RevocationEndpoint
from auth.scopes import ALL_SCOPES
from auth.tokens import AccessTokenGenerator, AccessTokenReader
from gateway.settings import Settings

logger = logging.getLogger(__name__)

# Parameters the endpoints read: a repeated one makes a request ambiguous
# and is refused; others are ignored, repeated or not (RFC 6749 §3.2).
KNOWN_PARAMETERS = frozenset(
    {"grant_type", "scope", "client_id", "client_secret", "token", "token_type_hint"}
)


@dataclass(frozen=True)
class OAuthResponse:
    """What an endpoint answers, before it becomes an HTTP response."""

    status: int
    body: dict[str, Any]
    headers: list[tuple[str, str]] = field(default_factory=list)


class GatewayAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    """Client credentials, introspection and revocation over one blocking engine."""

    def __init__(
        self, settings: Settings, engine: sa.Engine, keys: SigningKeys
    ) -> None:
        super().__init__(scopes_supported=sorted(ALL_SCOPES))
        self._engine = engine
        self.register_client_auth_method(
            "client_secret_basic", authenticate_client_secret_basic
        )
        self.register_client_auth_method(
            "client_secret_post", authenticate_client_secret_post
        )
        self.register_grant(ClientCredentialsGrant)
        self.register_token_generator("default", AccessTokenGenerator(settings, keys))
        reader = AccessTokenReader(settings, keys)
        self.register_endpoint(IntrospectionEndpoint(reader, engine))
        self.register_endpoint(RevocationEndpoint(reader, engine))

    def query_client(self, client_id: str) -> PartnerClient | None:
        with self._engine.connect() as connection:
            return load_partner_client(connection, client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        # JWTs are self-contained: nothing to store, only the one log line.
        logger.info(
            "issued access token to client %s (scopes: %s)",
            request.client.client_id,
            token.get("scope", ""),
        )

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        if isinstance(request, OAuth2Request):
            return request
        return GatewayOAuth2Request(request)

    def handle_response(
        self, status: int, body: Any, headers: list[tuple[str, str]]
    ) -> OAuthResponse:
        return OAuthResponse(status, body if isinstance(body, dict) else {}, headers)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No listeners: the gateway logs in the endpoints instead."""

    def create_token_response(self, request: FormRequest) -> OAuthResponse:
        """Answer a token request (RFC 6749 §4.4.2 and §5)."""
        prepared = self._prepare(request)
        if isinstance(prepared, OAuthResponse):
            return prepared
        if not prepared.payload.grant_type:
            return self.refuse(InvalidRequestError("Missing grant_type."), prepared)
        return _logged(super().create_token_response(prepared))

    def create_endpoint_response(self, name: str, request: Any = None) -> OAuthResponse:
        """Answer an introspection or revocation request."""
        prepared = self._prepare(request)
        if isinstance(prepared, OAuthResponse):
            return prepared
        return _logged(super().create_endpoint_response(name, prepared))

    def refuse(
        self, error: OAuth2Error, request: OAuth2Request | None = None
    ) -> OAuthResponse:
        """The error response for a request refused before authlib's checks."""
        return _logged(self.handle_error_response(request, error))

    def _prepare(self, request: FormRequest) -> OAuth2Request | OAuthResponse:
        try:
            prepared = self.create_oauth2_request(request)
        except OAuth2Error as error:  # authlib refuses plain http off loopback
            return self.refuse(error)
        repeated = [
            name
            for name in repeated_parameters(request.form)
            if name in KNOWN_PARAMETERS
        ]
        if repeated:
            repetition = InvalidRequestError(
                f"Repeated parameters: {', '.join(repeated)}."
            )
            return self.refuse(repetition, prepared)
        return prepared


def _logged(response: OAuthResponse) -> OAuthResponse:
    # Successes are logged where the work is done (token issued, revoked);
    # refusals here, by their RFC error code only.
    if response.status >= 400:
        logger.info("oauth request refused: %s", response.body.get("error"))
    return response
