"""Importing Université Alpha's invented roster: mapping, rejects, lifecycle."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from connectors.oneroster import ImportOptions, import_roster
from connectors.oneroster.errors import (
    OrgNotBound,
    UnknownUniversity,
)
from gateway.db.models import Alumnus, EnrollmentImport, Program, table_of
from tests.connectors.oneroster_support import (
    FIXTURES,
    RosterDatabase,
    alumnus_of,
    bind_org,
    build_set,
    count,
    enrollment_of,
    roster_db,
    snapshot,
)

__all__ = ["roster_db"]

STRICT = ImportOptions(strict=True)


async def test_first_import_creates_programs_students_and_enrollments(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]

    report = await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    assert report.status == "succeeded" and report.run_id
    assert report.as_dict()["by_kind"]["program"] == {"created": 2}
    assert report.as_dict()["by_kind"]["alumnus"] == {"created": 3}
    programs = table_of(Program)
    assert await count(
        roster_db.engine, Program, programs.c.oneroster_course_id == "crs-info"
    )
    enrollment = await enrollment_of(roster_db.engine, alpha, "enr-jean-info")
    assert enrollment.status.value == "active"
    assert enrollment.end_date.isoformat() == "2027-07-15"


async def test_teachers_are_not_imported(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    assert await alumnus_of(roster_db.engine, alpha, "prof-omar") is None
    assert await enrollment_of(roster_db.engine, alpha, "enr-omar-info") is None


async def test_students_keep_names_email_and_birth_country_only_when_present(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    awa = await alumnus_of(roster_db.engine, alpha, "stu-awa")
    jean = await alumnus_of(roster_db.engine, alpha, "stu-jean")
    lina = await alumnus_of(roster_db.engine, alpha, "stu-lina")
    assert (awa.given_name, awa.family_name, awa.email) == (
        "Awa",
        "Sow",
        "awa.sow@etu.alpha.example",
    )
    assert (awa.nationality, jean.nationality, lina.nationality) == ("SN", "BF", "ZZ")
    assert jean.email is None
    assert awa.status.value == "student" and not awa.is_visible_to_partners


async def test_first_import_binds_the_single_top_level_org(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    from gateway.db.models import University

    universities = table_of(University)
    async with roster_db.engine.connect() as conn:
        org = await conn.scalar(
            sa.select(universities.c.oneroster_org_id).where(
                universities.c.id == roster_db.known.universities["alpha"]
            )
        )
    assert org == "ua-root"


async def test_two_top_level_orgs_cannot_be_bound(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    before = await snapshot(roster_db.engine)

    with pytest.raises(OrgNotBound):
        await import_roster(
            roster_db.engine, build_set(tmp_path, "foreign_rows"), "alpha"
        )

    assert await snapshot(roster_db.engine) == before


async def test_two_universities_may_use_the_same_org_id(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    # Org ids come from each school's own system; they collide across schools.
    await bind_org(roster_db.engine, roster_db.known.universities["beta"], "ua-root")

    report = await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    assert report.status == "succeeded"


async def test_an_unknown_university_slug_is_refused(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    with pytest.raises(UnknownUniversity):
        await import_roster(roster_db.engine, build_set(tmp_path), "atlas")


async def test_a_zip_imports_like_its_folder(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    archive = tmp_path / "alpha.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in (FIXTURES / "alpha_bulk").iterdir():
            zipped.write(file, f"roster/{file.name}")

    report = await import_roster(roster_db.engine, archive, "alpha")

    assert report.status == "succeeded"
    assert report.counts()["created"] == 8


async def test_the_same_files_twice_change_nothing_the_second_time(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    first = await import_roster(roster_db.engine, build_set(tmp_path), "alpha")
    after_first = await snapshot(roster_db.engine)

    again = await import_roster(roster_db.engine, build_set(tmp_path / "b"), "alpha")

    assert again.status == "duplicate" and again.duplicate_of == first.run_id
    assert await snapshot(roster_db.engine) == after_first
    assert await count(roster_db.engine, EnrollmentImport) == 1


async def test_the_same_data_in_other_bytes_is_all_unchanged(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")
    after_first = await snapshot(roster_db.engine)
    changed = build_set(tmp_path / "b")
    with (changed / "manifest.csv").open("a") as manifest:
        manifest.write("source.systemCode,re-export\n")

    again = await import_roster(roster_db.engine, changed, "alpha")

    assert again.status == "succeeded"
    assert again.counts() == {
        "created": 0,
        "updated": 0,
        "unchanged": 8,
        "ended": 0,
        "rejected": 0,
    }
    assert await snapshot(roster_db.engine) == after_first


async def test_a_dry_run_reports_the_diff_and_writes_nothing(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    before = await snapshot(roster_db.engine)

    report = await import_roster(
        roster_db.engine, build_set(tmp_path), "alpha", ImportOptions(dry_run=True)
    )

    assert report.status == "dry_run" and report.run_id is None
    assert report.counts()["created"] == 8
    shown = report.as_dict()["first_rows"]["created"]
    assert {"kind": "program", "source_id": "crs-info"} in shown
    assert await snapshot(roster_db.engine) == before
    assert await count(roster_db.engine, EnrollmentImport) == 0


MALFORMED = [
    pytest.param("bad_date", "enrollments.csv", 2, "beginDate", "ISO 8601", id="date"),
    pytest.param(
        "bad_session_date",
        "academicSessions.csv",
        3,
        "startDate",
        "ISO 8601",
        id="session-date",
    ),
    pytest.param(
        "unknown_class",
        "enrollments.csv",
        3,
        "classSourcedId",
        "unknown class",
        id="unknown-class",
    ),
    pytest.param(
        "unknown_class",
        "enrollments.csv",
        4,
        "userSourcedId",
        "unknown user",
        id="unknown-user",
    ),
    pytest.param(
        "wrong_header", "users.csv", 1, "givenName", "missing", id="wrong-header"
    ),
    pytest.param(
        "foreign_rows",
        "classes.csv",
        4,
        "schoolSourcedId",
        "another institution",
        id="another-institution",
    ),
    pytest.param(
        "foreign_rows",
        "orgs.csv",
        5,
        "sourcedId",
        "another institution",
        id="another-institution-org",
    ),
    pytest.param("truncated", "enrollments.csv", 4, None, "unreadable", id="truncated"),
]


@pytest.mark.parametrize(("overlay", "file", "line", "column", "reason"), MALFORMED)
async def test_malformed_rows_are_rejected_with_file_line_column_and_reason(
    roster_db: RosterDatabase,
    tmp_path: Path,
    overlay: str,
    file: str,
    line: int,
    column: str | None,
    reason: str,
) -> None:
    await bind_org(roster_db.engine, roster_db.known.universities["alpha"], "ua-root")
    before = await snapshot(roster_db.engine)

    report = await import_roster(
        roster_db.engine, build_set(tmp_path, overlay), "alpha", STRICT
    )

    assert report.status == "rejected"
    found = [(r.file, r.line, r.column) for r in report.rejects if reason in r.reason]
    assert (file, line, column) in found, report.rejects
    assert await snapshot(roster_db.engine) == before


async def test_a_rejected_import_is_recorded_without_row_values(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    await import_roster(
        roster_db.engine, build_set(tmp_path, "bad_date"), "alpha", STRICT
    )

    runs = table_of(EnrollmentImport)
    async with roster_db.engine.connect() as conn:
        run = (await conn.execute(sa.select(runs))).one()
    assert (run.status, run.rejected, run.created) == ("rejected", 1, 0)
    assert "01/09/2026" not in str(run.rejects)


async def test_valid_rows_apply_when_rejects_stay_within_the_share(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]

    report = await import_roster(
        roster_db.engine, build_set(tmp_path, "bad_date"), "alpha"
    )

    assert report.status == "succeeded" and report.rejected == 1
    assert await enrollment_of(roster_db.engine, alpha, "enr-awa-info") is None
    assert await enrollment_of(roster_db.engine, alpha, "enr-jean-info") is not None


async def test_rejects_above_the_share_apply_nothing(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    before = await snapshot(roster_db.engine)

    report = await import_roster(
        roster_db.engine,
        build_set(tmp_path, "bad_date"),
        "alpha",
        ImportOptions(max_reject_share=0.01),
    )

    assert report.status == "rejected"
    assert await snapshot(roster_db.engine) == before


async def test_a_wrong_header_applies_nothing_even_when_not_strict(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    before = await snapshot(roster_db.engine)

    report = await import_roster(
        roster_db.engine, build_set(tmp_path, "wrong_header"), "alpha"
    )

    assert report.status == "rejected"
    assert await snapshot(roster_db.engine) == before


async def test_students_missing_from_a_bulk_set_have_left(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    report = await import_roster(
        roster_db.engine, build_set(tmp_path / "b", "left"), "alpha"
    )

    assert report.counts()["ended"] == 1
    jean = await enrollment_of(roster_db.engine, alpha, "enr-jean-info")
    assert jean.status.value == "withdrawn"
    assert jean.end_date.isoformat() == "2027-07-15"
    assert await alumnus_of(roster_db.engine, alpha, "stu-jean") is not None


async def test_an_older_export_sent_again_applies_and_brings_students_back(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")
    await import_roster(roster_db.engine, build_set(tmp_path / "b", "left"), "alpha")

    report = await import_roster(roster_db.engine, build_set(tmp_path / "c"), "alpha")

    assert report.status == "succeeded"
    jean = await enrollment_of(roster_db.engine, alpha, "enr-jean-info")
    assert jean.status.value == "active"


async def test_tobedeleted_in_a_delta_ends_the_enrollment(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")

    report = await import_roster(roster_db.engine, FIXTURES / "alpha_delta", "alpha")

    assert report.mode == "delta" and report.counts()["ended"] == 1
    lina = await enrollment_of(roster_db.engine, alpha, "enr-lina-droit")
    assert (lina.status.value, lina.end_date.isoformat()) == ("withdrawn", "2027-01-31")
    awa = await enrollment_of(roster_db.engine, alpha, "enr-awa-info")
    assert awa.status.value == "active"


async def test_a_graduation_makes_a_graduate_and_asks_consent_again(
    roster_db: RosterDatabase, tmp_path: Path
) -> None:
    alpha = roster_db.known.universities["alpha"]
    await import_roster(roster_db.engine, build_set(tmp_path), "alpha")
    awa = await alumnus_of(roster_db.engine, alpha, "stu-awa")
    alumni = table_of(Alumnus)
    async with roster_db.engine.begin() as conn:
        await conn.execute(
            alumni.update()
            .where(alumni.c.id == awa.id)
            .values(is_visible_to_partners=True, is_contactable=True)
        )

    await import_roster(
        roster_db.engine, build_set(tmp_path / "b", "graduated"), "alpha"
    )

    awa = await alumnus_of(roster_db.engine, alpha, "stu-awa")
    assert (awa.status.value, awa.graduation_year) == ("graduate", 2027)
    assert not awa.is_visible_to_partners and not awa.is_contactable
    enrollment = await enrollment_of(roster_db.engine, alpha, "enr-awa-info")
    assert enrollment.status.value == "graduated"
    jean = await alumnus_of(roster_db.engine, alpha, "stu-jean")
    assert jean.status.value == "student"
