"""Token introspection, RFC 7662.

Only an authenticated client may ask, and only about its own tokens
(admin clients: about any). Every other case, whether the token is unknown,
expired, revoked, signed by another key or someone else's, gets exactly
`{"active": false}`, so the answer reveals nothing about foreign tokens.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from authlib.oauth2 import rfc7662

from auth.clients import AUTH_METHODS, PartnerClient
from auth.revocation import is_revoked
from auth.tokens import AccessTokenReader, IssuedToken

logger = logging.getLogger(__name__)

# Claims an introspection answer repeats from the token (RFC 7662 §2.2 and
# the gateway's partner claims).
REPEATED_CLAIMS = (
    "scope",
    "client_id",
    "sub",
    "aud",
    "iss",
    "exp",
    "iat",
    "jti",
    "partner_id",
    "partner_kind",
    "university_id",
)


class IntrospectionEndpoint(rfc7662.IntrospectionEndpoint):  # type: ignore[misc]
    """Tells a client whether one of its access tokens is active, and its claims."""

    CLIENT_AUTH_METHODS = list(AUTH_METHODS)

    def __init__(self, reader: AccessTokenReader, engine: sa.Engine) -> None:
        super().__init__()
        self._reader = reader
        self._engine = engine

    def query_token(
        self, token_string: str, token_type_hint: str | None
    ) -> IssuedToken | None:
        # Only access tokens exist here, whatever the hint says (§2.1).
        claims = self._reader.read(token_string)
        if claims is None:
            return None
        with self._engine.connect() as connection:
            revoked = is_revoked(connection, claims)
        return IssuedToken(claims, is_revoked_now=revoked)

    def check_permission(
        self, token: IssuedToken, client: PartnerClient, request: Any
    ) -> bool:
        allowed = token.check_client(client)
        logger.debug(
            "client %s introspected a token of client %s (%s)",
            client.client_id,
            token.client_id,
            "answered" if allowed else "refused",
        )
        return allowed

    def introspect_token(self, token: IssuedToken) -> dict[str, Any]:
        answer: dict[str, Any] = {"active": True, "token_type": "Bearer"}
        answer.update(
            (name, token.claims[name])
            for name in REPEATED_CLAIMS
            if name in token.claims
        )
        return answer
