"""The operators' side: register partners and give them client credentials.

Everything here runs from the command line on a blocking engine, one
transaction per change. Errors say what to fix, in one line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from auth.client_secrets import (
    generate_client_id,
    generate_client_secret,
    hash_client_secret,
)
from auth.scopes import ALL_SCOPES, disallowed_scopes, parse_scopes
from gateway.db.enums import PartnerKind, UniversitySector
from gateway.db.models import OAuthClient, Partner, University, table_of
from gateway.db.text import fold, university_search_text

logger = logging.getLogger(__name__)

partners = table_of(Partner)
universities = table_of(University)
oauth_clients = table_of(OAuthClient)

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
# The school a partner of these kinds speaks for is of this sector.
SCHOOL_SECTORS = {
    PartnerKind.UNIVERSITY: UniversitySector.PUBLIC,
    PartnerKind.PRIVATE_INSTITUTE: UniversitySector.PRIVATE,
}


class RegistryError(Exception):
    """An operator's request that cannot be carried out as given."""


class NotFound(RegistryError):
    """The partner, client or university named does not exist."""

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"no {what} {key!s}")


class Invalid(RegistryError):
    """A value that breaks a rule; the message names the rule."""


@dataclass(frozen=True)
class PartnerSummary:
    """A partner as the CLI lists it."""

    id: int
    slug: str
    name: str
    kind: str
    country: str | None
    university_id: int | None


@dataclass(frozen=True)
class ClientSummary:
    """A client as the CLI lists it: never its secret, not even the hash."""

    client_id: str
    name: str
    partner: str
    scopes: list[str]
    created_at: str
    revoked_at: str | None
    secret_rotated_at: str | None


@dataclass(frozen=True)
class IssuedCredentials:
    """A client id with its secret in clear: shown once, never stored."""

    client_id: str
    client_secret: str
    scopes: list[str]
    partner: str


def slug_for(name: str) -> str:
    """A slug from a partner's name: folded, lower case, dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:80].strip("-")
    if not slug:
        raise Invalid(f"cannot make a slug from {name!r}: pass --slug")
    return slug


def create_partner(
    engine: sa.Engine,
    *,
    name: str,
    kind: PartnerKind,
    slug: str | None = None,
    country: str | None = None,
    university_id: int | None = None,
    city: str | None = None,
) -> PartnerSummary:
    """Register a partner; a school partner gets, or is linked to, its university."""
    name = name.strip()
    if not name or len(name) > 255:
        raise Invalid("--name must be 1 to 255 characters")
    slug = slug if slug is not None else slug_for(name)
    if not SLUG.match(slug):
        raise Invalid(f"slug {slug!r} must be lower-case letters, digits and dashes")
    if country is not None and not COUNTRY.match(country):
        raise Invalid(f"--country {country!r} is not an ISO 3166-1 alpha-2 code")
    sector = SCHOOL_SECTORS.get(kind)
    if sector is None and (university_id is not None or city is not None):
        raise Invalid(
            "--university and --city apply to university and private_institute "
            "partners only"
        )

    try:
        with engine.begin() as connection:
            partner_id, university_id = _insert_partner(
                connection, name, kind, slug, country, university_id, city
            )
    except sa.exc.IntegrityError as exc:
        # Another operator registered the same slug or school just now.
        raise Invalid(
            f"a partner with slug {slug!r} or that university exists"
        ) from exc
    logger.info("registered partner %s (id %d, %s)", slug, partner_id, kind.value)
    return PartnerSummary(partner_id, slug, name, kind.value, country, university_id)


def _insert_partner(
    connection: sa.Connection,
    name: str,
    kind: PartnerKind,
    slug: str,
    country: str | None,
    university_id: int | None,
    city: str | None,
) -> tuple[int, int | None]:
    """Insert the partner (and its new university); their ids."""
    if connection.scalar(sa.select(partners.c.id).where(partners.c.slug == slug)):
        raise Invalid(f"a partner with slug {slug!r} already exists")
    sector = SCHOOL_SECTORS.get(kind)
    if sector is not None:
        university_id = _school_for(connection, name, sector, university_id, city)
    now = datetime.now(UTC)
    partner_id = connection.execute(
        sa.insert(partners)
        .values(
            kind=kind,
            name=name,
            slug=slug,
            country=country,
            university_id=university_id,
            created_at=now,
            updated_at=now,
        )
        .returning(partners.c.id)
    ).scalar_one()
    return int(partner_id), university_id


def list_partners(engine: sa.Engine) -> list[PartnerSummary]:
    """Every partner, by slug."""
    statement = sa.select(
        partners.c.id,
        partners.c.slug,
        partners.c.name,
        partners.c.kind,
        partners.c.country,
        partners.c.university_id,
    ).order_by(partners.c.slug)
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return [
        PartnerSummary(r.id, r.slug, r.name, _value(r.kind), r.country, r.university_id)
        for r in rows
    ]


def create_client(
    engine: sa.Engine, *, partner: str, scopes: str, name: str = ""
) -> IssuedCredentials:
    """Give partner `partner` (a slug) a new client holding `scopes`."""
    wanted = parse_scopes(scopes)
    if not wanted:
        raise Invalid("--scopes must name at least one scope")
    unknown = wanted - ALL_SCOPES
    if unknown:
        raise Invalid(f"unknown scope(s): {', '.join(sorted(unknown))}")
    if len(name) > 120:
        raise Invalid("--name must be at most 120 characters")

    with engine.begin() as connection:
        partner_id, kind = _partner(connection, partner)
        refused = disallowed_scopes(kind, wanted)
        if refused:
            raise Invalid(
                f"scope(s) not allowed for {kind.value} partners: "
                f"{', '.join(sorted(refused))}"
            )
        client_id = generate_client_id()
        secret = generate_client_secret()
        now = datetime.now(UTC)
        connection.execute(
            sa.insert(oauth_clients).values(
                client_id=client_id,
                partner_id=partner_id,
                name=name,
                secret_hash=hash_client_secret(secret),
                scopes=" ".join(sorted(wanted)),
                created_at=now,
                updated_at=now,
            )
        )
    logger.info("created client %s for partner %s", client_id, partner)
    return IssuedCredentials(client_id, secret, sorted(wanted), partner)


def list_clients(engine: sa.Engine, partner: str | None = None) -> list[ClientSummary]:
    """Clients, revoked ones included, of one partner or of all."""
    statement = (
        sa.select(
            oauth_clients.c.client_id,
            oauth_clients.c.name,
            partners.c.slug,
            oauth_clients.c.scopes,
            oauth_clients.c.created_at,
            oauth_clients.c.revoked_at,
            oauth_clients.c.secret_rotated_at,
        )
        .join(partners, partners.c.id == oauth_clients.c.partner_id)
        .order_by(partners.c.slug, oauth_clients.c.created_at, oauth_clients.c.id)
    )
    with engine.connect() as connection:
        if partner is not None:
            _partner(connection, partner)
            statement = statement.where(partners.c.slug == partner)
        rows = connection.execute(statement).all()
    return [
        ClientSummary(
            client_id=r.client_id,
            name=r.name,
            partner=r.slug,
            scopes=sorted(parse_scopes(r.scopes)),
            created_at=r.created_at.isoformat(),
            revoked_at=_iso(r.revoked_at),
            secret_rotated_at=_iso(r.secret_rotated_at),
        )
        for r in rows
    ]


def revoke_client(engine: sa.Engine, client_id: str) -> bool:
    """Revoke a client; its tokens stop working at once. False if it already was."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        _client(connection, client_id)
        changed = connection.execute(
            sa.update(oauth_clients)
            .where(
                oauth_clients.c.client_id == client_id,
                oauth_clients.c.revoked_at.is_(None),
            )
            .values(revoked_at=now, updated_at=now)
        ).rowcount
    if changed:
        logger.info("revoked client %s", client_id)
    return bool(changed)


