"""Fill an empty database with deterministic demo data, in one transaction."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from gateway.db.base import Base
from gateway.db.models import (
    Alumnus,
    AlumnusLanguage,
    AlumnusSkill,
    Enrollment,
    Opportunity,
    OpportunityLanguage,
    OpportunitySkill,
    OpportunityTranslation,
    Partner,
    Program,
    University,
    table_of,
)
from gateway.demo.alumni import AlumniFactory
from gateway.demo.catalogue import build_catalogue
from gateway.demo.opportunities import build_opportunities
from gateway.demo.partners import demo_partners, partner_rows

logger = logging.getLogger(__name__)

# Alumni written per statement batch; their languages, skills and
# enrollments follow in the same round, so memory stays flat.
CHUNK_SIZE = 5000

# Tables whose integer ids the seed assigns itself.
_ID_TABLES: tuple[type[Base], ...] = (
    University,
    Program,
    Partner,
    Alumnus,
    Enrollment,
    Opportunity,
)


class DemoDataExists(Exception):
    """The database already holds data that demo rows would mix with."""

    def __init__(self, table: str) -> None:
        super().__init__(
            f"Table {table!r} already has rows: demo data is only seeded into an "
            "empty, migrated database. Use a new database file or drop the data."
        )
        self.table = table


@dataclass(frozen=True)
class SeedSummary:
    """How many rows of each main kind a seed wrote."""

    universities: int
    programs: int
    alumni: int
    enrollments: int
    partners: int
    opportunities: int


async def seed_demo(
    engine: AsyncEngine,
    *,
    alumni: int = 2000,
    seed: int = 2026,
    progress: Callable[[int], None] | None = None,
) -> SeedSummary:
    """Insert demo data into an empty, migrated database.

    `progress(n)` is called with the number of alumni just written (for a
    rich progress bar the CLI draws). The same `seed` and `alumni` always
    write the same rows; any failure rolls every row back.
    """
    if alumni < 0:
        raise ValueError(f"alumni must be zero or more, not {alumni}")
    started = time.perf_counter()

    # One stream per part, so changing the number of alumni leaves the
    # universities, programs, partners and opportunities as they were.
    catalogue = build_catalogue(random.Random(f"{seed}:catalogue"))
    partners = demo_partners(catalogue.schools)
    postings = build_opportunities(random.Random(f"{seed}:opportunities"), partners)
    factory = AlumniFactory(random.Random(f"{seed}:alumni"), catalogue.schools, alumni)

    enrollments = 0
    async with engine.begin() as connection:
        await _refuse_unless_empty(connection)
        await _insert(connection, University, catalogue.university_rows)
        await _insert(connection, Program, catalogue.program_rows)
        await _insert(connection, Partner, partner_rows(partners, catalogue.schools))

        for first_id in range(1, alumni + 1, CHUNK_SIZE):
            size = min(CHUNK_SIZE, alumni + 1 - first_id)
            batch = factory.batch(first_id, size)
            await _insert(connection, Alumnus, batch.alumni)
            await _insert(connection, AlumnusLanguage, batch.languages)
            await _insert(connection, AlumnusSkill, batch.skills)
            await _insert(connection, Enrollment, batch.enrollments)
            enrollments += len(batch.enrollments)
            if progress is not None:
                progress(size)

        await _insert(connection, Opportunity, postings.opportunities)
        await _insert(connection, OpportunityTranslation, postings.translations)
        await _insert(connection, OpportunitySkill, postings.skills)
        await _insert(connection, OpportunityLanguage, postings.languages)
        if connection.dialect.name == "postgresql":
            await _reset_sequences(connection)

    await _refresh_statistics(engine)

    summary = SeedSummary(
        universities=len(catalogue.university_rows),
        programs=len(catalogue.program_rows),
        alumni=alumni,
        enrollments=enrollments,
        partners=len(partners),
        opportunities=len(postings.opportunities),
    )
    logger.info(
        "Seeded demo data (seed %d): %d universities, %d programs, %d alumni, "
        "%d enrollments, %d partners, %d opportunities in %.1f s",
        seed,
        summary.universities,
        summary.programs,
        summary.alumni,
        summary.enrollments,
        summary.partners,
        summary.opportunities,
        time.perf_counter() - started,
    )
    return summary


async def _refuse_unless_empty(connection: AsyncConnection) -> None:
    for model in (Alumnus, University):
        table = table_of(model)
        if await connection.scalar(sa.select(table.c.id).limit(1)) is not None:
            raise DemoDataExists(table.name)


async def _insert(
    connection: AsyncConnection, model: type[Base], rows: list[dict[str, Any]]
) -> None:
    # Core executemany with ids set by the generator: no RETURNING round
    # trip, and child rows can cite their parents straight away.
    if rows:
        await connection.execute(sa.insert(table_of(model)), rows)


async def _reset_sequences(connection: AsyncConnection) -> None:
    # Explicit ids leave PostgreSQL's sequences at 1; move each past the
    # largest id so the next insert without an id does not collide.
    for model in _ID_TABLES:
        table = table_of(model)
        sequence = sa.func.pg_get_serial_sequence(table.name, "id")
        next_id = sa.func.coalesce(sa.func.max(table.c.id), 0) + 1
        await connection.execute(
            sa.select(sa.func.setval(sequence, next_id, sa.false()))
        )


async def _refresh_statistics(engine: AsyncEngine) -> None:
    """Let the query planner see the new rows before the first query.

    After a bulk load PostgreSQL has no statistics and no visibility map,
    so it plans sequential scans (and counts without index-only scans)
    until autovacuum passes; SQLite's planner likewise has no `sqlite_stat1`.
    """
    async with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # VACUUM cannot run inside a transaction block.
            autocommit = await connection.execution_options(
                isolation_level="AUTOCOMMIT"
            )
            await autocommit.execute(sa.text("VACUUM ANALYZE"))
        else:
            await connection.execute(sa.text("ANALYZE"))
            await connection.commit()
