"""Root fields universities use for their enrollment (`enrollment:*`).

Everything is limited to the token's university inside the SQL
statement; another university's runs and enrollments are not found.
"""

from __future__ import annotations

import datetime
import logging
from typing import Annotated, Any

import sqlalchemy as sa
import strawberry

from auth.permissions import scope_guard
from auth.scopes import ENROLLMENT_READ, ENROLLMENT_WRITE
from connectors.oneroster.merge import record_graduation
from gateway.db.enums import EnrollmentStatus
from gateway.db.models import Enrollment as EnrollmentModel
from gateway.db.models import table_of
from schema.alumni.loaders import EnrollmentByIdLoader
from schema.alumni.types import Enrollment
from schema.common.context import Info
from schema.common.errors import BadUserInput, NotFound
from schema.common.ids import pk_of
from schema.enrollment.types import (
    IMPORT_COLUMNS,
    EnrollmentImport,
    enrollment_imports,
    visible_imports,
)

logger = logging.getLogger(__name__)

enrollments = table_of(EnrollmentModel)

MAX_RUNS = 100


@strawberry.type
class EnrollmentQuery:
    @strawberry.federation.field(
        requires_scopes=[[ENROLLMENT_READ]],
        extensions=scope_guard(ENROLLMENT_READ),
        description="Your university's roster imports, newest first.",
    )
    async def enrollment_imports(
        self,
        info: Info,
        first: Annotated[
            int, strawberry.argument(description="How many, 1 to 100 (default 20).")
        ] = 20,
    ) -> list[EnrollmentImport]:
        if not 1 <= first <= MAX_RUNS:
            raise BadUserInput("first", f"must be between 1 and {MAX_RUNS}")
        statement = (
            sa.select(*IMPORT_COLUMNS)
            .where(visible_imports(info.context.caller))
            .order_by(enrollment_imports.c.id.desc())
            .limit(first)
        )
        return list(await info.context.db.fetch_all(statement))  # type: ignore[arg-type]

    @strawberry.federation.field(
        requires_scopes=[[ENROLLMENT_READ]],
        extensions=scope_guard(ENROLLMENT_READ),
        description="One of your roster imports; null if it is not yours.",
    )
    async def enrollment_import(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
    ) -> EnrollmentImport | None:
        pk = pk_of(id, "EnrollmentImport")
        rows = await info.context.db.fetch_all(
            sa.select(*IMPORT_COLUMNS).where(
                enrollment_imports.c.id == pk, visible_imports(info.context.caller)
            )
        )
        return rows[0] if rows else None


@strawberry.type
class EnrollmentMutation:
    @strawberry.federation.field(
        requires_scopes=[[ENROLLMENT_WRITE]],
        extensions=scope_guard(ENROLLMENT_WRITE),
        description="Record that a student of yours graduated: the enrollment "
        "ends as graduated, the person becomes a graduate of that year, and "
        "their consent to be visible to partners is asked again.",
    )
    async def record_graduation(
        self,
        info: Info,
        enrollment_id: Annotated[
            strawberry.ID, strawberry.argument(description="The enrollment's id.")
        ],
        end_date: Annotated[
            datetime.date,
            strawberry.argument(description="The day the degree was completed."),
        ],
    ) -> Enrollment:
        caller = info.context.caller
        assert caller is not None  # the scope guard admits authenticated callers
        pk = pk_of(enrollment_id, "Enrollment", argument="enrollmentId")
        async with info.context.db.writing() as connection:
            row: Any = (
                await connection.execute(
                    sa.select(enrollments.c.alumnus_id, enrollments.c.status).where(
                        enrollments.c.id == pk,
                        enrollments.c.university_id == caller.university_id,
                    )
                )
            ).first()
            if row is None:
                raise NotFound("No enrollment of your university has this id.")
            if EnrollmentStatus(row.status) is not EnrollmentStatus.GRADUATED:
                await connection.execute(
                    enrollments.update()
                    .where(enrollments.c.id == pk)
                    .values(status=EnrollmentStatus.GRADUATED.value, end_date=end_date)
                )
                await record_graduation(connection, row.alumnus_id, end_date.year)
        logger.info(
            "graduation recorded: enrollment %d by partner %d", pk, caller.partner_id
        )
        loader = info.context.loader(EnrollmentByIdLoader)
        loader.clear(pk)
        return await loader.load(pk)  # type: ignore[no-any-return]
