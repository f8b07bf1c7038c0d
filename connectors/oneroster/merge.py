"""Write mapped roster rows into the database, counting what changed.

Every function compares before it writes, so a row equal to what is
stored is counted `unchanged` and not touched: importing the same data
twice changes nothing the second time. All of them run on the one
connection and transaction of an import.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from gateway.db.enums import AlumnusStatus, EnrollmentStatus
from gateway.db.models import Alumnus, Enrollment, Program, RosterId, table_of

alumni = table_of(Alumnus)
enrollments = table_of(Enrollment)
programs = table_of(Program)
roster_ids = table_of(RosterId)

SAMPLES_PER_CHANGE = 5


@dataclass
class Changes:
    """Counts by change and kind, with the first few of each for a dry run."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def note(self, change: str, kind: str, source_id: str, **detail: Any) -> None:
        """Count one `change` (created, updated, ...) of a `kind` of row."""
        self.counts[(change, kind)] += 1
        shown = self.samples.setdefault(change, [])
        if change != "unchanged" and len(shown) < SAMPLES_PER_CHANGE:
            shown.append({"kind": kind, "source_id": source_id, **detail})

    def note_many(self, change: str, kind: str, number: int, shown: list[str]) -> None:
        """Count `number` changes at once, `shown` being the first few ids."""
        self.counts[(change, kind)] += number
        samples = self.samples.setdefault(change, [])
        for source_id in shown[: max(SAMPLES_PER_CHANGE - len(samples), 0)]:
            samples.append({"kind": kind, "source_id": source_id})

    def total(self, change: str) -> int:
        """All rows of every kind with `change`."""
        return sum(n for (name, _), n in self.counts.items() if name == change)


@dataclass(frozen=True)
class ProgramValues:
    """A program as the roster describes it."""

    source_id: str
    name: str
    degree_level: str


@dataclass(frozen=True)
class AlumnusValues:
    """The personal data a roster may set; no email leaves the stored one.

    The nationality comes from `demographics.csv`, looked up per batch.
    """

    source_id: str
    given_name: str
    family_name: str
    email: str | None


@dataclass(frozen=True)
class EnrollmentValues:
    """An enrollment as the roster describes it."""

    source_id: str
    alumnus_id: int
    program_id: int | None
    status: EnrollmentStatus
    begin_date: date | None
    end_date: date | None


# ISCED-F 2013 "field unknown": rosters do not say a program's field.
UNKNOWN_FIELD = "9999"
# ISO 3166 user-assigned "unknown": rosters rarely say a nationality, and
# the column is required.
UNKNOWN_COUNTRY = "ZZ"


async def find_roster_id(
    conn: AsyncConnection, university_id: int, kind: str, source_id: str
) -> int | None:
    """Our row id for a roster id of `kind`, if a past import stored one."""
    value = await conn.scalar(
        sa.select(roster_ids.c.target_id).where(
            roster_ids.c.university_id == university_id,
            roster_ids.c.kind == kind,
            roster_ids.c.source_id == source_id,
        )
    )
    return None if value is None else int(value)


async def remember_roster_id(
    conn: AsyncConnection, university_id: int, kind: str, source_id: str, target: int
) -> None:
    """Store (or correct) what a roster id points at."""
    known = await find_roster_id(conn, university_id, kind, source_id)
    if known == target:
        return
    key = (
        (roster_ids.c.university_id == university_id)
        & (roster_ids.c.kind == kind)
        & (roster_ids.c.source_id == source_id)
    )
    if known is None:
        await conn.execute(
            roster_ids.insert().values(
                university_id=university_id,
                kind=kind,
                source_id=source_id,
                target_id=target,
            )
        )
    else:
        await conn.execute(roster_ids.update().where(key).values(target_id=target))


