"""The audit log of contact data served to partners."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from auth.caller import Caller
from gateway.db.models import AuditRecord

logger = logging.getLogger(__name__)

audit_records: Any = AuditRecord.__table__


class ContactReads(Protocol):
    """What the audit needs from a request's context."""

    caller: Caller | None
    contact_reads: dict[int, set[str]]
    operation_name: str | None


async def write_audit_record(engine: AsyncEngine, context: ContactReads) -> None:
    """Record who received which contact fields of whom; never the values.

    Written in its own transaction before the response is sent, so contact
    data never leaves without a trace.
    """
    caller = context.caller
    alumni_ids = sorted(context.contact_reads)
    fields = sorted(set().union(*context.contact_reads.values()))
    async with engine.begin() as connection:
        await connection.execute(
            sa.insert(audit_records).values(
                at=datetime.now(UTC),
                client_id=caller.client_id if caller else "anonymous",
                partner_id=caller.partner_id if caller else None,
                alumni_ids=alumni_ids,
                fields=fields,
                operation=(context.operation_name or "")[:200] or None,
            )
        )
    logger.info(
        "contact data served: client %s, %d alumni, fields %s",
        caller.client_id if caller else "anonymous",
        len(alumni_ids),
        ",".join(fields),
    )
