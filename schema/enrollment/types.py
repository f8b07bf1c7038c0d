"""Enrollment import runs as the importing university sees them."""

from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa
import strawberry
from strawberry import Parent

from auth.caller import Caller
from gateway.db.models import EnrollmentImport as EnrollmentImportModel
from gateway.db.models import table_of
from schema.common.node import global_id_resolver, typename_column

enrollment_imports = table_of(EnrollmentImportModel)

IMPORT_COLUMNS = (
    *(column for column in enrollment_imports.c if column.name != "content_hash"),
    typename_column("EnrollmentImport"),
)


def visible_imports(caller: Caller | None) -> sa.ColumnElement[bool]:
    """Import runs the caller may read: its own university's (admins: all)."""
    if caller is not None and caller.is_admin:
        return sa.true()
    if caller is None or caller.university_id is None:
        return sa.false()
    return enrollment_imports.c.university_id == caller.university_id


@strawberry.type(description="A roster row (or file) an import could not use.")
class EnrollmentImportReject:
    file: str = strawberry.field(description="The CSV file, e.g. `users.csv`.")
    line: int = strawberry.field(description="Line in that file; 1 is the header.")
    column: str | None = strawberry.field(description="The column at fault, if one.")
    reason: str = strawberry.field(description="Why the row was rejected.")


def _rejects(root: Parent[Any]) -> list[EnrollmentImportReject]:
    return [
        EnrollmentImportReject(
            file=str(item.get("file", "")),
            line=int(item.get("line", 0)),
            column=item.get("column"),
            reason=str(item.get("reason", "")),
        )
        for item in root.rejects or []
    ]


@strawberry.type(description="One OneRoster import of your university's roster.")
class EnrollmentImport:
    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("EnrollmentImport"),
        description="Global id of the import run.",
    )
    status: str = strawberry.field(
        description="`succeeded`, or `rejected` when rejects stopped it (nothing "
        "was applied)."
    )
    oneroster_version: str = strawberry.field(description="OneRoster version read.")
    mode: str = strawberry.field(description="`bulk` or `delta`.")
    started_at: datetime.datetime = strawberry.field(description="Start (UTC).")
    finished_at: datetime.datetime | None = strawberry.field(description="End (UTC).")
    created: int = strawberry.field(description="Programs, people, enrollments made.")
    updated: int = strawberry.field(description="Rows changed.")
    unchanged: int = strawberry.field(description="Rows already up to date.")
    ended: int = strawberry.field(description="Enrollments ended (students left).")
    rejected: int = strawberry.field(description="Rows rejected.")
    rejects: list[EnrollmentImportReject] = strawberry.field(
        resolver=_rejects, description="The first 100 rejects."
    )
