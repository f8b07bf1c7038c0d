"""Root fields for opportunities."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
import strawberry

from auth.rules import visible_opportunities
from schema.common.context import Info
from schema.common.ids import pk_of
from schema.common.pagination import (
    AfterArgument,
    Connection,
    FirstArgument,
    Keyset,
    fetch_page,
    page_size,
)
from schema.common.selection import columns_for, connection_node_fields
from schema.opportunities.filters import OpportunityFilter, opportunity_conditions
from schema.opportunities.loaders import (
    OPPORTUNITY_FIELD_COLUMNS,
    OPPORTUNITY_TYPENAME,
    OpportunityByIdLoader,
    opportunities,
)
from schema.opportunities.types import Opportunity

# Newest first; the id breaks ties between postings of the same instant.
OPPORTUNITY_KEYSET = Keyset(
    "o", (opportunities.c.posted_at, opportunities.c.id), descending=True
)


@strawberry.type
class OpportunityQuery:
    @strawberry.field(
        description="Published opportunities, newest first; with "
        "`opportunities:read` or `opportunities:write`, your own drafts and "
        "closed ones too."
    )
    async def opportunities(
        self,
        info: Info,
        filter: Annotated[
            OpportunityFilter | None,
            strawberry.argument(description="What to keep; omit for everything."),
        ] = None,
        first: FirstArgument = None,
        after: AfterArgument = None,
    ) -> Connection[Opportunity]:
        size = page_size(info, first)
        caller = info.context.caller
        conditions = [
            visible_opportunities(caller),
            *opportunity_conditions(filter, caller),
        ]
        columns = columns_for(
            connection_node_fields(info),
            OPPORTUNITY_FIELD_COLUMNS,
            always=(
                opportunities.c.id,
                opportunities.c.posted_at,
                OPPORTUNITY_TYPENAME,
            ),
        )
        return await fetch_page(
            info,
            sa.select(*columns).where(*conditions),
            sa.select(sa.func.count()).select_from(opportunities).where(*conditions),
            keyset=OPPORTUNITY_KEYSET,
            first=size,
            after=after,
        )

    @strawberry.field(
        description="One opportunity by its global id: published, or your own."
    )
    async def opportunity(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
    ) -> Opportunity | None:
        row: Any = await info.context.loader(OpportunityByIdLoader).load(
            pk_of(id, "Opportunity")
        )
        return row  # type: ignore[no-any-return]
