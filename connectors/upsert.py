"""Writing a snapshot: idempotent upsert by (partner, source, external id).

The caller holds one transaction open around `plan_writes` and
`apply_plan`, so the comparison and the writes see the same rows, and a
failure anywhere leaves every opportunity as it was. Writes go out as Core
executemany batches; a posting whose content did not change is not
written at all, so rerunning an unchanged feed touches no opportunity row.

Limitation: two connectors of one partner with the same kind share the
key space; a posting in both feeds belongs to whichever ran last.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from connectors.formats.base import Posting, Rejection
from gateway.db.enums import OpportunityStatus
from gateway.db.html import sanitise_html
from gateway.db.models import Opportunity, OpportunitySkill, table_of
from gateway.db.text import build_search_text, normalise_skill
from gateway.db.types import UTCDateTime

opportunities = table_of(Opportunity)
opportunity_skills = table_of(OpportunitySkill)

# Rows per executemany batch: large enough to amortise round trips, small
# enough to stay far below SQLite's and asyncpg's parameter limits.
BATCH = 500
# Numeric(14, 2) holds amounts below this.
SALARY_LIMIT = Decimal(10) ** 12
# The string columns a posting fills, and their lengths in the table.
LIMITS = {
    "external_id": 255,
    "title": 300,
    "language": 8,
    "city": 120,
    "apply_url": 1000,
}

T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """Whose postings are written: a connector of a partner, for a source."""

    connector_id: int
    partner_id: int
    source: str


@dataclass(frozen=True)
class Candidate:
    """A checked posting, with what comparing and writing it needs."""

    posting: Posting
    skills: tuple[str, ...]

    @functools.cached_property
    def content_hash(self) -> str:
        """The posting's digest, computed only when a comparison needs it."""
        return self.posting.content_hash()


@dataclass
class WritePlan:
    """What writing the snapshot will change, decided before any write."""

    inserts: list[Candidate] = field(default_factory=list)
    updates: list[tuple[int, Candidate]] = field(default_factory=list)
    unchanged: int = 0
    closes: list[int] = field(default_factory=list)
    # The connector's published postings before the run.
    open_count: int = 0


def check_posting(posting: Posting) -> str | None:
    """Why `posting` cannot be stored as given, or None when it can.

    Formats normalise already; this is the last guard before the table, so
    one odd posting becomes a rejection instead of failing the whole run.
    """
    if not posting.external_id.strip():
        return "the posting has no id"
    if not posting.title.strip():
        return "the posting has no title"
    if not posting.language.strip():
        return "the posting has no language"
    for name, limit in LIMITS.items():
        value = getattr(posting, name)
        if value is not None and len(value) > limit:
            return f"{name} is longer than {limit} characters"
    if posting.country is not None and len(posting.country) != 2:
        return "country is not a two-letter code"
    if posting.salary_currency is not None and len(posting.salary_currency) != 3:
        return "salary currency is not a three-letter code"
    for amount in (posting.salary_min, posting.salary_max):
        if amount is not None and not abs(amount) < SALARY_LIMIT:
            return "salary is out of range"
    for name in ("posted_at", "expires_at", "source_updated_at"):
        moment: datetime | None = getattr(posting, name)
        if moment is not None and moment.tzinfo is None:
            return f"{name} has no time zone"
    return None


def accept_postings(
    postings: Sequence[tuple[str, Posting]],
) -> tuple[list[Candidate], list[Rejection]]:
    """Check each (position, posting); the first of duplicate ids wins."""
    accepted: list[Candidate] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    for position, posting in postings:
        reason = check_posting(posting)
        if reason is None and posting.external_id in seen:
            reason = "the same id came earlier in the feed"
        if reason is not None:
            rejected.append(Rejection(position, reason, posting.external_id or None))
            continue
        seen.add(posting.external_id)
        skills = tuple(
            dict.fromkeys(filter(None, map(normalise_skill, posting.skills)))
        )
        accepted.append(Candidate(posting, skills))
    return accepted, rejected


def _is_unchanged(row: Any, candidate: Candidate, target: Target) -> bool:
    if row.connector_id != target.connector_id or row.sync_closed_at is not None:
        # Taken over from another connector, or closed by a sync: rewrite.
        return False
    # Where the source publishes a change time, it is the authority: text it
    # renders afresh each time (relative dates, tracking links) changes
    # nothing, and the posting need not even be hashed.
    updated_at = candidate.posting.source_updated_at
    if updated_at is not None and row.source_updated_at == updated_at:
        return True
    return bool(row.content_hash == candidate.content_hash)


