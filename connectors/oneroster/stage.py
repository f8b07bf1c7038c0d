"""A temporary table for what one import must remember about many rows.

Which users are students (1.2 `roles.csv`), their birth countries, the
users who are not students, and every enrollment a bulk file held: kept
in the import's own transaction rather than in memory, so memory does not
grow with the roster. Writes are buffered and sent in batches.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

BATCH = 1000

# A temporary table lives as long as its connection: not in the models,
# not in migrations, emptied before each import on a reused connection.
_metadata = sa.MetaData()
stage = sa.Table(
    "roster_stage",
    _metadata,
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("source_id", sa.String(255), nullable=False),
    sa.Column("value", sa.String(255), nullable=True),
    sa.Index("ix_roster_stage_kind_source", "kind", "source_id"),
    prefixes=["TEMPORARY"],
)

STUDENT_ROLE = "student_role"
NON_STUDENT = "non_student"
COUNTRY = "country"
SEEN_ENROLLMENT = "seen"


class Stage:
    """Per-import scratch rows on the import's connection."""

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn
        self._pending: list[dict[str, str | None]] = []

    async def open(self) -> None:
        """Create the table if this connection lacks it, and empty it."""
        await self._conn.run_sync(
            lambda sync: _metadata.create_all(sync, checkfirst=True)
        )
        await self._conn.execute(stage.delete())

    async def add(self, kind: str, source_id: str, value: str | None = None) -> None:
        """Remember `source_id` under `kind` (with an optional value)."""
        self._pending.append({"kind": kind, "source_id": source_id, "value": value})
        if len(self._pending) >= BATCH:
            await self.flush()

    async def flush(self) -> None:
        """Send buffered rows to the table."""
        if self._pending:
            await self._conn.execute(stage.insert(), self._pending)
            self._pending = []

    async def has(self, kind: str, source_id: str) -> bool:
        """Whether `source_id` was remembered under `kind`."""
        return await self.value(kind, source_id, default="") is not None

    async def value(
        self, kind: str, source_id: str, default: str | None = None
    ) -> str | None:
        """The value remembered for `source_id`; None when never remembered."""
        await self.flush()
        row = (
            await self._conn.execute(
                sa.select(stage.c.value)
                .where(stage.c.kind == kind, stage.c.source_id == source_id)
                .limit(1)
            )
        ).first()
        if row is None:
            return None
        return row.value if row.value is not None else default

    def ids(self, kind: str) -> sa.Select[tuple[str]]:
        """A subquery of every source id remembered under `kind`."""
        return sa.select(stage.c.source_id).where(stage.c.kind == kind)
