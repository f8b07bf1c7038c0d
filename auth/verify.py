"""Verification of access tokens presented to the graph (RFC 9068, RFC 6750).

Only ES256 signatures by a key in the gateway's own key set are accepted:
`alg: none`, HMAC tricks with the public key and keys carried in the token
header all fail here, because the algorithm and the key come from us, never
from the token.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy.ext.asyncio import AsyncEngine

from auth.caller import Caller
from auth.scopes import ALLOWED_SCOPES, parse_scopes
from gateway.db.engine import RequestDatabase
from gateway.db.enums import PartnerKind
from gateway.db.models import OAuthClient, Partner, RevokedToken, SigningKey
from gateway.settings import Settings

logger = logging.getLogger(__name__)

ALGORITHM = "ES256"
TOKEN_TYPE = "at+jwt"
# Another instance may have rotated keys: re-read them at this pace, and at
# once (but not more than once a second) when a token names an unknown kid.
KEY_REFRESH_SECONDS = 60.0
CLOCK_LEEWAY_SECONDS = 30

signing_keys = SigningKey.__table__
revoked_tokens = RevokedToken.__table__
oauth_clients = OAuthClient.__table__
partners = Partner.__table__


class InvalidToken(Exception):
    """The bearer token is not one this gateway will honour."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AccessTokenVerifier:
    """Checks tokens against the published keys and the revocation list."""

    def __init__(self, settings: Settings, engine: AsyncEngine) -> None:
        self._issuer = settings.issuer
        self._audience = settings.token_audience
        self._lifetime = settings.access_token_lifetime
        self._engine = engine
        self._keys: KeySet | None = None
        self._kids: frozenset[str] = frozenset()
        self._loaded_at = 0.0
        # One reload at a time: a burst of unknown kids must not stampede.
        self._reload = asyncio.Lock()

    async def verify(self, token: str, db: RequestDatabase) -> Caller:
        """The caller a token stands for, or InvalidToken saying why not."""
        kid = self._check_header(token)
        keys = await self._key_set(kid)
        try:
            decoded = jwt.decode(token, keys, algorithms=[ALGORITHM])
        except (JoseError, ValueError) as exc:
            raise InvalidToken("signature or format not valid") from exc
        claims = decoded.claims
        self._check_claims(claims)
        return await self._caller_from_client(claims, db)

    def _check_header(self, token: str) -> str:
        try:
            header = jws.extract_compact(token.encode()).headers()
        except (JoseError, ValueError, UnicodeError) as exc:
            raise InvalidToken("not a JWT") from exc
        if header.get("alg") != ALGORITHM:
            raise InvalidToken(f"algorithm must be {ALGORITHM}")
        if str(header.get("typ", "")).lower() not in (
            TOKEN_TYPE,
            f"application/{TOKEN_TYPE}",
        ):
            raise InvalidToken("not an access token (typ must be at+jwt)")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken("no key id")
        return kid

    def _check_claims(self, claims: dict[str, Any]) -> None:
        registry = jwt.JWTClaimsRegistry(
            leeway=CLOCK_LEEWAY_SECONDS,
            iss={"essential": True, "value": self._issuer},
            aud={"essential": True, "value": self._audience},
            exp={"essential": True},
            iat={"essential": True},
            jti={"essential": True},
            sub={"essential": True},
            client_id={"essential": True},
            partner_id={"essential": True},
            partner_kind={"essential": True},
        )
        try:
            registry.validate(claims)
        except JoseError as exc:
            raise InvalidToken(f"claims not valid: {exc.error}") from exc

    async def _caller_from_client(
        self, claims: dict[str, Any], db: RequestDatabase
    ) -> Caller:
        """Check the token against its client's row and build the caller.

        The partner, its kind and school come from the database, not from
        the token, and the token's scopes must be ones its client holds: a
        token signed with a leaked key still cannot claim more than a real
        client has. One statement also tells whether the token or its client
        was revoked, so revocation is effective at once on every instance.
        """
        try:
            client_id = str(claims["client_id"])
            partner_id = int(claims["partner_id"])
            scopes = parse_scopes(str(claims.get("scope", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidToken("claims not valid") from exc
        statement = (
            sa.select(
                oauth_clients.c.partner_id,
                oauth_clients.c.scopes,
                oauth_clients.c.revoked_at,
                partners.c.kind,
                partners.c.university_id,
                sa.exists()
                .where(revoked_tokens.c.jti == str(claims["jti"]))
                .label("token_revoked"),
            )
            .join(partners, partners.c.id == oauth_clients.c.partner_id)
            .where(oauth_clients.c.client_id == client_id)
        )
        rows = await db.fetch_all(statement)
        if not rows:
            raise InvalidToken("unknown client")
        client = rows[0]
        if client.token_revoked:
            raise InvalidToken("token revoked")
        if client.revoked_at is not None:
            raise InvalidToken("client revoked")
        kind = PartnerKind(client.kind)
        if client.partner_id != partner_id or claims.get("partner_kind") != kind.value:
            raise InvalidToken("token does not match its client")
        if not scopes <= parse_scopes(client.scopes):
            raise InvalidToken("token claims scopes its client does not hold")
        return Caller(
            client_id=client_id,
            partner_id=partner_id,
            partner_kind=kind,
            university_id=client.university_id,
            scopes=scopes & ALLOWED_SCOPES[kind],
            token_id=str(claims["jti"]),
        )

    async def _key_set(self, kid: str) -> KeySet:
        if self._needs_reload(kid):
            async with self._reload:
                if self._needs_reload(kid):  # another request may have done it
                    await self._load_keys()
                    self._loaded_at = time.monotonic()
        if kid not in self._kids or self._keys is None:
            raise InvalidToken("unknown key id")
        return self._keys

    def _needs_reload(self, kid: str) -> bool:
        age = time.monotonic() - self._loaded_at
        if self._keys is None or age > KEY_REFRESH_SECONDS:
            return True
        return kid not in self._kids and age > 1.0

    async def _load_keys(self) -> None:
        # A retired key is honoured until the last token it signed expires.
        # (plus the clock leeway `exp` is checked with).
        cutoff = datetime.now(UTC) - timedelta(
            seconds=self._lifetime + CLOCK_LEEWAY_SECONDS
        )
        statement = sa.select(signing_keys.c.public_jwk).where(
            sa.or_(
                signing_keys.c.retired_at.is_(None),
                signing_keys.c.retired_at > cutoff,
            )
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        jwks = [dict(row.public_jwk) for row in rows]
        self._keys = KeySet.import_key_set({"keys": jwks})
        self._kids = frozenset(str(jwk.get("kid")) for jwk in jwks)
        logger.debug("loaded %d public signing keys", len(jwks))