async def plan_writes(
    connection: AsyncConnection,
    target: Target,
    candidates: list[Candidate],
    present_ids: set[str],
) -> WritePlan:
    """Compare the snapshot with the stored postings, in one read.

    `present_ids` holds the ids of rejected postings too: a posting whose
    latest edit at the source is unreadable is still there, not vanished.
    """
    result = await connection.execute(
        sa.select(
            opportunities.c.id,
            opportunities.c.external_id,
            opportunities.c.source,
            opportunities.c.status,
            opportunities.c.content_hash,
            opportunities.c.source_updated_at,
            opportunities.c.sync_closed_at,
            opportunities.c.connector_id,
        ).where(
            opportunities.c.partner_id == target.partner_id,
            sa.or_(
                opportunities.c.source == target.source,
                opportunities.c.connector_id == target.connector_id,
            ),
        )
    )
    stored: dict[str, Any] = {}
    plan = WritePlan()
    for row in result:
        if row.source == target.source and row.external_id is not None:
            stored[row.external_id] = row
        if (
            row.connector_id == target.connector_id
            and row.status == OpportunityStatus.PUBLISHED
        ):
            plan.open_count += 1
            if row.external_id not in present_ids:
                plan.closes.append(row.id)

    for candidate in candidates:
        existing = stored.get(candidate.posting.external_id)
        if existing is None:
            plan.inserts.append(candidate)
        elif _is_unchanged(existing, candidate, target):
            plan.unchanged += 1
        else:
            plan.updates.append((existing.id, candidate))
    return plan


def _values(
    candidate: Candidate, target: Target, fetched_at: datetime
) -> dict[str, Any]:
    posting = candidate.posting
    return {
        "kind": posting.kind,
        "language": posting.language,
        "title": posting.title,
        # Formats sanitise too; the table the graph serves must not depend
        # on every format getting it right.
        "description": sanitise_html(posting.description),
        "city": posting.city,
        "country": posting.country,
        "workplace_type": posting.workplace_type,
        "employment_type": posting.employment_type,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "salary_currency": posting.salary_currency,
        "salary_period": posting.salary_period,
        "expires_at": posting.expires_at,
        "apply_url": posting.apply_url,
        "search_text": build_search_text([posting.title, *candidate.skills]),
        "connector_id": target.connector_id,
        "source_updated_at": posting.source_updated_at,
        "content_hash": candidate.content_hash,
        "fetched_at": fetched_at,
    }


def _batches(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


# A changed posting keeps its publication state, unless a sync closed it
# when it left the feed: then its return reopens it.
_UPDATE = (
    sa.update(opportunities)
    .where(opportunities.c.id == sa.bindparam("_id"))
    .values(
        posted_at=sa.func.coalesce(
            sa.bindparam("_posted_at", type_=UTCDateTime()), opportunities.c.posted_at
        ),
        status=sa.case(
            (
                opportunities.c.sync_closed_at.is_not(None),
                sa.literal(OpportunityStatus.PUBLISHED, opportunities.c.status.type),
            ),
            else_=opportunities.c.status,
        ),
        sync_closed_at=None,
    )
)


async def apply_plan(
    connection: AsyncConnection,
    target: Target,
    plan: WritePlan,
    fetched_at: datetime,
) -> None:
    """Insert, update and close as planned, batch by batch."""
    skills: list[dict[str, Any]] = []
    for batch in _batches(plan.inserts):
        rows = [
            {
                **_values(candidate, target, fetched_at),
                "partner_id": target.partner_id,
                "source": target.source,
                "external_id": candidate.posting.external_id,
                "status": OpportunityStatus.PUBLISHED,
                "posted_at": candidate.posting.posted_at or fetched_at,
            }
            for candidate in batch
        ]
        # Matched by external id, not by order: asking for RETURNING rows in
        # parameter order makes SQLAlchemy insert one row per statement on
        # SQLite, which does not promise that order.
        result = await connection.execute(
            sa.insert(opportunities).returning(
                opportunities.c.id, opportunities.c.external_id
            ),
            rows,
        )
        inserted = {
            external_id: opportunity_id for opportunity_id, external_id in result
        }
        skills.extend(
            {"opportunity_id": inserted[candidate.posting.external_id], "skill": skill}
            for candidate in batch
            for skill in candidate.skills
        )

    for update_batch in _batches(plan.updates):
        await connection.execute(
            _UPDATE,
            [
                {
                    **_values(candidate, target, fetched_at),
                    "_id": opportunity_id,
                    "_posted_at": candidate.posting.posted_at,
                }
                for opportunity_id, candidate in update_batch
            ],
        )
        ids = [opportunity_id for opportunity_id, _ in update_batch]
        await connection.execute(
            sa.delete(opportunity_skills).where(
                opportunity_skills.c.opportunity_id.in_(ids)
            )
        )
        skills.extend(
            {"opportunity_id": opportunity_id, "skill": skill}
            for opportunity_id, candidate in update_batch
            for skill in candidate.skills
        )

    for skill_batch in _batches(skills):
        await connection.execute(sa.insert(opportunity_skills), list(skill_batch))

    for close_batch in _batches(plan.closes):
        await connection.execute(
            sa.update(opportunities)
            .where(opportunities.c.id.in_(close_batch))
            .values(status=OpportunityStatus.CLOSED, sync_closed_at=fetched_at)
        )
