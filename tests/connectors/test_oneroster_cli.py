"""`alumni-gateway enrollment import`, run as operators run it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from gateway.db.models import EnrollmentImport
from tests.connectors.oneroster_support import (
    RosterDatabase,
    build_set,
    count,
    roster_db,
    snapshot,
)
from tests.gateway.test_cli import run_cli

__all__ = ["roster_db"]

COUNTS = {"created", "updated", "unchanged", "ended", "rejected"}


async def enrollment_import(url: str, *args: str) -> tuple[int, str, str]:
    result = await asyncio.to_thread(
        run_cli, "enrollment", "import", *args, database_url=url
    )
    return result.returncode, result.stdout, result.stderr


async def test_json_prints_the_counts_and_rejects(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    code, out, err = await enrollment_import(
        roster_db.url, str(build_set(tmp_path, "bad_date")), "--university", "alpha",
        "--json",
    )  # fmt: skip

    assert code == 0, err
    report = json.loads(out)
    assert report.keys() >= COUNTS
    assert (report["created"], report["rejected"]) == (7, 1)
    assert report["rejects"] == [
        {
            "file": "enrollments.csv",
            "line": 2,
            "column": "beginDate",
            "reason": "beginDate is not an ISO 8601 date",
        }
    ]


async def test_a_dry_run_prints_the_diff_and_writes_nothing(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    before = await snapshot(roster_db.engine)

    code, out, err = await enrollment_import(
        roster_db.url, str(build_set(tmp_path)), "--university", "alpha",
        "--dry-run", "--json",
    )  # fmt: skip

    assert code == 0, err
    assert json.loads(out)["status"] == "dry_run"
    assert await snapshot(roster_db.engine) == before
    assert await count(roster_db.engine, EnrollmentImport) == 0


async def test_strict_stops_on_one_reject_with_a_one_line_error(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    before = await snapshot(roster_db.engine)

    code, _, err = await enrollment_import(
        roster_db.url, str(build_set(tmp_path, "bad_date")), "--university", "alpha",
        "--strict",
    )  # fmt: skip

    assert code == 1
    assert err.strip().splitlines()[-1].startswith("error: 1 of ")
    assert await snapshot(roster_db.engine) == before


async def test_an_unknown_university_is_a_one_line_error(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    code, _, err = await enrollment_import(
        roster_db.url, str(build_set(tmp_path)), "--university", "nowhere"
    )

    assert code == 1
    assert err.strip().splitlines()[-1].startswith("error: no university partner")
