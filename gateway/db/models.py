"""The platform's data model.

Personal data lives only on `Alumnus` (names, e-mail, phone). Consent is two
explicit flags that default to "no"; every read path that serves partners
filters on them inside the SQL statement.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from gateway.db.base import Base
from gateway.db.enums import (
    AlumnusStatus,
    CefrLevel,
    DegreeLevel,
    EmploymentType,
    EnrollmentStatus,
    OpportunityKind,
    OpportunityStatus,
    PartnerKind,
    SalaryPeriod,
    SyncRunStatus,
    UniversitySector,
    WorkplaceType,
)
from gateway.db.types import PortableJSON, UTCDateTime, enum_column


def utcnow() -> datetime:
    """Current time, timezone-aware, for column defaults."""
    return datetime.now(UTC)


class TimestampMixin:
    """Creation and last-change times, set by the gateway, never by input."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow
    )


class University(TimestampMixin, Base):
    """A public or private higher-education institution in Morocco."""

    __tablename__ = "universities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    # Names by ISO 639-1 language code, e.g. {"fr": ..., "ar": ..., "en": ...}.
    names: Mapped[dict[str, str]] = mapped_column(PortableJSON, default=dict)
    acronym: Mapped[str | None] = mapped_column(sa.String(32))
    sector: Mapped[UniversitySector] = mapped_column(enum_column(UniversitySector))
    city: Mapped[str] = mapped_column(sa.String(120))
    country: Mapped[str] = mapped_column(sa.String(2), default="MA")
    website: Mapped[str | None] = mapped_column(sa.String(500))
    # The school's org in its own OneRoster exports; unique only there, so
    # two universities may share a value.
    oneroster_org_id: Mapped[str | None] = mapped_column(sa.String(255))
    # Folded names in every language plus the acronym, for `search`.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (sa.Index("ix_universities_name", "name"),)


