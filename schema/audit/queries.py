"""Admins read who received which contact data, and when."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import sqlalchemy as sa
import strawberry
from strawberry import Parent

from auth.permissions import scope_guard
from auth.scopes import ADMIN
from gateway.db.models import AuditRecord as AuditRecordModel
from schema.common.context import Info
from schema.common.ids import pks_of, to_global_id
from schema.common.pagination import (
    AfterArgument,
    Connection,
    FirstArgument,
    Keyset,
    fetch_page,
    page_size,
)
from schema.partners.loaders import PartnerByIdLoader
from schema.partners.types import Partner

audit_records: Any = AuditRecordModel.__table__

AUDIT_KEYSET = Keyset("a", (audit_records.c.at, audit_records.c.id), descending=True)


def _alumni(root: Parent[Any]) -> list[strawberry.ID]:
    return [strawberry.ID(to_global_id("Alumnus", pk)) for pk in root.alumni_ids]


async def _partner(root: Parent[Any], info: Info) -> Partner | None:
    if root.partner_id is None:
        return None
    return await info.context.loader(PartnerByIdLoader).load(root.partner_id)  # type: ignore[no-any-return]


@strawberry.type(description="One response that carried contact data to a partner.")
class AuditRecord:
    at: datetime.datetime = strawberry.field(description="When it was served (UTC).")
    client_id: str = strawberry.field(description="OAuth client that asked.")
    operation: str | None = strawberry.field(
        description="Name of the GraphQL operation, when it had one."
    )
    fields: list[str] = strawberry.field(description="Contact fields served.")
    alumni: list[strawberry.ID] = strawberry.field(
        resolver=_alumni, description="Global ids of the people whose data it was."
    )
    partner: Partner | None = strawberry.field(
        resolver=_partner, description="The partner the client belongs to."
    )


@strawberry.type
class AuditQuery:
    @strawberry.federation.field(
        requires_scopes=[[ADMIN]],
        extensions=scope_guard(ADMIN),
        description="Platform operators: the contact-data audit log, newest first.",
    )
    async def audit_records(
        self,
        info: Info,
        partner_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Only records of these partners."),
        ] = None,
        first: FirstArgument = None,
        after: AfterArgument = None,
    ) -> Connection[AuditRecord]:
        size = page_size(info, first)
        conditions: list[sa.ColumnElement[bool]] = []
        if partner_ids:
            ids = pks_of(partner_ids, "Partner", argument="partnerIds")
            conditions.append(audit_records.c.partner_id.in_(ids))
        columns = [
            audit_records.c.id,
            audit_records.c.at,
            audit_records.c.client_id,
            audit_records.c.operation,
            audit_records.c.fields,
            audit_records.c.alumni_ids,
            audit_records.c.partner_id,
        ]
        return await fetch_page(
            info,
            sa.select(*columns).where(*conditions),
            sa.select(sa.func.count()).select_from(audit_records).where(*conditions),
            keyset=AUDIT_KEYSET,
            first=size,
            after=after,
        )
