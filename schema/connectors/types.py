"""Connectors and their sync runs as their owners see them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Annotated, Any

import sqlalchemy as sa
import strawberry
from sqlalchemy.engine import Row
from strawberry import Parent

from auth.rules import visible_connectors
from gateway.db.enums import SyncRunStatus
from gateway.db.models import Connector as ConnectorModel
from gateway.db.models import SyncRun as SyncRunModel
from gateway.db.models import table_of
from schema.common.columns import enum_as_text
from schema.common.context import Info, RowLoader
from schema.common.node import (
    Node,
    global_id_resolver,
    register_node,
    row_is,
    typename_column,
)

connectors = table_of(ConnectorModel)
sync_runs = table_of(SyncRunModel)

strawberry.enum(SyncRunStatus, description="How a sync run ended, or that it runs.")

CONNECTOR_COLUMNS = (
    connectors.c.id,
    connectors.c.partner_id,
    connectors.c.kind,
    connectors.c.url,
    connectors.c.interval_minutes,
    connectors.c.is_enabled,
    connectors.c.sync_requested_at,
    connectors.c.last_run_at,
    typename_column("Connector"),
)
SYNC_RUN_COLUMNS = (
    sync_runs.c.id,
    sync_runs.c.connector_id,
    enum_as_text(sync_runs.c.status),
    sync_runs.c.started_at,
    sync_runs.c.finished_at,
    sync_runs.c.duration_ms,
    sync_runs.c.created,
    sync_runs.c.updated,
    sync_runs.c.unchanged,
    sync_runs.c.closed,
    sync_runs.c.rejected,
    sync_runs.c.error_code,
    sync_runs.c.error_message,
    sync_runs.c.rejects,
    typename_column("SyncRun"),
)
RUNS_PER_CONNECTOR = 20


class ConnectorByIdLoader(RowLoader[int, Row[Any] | None]):
    """Connectors by primary key, only the caller's own (admins: all)."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = sa.select(*CONNECTOR_COLUMNS).where(
            connectors.c.id.in_(keys), visible_connectors(self.caller)
        )
        found = {row.id: row for row in await self.db.fetch_all(statement)}
        return [found.get(key) for key in keys]


class RunsByConnectorLoader(RowLoader[int, list[Row[Any]]]):
    """The latest runs of each connector, newest first."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[Row[Any]]]:
        # Connectors reach here only through ConnectorByIdLoader or the
        # `connectors` list, both filtered by owner; runs inherit that.
        ranked = (
            sa.select(
                *SYNC_RUN_COLUMNS,
                sa.func.row_number()
                .over(
                    partition_by=sync_runs.c.connector_id,
                    order_by=(sync_runs.c.started_at.desc(), sync_runs.c.id.desc()),
                )
                .label("rank"),
            )
            .where(sync_runs.c.connector_id.in_(keys))
            .subquery()
        )
        statement = (
            sa.select(ranked)
            .where(ranked.c.rank <= RUNS_PER_CONNECTOR)
            .order_by(ranked.c.connector_id, ranked.c.rank)
        )
        grouped: dict[int, list[Row[Any]]] = defaultdict(list)
        for row in await self.db.fetch_all(statement):
            grouped[row.connector_id].append(row)
        return [grouped.get(key, []) for key in keys]


register_node("Connector", ConnectorByIdLoader)


@strawberry.type(description="A posting a sync run could not use.")
class SyncReject:
    position: str = strawberry.field(description="Where it was in the feed.")
    reason: str = strawberry.field(description="Why it was rejected.")
    external_id: str | None = strawberry.field(description="Its id in the source.")


def _rejects(root: Parent[Any]) -> list[SyncReject]:
    return [
        SyncReject(
            position=str(item.get("position", "")),
            reason=str(item.get("reason", "")),
            external_id=item.get("external_id"),
        )
        for item in root.rejects or []
    ]


@strawberry.type(description="One attempt to mirror a connector's feed.")
class SyncRun:
    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("SyncRun"), description="Global id of the run."
    )
    status: SyncRunStatus = strawberry.field(description="Outcome, or RUNNING.")
    started_at: datetime.datetime = strawberry.field(description="Start (UTC).")
    finished_at: datetime.datetime | None = strawberry.field(description="End (UTC).")
    duration_ms: int | None = strawberry.field(description="Duration, milliseconds.")
    created: int = strawberry.field(description="Opportunities created.")
    updated: int = strawberry.field(description="Opportunities changed.")
    unchanged: int = strawberry.field(description="Postings already up to date.")
    closed: int = strawberry.field(description="Opportunities closed (vanished).")
    rejected: int = strawberry.field(description="Postings rejected.")
    error_code: str | None = strawberry.field(
        description="Stable code of the failure, e.g. FEED_UNAVAILABLE."
    )
    error_message: str | None = strawberry.field(description="What went wrong.")
    rejects: list[SyncReject] = strawberry.field(
        resolver=_rejects, description="The first rejected postings, with reasons."
    )


@strawberry.type(
    description="A feed from your applicant-tracking system that the gateway "
    "mirrors into opportunities on an interval."
)
class Connector(Node):
    is_type_of = row_is("Connector")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("Connector"),
        description="Global id of the connector.",
    )
    kind: str = strawberry.field(
        description="Feed format: greenhouse, lever, workable, smartrecruiters, "
        "jsonld, xml, rss or csv."
    )
    url: str = strawberry.field(description="Address the connector starts from.")
    interval_minutes: int = strawberry.field(description="Minutes between syncs.")
    is_enabled: bool = strawberry.field(description="False: not synced.")
    sync_requested_at: datetime.datetime | None = strawberry.field(
        description="A sync was asked for at this time and has not started yet."
    )
    last_run_at: datetime.datetime | None = strawberry.field(
        description="When the latest run started."
    )

    @strawberry.field(description="Latest runs, newest first (at most 20).")
    async def runs(
        root: Parent[Any],
        info: Info,
        first: Annotated[
            int, strawberry.argument(description="How many runs, 1 to 20.")
        ] = RUNS_PER_CONNECTOR,
    ) -> list[SyncRun]:
        rows = await info.context.loader(RunsByConnectorLoader).load(root.id)
        return rows[: max(0, min(first, RUNS_PER_CONNECTOR))]