async def upsert_program(
    conn: AsyncConnection, university_id: int, values: ProgramValues, changes: Changes
) -> int:
    """The program with this roster id, created or brought up to date."""
    row = (
        await conn.execute(
            sa.select(programs.c.id, programs.c.name).where(
                programs.c.university_id == university_id,
                programs.c.oneroster_course_id == values.source_id,
            )
        )
    ).first()
    if row is None:
        program_id = await conn.scalar(
            programs.insert()
            .values(
                university_id=university_id,
                name=values.name,
                names={},
                degree_level=values.degree_level,
                field_of_study=UNKNOWN_FIELD,
                oneroster_course_id=values.source_id,
            )
            .returning(programs.c.id)
        )
        changes.note("created", "program", values.source_id)
        return int(program_id)
    # The degree level is set by hand after the first import; only the
    # name follows the roster.
    if row.name != values.name:
        await conn.execute(
            programs.update().where(programs.c.id == row.id).values(name=values.name)
        )
        changes.note("updated", "program", values.source_id, fields=["name"])
    else:
        changes.note("unchanged", "program", values.source_id)
    return int(row.id)


async def record_graduation(conn: AsyncConnection, alumnus_id: int, year: int) -> None:
    """Make the person a graduate of `year` and ask their consent again.

    What a student agreed to show partners need not hold for a graduate
    looking for work, so both consent flags go back to "no".
    """
    row = (
        await conn.execute(
            sa.select(alumni.c.status, alumni.c.graduation_year).where(
                alumni.c.id == alumnus_id
            )
        )
    ).one()
    # A professional stays one; a later degree moves the year forward.
    status = row.status
    if AlumnusStatus(status) is AlumnusStatus.STUDENT:
        status = AlumnusStatus.GRADUATE.value
    await conn.execute(
        alumni.update()
        .where(alumni.c.id == alumnus_id)
        .values(
            status=status,
            graduation_year=max(year, row.graduation_year or year),
            is_visible_to_partners=False,
            is_contactable=False,
        )
    )


async def end_enrollment(
    conn: AsyncConnection,
    university_id: int,
    source_id: str,
    end_date: date,
    changes: Changes,
) -> None:
    """Mark an active enrollment as left (withdrawn); it is never deleted."""
    result = await conn.execute(
        enrollments.update()
        .where(
            enrollments.c.university_id == university_id,
            enrollments.c.source_id == source_id,
            enrollments.c.status == EnrollmentStatus.ACTIVE.value,
        )
        .values(
            status=EnrollmentStatus.WITHDRAWN.value,
            end_date=sa.func.coalesce(enrollments.c.end_date, end_date),
        )
    )
    if result.rowcount:
        changes.note("ended", "enrollment", source_id)


async def end_missing_enrollments(
    conn: AsyncConnection,
    university_id: int,
    present: sa.Select[tuple[str]],
    end_date: date,
    changes: Changes,
) -> None:
    """End the university's active roster enrollments not in `present`."""
    missing = (
        (enrollments.c.university_id == university_id)
        & (enrollments.c.status == EnrollmentStatus.ACTIVE.value)
        & enrollments.c.source_id.is_not(None)
        # NOT EXISTS plans as an anti-join; NOT IN over a large list can
        # fall back to a scan of the list for every enrollment.
        & ~sa.exists(
            present.where(present.selected_columns[0] == enrollments.c.source_id)
        )
    )
    shown = await conn.execute(
        sa.select(enrollments.c.source_id)
        .where(missing)
        .order_by(enrollments.c.source_id)
        .limit(SAMPLES_PER_CHANGE)
    )
    first = [str(value) for value in shown.scalars()]
    result = await conn.execute(
        enrollments.update()
        .where(missing)
        .values(
            status=EnrollmentStatus.WITHDRAWN.value,
            end_date=sa.func.coalesce(enrollments.c.end_date, end_date),
        )
    )
    if result.rowcount:
        changes.note_many("ended", "enrollment", result.rowcount, first)


async def enrollment_ids_of(
    conn: AsyncConnection, university_id: int, alumnus_id: int
) -> list[str]:
    """Source ids of one person's active enrollments at the university."""
    result = await conn.execute(
        sa.select(enrollments.c.source_id).where(
            enrollments.c.university_id == university_id,
            enrollments.c.alumnus_id == alumnus_id,
            enrollments.c.status == EnrollmentStatus.ACTIVE.value,
            enrollments.c.source_id.is_not(None),
        )
    )
    return [str(value) for value in result.scalars()]
