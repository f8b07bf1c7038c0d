"""The connectors table, for operators and the graph: add, list, request.

Errors say what to fix in one line (`InvalidConnector`,
`ConnectorNotFound`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.addresses import check_url, policy_for
from connectors.errors import ConnectorNotFound, FeedAddressRefused, InvalidConnector
from gateway.db.models import Connector, Partner, SyncRun, table_of
from gateway.settings import Settings

connectors = table_of(Connector)
partners = table_of(Partner)
sync_runs = table_of(SyncRun)

# Feed formats a connector can read; names are a contract with the CLI.
KINDS = (
    "greenhouse",
    "lever",
    "workable",
    "smartrecruiters",
    "jsonld",
    "xml",
    "rss",
    "csv",
)
# Same bounds as `Settings.connector_default_interval`: minutes.
MIN_INTERVAL = 5
MAX_INTERVAL = 7 * 24 * 60


@dataclass(frozen=True)
class ConnectorSummary:
    """A connector as operators list it, with its latest run."""

    id: int
    partner: str
    kind: str
    url: str
    interval_minutes: int
    is_enabled: bool
    last_run_at: str | None
    last_status: str | None
    sync_requested_at: str | None


def check_connector(settings: Settings, kind: str, url: str, interval: int) -> None:
    """Refuse a kind, URL or interval the gateway cannot use."""
    if kind not in KINDS:
        raise InvalidConnector(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
        raise InvalidConnector(
            f"interval must be {MIN_INTERVAL} to {MAX_INTERVAL} minutes"
        )
    if len(url) > 1000:
        raise InvalidConnector("the URL is longer than 1000 characters")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise InvalidConnector(f"not a usable URL: {exc}") from exc
    try:
        # The fetch layer checks again at every request and redirect; this
        # catches typos and plain-http addresses when the connector is added.
        check_url(
            parsed,
            allow_http=settings.allow_private_feed_hosts,
            policy=policy_for(settings),
        )
    except FeedAddressRefused as exc:
        raise InvalidConnector(str(exc)) from exc


async def add_connector(
    engine: AsyncEngine,
    settings: Settings,
    *,
    partner: str,
    kind: str,
    url: str,
    interval: int | None = None,
) -> ConnectorSummary:
    """Register a partner's feed; it syncs on its interval from then on."""
    minutes = interval or settings.connector_default_interval
    check_connector(settings, kind, url, minutes)
    async with engine.begin() as connection:
        partner_id = await connection.scalar(
            sa.select(partners.c.id).where(partners.c.slug == partner)
        )
        if partner_id is None:
            raise InvalidConnector(f"no partner {partner!r}")
        duplicate = await connection.scalar(
            sa.select(connectors.c.id).where(
                connectors.c.partner_id == partner_id,
                connectors.c.kind == kind,
                connectors.c.url == url,
            )
        )
        if duplicate is not None:
            raise InvalidConnector(
                f"partner {partner!r} already has this feed as connector {duplicate}"
            )
        result = await connection.execute(
            sa.insert(connectors).values(
                partner_id=partner_id,
                kind=kind,
                url=url,
                interval_minutes=minutes,
                is_enabled=True,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
    return (await list_connectors(engine, connector_id=int(key[0])))[0]


async def list_connectors(
    engine: AsyncEngine, *, connector_id: int | None = None
) -> list[ConnectorSummary]:
    """Every connector (or the one asked for) with its latest run's status."""
    latest = (
        sa.select(sync_runs.c.status)
        .where(sync_runs.c.connector_id == connectors.c.id)
        .order_by(sync_runs.c.started_at.desc(), sync_runs.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    statement = (
        sa.select(
            connectors.c.id,
            partners.c.slug,
            connectors.c.kind,
            connectors.c.url,
            connectors.c.interval_minutes,
            connectors.c.is_enabled,
            connectors.c.last_run_at,
            latest.label("last_status"),
            connectors.c.sync_requested_at,
        )
        .join_from(connectors, partners, partners.c.id == connectors.c.partner_id)
        .order_by(connectors.c.id)
    )
    if connector_id is not None:
        statement = statement.where(connectors.c.id == connector_id)
    async with engine.connect() as connection:
        rows = (await connection.execute(statement)).all()
    return [
        ConnectorSummary(
            id=row.id,
            partner=row.slug,
            kind=row.kind,
            url=row.url,
            interval_minutes=row.interval_minutes,
            is_enabled=row.is_enabled,
            last_run_at=_iso(row.last_run_at),
            last_status=str(row.last_status) if row.last_status else None,
            sync_requested_at=_iso(row.sync_requested_at),
        )
        for row in rows
    ]


async def request_sync(
    engine: AsyncEngine, connector_id: int, *, confirm_close: bool = False
) -> None:
    """Ask the scheduler to run the connector soon (the graph calls this).

    `confirm_close` lets that run close more postings than the usual share,
    after a run stopped to ask.
    """
    async with engine.begin() as connection:
        result = await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == connector_id)
            .values(
                sync_requested_at=datetime.now(UTC),
                is_close_confirmed=confirm_close,
                updated_at=connectors.c.updated_at,
            )
        )
    if result.rowcount != 1:
        raise ConnectorNotFound(connector_id)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
