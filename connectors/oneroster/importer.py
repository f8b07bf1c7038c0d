"""Import a university's OneRoster CSV set: read, map, merge, record.

Everything happens on one connection in one transaction: rows are mapped
and written as they are read, and the transaction is committed only when
the rejects stay within bounds and this is not a dry run. Otherwise it is
rolled back, so a dry run, a rejected import or a failure half-way
(a lost connection included) leaves the database exactly as it was.

Facts about many rows (students, enrollments seen) go to a temporary
table (`stage`), not to memory. Limitation: the ids of orgs, courses and
classes are held in memory: they grow with the catalogue, not the roster.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pycountry
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from connectors.oneroster import merge
from connectors.oneroster.batches import (
    BATCH,
    PendingEnrollment,
    merge_alumni,
    merge_enrollments,
)
from connectors.oneroster.errors import (
    OrgNotBound,
    UnknownUniversity,
)
from connectors.oneroster.merge import (
    AlumnusValues,
    Changes,
    ProgramValues,
)
from connectors.oneroster.reader import (
    SPECS,
    HeaderError,
    Reject,
    Row,
    RowError,
    parse_date,
    read_rows,
    split_ids,
)
from connectors.oneroster.runs import (
    DRY_RUN,
    DUPLICATE,
    REJECTED,
    SUCCEEDED,
    ImportReport,
    find_duplicate,
    record_run,
)
from connectors.oneroster.source import ABSENT, BULK, DELTA, FILES, RosterSource
from connectors.oneroster.stage import (
    COUNTRY,
    NON_STUDENT,
    SEEN_ENROLLMENT,
    STUDENT_ROLE,
    Stage,
)
from gateway.db.enums import DegreeLevel, EnrollmentStatus, PartnerKind
from gateway.db.models import Partner, University, table_of

logger = logging.getLogger(__name__)

partners = table_of(Partner)
universities = table_of(University)

TO_BE_DELETED = "tobedeleted"
STUDENT = "student"
# Programs made from a class that belongs to no known course.
CLASS_PREFIX = "class:"

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class ImportOptions:
    """How strict an import is and whether it writes."""

    dry_run: bool = False
    # Any reject stops the import.
    strict: bool = False
    # Rejects above this share of all rows read stop the import.
    max_reject_share: float = 0.2


@dataclass
class _State:
    """Ids seen so far in this import, and where rows go."""

    university_id: int
    today: date
    stage: Stage
    # Orgs that are the university or one of its parts; others are foreign.
    own_orgs: set[str] = field(default_factory=set)
    foreign_orgs: set[str] = field(default_factory=set)
    # Course id -> program id; None for a course marked tobedeleted.
    courses: dict[str, int | None] = field(default_factory=dict)
    # Class id -> program id; None for a class that is gone.
    classes: dict[str, int | None] = field(default_factory=dict)
    # Whether this set carries courses: then a class's course must be known.
    courses_read: bool = False
    # A file whose header lacks a needed column: nothing may apply.
    is_header_broken: bool = False
    # Rows waiting to be merged as a batch, and their ids.
    file_name: str = ""
    # Rows merged in batches so far, and how many there were at the last
    # ANALYZE (PostgreSQL only; see _refresh_statistics).
    merged: int = 0
    analyzed_at: int = 0
    pending_users: dict[str, AlumnusValues] = field(default_factory=dict)
    pending_enrollments: dict[str, PendingEnrollment] = field(default_factory=dict)


async def import_roster(
    engine: AsyncEngine,
    path: Path,
    university: str,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the OneRoster set at `path` for the university partner `university`."""
    options = options or ImportOptions()
    source = RosterSource(path)
    try:
        university_id = await _university_of(engine, university)
        return await import_source(engine, source, university_id, options, progress)
    finally:
        source.close()


