"""Running connectors on their intervals while the gateway serves.

APScheduler holds one interval job per enabled connector. A reload job
reads the connectors table every `reload_seconds`: new, changed, disabled
and removed connectors are picked up, and a connector whose run was
requested (`sync_requested_at`, set by the graph) is moved to run now.

Every worker and every instance runs this same scheduler. That is safe:
a job only asks `SyncEngine.sync_if_due`, whose conditional lock lets one
process run a due connector and turns the others away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from apscheduler.schedulers.asyncio import (  # type: ignore[import-untyped]
    AsyncIOScheduler,
)
from apscheduler.triggers.interval import (  # type: ignore[import-untyped]
    IntervalTrigger,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.errors import ConnectorNotFound
from connectors.sync import SyncEngine
from gateway.db.models import Connector, table_of
from gateway.settings import Settings

logger = logging.getLogger(__name__)

connectors = table_of(Connector)

JOB_PREFIX = "connector:"
RELOAD_JOB = "connectors:reload"
# How long shutdown waits for cancelled runs to record how they ended.
SHUTDOWN_SECONDS = 10.0


class ConnectorScheduler:
    """Syncs each enabled connector on its own interval, in this process."""

    def __init__(
        self,
        engine: AsyncEngine,
        settings: Settings,
        *,
        reload_seconds: float = 30.0,
        syncer: SyncEngine | None = None,
    ) -> None:
        self._engine = engine
        self._syncer = syncer or SyncEngine(engine, settings)
        self._reload_seconds = reload_seconds
        self._running: dict[int, asyncio.Task[None]] = {}
        self._scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={
                # A job late (busy loop, long run) runs once, not once per
                # missed interval, and never twice at the same time.
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": None,
            },
        )

    @property
    def is_running(self) -> bool:
        """True between `start` and `shutdown`."""
        return bool(self._scheduler.running)

    def intervals(self) -> dict[int, timedelta]:
        """The scheduled connectors and their intervals."""
        return {
            int(job.id.removeprefix(JOB_PREFIX)): job.trigger.interval
            for job in self._scheduler.get_jobs()
            if job.id.startswith(JOB_PREFIX)
        }

    def start(self) -> None:
        """Start scheduling; call from inside the running event loop."""
        self._scheduler.start()
        self._scheduler.add_job(
            self._reload,
            IntervalTrigger(seconds=self._reload_seconds),
            id=RELOAD_JOB,
            next_run_time=datetime.now(UTC),
        )
        logger.info("connector scheduler started")

    async def shutdown(self) -> None:
        """Stop scheduling; runs in progress are cancelled and recorded."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            # AsyncIOScheduler stops on the loop's next turn: let it.
            await asyncio.sleep(0)
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=SHUTDOWN_SECONDS)
        logger.info("connector scheduler stopped")

    async def _reload(self) -> None:
        """Bring the jobs in line with the connectors table."""
        try:
            async with self._engine.connect() as connection:
                rows = (
                    await connection.execute(
                        sa.select(
                            connectors.c.id,
                            connectors.c.interval_minutes,
                            connectors.c.last_run_at,
                            connectors.c.sync_requested_at,
                        ).where(connectors.c.is_enabled.is_(True))
                    )
                ).all()
        except sa.exc.SQLAlchemyError:
            # The database may be restarting; the next reload tries again.
            logger.warning("connector scheduler: cannot read connectors", exc_info=True)
            return

        now = datetime.now(UTC)
        wanted: set[str] = set()
        for row in rows:
            job_id = f"{JOB_PREFIX}{row.id}"
            wanted.add(job_id)
            interval = timedelta(minutes=row.interval_minutes)
            job = self._scheduler.get_job(job_id)
            if job is None:
                first = now if row.last_run_at is None else row.last_run_at + interval
                self._scheduler.add_job(
                    self._run,
                    IntervalTrigger(minutes=row.interval_minutes),
                    id=job_id,
                    args=[row.id],
                    next_run_time=max(first, now),
                )
            elif job.trigger.interval != interval:
                job.reschedule(IntervalTrigger(minutes=row.interval_minutes))
            if row.sync_requested_at is not None and row.id not in self._running:
                self._scheduler.modify_job(job_id, next_run_time=now)

        for job in self._scheduler.get_jobs():
            if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
                job.remove()

    async def _run(self, connector_id: int) -> None:
        """One scheduled turn: run the connector if it is due."""
        task = asyncio.current_task()
        assert task is not None
        self._running[connector_id] = task
        try:
            await self._syncer.sync_if_due(connector_id)
        except ConnectorNotFound:
            # Removed since the last reload; the next one drops its job.
            pass
        except Exception:
            # Recorded on the run when it got that far; logged here once.
            logger.exception("connector %d: scheduled sync failed", connector_id)
        finally:
            with contextlib.suppress(KeyError):
                del self._running[connector_id]
