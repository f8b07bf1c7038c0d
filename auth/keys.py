"""The key pairs that sign access tokens, and their public half (RFC 7517).

One key is active and signs every new token. A rotation retires it and
makes a new one active; the retired key stays published until the last
token it signed has expired, so resource servers keep accepting it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from joserfc.jwk import ECKey, KeySet

from auth.verify import ALGORITHM, CLOCK_LEEWAY_SECONDS
from gateway.db.models import SigningKey, table_of

logger = logging.getLogger(__name__)

CURVE = "P-256"  # what ES256 signs with
signing_keys = table_of(SigningKey)


class KeyRotationConflict(Exception):
    """Another rotation won the race; nothing was changed by this one."""

    def __init__(self) -> None:
        super().__init__(
            "another instance rotated the signing key at the same time; "
            "run the rotation again if a second new key is wanted"
        )


@dataclass(frozen=True)
class Rotation:
    """What a rotation did: the key now signing, and the one it replaced."""

    active_kid: str
    retired_kid: str | None


def generate_key_row() -> dict[str, Any]:
    """A new P-256 key pair as a `signing_keys` row, named by its thumbprint.

    The kid is the RFC 7638 thumbprint, so it is unique per key material.
    """
    key = ECKey.generate_key(
        CURVE, parameters={"alg": ALGORITHM, "use": "sig"}, auto_kid=True
    )
    return {
        "kid": key.kid,
        "algorithm": ALGORITHM,
        "private_jwk": key.as_dict(private=True),
        "public_jwk": key.as_dict(private=False),
        "created_at": datetime.now(UTC),
    }


class SigningKeys:
    """The `signing_keys` table, read and written through a blocking engine."""

    def __init__(self, engine: sa.Engine, token_lifetime: int) -> None:
        self._engine = engine
        # A retired key is published while tokens it signed may be alive.
        self._published_for = timedelta(seconds=token_lifetime + CLOCK_LEEWAY_SECONDS)
        self._imported: dict[str, ECKey] = {}

    def ensure_active(self) -> str:
        """The kid of the active key, creating the first key if there is none.

        Instances that start together may all find no key; the unique index
        on active keys lets one insert win, and the others read its key.
        """
        kid = self._active_kid()
        if kid is not None:
            return kid
        row = generate_key_row()
        try:
            with self._engine.begin() as connection:
                connection.execute(sa.insert(signing_keys).values(**row))
        except sa.exc.IntegrityError:
            kid = self._active_kid()
            if kid is None:  # pragma: no cover - the winner was rotated away
                raise
            return kid
        logger.info("created signing key %s", row["kid"])
        return str(row["kid"])

    def rotate(self) -> Rotation:
        """Retire the active key and make a new one active, in one transaction."""
        row = generate_key_row()
        retire = (
            sa.update(signing_keys)
            .where(
                signing_keys.c.retired_at.is_(None),
                signing_keys.c.algorithm == ALGORITHM,
            )
            .values(retired_at=row["created_at"])
            .returning(signing_keys.c.kid)
        )
        try:
            with self._engine.begin() as connection:
                retired = connection.execute(retire).scalars().first()
                connection.execute(sa.insert(signing_keys).values(**row))
        except sa.exc.IntegrityError as exc:
            raise KeyRotationConflict() from exc
        logger.info("rotated signing key: %s replaces %s", row["kid"], retired)
        return Rotation(active_kid=str(row["kid"]), retired_kid=retired)

    def active_key(self) -> ECKey:
        """The private key that signs new tokens (created on first use)."""
        statement = sa.select(signing_keys.c.kid, signing_keys.c.private_jwk).where(
            signing_keys.c.retired_at.is_(None),
            signing_keys.c.algorithm == ALGORITHM,
        )
        with self._engine.connect() as connection:
            row = connection.execute(statement).first()
        if row is None:
            # Apps driven without their lifespan (tests, embedding) reach
            # here before any startup created a key.
            self.ensure_active()
            return self.active_key()
        key = self._imported.get(row.kid)
        if key is None:
            key = self._imported[row.kid] = ECKey.import_key(dict(row.private_jwk))
        return key

    def public_jwks(self) -> dict[str, list[dict[str, Any]]]:
        """The JWK Set resource servers verify with: active and recent keys."""
        cutoff = datetime.now(UTC) - self._published_for
        statement = (
            sa.select(signing_keys.c.public_jwk)
            .where(
                sa.or_(
                    signing_keys.c.retired_at.is_(None),
                    signing_keys.c.retired_at > cutoff,
                )
            )
            .order_by(signing_keys.c.id.desc())
        )
        with self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return {"keys": [dict(row.public_jwk) for row in rows]}

    def public_key_set(self) -> KeySet:
        """`public_jwks` imported, for reading tokens back."""
        return KeySet.import_key_set(self.public_jwks())  # type: ignore[arg-type]

    def _active_kid(self) -> str | None:
        statement = sa.select(signing_keys.c.kid).where(
            signing_keys.c.retired_at.is_(None),
            signing_keys.c.algorithm == ALGORITHM,
        )
        with self._engine.connect() as connection:
            kid = connection.execute(statement).scalar()
        return None if kid is None else str(kid)
