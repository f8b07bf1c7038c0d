"""Partners: the organisations that post opportunities and meet candidates."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.common.context import Info
from schema.common.enums import PartnerKind
from schema.common.ids import pk_of
from schema.common.node import Node, global_id_resolver, row_is
from schema.partners.loaders import PartnerByIdLoader


@strawberry.federation.type(
    keys=["id"],
    description="An organisation using the platform: company, university, "
    "private institute or diaspora association.",
)
class Partner(Node):
    is_type_of = row_is("Partner")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("Partner"), description="Global id of the partner."
    )
    name: str = strawberry.field(description="Public name.")
    slug: str = strawberry.field(description="Short unique handle, e.g. `atlas-data`.")
    kind: PartnerKind = strawberry.field(description="What kind of organisation.")
    country: str | None = strawberry.field(
        description="Home country, ISO 3166-1 alpha-2."
    )
    website: str | None = strawberry.field(description="Public web site.")

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Any:
        """Federation entry point: batched through the request's loader."""
        return info.context.loader(PartnerByIdLoader).load(pk_of(id, "Partner"))
