"""Import runs: the `enrollment_imports` rows and the report of one import."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from connectors.oneroster.merge import Changes
from connectors.oneroster.reader import Reject
from gateway.db.models import EnrollmentImport, table_of

enrollment_imports = table_of(EnrollmentImport)

SUCCEEDED = "succeeded"
# Rejects passed the allowed share (or strict mode saw one): nothing applied.
REJECTED = "rejected"
# Dry runs and repeats of an imported set: nothing written, no run stored.
DRY_RUN = "dry_run"
DUPLICATE = "duplicate"

STORED_REJECTS = 100
# Rejects kept in memory for the report; beyond these only the count grows.
KEPT_REJECTS = 1000


@dataclass
class ImportReport:
    """What an import did, or would do in a dry run."""

    status: str
    university_id: int
    content_hash: str
    oneroster_version: str = "1.0"
    mode: str = "bulk"
    run_id: int | None = None
    # For a repeat of an earlier import: that import's run.
    duplicate_of: int | None = None
    rows: int = 0
    changes: Changes = field(default_factory=Changes)
    rejects: list[Reject] = field(default_factory=list)
    rejected: int = 0

    def add_reject(self, reject: Reject) -> None:
        """Count a reject; keep the first KEPT_REJECTS for the report."""
        self.rejected += 1
        if len(self.rejects) < KEPT_REJECTS:
            self.rejects.append(reject)

    @property
    def applied(self) -> bool:
        """True when the import's changes are in the database."""
        return self.status == SUCCEEDED

    def counts(self) -> dict[str, int]:
        """The five counts of the CLI's JSON contract."""
        return {
            "created": self.changes.total("created"),
            "updated": self.changes.total("updated"),
            "unchanged": self.changes.total("unchanged"),
            "ended": self.changes.total("ended"),
            "rejected": self.rejected,
        }

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON: counts, counts by kind, first rows, rejects."""
        by_kind: dict[str, dict[str, int]] = {}
        for (change, kind), number in sorted(self.changes.counts.items()):
            by_kind.setdefault(kind, {})[change] = number
        return {
            "status": self.status,
            "run_id": self.run_id,
            "duplicate_of": self.duplicate_of,
            "oneroster_version": self.oneroster_version,
            "mode": self.mode,
            "rows": self.rows,
            **self.counts(),
            "by_kind": by_kind,
            "first_rows": self.changes.samples,
            "rejects": [reject.as_dict() for reject in self.rejects],
        }


async def find_duplicate(
    conn: AsyncConnection, university_id: int, content_hash: str
) -> int | None:
    """The university's latest applied run, when it imported these files.

    Only the latest counts: an older export sent again after a newer one
    must apply (it brings the roster back), not be skipped as seen before.
    """
    latest = (
        await conn.execute(
            sa.select(enrollment_imports.c.id, enrollment_imports.c.content_hash)
            .where(
                enrollment_imports.c.university_id == university_id,
                enrollment_imports.c.status == SUCCEEDED,
            )
            .order_by(enrollment_imports.c.id.desc())
            .limit(1)
        )
    ).first()
    if latest is None or latest.content_hash != content_hash:
        return None
    return int(latest.id)


async def record_run(
    conn: AsyncConnection, report: ImportReport, started_at: datetime
) -> int:
    """Store the run of `report`; returns its id."""
    run_id = await conn.scalar(
        enrollment_imports.insert()
        .values(
            university_id=report.university_id,
            content_hash=report.content_hash,
            status=report.status,
            oneroster_version=report.oneroster_version[:16],
            mode=report.mode,
            started_at=started_at,
            finished_at=datetime.now(UTC),
            rejects=[r.as_dict() for r in report.rejects[:STORED_REJECTS]],
            **report.counts(),
        )
        .returning(enrollment_imports.c.id)
    )
    assert run_id is not None
    return int(run_id)
