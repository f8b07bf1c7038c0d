"""Batched reads of partners."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Row

from gateway.db.models import Partner, table_of
from schema.common.columns import enum_as_text
from schema.common.context import RowLoader
from schema.common.node import register_node, typename_column

partners = table_of(Partner)

PARTNER_COLUMNS = (
    partners.c.id,
    enum_as_text(partners.c.kind),
    partners.c.name,
    partners.c.slug,
    partners.c.country,
    partners.c.website,
    typename_column("Partner"),
)


class PartnerByIdLoader(RowLoader[int, Row[Any] | None]):
    """Partners by primary key."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = sa.select(*PARTNER_COLUMNS).where(partners.c.id.in_(keys))
        found = {row.id: row for row in await self.db.fetch_all(statement)}
        return [found.get(key) for key in keys]


register_node("Partner", PartnerByIdLoader)
