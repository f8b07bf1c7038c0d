"""The sync engine: mirror one connector's feed into its partner's postings.

A run takes the connector's lock, records itself as running, reads the
whole snapshot, then writes it in one transaction: new postings inserted,
changed ones updated, vanished ones closed (never deleted). Any failure
(fetch, document, database) rolls the transaction back, so opportunities
stay exactly as they were, and the run is recorded with a stable error
code. Each run logs one INFO line with ids and counts, never content.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.errors import (
    ConnectorError,
    ConnectorNotFound,
    InvalidConnector,
    SyncAlreadyRunning,
    SyncInterrupted,
    SyncNeedsConfirmation,
    TooManyRejects,
)
from connectors.formats.base import FeedFormat, Rejection
from connectors.http import FeedClient
from connectors.lock import LOCK_SECONDS, RunLock, heartbeat, try_lock
from connectors.runs import (
    SyncCounts,
    SyncReport,
    describe,
    error_code,
    finish_run,
    start_run,
)
from connectors.snapshot import Fetcher, Snapshot, fetch_snapshot
from connectors.upsert import (
    Target,
    WritePlan,
    accept_postings,
    apply_plan,
    plan_writes,
)
from gateway.db.enums import SyncRunStatus
from gateway.db.models import Connector, table_of
from gateway.settings import Settings

logger = logging.getLogger(__name__)

connectors = table_of(Connector)

FormatLookup = Callable[[str], FeedFormat]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class _ConnectorRow:
    id: int
    partner_id: int
    kind: str
    url: str
    interval_minutes: int
    sync_requested_at: datetime | None
    is_close_confirmed: bool


def _default_formats(kind: str) -> FeedFormat:
    from connectors.formats import get_format

    return get_format(kind)


class SyncEngine:
    """Runs connectors against one database with one set of settings.

    `feeds` is shared by every run of this engine when given (the caller
    closes it); otherwise each run opens and closes its own client.
    `formats` maps a connector kind to its format (tests pass their own).
    `lock_seconds` is how long a run's lock outlives a missed heartbeat.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        settings: Settings,
        *,
        feeds: Fetcher | None = None,
        formats: FormatLookup | None = None,
        lock_seconds: float = LOCK_SECONDS,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._feeds = feeds
        self._formats = formats or _default_formats
        self._lock_seconds = lock_seconds

    async def sync(
        self,
        connector_id: int,
        *,
        confirm_close: bool = False,
        progress: Progress | None = None,
    ) -> SyncReport:
        """Run the connector now; SyncAlreadyRunning if another run holds it."""
        connector = await self._load(connector_id)
        lock = await try_lock(
            self._engine, connector_id, lock_seconds=self._lock_seconds
        )
        if lock is None:
            raise SyncAlreadyRunning(
                f"connector {connector_id} is already syncing in another process"
            )
        return await self._run(connector, lock, confirm_close, progress)

    async def sync_if_due(self, connector_id: int) -> SyncReport | None:
        """Run the connector if its interval has passed or a run was asked
        for; None when it is not due or another process is running it.

        Every scheduler (one per worker and instance) calls this for every
        connector; the conditional lock lets one of them run it.
        """
        connector = await self._load(connector_id)
        interval = timedelta(minutes=connector.interval_minutes)
        # A little slack, so timers that fire a moment early still run.
        slack = min(interval / 10, timedelta(minutes=1))
        due_before = datetime.now(UTC) - interval + slack
        lock = await try_lock(
            self._engine,
            connector_id,
            due_before=due_before,
            lock_seconds=self._lock_seconds,
        )
        if lock is None:
            logger.debug("connector %d: not due or running elsewhere", connector_id)
            return None
        return await self._run(connector, lock, False, None)

    async def _load(self, connector_id: int) -> _ConnectorRow:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    sa.select(
                        connectors.c.id,
                        connectors.c.partner_id,
                        connectors.c.kind,
                        connectors.c.url,
                        connectors.c.interval_minutes,
                        connectors.c.sync_requested_at,
                        connectors.c.is_close_confirmed,
                    ).where(connectors.c.id == connector_id)
                )
            ).first()
        if row is None:
            raise ConnectorNotFound(connector_id)
        return _ConnectorRow(**row._mapping)

    async def _take_request(self, connector: _ConnectorRow) -> bool:
        """Clear the run request this run answers; True if it confirmed closes.

        Only the request seen before the lock is cleared: one made since
        stays, and gets a run of its own.
        """
        if connector.sync_requested_at is None:
            return False
        async with self._engine.begin() as connection:
            await connection.execute(
                sa.update(connectors)
                .where(
                    connectors.c.id == connector.id,
                    connectors.c.sync_requested_at == connector.sync_requested_at,
                )
                .values(
                    sync_requested_at=None,
                    is_close_confirmed=False,
                    updated_at=connectors.c.updated_at,
                )
            )
        return connector.is_close_confirmed

    async def _run(
        self,
        connector: _ConnectorRow,
        lock: RunLock,
        confirm_close: bool,
        progress: Progress | None,
    ) -> SyncReport:
        started = time.monotonic()
        run_id = 0
        counts = SyncCounts()
        rejections: list[Rejection] = []
        status = SyncRunStatus.FAILED
        error: BaseException | None = None
        try:
            confirm_close = await self._take_request(connector) or confirm_close
            run_id = await start_run(
                self._engine, connector.id, connector.partner_id, datetime.now(UTC)
            )
            # Beat often enough that a late beat or two keeps the lock.
            async with heartbeat(self._engine, lock, self._lock_seconds / 4):
                snapshot = await self._fetch(connector, progress)
                if progress is not None:
                    progress("writing")
                status = await self._write(
                    connector, lock, snapshot, confirm_close, counts, rejections
                )
        except asyncio.CancelledError:
            error = SyncInterrupted("the run was cancelled (shutdown)")
            raise
        except Exception as exc:
            error = exc
            if isinstance(exc, SyncNeedsConfirmation):
                # The counts say what confirming would do.
                status = SyncRunStatus.NEEDS_CONFIRMATION
            elif not isinstance(exc, ConnectorError | sa.exc.SQLAlchemyError):
                logger.error(
                    "connector %d: sync failed unexpectedly",
                    connector.id,
                    exc_info=True,
                )
        finally:
            if status is SyncRunStatus.FAILED:
                # Nothing was written; only the rejects stay worth reporting.
                counts = SyncCounts(rejected=counts.rejected)
            report = SyncReport(
                run_id=run_id,
                connector_id=connector.id,
                status=status,
                counts=counts,
                duration_ms=round((time.monotonic() - started) * 1000),
                error_code=error_code(error) if error else None,
                error_message=describe(error) if error else None,
            )
            # Even a cancelled run closes its books and frees the lock.
            try:
                await self._close_books(report, lock, rejections)
            except Exception:
                logger.warning(
                    "connector %d: could not record the end of run %d",
                    connector.id,
                    run_id,
                    exc_info=True,
                )
            _log(report)
        return report

    async def _close_books(
        self, report: SyncReport, lock: RunLock, rejections: list[Rejection]
    ) -> None:
        try:
            if report.run_id:
                await finish_run(self._engine, report, rejections)
        finally:
            await lock.release(self._engine)

    async def _fetch(
        self, connector: _ConnectorRow, progress: Progress | None
    ) -> Snapshot:
        try:
            feed = self._formats(connector.kind)
        except KeyError as exc:
            raise InvalidConnector(f"unknown feed format {connector.kind!r}") from exc

        def on_page(number: int) -> None:
            if progress is not None:
                progress(f"read page {number}")

        async with self._client() as feeds:
            return await fetch_snapshot(feeds, feed, connector.url, on_page=on_page)

    @contextlib.asynccontextmanager
    async def _client(self) -> AsyncIterator[Fetcher]:
        if self._feeds is not None:
            yield self._feeds
            return
        async with FeedClient(self._settings) as client:
            yield client

    async def _write(
        self,
        connector: _ConnectorRow,
        lock: RunLock,
        snapshot: Snapshot,
        confirm_close: bool,
        counts: SyncCounts,
        rejections: list[Rejection],
    ) -> SyncRunStatus:
        """Check the snapshot, then write it in one transaction."""
        candidates, own_rejections = accept_postings(snapshot.postings)
        rejections.extend(snapshot.rejections)
        rejections.extend(own_rejections)
        counts.rejected = len(rejections)
        limit = self._settings.connector_max_reject_share
        if snapshot.size and counts.rejected / snapshot.size > limit:
            raise TooManyRejects(
                f"{counts.rejected} of {snapshot.size} postings were rejected; "
                f"the limit is {limit:.0%}"
            )

        target = Target(connector.id, connector.partner_id, connector.kind)
        present = {c.posting.external_id for c in candidates}
        present.update(r.external_id for r in rejections if r.external_id)
        async with self._engine.begin() as connection:
            # First statement: proves the lock is still ours and, on SQLite,
            # takes the write lock before the reads below.
            await lock.fence(connection)
            plan = await plan_writes(connection, target, candidates, present)
            _count(plan, counts)
            self._check_closes(plan, confirm_close)
            await apply_plan(connection, target, plan, snapshot.fetched_at)
        return SyncRunStatus.SUCCEEDED

    def _check_closes(self, plan: WritePlan, confirm_close: bool) -> None:
        limit = self._settings.connector_max_close_share
        closing = len(plan.closes)
        if confirm_close or not closing or closing <= limit * plan.open_count:
            return
        raise SyncNeedsConfirmation(
            f"the run would close {closing} of {plan.open_count} open postings, "
            f"more than {limit:.0%}; nothing was written. Confirm to close them."
        )


def _count(plan: WritePlan, counts: SyncCounts) -> None:
    counts.created = len(plan.inserts)
    counts.updated = len(plan.updates)
    counts.unchanged = plan.unchanged
    counts.closed = len(plan.closes)


def _log(report: SyncReport) -> None:
    counts = report.counts
    logger.info(
        "sync run %d connector %d: %s (created %d, updated %d, unchanged %d, "
        "closed %d, rejected %d) in %d ms%s",
        report.run_id,
        report.connector_id,
        report.status.value,
        counts.created,
        counts.updated,
        counts.unchanged,
        counts.closed,
        counts.rejected,
        report.duration_ms,
        f" [{report.error_code}]" if report.error_code else "",
    )


async def sync_connector(
    engine: AsyncEngine,
    settings: Settings,
    connector_id: int,
    *,
    confirm_close: bool = False,
    feeds: Fetcher | None = None,
    formats: FormatLookup | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Run one connector now (see `SyncEngine.sync`)."""
    sync_engine = SyncEngine(engine, settings, feeds=feeds, formats=formats)
    return await sync_engine.sync(
        connector_id, confirm_close=confirm_close, progress=progress
    )