def rotate_client_secret(engine: sa.Engine, client_id: str) -> IssuedCredentials:
    """Give a client a new secret; the old one stops working at once.

    Tokens already issued stay valid until they expire: revoke the client
    if the old secret leaked and they must die too.
    """
    secret = generate_client_secret()
    now = datetime.now(UTC)
    with engine.begin() as connection:
        row = _client(connection, client_id)
        if row.revoked_at is not None:
            raise Invalid(f"client {client_id} is revoked; create a new one")
        connection.execute(
            sa.update(oauth_clients)
            .where(oauth_clients.c.client_id == client_id)
            .values(
                secret_hash=hash_client_secret(secret),
                secret_rotated_at=now,
                updated_at=now,
            )
        )
    logger.info("issued new credentials to client %s", client_id)
    return IssuedCredentials(
        client_id, secret, sorted(parse_scopes(row.scopes)), row.slug
    )


def _school_for(
    connection: sa.Connection,
    name: str,
    sector: UniversitySector,
    university_id: int | None,
    city: str | None,
) -> int:
    """The university a school partner speaks for: linked, or created now."""
    if university_id is not None:
        if city is not None:
            raise Invalid(
                "--city describes a new university; omit it with --university"
            )
        if not connection.scalar(
            sa.select(universities.c.id).where(universities.c.id == university_id)
        ):
            raise NotFound("university with id", university_id)
        if connection.scalar(
            sa.select(partners.c.slug).where(partners.c.university_id == university_id)
        ):
            raise Invalid(f"university {university_id} already has a partner")
        return university_id
    if city is None or not city.strip():
        raise Invalid(
            "--city is required to create the partner's university "
            "(or link one with --university ID)"
        )
    now = datetime.now(UTC)
    return int(
        connection.execute(
            sa.insert(universities)
            .values(
                name=name,
                names={},
                sector=sector,
                city=city.strip()[:120],
                country="MA",
                search_text=university_search_text([name], None),
                created_at=now,
                updated_at=now,
            )
            .returning(universities.c.id)
        ).scalar_one()
    )


def _partner(connection: sa.Connection, slug: str) -> tuple[int, PartnerKind]:
    row = connection.execute(
        sa.select(partners.c.id, partners.c.kind).where(partners.c.slug == slug)
    ).first()
    if row is None:
        raise NotFound("partner with slug", slug)
    return int(row.id), PartnerKind(row.kind)


@dataclass(frozen=True)
class _ClientState:
    revoked_at: datetime | None
    scopes: str
    slug: str


def _client(connection: sa.Connection, client_id: str) -> _ClientState:
    row = connection.execute(
        sa.select(oauth_clients.c.revoked_at, oauth_clients.c.scopes, partners.c.slug)
        .join(partners, partners.c.id == oauth_clients.c.partner_id)
        .where(oauth_clients.c.client_id == client_id)
    ).first()
    if row is None:
        raise NotFound("client", client_id)
    return _ClientState(row.revoked_at, row.scopes, row.slug)


def _value(kind: object) -> str:
    return kind.value if isinstance(kind, PartnerKind) else str(kind)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
