"""Real OneRoster exports from other projects, imported for Université Alpha.

The sets and their quirks are described in shared/samples/SOURCES.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from connectors.oneroster import import_roster
from gateway.db.models import Alumnus, Program, University, table_of
from tests.connectors.oneroster_support import (
    RosterDatabase,
    alumnus_of,
    enrollment_of,
    roster_db,
)

__all__ = ["roster_db"]

SETS: dict[str, dict[str, Any]] = {
    "v1p0/oat_base": {
        "org": "54321",
        "programs": {"class:class1": "Class 1 title", "class:class3": "Class 3 title"},
        "students": {"user1": ("jordan", "placeholder"), "user2": ("jordan2", None)},
        "enrollments": {"enrol1": "class:class1", "enrol3": "class:class3"},
        "rejected": 0,
    },
    "v1p1/oat_base": {
        "org": "54321",
        "programs": {"class:class2": "Class 2 title"},
        "students": {"user1": ("jordan", "placeholder")},
        "enrollments": {"enrol2": "class:class2", "enrol3": "class:class3"},
        "rejected": 0,
    },
    "v1p1/full_data_set": {
        "org": "org-sch-222-456",
        # Its courses file is absent: classes become the programs.
        "programs": {"class:cls-222-123456": "Introduction to Physics"},
        "students": {
            "usr-222-66778899": ("Mary", "Jones"),
            "usr-222-1234561232": ("mmichel", "Jones"),
            "usr-222-567891": ("Anna", "Brown"),
        },
        "enrollments": {"enr-s-222-12345-987655": "class:cls-222-123456"},
        # A student enrollment of a teacher (usr-222-987654).
        "rejected": 1,
    },
    "v1p2/datagen_delta": {
        "org": "ORG_1",
        "programs": {"COURSE_001": "Crime Fighting 101"},
        "students": {"USER_0": ("Bruce", "Wayne")},
        "enrollments": {"ENROLLMENT_001": "COURSE_001"},
        "rejected": 0,
    },
}


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in SETS])
async def test_sample_sets_import_for_the_university(
    roster_db: RosterDatabase, samples: Path, name: str
) -> None:
    expected = SETS[name]
    alpha = roster_db.known.universities["alpha"]

    report = await import_roster(
        roster_db.engine, samples / "oneroster" / name, "alpha"
    )

    assert report.status == "succeeded", report.as_dict()
    assert report.rejected == expected["rejected"]
    async with roster_db.engine.connect() as conn:
        universities, programs = table_of(University), table_of(Program)
        org = await conn.scalar(
            sa.select(universities.c.oneroster_org_id).where(universities.c.id == alpha)
        )
        assert org == expected["org"]
        rows = await conn.execute(
            sa.select(
                programs.c.oneroster_course_id, programs.c.name, programs.c.id
            ).where(programs.c.university_id == alpha)
        )
        by_source = {row.oneroster_course_id: row for row in rows}
    for source, title in expected["programs"].items():
        assert by_source[source].name == title
    for user, (given, family) in expected["students"].items():
        person = await alumnus_of(roster_db.engine, alpha, user)
        assert person.given_name == given
        assert family is None or person.family_name == family
        assert person.status.value == "student"
    for source, program in expected["enrollments"].items():
        enrollment = await enrollment_of(roster_db.engine, alpha, source)
        assert enrollment.status.value == "active"
        assert enrollment.program_id == by_source[program].id


async def test_sample_passwords_are_never_stored(
    roster_db: RosterDatabase, samples: Path
) -> None:
    await import_roster(
        roster_db.engine, samples / "oneroster" / "v1p1" / "full_data_set", "alpha"
    )

    alumni = table_of(Alumnus)
    async with roster_db.engine.connect() as conn:
        rows = (await conn.execute(sa.select(alumni))).all()
    assert rows and not any("Password1-" in str(tuple(row)) for row in rows)


async def test_sample_emails_are_kept_only_when_present(
    roster_db: RosterDatabase, samples: Path
) -> None:
    alpha, beta = (
        roster_db.known.universities["alpha"],
        roster_db.known.universities["beta"],
    )
    sets = samples / "oneroster"
    await import_roster(roster_db.engine, sets / "v1p1" / "full_data_set", "alpha")
    await import_roster(roster_db.engine, sets / "v1p1" / "oat_base", "beta")

    mary = await alumnus_of(roster_db.engine, alpha, "usr-222-66778899")
    jordan = await alumnus_of(roster_db.engine, beta, "user1")
    assert mary.email == "mary.jones@myschool.com"
    assert jordan.email is None
