"""Vocabularies stored in the database and exposed in the graph.

Values are lower-case strings so that rows stay readable in SQL and stable
across releases; GraphQL shows the upper-case member names.
"""

from __future__ import annotations

import enum


class UniversitySector(enum.StrEnum):
    """Whether an institution is run by the state or privately."""

    PUBLIC = "public"
    PRIVATE = "private"
    PUBLIC_PRIVATE_PARTNERSHIP = "public_private_partnership"


class DegreeLevel(enum.StrEnum):
    """Degrees awarded in Morocco's LMD system and its engineering schools."""

    DUT = "dut"
    BTS = "bts"
    DEUG = "deug"
    LICENCE = "licence"
    LICENCE_PROFESSIONNELLE = "licence_professionnelle"
    MASTER = "master"
    MASTER_SPECIALISE = "master_specialise"
    INGENIEUR = "ingenieur"
    DOCTORAT = "doctorat"
    DOCTORAT_MEDECINE = "doctorat_medecine"
    CERTIFICATE = "certificate"


class AlumnusStatus(enum.StrEnum):
    """Where a person stands with respect to their studies."""

    STUDENT = "student"
    GRADUATE = "graduate"
    PROFESSIONAL = "professional"


class EnrollmentStatus(enum.StrEnum):
    """State of one enrollment in one program."""

    ACTIVE = "active"
    GRADUATED = "graduated"
    WITHDRAWN = "withdrawn"


class PartnerKind(enum.StrEnum):
    """What kind of organisation a partner is; it bounds its scopes."""

    COMPANY = "company"
    UNIVERSITY = "university"
    PRIVATE_INSTITUTE = "private_institute"
    DIASPORA_ORG = "diaspora_org"
    PLATFORM = "platform"


class OpportunityKind(enum.StrEnum):
    """What an opportunity offers."""

    JOB = "job"
    INTERNSHIP = "internship"
    TRAINING = "training"
    SCHOLARSHIP = "scholarship"
    MENTORING = "mentoring"
    EVENT = "event"


class OpportunityStatus(enum.StrEnum):
    """Publication state; only published opportunities are public."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class WorkplaceType(enum.StrEnum):
    """Where the work happens."""

    ON_SITE = "on_site"
    HYBRID = "hybrid"
    REMOTE = "remote"


class EmploymentType(enum.StrEnum):
    """Contract form, one vocabulary for every source."""

    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    TEMPORARY = "temporary"
    INTERNSHIP = "internship"
    APPRENTICESHIP = "apprenticeship"
    VOLUNTEER = "volunteer"
    OTHER = "other"


class SalaryPeriod(enum.StrEnum):
    """The time unit a salary amount is paid for."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class CefrLevel(enum.StrEnum):
    """Common European Framework of Reference language level, A1 to C2.

    Stored with its rank (`CEFR_RANK`) so "at least B2" is a plain
    comparison in SQL.
    """

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


CEFR_RANK: dict[CefrLevel, int] = {
    level: rank for rank, level in enumerate(CefrLevel, 1)
}


class SyncRunStatus(enum.StrEnum):
    """How a connector's sync run ended, or that it is still going."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    # Stopped before writing: it would close more postings than allowed.
    NEEDS_CONFIRMATION = "needs_confirmation"
