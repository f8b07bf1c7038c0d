"""Rosters larger than one merge batch, and ids repeated inside a file."""

from __future__ import annotations

import csv
from pathlib import Path

from connectors.oneroster import import_roster
from connectors.oneroster.batches import BATCH
from gateway.db.models import Enrollment
from tests.connectors.oneroster_support import (
    FIXTURES,
    RosterDatabase,
    alumnus_of,
    build_set,
    count,
    enrollment_of,
    roster_db,
)

__all__ = ["roster_db"]

STUDENTS = 2 * BATCH + 37


def generated_set(tmp_path: Path, students: int) -> Path:
    """Alpha's set with `students` generated students, one enrollment each."""
    folder = build_set(tmp_path)
    with (folder / "users.csv").open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["sourcedId", "orgSourcedIds", "role", "givenName", "familyName"])
        for i in range(students):
            out.writerow([f"gen-{i}", "ua-fst", "student", f"Given{i}", f"Family{i}"])
    with (folder / "enrollments.csv").open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["sourcedId", "classSourcedId", "userSourcedId", "role"])
        for i in range(students):
            out.writerow([f"gen-enr-{i}", "cls-info-1", f"gen-{i}", "student"])
    return folder


async def test_a_roster_of_several_batches_imports_whole(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]

    report = await import_roster(
        roster_db.engine, generated_set(tmp_path, STUDENTS), "alpha"
    )

    assert report.as_dict()["by_kind"]["alumnus"] == {"created": STUDENTS}
    assert report.as_dict()["by_kind"]["enrollment"]["created"] == STUDENTS
    assert (
        await count(
            roster_db.engine,
            Enrollment,
            Enrollment.university_id == alpha,
            Enrollment.source_id.like("gen-enr-%"),
        )
        == STUDENTS
    )
    last = await alumnus_of(roster_db.engine, alpha, f"gen-{STUDENTS - 1}")
    assert last.given_name == f"Given{STUDENTS - 1}"


async def test_a_roster_of_several_batches_is_unchanged_the_second_time(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    await import_roster(roster_db.engine, generated_set(tmp_path, STUDENTS), "alpha")
    again = generated_set(tmp_path / "again", STUDENTS)
    with (again / "manifest.csv").open("a") as manifest:
        manifest.write("source.systemCode,second export\n")

    report = await import_roster(roster_db.engine, again, "alpha")

    assert report.counts()["created"] == report.counts()["updated"] == 0
    assert report.counts()["unchanged"] == 2 * STUDENTS + 2


async def test_an_id_repeated_in_a_file_is_merged_once(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    folder = build_set(tmp_path)
    with (folder / "users.csv").open("a", newline="") as handle:
        csv.writer(handle).writerow(
            ["stu-awa", "active", "2026-09-02", "TRUE", "ua-fst", "student",
             "awa.sow", "", "Awa", "Sow-Diallo", "", "S001", "", "", "", "", "", ""]
        )  # fmt: skip
    enrollments = (FIXTURES / "alpha_bulk" / "enrollments.csv").read_text()
    repeated = enrollments.splitlines()[1].replace("2026-09-01,\n", "2026-09-01,")
    (folder / "enrollments.csv").write_text(enrollments + repeated + "\n")

    report = await import_roster(roster_db.engine, folder, "alpha")

    assert report.status == "succeeded", report.as_dict()
    awa = await alumnus_of(roster_db.engine, alpha, "stu-awa")
    assert awa.family_name == "Sow-Diallo"
    assert await enrollment_of(roster_db.engine, alpha, "enr-awa-info") is not None
