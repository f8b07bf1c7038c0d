"""Sync runs as recorded in `sync_runs`: started, then finished once.

A run row is written in its own short transaction before the work starts
and again when it ends, so it survives the rollback of a failed write and
an operator sees a run that is still going.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from connectors.errors import ConnectorError, SyncInterrupted
from connectors.formats.base import Rejection
from gateway.db.enums import SyncRunStatus
from gateway.db.models import SyncRun, table_of

sync_runs = table_of(SyncRun)

# How many rejected postings a run keeps, and how long a message may be.
KEPT_REJECTS = 100
MESSAGE_LENGTH = 500

# Feed URLs may carry API keys in their query string or user part.
_URL = re.compile(
    r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?:[^@/\s]*@)?(?P<rest>[^\s?#]*)\S*"
)


@dataclass
class SyncCounts:
    """What a run did (or, stopped for confirmation, would have done)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one run, as recorded."""

    run_id: int
    connector_id: int
    status: SyncRunStatus
    counts: SyncCounts = field(default_factory=SyncCounts)
    duration_ms: int = 0
    error_code: str | None = None
    error_message: str | None = None

    @property
    def succeeded(self) -> bool:
        """True when the run wrote the snapshot."""
        return self.status is SyncRunStatus.SUCCEEDED

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON output."""
        return {
            "run_id": self.run_id,
            "connector_id": self.connector_id,
            "status": self.status.value,
            "created": self.counts.created,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "closed": self.counts.closed,
            "rejected": self.counts.rejected,
            "duration_ms": self.duration_ms,
            "error_code": self.error_code,
            "error_message": self.error_message,
        }


def describe(error: BaseException) -> str:
    """An error message fit to store: URLs cut to scheme, host and path."""
    text = " ".join(str(error).split()) or type(error).__name__
    text = _URL.sub(lambda m: m.group("scheme") + m.group("rest"), text)
    return text[:MESSAGE_LENGTH]


def error_code(error: BaseException) -> str:
    """The stable code of a connector error; database and other faults too."""
    if isinstance(error, ConnectorError):
        return error.code
    if isinstance(error, sa.exc.SQLAlchemyError):
        return "DATABASE_ERROR"
    return "INTERNAL_ERROR"


def rejects_json(rejections: list[Rejection]) -> list[dict[str, Any]]:
    """The first rejected postings, as stored on the run."""
    return [
        {
            "position": rejection.position,
            "reason": rejection.reason[:MESSAGE_LENGTH],
            "external_id": rejection.external_id,
        }
        for rejection in rejections[:KEPT_REJECTS]
    ]


async def interrupt_stale_runs(connection: AsyncConnection, connector_id: int) -> None:
    """Close the books on runs whose process died while holding the lock.

    Called by the lock's new holder: any run of this connector still marked
    running cannot be going any more.
    """
    await connection.execute(
        sa.update(sync_runs)
        .where(
            sync_runs.c.connector_id == connector_id,
            sync_runs.c.status == SyncRunStatus.RUNNING,
        )
        .values(
            status=SyncRunStatus.FAILED,
            finished_at=datetime.now(UTC),
            error_code=SyncInterrupted.code,
            error_message="the process running it stopped before it finished",
        )
    )


async def start_run(
    engine: AsyncEngine, connector_id: int, partner_id: int, started_at: datetime
) -> int:
    """Record a running run and return its id."""
    async with engine.begin() as connection:
        await interrupt_stale_runs(connection, connector_id)
        result = await connection.execute(
            sa.insert(sync_runs).values(
                connector_id=connector_id,
                partner_id=partner_id,
                status=SyncRunStatus.RUNNING,
                started_at=started_at,
                rejects=[],
            )
        )
        run_id = result.inserted_primary_key
        assert run_id is not None
        return int(run_id[0])


async def finish_run(
    engine: AsyncEngine, report: SyncReport, rejections: list[Rejection]
) -> None:
    """Record how the run ended: status, counts, duration, error, rejects."""
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(sync_runs)
            .where(sync_runs.c.id == report.run_id)
            .values(
                status=report.status,
                finished_at=datetime.now(UTC),
                duration_ms=report.duration_ms,
                created=report.counts.created,
                updated=report.counts.updated,
                unchanged=report.counts.unchanged,
                closed=report.counts.closed,
                rejected=report.counts.rejected,
                error_code=report.error_code,
                error_message=report.error_message,
                rejects=rejects_json(rejections),
            )
        )
