"""Access tokens for the test callers, signed like the gateway signs them.

The matrix tests need many tokens quickly; they are minted here with a key
stored in `signing_keys` and a client row per role, so they pass the same
verification a token from `POST /oauth/token` passes (tests/auth covers that
endpoint itself).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from joserfc import jwt
from joserfc.jwk import ECKey
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.db.models import OAuthClient, Partner, SigningKey
from gateway.settings import Settings

KID = "test-signing-key"
SETTINGS = Settings()


@dataclass(frozen=True)
class Role:
    """A test caller: which partner it acts for and with which scopes."""

    partner: str
    scopes: str


ROLES: dict[str, Role] = {
    # Default caller of the graph tests: may search candidates, nothing else.
    "reader": Role("sahara", "candidates:read"),
    "company": Role("atlas", "candidates:read candidates:contact "
                    "opportunities:read opportunities:write connectors:manage"),
    "company2": Role("sahara", "candidates:read candidates:contact "
                     "opportunities:read opportunities:write connectors:manage"),
    "university": Role("alpha", "enrollment:read enrollment:write candidates:read "
                       "candidates:contact opportunities:read opportunities:write"),
    "university2": Role("beta", "enrollment:read enrollment:write candidates:read "
                        "candidates:contact opportunities:read opportunities:write"),
    "diaspora": Role("diaspora", "candidates:read opportunities:read "
                     "opportunities:write"),
    "admin": Role("platform", "admin"),
}  # fmt: skip


@dataclass
class TokenMint:
    """Mints tokens for roles; `revoked_client` names a client revoked at setup."""

    key: ECKey
    partners: dict[str, tuple[int, str, int | None]]

    def token(self, role: str, **overrides: Any) -> str:
        """A valid access token for `role`; `overrides` replace claims."""
        spec = ROLES[role]
        partner_id, kind, university_id = self.partners[spec.partner]
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": SETTINGS.issuer,
            "aud": SETTINGS.token_audience,
            "sub": f"client-{role}",
            "client_id": f"client-{role}",
            "scope": spec.scopes,
            "iat": now,
            "exp": now + 600,
            "jti": uuid.uuid4().hex,
            "partner_id": partner_id,
            "partner_kind": kind,
        }
        if university_id is not None:
            claims["university_id"] = university_id
        claims.update(overrides)
        header = {"alg": "ES256", "typ": "at+jwt", "kid": KID}
        return jwt.encode(header, claims, self.key)


async def install_token_mint(engine: AsyncEngine) -> TokenMint:
    """Store the test key and a client per role; return the mint."""
    key = ECKey.generate_key(
        "P-256", parameters={"kid": KID, "alg": "ES256", "use": "sig"}
    )
    partners_table: Any = Partner.__table__
    async with engine.begin() as conn:
        await conn.execute(
            sa.insert(SigningKey.__table__).values(
                kid=KID,
                algorithm="ES256",
                private_jwk=key.as_dict(private=True),
                public_jwk=key.as_dict(private=False),
            )
        )
        rows = (
            await conn.execute(
                sa.select(
                    partners_table.c.id,
                    partners_table.c.slug,
                    partners_table.c.kind,
                    partners_table.c.university_id,
                )
            )
        ).all()
        partners = {
            row.slug: (row.id, row.kind.value, row.university_id) for row in rows
        }
        for role, spec in ROLES.items():
            await conn.execute(
                sa.insert(OAuthClient.__table__).values(
                    client_id=f"client-{role}",
                    partner_id=partners[spec.partner][0],
                    name=role,
                    secret_hash="not-used-by-minted-tokens",
                    scopes=spec.scopes,
                )
            )
    return TokenMint(key=key, partners=partners)
