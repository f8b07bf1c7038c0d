"""Helpers for the OneRoster importer tests: databases, sets and snapshots."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.db.engine import create_engine
from gateway.db.migrate import upgrade_database
from gateway.db.models import (
    Alumnus,
    Enrollment,
    Program,
    RosterId,
    University,
    table_of,
)
from tests.factories import KnownData, insert_known_data

FIXTURES = Path(__file__).parent / "fixtures" / "oneroster"

# Tables an import may change; `enrollment_imports` is checked on its own.
DOMAIN_TABLES = [table_of(m) for m in (University, Program, Alumnus, Enrollment)]
DOMAIN_TABLES.append(table_of(RosterId))


@dataclass
class RosterDatabase:
    """A migrated database holding the known data set, for one test."""

    engine: AsyncEngine
    known: KnownData
    url: str


@pytest.fixture
async def roster_db(scratch_url: str) -> AsyncIterator[RosterDatabase]:
    """A fresh database with the known universities and partners."""
    await asyncio.to_thread(upgrade_database, scratch_url)
    engine = create_engine(scratch_url)
    try:
        known = await insert_known_data(engine)
        yield RosterDatabase(engine=engine, known=known, url=scratch_url)
    finally:
        await engine.dispose()


def build_set(tmp_path: Path, overlay: str | None = None) -> Path:
    """The invented Alpha bulk set, with an overlay's files put in place."""
    target = tmp_path / (overlay or "alpha_bulk")
    shutil.copytree(FIXTURES / "alpha_bulk", target)
    if overlay:
        for file in (FIXTURES / "overlays" / overlay).iterdir():
            shutil.copy(file, target / file.name)
    return target


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import may change, in a stable order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    async with engine.connect() as conn:
        for table in DOMAIN_TABLES:
            result = await conn.execute(
                sa.select(table).order_by(*table.primary_key.columns)
            )
            rows[table.name] = [tuple(row) for row in result]
    return rows


async def bind_org(engine: AsyncEngine, university_id: int, org: str) -> None:
    """Bind a university to its OneRoster org, as a first import would."""
    universities = table_of(University)
    async with engine.begin() as conn:
        await conn.execute(
            universities.update()
            .where(universities.c.id == university_id)
            .values(oneroster_org_id=org)
        )


async def enrollment_of(engine: AsyncEngine, university_id: int, source: str) -> Any:
    """The enrollment row with a roster id, or None."""
    enrollments = table_of(Enrollment)
    async with engine.connect() as conn:
        result = await conn.execute(
            sa.select(enrollments).where(
                enrollments.c.university_id == university_id,
                enrollments.c.source_id == source,
            )
        )
        return result.first()


async def alumnus_of(engine: AsyncEngine, university_id: int, source: str) -> Any:
    """The alumnus behind a roster user id, or None."""
    alumni, ids = table_of(Alumnus), table_of(RosterId)
    async with engine.connect() as conn:
        result = await conn.execute(
            sa.select(alumni)
            .join(ids, ids.c.target_id == alumni.c.id)
            .where(
                ids.c.university_id == university_id,
                ids.c.kind == "user",
                ids.c.source_id == source,
            )
        )
        return result.first()


async def count(engine: AsyncEngine, model: Any, *where: Any) -> int:
    """Rows of `model` matching `where`."""
    table = table_of(model)
    async with engine.connect() as conn:
        value = await conn.scalar(
            sa.select(sa.func.count()).select_from(table).where(*where)
        )
    return int(value or 0)
