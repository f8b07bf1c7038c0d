"""An import that loses its database connection half-way applies nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from connectors.oneroster import import_roster
from gateway.db.models import EnrollmentImport
from tests.connectors.oneroster_support import (
    RosterDatabase,
    build_set,
    count,
    roster_db,
    snapshot,
)

__all__ = ["roster_db"]


def terminate_other_backends(url: str) -> int:
    """Kill every other session of the database from a connection of our own."""
    conninfo = sa.make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as killer:
        rows = killer.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


async def test_a_connection_killed_mid_import_leaves_the_database_unchanged(
    roster_db: RosterDatabase, backend: str, tmp_path: Path
) -> None:
    if backend != "postgresql":
        pytest.skip("pg_terminate_backend is PostgreSQL's")
    before = await snapshot(roster_db.engine)
    killed: list[int] = []

    def kill_after_users(name: str, _rows: int) -> None:
        # Programs and students are written by now; enrollments are not.
        if name == "users":
            killed.append(terminate_other_backends(roster_db.url))

    with pytest.raises(sa.exc.DBAPIError):
        await import_roster(
            roster_db.engine, build_set(tmp_path), "alpha", progress=kill_after_users
        )

    assert killed and killed[0] >= 1
    assert await snapshot(roster_db.engine) == before
    assert await count(roster_db.engine, EnrollmentImport) == 0
