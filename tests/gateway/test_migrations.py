"""Alembic owns the schema: migrations build exactly what the models say.

These tests are synchronous on purpose: migrations start their own event
loop, as they do from the command line.
"""

from __future__ import annotations

import asyncio
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from gateway.db.base import Base
from gateway.db.engine import create_engine
from gateway.db.migrate import alembic_config, upgrade_database


def _inspect(connection: Any) -> tuple[list[Any], str | None]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(
        compare_metadata(context, Base.metadata)
    ), context.get_current_revision()


def differences_and_revision(url: str) -> tuple[list[Any], str | None]:
    """Model-vs-database differences and the revision the database is at."""

    async def run() -> tuple[list[Any], str | None]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(_inspect)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_migrations_step_by_step_match_the_models(scratch_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(scratch_url))
    revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert revisions, "no migrations found"

    for revision in revisions:
        upgrade_database(scratch_url, revision)

    differences, current = differences_and_revision(scratch_url)
    assert differences == []
    assert current == script.get_current_head()


def test_upgrading_twice_changes_nothing(scratch_url: str) -> None:
    upgrade_database(scratch_url)
    upgrade_database(scratch_url)
    differences, _ = differences_and_revision(scratch_url)
    assert differences == []
