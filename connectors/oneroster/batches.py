"""Merge students and enrollments a batch at a time.

A roster holds tens of thousands of people: one statement per row would
make the database round trip the whole cost. A batch is looked up with
one statement, its new rows inserted with one more (RETURNING their ids
in order), and only rows that changed are updated one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from connectors.oneroster.merge import (
    UNKNOWN_COUNTRY,
    AlumnusValues,
    Changes,
    EnrollmentValues,
    alumni,
    enrollments,
    record_graduation,
    roster_ids,
)
from connectors.oneroster.stage import COUNTRY, NON_STUDENT, stage
from gateway.db.enums import AlumnusStatus, EnrollmentStatus
from gateway.db.text import build_search_text

BATCH = 500


@dataclass(frozen=True)
class PendingEnrollment:
    """An enrollment row waiting for its batch, with the line it came from."""

    line: int
    source_id: str
    user: str
    program_id: int
    status: EnrollmentStatus
    begin_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class BatchReject:
    """A row a batch could not merge."""

    line: int
    column: str
    reason: str


async def _alumni_of(
    conn: AsyncConnection, university_id: int, users: list[str]
) -> dict[str, Any]:
    """Existing alumni behind roster user ids, by user id."""
    result = await conn.execute(
        sa.select(
            roster_ids.c.source_id,
            alumni.c.id,
            alumni.c.given_name,
            alumni.c.family_name,
            alumni.c.email,
            alumni.c.nationality,
        )
        .join(alumni, alumni.c.id == roster_ids.c.target_id)
        .where(
            roster_ids.c.university_id == university_id,
            roster_ids.c.kind == "user",
            roster_ids.c.source_id.in_(users),
        )
    )
    return {row.source_id: row for row in result}


async def merge_alumni(
    conn: AsyncConnection,
    university_id: int,
    batch: list[AlumnusValues],
    changes: Changes,
) -> None:
    """Create or update the alumni of one batch of student rows."""
    users = [values.source_id for values in batch]
    existing = await _alumni_of(conn, university_id, users)
    countries = {
        row.source_id: row.value
        for row in await conn.execute(
            sa.select(stage.c.source_id, stage.c.value).where(
                stage.c.kind == COUNTRY, stage.c.source_id.in_(users)
            )
        )
    }

    new: list[dict[str, Any]] = []
    for values in batch:
        wanted = _wanted(values, countries.get(values.source_id))
        row = existing.get(values.source_id)
        if row is None:
            new.append(wanted)
            continue
        changed = sorted(k for k, v in wanted.items() if getattr(row, k) != v)
        if not changed:
            changes.note("unchanged", "alumnus", values.source_id)
            continue
        update = {k: wanted[k] for k in changed}
        update["search_text"] = build_search_text(
            [values.given_name, values.family_name]
        )
        await conn.execute(alumni.update().where(alumni.c.id == row.id).values(update))
        changes.note("updated", "alumnus", values.source_id, fields=changed)
    if not new:
        return

    created = [values for values in batch if values.source_id not in existing]
    result = await conn.execute(
        alumni.insert().returning(alumni.c.id, sort_by_parameter_order=True),
        [
            {
                "email": None,
                "nationality": UNKNOWN_COUNTRY,
                # Students of a Moroccan university live in Morocco until
                # they say otherwise.
                "residence_country": "MA",
                "status": AlumnusStatus.STUDENT.value,
                "search_text": build_search_text(
                    [wanted["given_name"], wanted["family_name"]]
                ),
                **wanted,
            }
            for wanted in new
        ],
    )
    ids = list(result.scalars())
    # A mapping left by an alumnus deleted since is replaced.
    await conn.execute(
        roster_ids.delete().where(
            roster_ids.c.university_id == university_id,
            roster_ids.c.kind == "user",
            roster_ids.c.source_id.in_([values.source_id for values in created]),
        )
    )
    await conn.execute(
        roster_ids.insert(),
        [
            {
                "university_id": university_id,
                "kind": "user",
                "source_id": values.source_id,
                "target_id": alumnus_id,
            }
            for values, alumnus_id in zip(created, ids, strict=True)
        ],
    )
    for values in created:
        changes.note("created", "alumnus", values.source_id)


def _wanted(values: AlumnusValues, country: str | None) -> dict[str, Any]:
    """The columns a roster sets; email and nationality only when it has them."""
    wanted: dict[str, Any] = {
        "given_name": values.given_name,
        "family_name": values.family_name,
    }
    if values.email:
        wanted["email"] = values.email
    if country:
        wanted["nationality"] = country
    return wanted


async def merge_enrollments(
    conn: AsyncConnection,
    university_id: int,
    batch: list[PendingEnrollment],
    changes: Changes,
) -> list[BatchReject]:
    """Create or update one batch of enrollments; rejects unknown students."""
    users = sorted({item.user for item in batch})
    people = {
        user: int(row.id)
        for user, row in (await _alumni_of(conn, university_id, users)).items()
    }
    missing = [user for user in users if user not in people]
    not_students: set[str] = set()
    if missing:
        result = await conn.execute(
            sa.select(stage.c.source_id).where(
                stage.c.kind == NON_STUDENT, stage.c.source_id.in_(missing)
            )
        )
        not_students = {str(value) for value in result.scalars()}

    rejects: list[BatchReject] = []
    ready: list[EnrollmentValues] = []
    for item in batch:
        if item.user not in people:
            reason = (
                f"user {item.user!r} has no student role"
                if item.user in not_students
                else f"unknown user {item.user!r}"
            )
            rejects.append(BatchReject(item.line, "userSourcedId", reason))
            continue
        ready.append(
            EnrollmentValues(
                source_id=item.source_id,
                alumnus_id=people[item.user],
                program_id=item.program_id,
                status=item.status,
                begin_date=item.begin_date,
                end_date=item.end_date,
            )
        )
    if ready:
        await _write_enrollments(conn, university_id, ready, changes)
    return rejects


ENROLLMENT_FIELDS = ("alumnus_id", "program_id", "status", "begin_date", "end_date")


async def _write_enrollments(
    conn: AsyncConnection,
    university_id: int,
    ready: list[EnrollmentValues],
    changes: Changes,
) -> None:
    result = await conn.execute(
        sa.select(
            enrollments.c.id,
            enrollments.c.source_id,
            *(enrollments.c[name] for name in ENROLLMENT_FIELDS),
        ).where(
            enrollments.c.university_id == university_id,
            enrollments.c.source_id.in_([values.source_id for values in ready]),
        )
    )
    existing = {row.source_id: row for row in result}

    new: list[dict[str, Any]] = []
    graduations: list[EnrollmentValues] = []
    for values in ready:
        wanted = {
            "alumnus_id": values.alumnus_id,
            "program_id": values.program_id,
            "status": values.status.value,
            "begin_date": values.begin_date,
            "end_date": values.end_date,
        }
        row = existing.get(values.source_id)
        if row is None:
            new.append(
                {"university_id": university_id, "source_id": values.source_id} | wanted
            )
            changes.note("created", "enrollment", values.source_id)
            if values.status is EnrollmentStatus.GRADUATED:
                graduations.append(values)
            continue
        current = {name: getattr(row, name) for name in ENROLLMENT_FIELDS}
        current["status"] = EnrollmentStatus(current["status"]).value
        changed = sorted(name for name in wanted if current[name] != wanted[name])
        if not changed:
            changes.note("unchanged", "enrollment", values.source_id)
            continue
        await conn.execute(
            enrollments.update().where(enrollments.c.id == row.id).values(wanted)
        )
        changes.note("updated", "enrollment", values.source_id, fields=changed)
        if (
            values.status is EnrollmentStatus.GRADUATED
            and current["status"] != EnrollmentStatus.GRADUATED.value
        ):
            graduations.append(values)
    if new:
        await conn.execute(enrollments.insert(), new)
    for values in graduations:
        assert values.end_date is not None  # checked when the row was read
        await record_graduation(conn, values.alumnus_id, values.end_date.year)
