"""Root fields for the candidate pool."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
import strawberry

from schema.alumni.filters import CandidateFilter, candidate_conditions
from schema.alumni.loaders import (
    ALUMNUS_FIELD_COLUMNS,
    ALUMNUS_TYPENAME,
    VISIBLE_TO_PARTNERS,
    alumni,
)
from schema.alumni.types import Alumnus
from schema.common.context import Info
from schema.common.pagination import (
    Connection,
    Keyset,
    build_connection,
    check_page_size,
)
from schema.common.selection import columns_for, connection_node_fields

CANDIDATE_KEYSET = Keyset("c", (alumni.c.id,))


@strawberry.type
class AlumniQuery:
    @strawberry.field(
        description="People open to partners: students, graduates and professionals "
        "who consented to be visible. Ordered by a stable internal order."
    )
    async def candidate_pool(
        self,
        info: Info,
        filter: Annotated[
            CandidateFilter | None,
            strawberry.argument(description="Who to keep; omit for everyone visible."),
        ] = None,
        first: Annotated[
            int | None,
            strawberry.argument(description="Page size, 0 to 100 (default 20)."),
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(description="`endCursor` of the previous page."),
        ] = None,
    ) -> Connection[Alumnus]:
        settings = info.context.settings
        size = check_page_size(
            first, default=settings.default_page_size, maximum=settings.max_page_size
        )
        conditions = [VISIBLE_TO_PARTNERS, *candidate_conditions(filter)]
        columns = columns_for(
            connection_node_fields(info),
            ALUMNUS_FIELD_COLUMNS,
            always=(alumni.c.id, ALUMNUS_TYPENAME),
        )
        statement = sa.select(*columns).where(*conditions)
        if after is not None:
            statement = statement.where(CANDIDATE_KEYSET.after(after))
        statement = statement.order_by(*CANDIDATE_KEYSET.order_by()).limit(size + 1)
        rows = await info.context.db.fetch_all(statement)

        async def count_total() -> int:
            count = sa.select(sa.func.count()).select_from(alumni).where(*conditions)
            return int(await info.context.db.fetch_scalar(count))

        return build_connection(
            rows,
            keyset=CANDIDATE_KEYSET,
            first=size,
            after=after,
            count_total=count_total,
        )
