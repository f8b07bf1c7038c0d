"""JWT access tokens, RFC 9068: issued by the token endpoint, read back by
introspection and revocation.

A token names its client and partner by id and carries its scopes; it
holds no personal data, since anyone holding it can read its claims.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from auth.clients import PartnerClient
from auth.keys import SigningKeys
from auth.scopes import parse_scopes
from auth.verify import ALGORITHM, TOKEN_TYPE
from gateway.settings import Settings


class AccessTokenGenerator(JWTBearerTokenGenerator):  # type: ignore[misc]
    """Signs ES256 `at+jwt` tokens for the gateway's graph with the active key."""

    def __init__(self, settings: Settings, keys: SigningKeys) -> None:
        super().__init__(
            issuer=settings.issuer,
            alg=ALGORITHM,
            expires_generator=settings.access_token_lifetime,
        )
        self._audience = settings.token_audience
        self._keys = keys

    def get_jwks(self) -> KeySet:
        # authlib's generator puts only `alg` and `typ` in the header; handed
        # a key set, joserfc signs with its one key and names it in `kid`,
        # which resource servers need to pick the key across rotations.
        return KeySet([self._keys.active_key()])

    def get_audiences(self, client: PartnerClient, user: None, scope: str) -> str:
        return self._audience

    def get_jti(
        self, client: PartnerClient, grant_type: str, user: None, scope: str
    ) -> str:
        # 144 random bits; revocation stores it, so it must never repeat.
        return secrets.token_urlsafe(18)

    def get_extra_claims(
        self, client: PartnerClient, grant_type: str, user: None, scope: str
    ) -> dict[str, int | str]:
        return client.token_claims()


@dataclass(frozen=True)
class IssuedToken:
    """A token this server signed, as introspection and revocation see it."""

    claims: dict[str, Any]
    is_revoked_now: bool = False

    @property
    def client_id(self) -> str:
        return str(self.claims["client_id"])

    @property
    def jti(self) -> str:
        return str(self.claims["jti"])

    @property
    def expires_at(self) -> int:
        return int(self.claims["exp"])

    def check_client(self, client: PartnerClient) -> bool:
        """True when `client` may revoke or inspect this token: its own, or admin."""
        return client.client_id == self.client_id or client.is_admin

    def get_scope(self) -> str:
        return " ".join(sorted(parse_scopes(str(self.claims.get("scope", "")))))

    def get_expires_in(self) -> int:
        return max(0, self.expires_at - int(time.time()))

    def is_expired(self) -> bool:
        return self.expires_at <= time.time()

    def is_revoked(self) -> bool:
        return self.is_revoked_now


class AccessTokenReader:
    """Reads back tokens this server signed; None for anything else."""

    def __init__(self, settings: Settings, keys: SigningKeys) -> None:
        self._issuer = settings.issuer
        self._audience = settings.token_audience
        self._keys = keys

    def read(self, token: str) -> dict[str, Any] | None:
        """The claims of `token` if we signed it for the graph and it is unexpired.

        Revocation is left to the caller: it needs the database.
        """
        try:
            header = jws.extract_compact(token.encode()).headers()
        except (JoseError, ValueError, UnicodeError):
            return None
        # The algorithm and key come from us, never from the token.
        if header.get("alg") != ALGORITHM or header.get("typ") != TOKEN_TYPE:
            return None
        keys = self._keys.public_key_set()
        if header.get("kid") not in {key.kid for key in keys.keys}:
            return None
        try:
            claims = jwt.decode(token, keys, algorithms=[ALGORITHM]).claims
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self._issuer},
                aud={"essential": True, "value": self._audience},
                exp={"essential": True},
                jti={"essential": True},
                client_id={"essential": True},
            ).validate(claims)
        except (JoseError, ValueError):
            return None
        return claims