class Program(TimestampMixin, Base):
    """A course of study leading to a degree at one university."""

    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    university_id: Mapped[int] = mapped_column(
        sa.ForeignKey("universities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(255))
    names: Mapped[dict[str, str]] = mapped_column(PortableJSON, default=dict)
    degree_level: Mapped[DegreeLevel] = mapped_column(enum_column(DegreeLevel))
    # ISCED-F 2013 detailed field, four digits (e.g. "0613" software).
    field_of_study: Mapped[str] = mapped_column(sa.String(4), index=True)
    oneroster_course_id: Mapped[str | None] = mapped_column(sa.String(255))

    __table_args__ = (
        sa.UniqueConstraint("university_id", "oneroster_course_id"),
        sa.Index("ix_programs_degree_level", "degree_level"),
    )


class Alumnus(TimestampMixin, Base):
    """A person known to the platform: student, graduate or professional."""

    __tablename__ = "alumni"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(sa.String(120))
    family_name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str | None] = mapped_column(sa.String(320))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    nationality: Mapped[str] = mapped_column(sa.String(2))
    residence_country: Mapped[str] = mapped_column(sa.String(2))
    status: Mapped[AlumnusStatus] = mapped_column(enum_column(AlumnusStatus))
    graduation_year: Mapped[int | None] = mapped_column(sa.SmallInteger)
    headline: Mapped[str | None] = mapped_column(sa.String(200))
    is_visible_to_partners: Mapped[bool] = mapped_column(default=False)
    is_contactable: Mapped[bool] = mapped_column(default=False)
    # Lower-cased, accent-free names and skills: one portable LIKE target.
    search_text: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (
        # The candidate pool always filters on consent and pages by id.
        sa.Index("ix_alumni_visible_id", "is_visible_to_partners", "id"),
        sa.Index("ix_alumni_graduation_year", "graduation_year"),
        sa.Index("ix_alumni_status", "status"),
        sa.Index("ix_alumni_nationality", "nationality"),
        sa.Index("ix_alumni_residence_country", "residence_country"),
    )


class AlumnusLanguage(Base):
    """A language an alumnus speaks, with a CEFR level."""

    __tablename__ = "alumnus_languages"

    alumnus_id: Mapped[int] = mapped_column(
        sa.ForeignKey("alumni.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    level: Mapped[CefrLevel] = mapped_column(enum_column(CefrLevel, 2))
    level_rank: Mapped[int] = mapped_column(sa.SmallInteger)

    __table_args__ = (
        sa.Index("ix_alumnus_languages_language_rank", "language", "level_rank"),
    )


class AlumnusSkill(Base):
    """A skill an alumnus lists, normalised to lower case."""

    __tablename__ = "alumnus_skills"

    alumnus_id: Mapped[int] = mapped_column(
        sa.ForeignKey("alumni.id", ondelete="CASCADE"), primary_key=True
    )
    skill: Mapped[str] = mapped_column(sa.String(80), primary_key=True)

    __table_args__ = (sa.Index("ix_alumnus_skills_skill", "skill", "alumnus_id"),)


class Enrollment(TimestampMixin, Base):
    """One alumnus in one program of one university over a period."""

    __tablename__ = "enrollments"

    id: Mapped[int] = mapped_column(primary_key=True)
    alumnus_id: Mapped[int] = mapped_column(
        sa.ForeignKey("alumni.id", ondelete="CASCADE"), index=True
    )
    university_id: Mapped[int] = mapped_column(
        sa.ForeignKey("universities.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("programs.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[EnrollmentStatus] = mapped_column(enum_column(EnrollmentStatus))
    begin_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    # The source system's id (OneRoster sourcedId), unique per university.
    source_id: Mapped[str | None] = mapped_column(sa.String(255))

    __table_args__ = (sa.UniqueConstraint("university_id", "source_id"),)


class Partner(TimestampMixin, Base):
    """An organisation that uses the gateway: company, school, association."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PartnerKind] = mapped_column(enum_column(PartnerKind))
    name: Mapped[str] = mapped_column(sa.String(255))
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    country: Mapped[str | None] = mapped_column(sa.String(2))
    website: Mapped[str | None] = mapped_column(sa.String(500))
    # Set for kinds `university` and `private_institute`: the school it speaks for.
    university_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("universities.id", ondelete="SET NULL"), unique=True
    )


class Opportunity(TimestampMixin, Base):
    """A job, internship, training, scholarship, mentoring offer or event."""

    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="CASCADE")
    )
    kind: Mapped[OpportunityKind] = mapped_column(enum_column(OpportunityKind))
    status: Mapped[OpportunityStatus] = mapped_column(
        enum_column(OpportunityStatus), default=OpportunityStatus.DRAFT
    )
    # Language the partner wrote the text in (ISO 639-1); other languages
    # live in `opportunity_translations`.
    language: Mapped[str] = mapped_column(sa.String(8))
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    city: Mapped[str | None] = mapped_column(sa.String(120))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    workplace_type: Mapped[WorkplaceType] = mapped_column(
        enum_column(WorkplaceType), default=WorkplaceType.ON_SITE
    )
    employment_type: Mapped[EmploymentType | None] = mapped_column(
        enum_column(EmploymentType)
    )
    salary_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    salary_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    salary_currency: Mapped[str | None] = mapped_column(sa.String(3))
    salary_period: Mapped[SalaryPeriod | None] = mapped_column(
        enum_column(SalaryPeriod)
    )
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    apply_url: Mapped[str | None] = mapped_column(sa.String(1000))
    # Where the posting came from: "manual" or a connector kind.
    source: Mapped[str] = mapped_column(sa.String(40), default="manual")
    external_id: Mapped[str | None] = mapped_column(sa.String(255))
    search_text: Mapped[str] = mapped_column(sa.Text, default="")
    # Provenance of postings a connector brought in; None on manual ones.
    connector_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("connectors.id", ondelete="SET NULL"), index=True
    )
    # The source's own last-change time, when it publishes one.
    source_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # `Posting.content_hash()` of what was last written: equal, unchanged.
    content_hash: Mapped[str | None] = mapped_column(sa.String(64))
    # When the snapshot that last wrote this row was fetched.
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when a sync closed the posting because it left its feed: only
    # those are reopened when they come back, never ones closed by hand.
    sync_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        sa.UniqueConstraint("partner_id", "source", "external_id"),
        # Public listing: published, newest first, keyset on (posted_at, id).
        sa.Index("ix_opportunities_status_posted", "status", "posted_at", "id"),
        sa.Index("ix_opportunities_kind", "kind"),
        sa.Index("ix_opportunities_country", "country"),
    )


class OpportunityTranslation(Base):
    """The title and description of an opportunity in another language."""

    __tablename__ = "opportunity_translations"

    opportunity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    __table_args__ = (
        sa.Index("ix_opportunity_translations_language", "language", "opportunity_id"),
    )


class OpportunitySkill(Base):
    """A skill an opportunity asks for, normalised to lower case."""

    __tablename__ = "opportunity_skills"

    opportunity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True
    )
    skill: Mapped[str] = mapped_column(sa.String(80), primary_key=True)

    __table_args__ = (
        sa.Index("ix_opportunity_skills_skill", "skill", "opportunity_id"),
    )


class OpportunityLanguage(Base):
    """A language an opportunity requires, with the minimum CEFR level."""

    __tablename__ = "opportunity_languages"

    opportunity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    min_level: Mapped[CefrLevel] = mapped_column(enum_column(CefrLevel, 2))
    min_level_rank: Mapped[int] = mapped_column(sa.SmallInteger)


def table_of(model: type[Base]) -> sa.Table:
    """The Core table behind a mapped class (read paths use Core, not the ORM)."""
    table: Any = model.__table__
    return table  # type: ignore[no-any-return]


class OAuthClient(TimestampMixin, Base):
    """A partner's machine credentials for the client credentials grant.

    Only a hash of the secret is stored; the secret is shown once.
    """

    __tablename__ = "oauth_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    partner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120), default="")
    secret_hash: Mapped[str] = mapped_column(sa.String(255))
    # Space-separated, as in OAuth2's `scope` parameter.
    scopes: Mapped[str] = mapped_column(sa.String(500))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    secret_rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SigningKey(Base):
    """A key pair that signs access tokens; public halves form the JWKS.

    A retired key signs nothing new but stays published until every token
    it signed has expired.
    """

    __tablename__ = "signing_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    kid: Mapped[str] = mapped_column(sa.String(64), unique=True)
    algorithm: Mapped[str] = mapped_column(sa.String(10))
    # Limitation: the private JWK is stored as is; protect the database (or
    # its backups) as you would the key itself.
    private_jwk: Mapped[dict[str, Any]] = mapped_column(PortableJSON)
    public_jwk: Mapped[dict[str, Any]] = mapped_column(PortableJSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        # One active key per algorithm: two instances starting at once
        # cannot both create one, and two rotations cannot both succeed.
        sa.Index(
            "uq_signing_keys_active_algorithm",
            "algorithm",
            unique=True,
            sqlite_where=sa.text("retired_at IS NULL"),
            postgresql_where=sa.text("retired_at IS NULL"),
        ),
    )


class RevokedToken(Base):
    """An access token revoked before its expiry (RFC 7009), by `jti`."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(64))
    # Rows past this time can be purged: the token is dead anyway.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditRecord(Base):
    """Who read whose contact data, and which fields: never the values."""

    __tablename__ = "audit_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    client_id: Mapped[str] = mapped_column(sa.String(64))
    partner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="SET NULL"), index=True
    )
    alumni_ids: Mapped[list[int]] = mapped_column(PortableJSON)
    fields: Mapped[list[str]] = mapped_column(PortableJSON)
    operation: Mapped[str | None] = mapped_column(sa.String(200))


class Connector(TimestampMixin, Base):
    """A partner's feed that the gateway fetches and mirrors on an interval."""

    __tablename__ = "connectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    # A feed format (`connectors.formats`): greenhouse, lever, rss, ...
    kind: Mapped[str] = mapped_column(sa.String(40))
    # The address the connector starts from, as the operator gave it.
    url: Mapped[str] = mapped_column(sa.String(1000))
    interval_minutes: Mapped[int] = mapped_column(sa.Integer)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    # Set by the graph to ask for a run now; the scheduler picks it up and
    # the run that starts clears it.
    sync_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The requested run may close more postings than the usual share.
    is_close_confirmed: Mapped[bool] = mapped_column(default=False)
    # Cross-process run lock: taken by a conditional UPDATE, so it works
    # alike on SQLite and PostgreSQL; it lapses if its holder dies.
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lock_token: Mapped[str | None] = mapped_column(sa.String(32))
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (sa.UniqueConstraint("partner_id", "kind", "url"),)


class SyncRun(Base):
    """One attempt to mirror a connector's feed: outcome, counts, rejects.

    Errors are stored as a stable code and a message free of secrets and
    personal data; `rejects` keeps the first 100 rejected postings.
    """

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    connector_id: Mapped[int] = mapped_column(
        sa.ForeignKey("connectors.id", ondelete="CASCADE")
    )
    partner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SyncRunStatus] = mapped_column(enum_column(SyncRunStatus))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    duration_ms: Mapped[int | None] = mapped_column(sa.Integer)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    closed: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    error_code: Mapped[str | None] = mapped_column(sa.String(64))
    error_message: Mapped[str | None] = mapped_column(sa.String(500))
    # [{"position": ..., "reason": ..., "external_id": ...}, ...]
    rejects: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON, default=list)

    __table_args__ = (
        # A connector's runs, newest first.
        sa.Index("ix_sync_runs_connector_started", "connector_id", "started_at"),
    )


class RosterId(Base):
    """What a university's roster system (OneRoster) calls one of our rows.

    Enrollments and programs carry their source ids themselves; people,
    classes and child orgs need this map so the next import, a delta
    especially, finds the same rows. `kind` says what `target_id` is:
    `user` an alumnus, `class` a program, `org` the university itself.
    """

    __tablename__ = "roster_ids"

    university_id: Mapped[int] = mapped_column(
        sa.ForeignKey("universities.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    source_id: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    target_id: Mapped[int] = mapped_column(sa.Integer)


class EnrollmentImport(Base):
    """One OneRoster import of a university: outcome, counts, first rejects.

    `content_hash` makes imports idempotent: the same files imported again
    for the same university are recognised and change nothing.
    """

    __tablename__ = "enrollment_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    university_id: Mapped[int] = mapped_column(
        sa.ForeignKey("universities.id", ondelete="CASCADE")
    )
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    # "succeeded", or "rejected" when rejects stopped it (nothing applied).
    status: Mapped[str] = mapped_column(sa.String(32))
    oneroster_version: Mapped[str] = mapped_column(sa.String(16))
    # "bulk" or "delta" (a set mixing both is recorded as "delta").
    mode: Mapped[str] = mapped_column(sa.String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    ended: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    # [{"file": ..., "line": ..., "column": ..., "reason": ...}, ...]: the
    # first 100; never row values, which may be personal data.
    rejects: Mapped[list[dict[str, Any]]] = mapped_column(PortableJSON, default=list)

    __table_args__ = (
        sa.Index(
            "ix_enrollment_imports_university_hash", "university_id", "content_hash"
        ),
    )
