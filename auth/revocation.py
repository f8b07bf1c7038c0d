"""Token revocation, RFC 7009.

A revoked token's `jti` goes into `revoked_tokens`, which every instance's
verifier reads on each request: revocation takes effect at once, everywhere.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from authlib.oauth2 import rfc7009
from sqlalchemy.dialects import postgresql, sqlite

from auth.clients import AUTH_METHODS
from auth.tokens import AccessTokenReader, IssuedToken
from gateway.db.models import OAuthClient, RevokedToken, table_of

logger = logging.getLogger(__name__)

revoked_tokens = table_of(RevokedToken)
oauth_clients = table_of(OAuthClient)


def is_revoked(connection: sa.Connection, claims: dict[str, Any]) -> bool:
    """True when the token, or the client it was issued to, has been revoked."""
    statement = sa.select(
        sa.exists().where(revoked_tokens.c.jti == str(claims["jti"])),
        sa.exists().where(
            oauth_clients.c.client_id == str(claims["client_id"]),
            oauth_clients.c.revoked_at.is_(None),
        ),
    )
    token_revoked, client_live = connection.execute(statement).one()
    return bool(token_revoked) or not client_live


class RevocationEndpoint(rfc7009.RevocationEndpoint):  # type: ignore[misc]
    """Revokes a client's own access tokens (admin clients: anyone's).

    Unknown, expired and foreign tokens are answered 200 like the others,
    as RFC 7009 §2.2 asks: there is nothing left to revoke.
    """

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
        return IssuedToken(claims) if claims is not None else None

    def revoke_token(self, token: IssuedToken, request: Any) -> None:
        row = {
            "jti": token.jti,
            "client_id": token.client_id,
            "expires_at": datetime.fromtimestamp(token.expires_at, UTC),
            "revoked_at": datetime.now(UTC),
        }
        with self._engine.begin() as connection:
            connection.execute(_insert_once(connection).values(**row))
        logger.info(
            "client %s revoked a token of client %s",
            request.client.client_id,
            token.client_id,
        )


def _insert_once(connection: sa.Connection) -> Any:
    # Revoking twice is not an error: the second insert does nothing.
    if connection.dialect.name == "postgresql":
        return postgresql.insert(revoked_tokens).on_conflict_do_nothing()
    return sqlite.insert(revoked_tokens).on_conflict_do_nothing()