async def import_source(
    engine: AsyncEngine,
    source: RosterSource,
    university_id: int,
    options: ImportOptions,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an open set for the university `university_id` (from a token or
    the CLI's slug, never from the files)."""
    started_at = datetime.now(UTC)
    manifest = source.manifest()
    report = ImportReport(
        status=SUCCEEDED,
        university_id=university_id,
        content_hash=source.content_hash(),
        oneroster_version=manifest.oneroster_version,
    )
    modes = {
        manifest.mode(name)
        for name in FILES
        if source.has(name) and manifest.mode(name) != ABSENT
    }
    report.mode = DELTA if DELTA in modes else BULK

    async with engine.connect() as conn:
        duplicate = await find_duplicate(conn, university_id, report.content_hash)
        if duplicate is not None:
            report.status, report.duplicate_of = DUPLICATE, duplicate
            return report
        await conn.rollback()

        transaction = await conn.begin()
        try:
            stage = Stage(conn)
            await stage.open()
            state = _State(
                university_id=university_id,
                today=started_at.date(),
                stage=stage,
                courses_read=source.has("courses")
                and manifest.mode("courses") != ABSENT,
            )
            for name in FILES:
                mode = manifest.mode(name)
                if not source.has(name) or mode == ABSENT:
                    continue
                await _import_file(conn, source, name, mode, state, report)
                if progress:
                    progress(name, report.rows)
            await stage.flush()
            if _reads_bulk(source, manifest.mode("enrollments")):
                await merge.end_missing_enrollments(
                    conn,
                    university_id,
                    stage.ids(SEEN_ENROLLMENT),
                    state.today,
                    report.changes,
                )

            share = report.rejected / max(report.rows, 1)
            if state.is_header_broken or (
                report.rejected and (options.strict or share > options.max_reject_share)
            ):
                report.status = REJECTED
            elif options.dry_run:
                report.status = DRY_RUN
            if report.status == REJECTED:
                # Nothing applies: report no changes, only the rejects.
                report.changes = Changes()
            if report.status == SUCCEEDED:
                report.run_id = await record_run(conn, report, started_at)
                await transaction.commit()
            else:
                await transaction.rollback()
        except BaseException:
            if transaction.is_active:
                # The connection may be gone already; the server then rolls
                # back on its own, and the original error is what matters.
                with contextlib.suppress(Exception):
                    await transaction.rollback()
            raise

        if report.status == REJECTED and not options.dry_run:
            async with conn.begin():
                report.run_id = await record_run(conn, report, started_at)
    logger.info(
        "oneroster import university=%s status=%s rows=%d rejected=%d run=%s",
        university_id,
        report.status,
        report.rows,
        report.rejected,
        report.run_id,
    )
    return report


def _reads_bulk(source: RosterSource, mode: str) -> bool:
    return source.has("enrollments") and mode == BULK


async def _university_of(engine: AsyncEngine, slug: str) -> int:
    """The university a university (or private institute) partner speaks for."""
    async with engine.connect() as conn:
        value = await conn.scalar(
            sa.select(partners.c.university_id).where(
                partners.c.slug == slug,
                partners.c.kind.in_(
                    [PartnerKind.UNIVERSITY.value, PartnerKind.PRIVATE_INSTITUTE.value]
                ),
                partners.c.university_id.is_not(None),
            )
        )
    if value is None:
        raise UnknownUniversity(slug)
    return int(value)


async def _import_file(
    conn: AsyncConnection,
    source: RosterSource,
    name: str,
    mode: str,
    state: _State,
    report: ImportReport,
) -> None:
    file_name = source.file_name(name)
    if name == "orgs":
        await _bind_orgs(conn, source, state, report)
        return
    handler = _HANDLERS[name]
    state.file_name = file_name
    with source.open_text(name) as text:
        try:
            rows = read_rows(text, SPECS[name])
            for item in rows:
                report.rows += 1
                if isinstance(item, RowError):
                    report.add_reject(
                        Reject(file_name, item.line, item.column, item.reason)
                    )
                    continue
                try:
                    parse_date(item, "datelastmodified")
                    await handler(conn, item, mode, state, report)
                except RowError as error:
                    report.add_reject(
                        Reject(file_name, item.line, error.column, error.reason)
                    )
        except HeaderError as error:
            _reject_header(state, report, file_name, error)
    await _flush(conn, state, report, file_name)


async def _flush(
    conn: AsyncConnection, state: _State, report: ImportReport, file_name: str
) -> None:
    """Merge the rows waiting in batches."""
    await state.stage.flush()
    state.merged += len(state.pending_users) + len(state.pending_enrollments)
    await _refresh_statistics(conn, state)
    if state.pending_users:
        batch = list(state.pending_users.values())
        state.pending_users.clear()
        await merge_alumni(conn, state.university_id, batch, report.changes)
    if state.pending_enrollments:
        pending = list(state.pending_enrollments.values())
        state.pending_enrollments.clear()
        rejects = await merge_enrollments(
            conn, state.university_id, pending, report.changes
        )
        for reject in rejects:
            report.add_reject(
                Reject(file_name, reject.line, reject.column, reject.reason)
            )


# Tables whose lookups by roster id must use their indexes.
_ANALYZED = "roster_ids, alumni, enrollments, roster_stage"


async def _refresh_statistics(conn: AsyncConnection, state: _State) -> None:
    """Tell PostgreSQL's planner how much the tables grew during the import.

    Tables filled by this very transaction keep the statistics of before
    (none at all on a first import), so the planner scans a whole
    university's rows for every batch lookup instead of using the index:
    quadratic time. ANALYZE inside the transaction counts our own rows;
    run each time the merged rows double, its cost stays small.
    """
    if conn.dialect.name != "postgresql":
        return
    if state.merged < max(2 * state.analyzed_at, 2 * BATCH):
        return
    await conn.execute(sa.text(f"ANALYZE {_ANALYZED}"))
    state.analyzed_at = state.merged


def _reject_header(
    state: _State, report: ImportReport, file_name: str, error: HeaderError
) -> None:
    """A header without a needed column: every row of the file is unusable."""
    state.is_header_broken = True
    for column in error.columns:
        reason = f"required column {column} is missing from the header"
        report.add_reject(Reject(file_name, 1, column, reason))


async def _bind_orgs(
    conn: AsyncConnection, source: RosterSource, state: _State, report: ImportReport
) -> None:
    """Find the university's org and its parts; bind it on first import.

    Orgs are few (a university, its faculties and schools), so they are
    read whole before the tree is walked.
    """
    file_name = source.file_name("orgs")
    parents: dict[str, str] = {}
    lines: dict[str, int] = {}
    with source.open_text("orgs") as text:
        try:
            for item in read_rows(text, SPECS["orgs"]):
                report.rows += 1
                if isinstance(item, RowError):
                    reject = Reject(file_name, item.line, item.column, item.reason)
                    report.add_reject(reject)
                    continue
                try:
                    parse_date(item, "datelastmodified")
                except RowError as error:
                    reject = Reject(file_name, item.line, error.column, error.reason)
                    report.add_reject(reject)
                    continue
                parents[item.get("sourcedid")] = item.get("parentsourcedid")
                lines[item.get("sourcedid")] = item.line
        except HeaderError as error:
            _reject_header(state, report, file_name, error)
            return

    bound = await conn.scalar(
        sa.select(universities.c.oneroster_org_id).where(
            universities.c.id == state.university_id
        )
    )
    if bound is None:
        top = [org for org, parent in parents.items() if parent not in parents]
        if len(top) != 1:
            raise OrgNotBound(len(top))
        bound = top[0]
        # Org ids are unique only within one school's information system:
        # another university may well use "1" too, so no check across them.
        await conn.execute(
            universities.update()
            .where(universities.c.id == state.university_id)
            .values(oneroster_org_id=bound)
        )
    state.own_orgs.add(bound)
    known = await _known_orgs(conn, state.university_id)
    state.own_orgs |= known

    # Walk down from the university's org: whatever is not reached belongs
    # to another institution.
    children: dict[str, list[str]] = {}
    for org, parent in parents.items():
        children.setdefault(parent, []).append(org)
    pending = [org for org in state.own_orgs]
    while pending:
        org = pending.pop()
        for child in children.get(org, []):
            if child not in state.own_orgs:
                state.own_orgs.add(child)
                pending.append(child)
    for org in parents:
        if org in state.own_orgs:
            if org != bound:
                await merge.remember_roster_id(
                    conn, state.university_id, "org", org, state.university_id
                )
        else:
            state.foreign_orgs.add(org)
            report.add_reject(Reject(file_name, lines[org], "sourcedId", _FOREIGN_ORG))


_FOREIGN_ORG = "org belongs to another institution"


async def _known_orgs(conn: AsyncConnection, university_id: int) -> set[str]:
    """The university's parts seen by earlier imports (delta sets omit them)."""
    result = await conn.execute(
        sa.select(merge.roster_ids.c.source_id).where(
            merge.roster_ids.c.university_id == university_id,
            merge.roster_ids.c.kind == "org",
        )
    )
    return {str(value) for value in result.scalars()}


async def _ensure_orgs_loaded(conn: AsyncConnection, state: _State) -> None:
    if state.own_orgs:
        return
    # A set without orgs.csv (a delta, or a file marked absent): the
    # university must have been bound by an earlier import.
    bound = await conn.scalar(
        sa.select(universities.c.oneroster_org_id).where(
            universities.c.id == state.university_id
        )
    )
    if bound is None:
        raise OrgNotBound(0)
    state.own_orgs = {bound} | await _known_orgs(conn, state.university_id)


def _check_org(state: _State, org: str, column: str) -> None:
    """Reject a row of another institution or naming an unknown org."""
    if org in state.own_orgs:
        return
    if org in state.foreign_orgs:
        raise RowError(column, f"{column} {org!r} belongs to another institution")
    raise RowError(column, f"{column} {org!r} is not a known org")


def _status(row: Row) -> str:
    return row.get("status").lower()


async def _on_session(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    # Terms are not stored; their dates are still checked, so a set with
    # broken dates is reported before anything relies on it.
    parse_date(row, "startdate")
    parse_date(row, "enddate")


def _degree_level(row: Row) -> str:
    """A degree level named by the roster, or "certificate" when none is.

    Limitation: OneRoster has no degree vocabulary; a `metadata.degreeLevel`
    column (or a `grades` value) naming one of ours is used, and programs
    otherwise start as certificates until the university corrects them.
    """
    for value in (row.get("metadata.degreelevel"), row.get("grades")):
        candidate = value.strip().lower()
        if candidate in DegreeLevel._value2member_map_:
            return candidate
    return DegreeLevel.CERTIFICATE.value


async def _on_course(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    await _ensure_orgs_loaded(conn, state)
    if row.get("orgsourcedid"):
        _check_org(state, row.get("orgsourcedid"), "orgSourcedId")
    course = row.get("sourcedid")
    if _status(row) == TO_BE_DELETED:
        state.courses[course] = None
        return
    values = ProgramValues(
        source_id=course,
        name=(row.get("title") or course)[:255],
        degree_level=_degree_level(row),
    )
    program_id = await merge.upsert_program(
        conn, state.university_id, values, report.changes
    )
    state.courses[course] = program_id


async def _on_class(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    await _ensure_orgs_loaded(conn, state)
    _check_org(state, row.get("schoolsourcedid"), "schoolSourcedId")
    class_id = row.get("sourcedid")
    if _status(row) == TO_BE_DELETED:
        state.classes[class_id] = None
        return

    course = row.get("coursesourcedid")
    program_id: int | None = None
    if course:
        if course in state.courses:
            program_id = state.courses[course]
            if program_id is None:  # its course is gone, and so is the class
                state.classes[class_id] = None
                return
        else:
            program_id = await _program_of_course(conn, state, course)
            if program_id is None and state.courses_read:
                raise RowError("courseSourcedId", f"unknown course {course!r}")
    if program_id is None:
        # No course to hang the class on (1.0 sets, or courses.csv absent):
        # the class is the program.
        values = ProgramValues(
            source_id=CLASS_PREFIX + class_id,
            name=(row.get("title") or class_id)[:255],
            degree_level=_degree_level(row),
        )
        program_id = await merge.upsert_program(
            conn, state.university_id, values, report.changes
        )
    state.classes[class_id] = program_id
    await merge.remember_roster_id(
        conn, state.university_id, "class", class_id, program_id
    )


async def _program_of_course(
    conn: AsyncConnection, state: _State, course: str
) -> int | None:
    value = await conn.scalar(
        sa.select(merge.programs.c.id).where(
            merge.programs.c.university_id == state.university_id,
            merge.programs.c.oneroster_course_id == course,
        )
    )
    return None if value is None else int(value)


def _country(row: Row) -> str | None:
    """Nationality (or, failing that, birth country) as ISO 3166 alpha-2."""
    for column in ("metadata.nationality", "countryofbirthcode"):
        value = row.get(column).upper()
        if not value:
            continue
        country = (
            pycountry.countries.get(alpha_2=value)
            if len(value) == 2
            else pycountry.countries.get(alpha_3=value)
        )
        if country is None:
            raise RowError(column, f"{column} is not an ISO 3166 country code")
        return str(country.alpha_2)
    return None


async def _on_demographics(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    # Only the birth date is checked and the country kept; the race and
    # ethnicity columns never left the reader.
    parse_date(row, "birthdate")
    country = _country(row)
    if country and _status(row) != TO_BE_DELETED:
        await state.stage.add(COUNTRY, row.get("sourcedid"), country)


async def _on_role(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    await _ensure_orgs_loaded(conn, state)
    parse_date(row, "begindate")
    parse_date(row, "enddate")
    if _status(row) == TO_BE_DELETED or row.get("role").lower() != STUDENT:
        return
    if row.get("orgsourcedid"):
        _check_org(state, row.get("orgsourcedid"), "orgSourcedId")
    await state.stage.add(STUDENT_ROLE, row.get("usersourcedid"))


async def _on_user(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    await _ensure_orgs_loaded(conn, state)
    user = row.get("sourcedid")
    roles = {role.lower() for role in split_ids(row.get("role"))}
    if STUDENT not in roles and not await state.stage.has(STUDENT_ROLE, user):
        await state.stage.add(NON_STUDENT, user)
        return
    orgs = split_ids(row.get("orgsourcedids")) + split_ids(
        row.get("primaryorgsourcedid")
    )
    if orgs and not any(org in state.own_orgs for org in orgs):
        column = "orgSourcedIds" if row.get("orgsourcedids") else "primaryOrgSourcedId"
        _check_org(state, orgs[0], column)

    if _status(row) == TO_BE_DELETED:
        # A student removed from the roster has left: end their enrollments.
        alumnus_id = await merge.find_roster_id(conn, state.university_id, "user", user)
        if alumnus_id is not None:
            for enrollment in await merge.enrollment_ids_of(
                conn, state.university_id, alumnus_id
            ):
                await merge.end_enrollment(
                    conn, state.university_id, enrollment, state.today, report.changes
                )
        return
    for column in ("givenname", "familyname"):
        if not row.get(column):
            raise RowError(_SPELLING[column], f"{_SPELLING[column]} is empty")
    values = AlumnusValues(
        source_id=user,
        given_name=row.get("givenname")[:120],
        family_name=row.get("familyname")[:120],
        email=row.get("email")[:320] or None,
    )
    if user in state.pending_users:
        await _flush(conn, state, report, state.file_name)
    state.pending_users[user] = values
    if len(state.pending_users) >= BATCH:
        await _flush(conn, state, report, state.file_name)


_SPELLING = {"givenname": "givenName", "familyname": "familyName"}


async def _on_enrollment(
    conn: AsyncConnection, row: Row, mode: str, state: _State, report: ImportReport
) -> None:
    await _ensure_orgs_loaded(conn, state)
    if row.get("role").lower() != STUDENT:
        return
    enrollment = row.get("sourcedid")
    await state.stage.add(SEEN_ENROLLMENT, enrollment)
    if row.get("schoolsourcedid"):
        _check_org(state, row.get("schoolsourcedid"), "schoolSourcedId")
    begin = parse_date(row, "begindate")
    end = parse_date(row, "enddate")

    class_id = row.get("classsourcedid")
    if class_id in state.classes:
        program_id = state.classes[class_id]
    else:
        program_id = await merge.find_roster_id(
            conn, state.university_id, "class", class_id
        )
        if program_id is None:
            raise RowError("classSourcedId", f"unknown class {class_id!r}")
    if _status(row) == TO_BE_DELETED or program_id is None:
        # Removed from the roster, or its class was: the student left it.
        await _flush(conn, state, report, state.file_name)
        await merge.end_enrollment(
            conn, state.university_id, enrollment, end or state.today, report.changes
        )
        return

    status = EnrollmentStatus.ACTIVE
    # OneRoster has no outcome; universities mark graduations with a
    # `metadata.outcome` column, as the standard allows for extensions.
    if row.get("metadata.outcome").lower() == EnrollmentStatus.GRADUATED.value:
        if end is None:
            raise RowError("endDate", "a graduated enrollment needs an endDate")
        status = EnrollmentStatus.GRADUATED
    if enrollment in state.pending_enrollments:
        await _flush(conn, state, report, state.file_name)
    state.pending_enrollments[enrollment] = PendingEnrollment(
        line=row.line,
        source_id=enrollment,
        user=row.get("usersourcedid"),
        program_id=program_id,
        status=status,
        begin_date=begin,
        end_date=end,
    )
    if len(state.pending_enrollments) >= BATCH:
        await _flush(conn, state, report, state.file_name)


_HANDLERS = {
    "academicSessions": _on_session,
    "courses": _on_course,
    "classes": _on_class,
    "demographics": _on_demographics,
    "roles": _on_role,
    "users": _on_user,
    "enrollments": _on_enrollment,
}
