"""Root fields for the candidate pool and a school's own students."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
import strawberry

from auth.permissions import scope_guard
from auth.rules import CONSENTED, own_student_column, school_of, studies_at
from auth.scopes import CANDIDATES_READ, ENROLLMENT_READ
from schema.alumni.filters import CandidateFilter, candidate_conditions
from schema.alumni.loaders import (
    ALUMNUS_FIELD_COLUMNS,
    ALUMNUS_TYPENAME,
    alumni,
)
from schema.alumni.types import Alumnus
from schema.common.context import Info
from schema.common.pagination import (
    AfterArgument,
    Connection,
    FirstArgument,
    Keyset,
    fetch_page,
    page_size,
)
from schema.common.selection import columns_for, connection_node_fields

CANDIDATE_KEYSET = Keyset("c", (alumni.c.id,))

FilterArgument = Annotated[
    CandidateFilter | None,
    strawberry.argument(description="Who to keep; omit for everyone."),
]


async def alumni_page(
    info: Info,
    scope: sa.ColumnElement[bool],
    where: CandidateFilter | None,
    first: int | None,
    after: str | None,
) -> Connection[Any]:
    """A page of alumni within `scope` (a row rule), filtered and keyset-paged."""
    size = page_size(info, first)
    conditions = [scope, *candidate_conditions(where, info.context.caller)]
    fields = connection_node_fields(info)
    always: list[sa.ColumnElement[Any]] = [alumni.c.id, ALUMNUS_TYPENAME]
    if fields & {"email", "phone"}:
        always.append(own_student_column(info.context.caller))
    columns = columns_for(fields, ALUMNUS_FIELD_COLUMNS, always=always)
    return await fetch_page(
        info,
        sa.select(*columns).where(*conditions),
        sa.select(sa.func.count()).select_from(alumni).where(*conditions),
        keyset=CANDIDATE_KEYSET,
        first=size,
        after=after,
    )


@strawberry.type
class AlumniQuery:
    @strawberry.federation.field(
        requires_scopes=[[CANDIDATES_READ]],
        extensions=scope_guard(CANDIDATES_READ),
        description="People open to partners: students, graduates and "
        "professionals who consented to be visible. Needs `candidates:read`.",
    )
    async def candidate_pool(
        self,
        info: Info,
        filter: FilterArgument = None,
        first: FirstArgument = None,
        after: AfterArgument = None,
    ) -> Connection[Alumnus]:
        return await alumni_page(info, CONSENTED, filter, first, after)

    @strawberry.federation.field(
        requires_scopes=[[ENROLLMENT_READ]],
        extensions=scope_guard(ENROLLMENT_READ),
        description="Universities: your own students and graduates, whatever "
        "their consent to partners. Needs `enrollment:read`.",
    )
    async def students(
        self,
        info: Info,
        filter: FilterArgument = None,
        first: FirstArgument = None,
        after: AfterArgument = None,
    ) -> Connection[Alumnus]:
        caller = info.context.caller
        school = school_of(caller)
        if school is not None:
            scope = studies_at(school)
        elif caller is not None and caller.is_admin:
            scope = sa.true()
        else:
            scope = sa.false()
        return await alumni_page(info, scope, filter, first, after)
