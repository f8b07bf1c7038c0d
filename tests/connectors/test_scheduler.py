"""The connector scheduler: intervals, requested runs, several workers.

Schedulers here reload every fraction of a second, and every test stops
the ones it started.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.http import FeedClient
from connectors.registry import request_sync
from connectors.scheduler import ConnectorScheduler
from connectors.sync import SyncEngine
from gateway.app import create_app
from gateway.db.enums import SyncRunStatus
from gateway.db.models import Connector, SyncRun, table_of
from gateway.settings import Settings
from tests.connectors.feed_server import FeedServer
from tests.connectors.harness import (
    Feed,
    TinyFormat,
    document,
    feed_client,
    jobs,
    loopback_settings,
    migrated_database,
    new_feed,
    open_engine,
    until,
)

connectors = table_of(Connector)
sync_runs = table_of(SyncRun)

RELOAD = 0.1


@pytest.fixture(scope="module")
async def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return await migrated_database(backend, tmp_path_factory, "schedule")


@pytest.fixture(scope="module")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with open_engine(database_url) as engine:
        yield engine


@pytest.fixture
def settings(database_url: str) -> Settings:
    return loopback_settings(database_url)


@pytest.fixture
async def feeds(settings: Settings) -> AsyncIterator[FeedClient]:
    async with feed_client(settings) as client:
        yield client


@pytest.fixture
async def feed(
    engine: AsyncEngine, settings: Settings, feed_server: FeedServer
) -> Feed:
    # Other tests' connectors stay in the table: keep each test to its own.
    async with engine.begin() as connection:
        await connection.execute(sa.update(connectors).values(is_enabled=False))
    created = await new_feed(engine, settings, feed_server.base_url)
    feed_server.serve(created.path, document(jobs(1, 2)))
    return created


@pytest.fixture
def make_scheduler(
    engine: AsyncEngine, settings: Settings, feeds: FeedClient, feed_server: FeedServer
) -> Callable[[], ConnectorScheduler]:
    tiny = TinyFormat(feed_server.base_url)

    def make() -> ConnectorScheduler:
        syncer = SyncEngine(engine, settings, feeds=feeds, formats=lambda _: tiny)
        return ConnectorScheduler(
            engine, settings, reload_seconds=RELOAD, syncer=syncer
        )

    return make


@pytest.fixture
async def schedulers(
    make_scheduler: Callable[[], ConnectorScheduler],
) -> AsyncIterator[list[ConnectorScheduler]]:
    """Started schedulers, each one stopped at the end of the test."""
    started: list[ConnectorScheduler] = []
    yield started
    for scheduler in started:
        await scheduler.shutdown()


async def runs_of(engine: AsyncEngine, connector_id: int) -> list[Any]:
    async with engine.connect() as connection:
        return list(
            (
                await connection.execute(
                    sa.select(sync_runs)
                    .where(sync_runs.c.connector_id == connector_id)
                    .order_by(sync_runs.c.id)
                )
            ).all()
        )


async def wait_for_runs(
    engine: AsyncEngine, connector_id: int, count: int, timeout: float = 5.0
) -> list[Any]:
    """The connector's runs once `count` of them have finished."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        runs = [
            run
            for run in await runs_of(engine, connector_id)
            if run.status != SyncRunStatus.RUNNING
        ]
        if len(runs) >= count or asyncio.get_running_loop().time() > deadline:
            return runs
        await asyncio.sleep(0.05)


async def test_a_connector_that_never_ran_runs_when_the_scheduler_starts(
    engine: AsyncEngine,
    feed: Feed,
    make_scheduler: Callable[[], ConnectorScheduler],
    schedulers: list[ConnectorScheduler],
) -> None:
    scheduler = make_scheduler()
    schedulers.append(scheduler)

    scheduler.start()

    runs = await wait_for_runs(engine, feed.connector_id, 1)
    assert [run.status for run in runs] == [SyncRunStatus.SUCCEEDED]
    assert runs[0].created == 2


async def test_enabled_connectors_are_scheduled_on_their_own_intervals(
    engine: AsyncEngine,
    feed: Feed,
    make_scheduler: Callable[[], ConnectorScheduler],
    schedulers: list[ConnectorScheduler],
) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == feed.connector_id)
            .values(interval_minutes=15)
        )
    scheduler = make_scheduler()
    schedulers.append(scheduler)

    scheduler.start()
    await until(scheduler.intervals)

    assert scheduler.intervals() == {feed.connector_id: timedelta(minutes=15)}


async def test_a_disabled_connector_loses_its_job_at_the_next_reload(
    engine: AsyncEngine,
    feed: Feed,
    make_scheduler: Callable[[], ConnectorScheduler],
    schedulers: list[ConnectorScheduler],
) -> None:
    scheduler = make_scheduler()
    schedulers.append(scheduler)
    scheduler.start()
    await until(scheduler.intervals)
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == feed.connector_id)
            .values(is_enabled=False)
        )

    await until(lambda: not scheduler.intervals())

    assert scheduler.intervals() == {}


async def test_a_requested_sync_runs_soon_and_a_recent_one_does_not_repeat(
    engine: AsyncEngine,
    feed: Feed,
    make_scheduler: Callable[[], ConnectorScheduler],
    schedulers: list[ConnectorScheduler],
) -> None:
    scheduler = make_scheduler()
    schedulers.append(scheduler)
    scheduler.start()
    await wait_for_runs(engine, feed.connector_id, 1)
    await asyncio.sleep(RELOAD * 3)
    assert len(await runs_of(engine, feed.connector_id)) == 1

    await request_sync(engine, feed.connector_id)

    runs = await wait_for_runs(engine, feed.connector_id, 2)
    assert [run.status for run in runs] == [SyncRunStatus.SUCCEEDED] * 2
    assert runs[1].unchanged == 2


async def test_two_workers_run_a_due_connector_once(
    engine: AsyncEngine,
    feed: Feed,
    feed_server: FeedServer,
    make_scheduler: Callable[[], ConnectorScheduler],
    schedulers: list[ConnectorScheduler],
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2)), delay=0.2)
    workers = [make_scheduler(), make_scheduler()]
    schedulers.extend(workers)

    for worker in workers:
        worker.start()
    await wait_for_runs(engine, feed.connector_id, 1)
    await asyncio.sleep(RELOAD * 5)

    assert len(await runs_of(engine, feed.connector_id)) == 1


async def test_shutdown_cancels_a_run_and_records_it_as_interrupted(
    engine: AsyncEngine,
    feed: Feed,
    feed_server: FeedServer,
    make_scheduler: Callable[[], ConnectorScheduler],
) -> None:
    feed_server.serve(feed.path, document(jobs(1)), delay=0.4)
    scheduler = make_scheduler()
    scheduler.start()
    await until(lambda: feed_server.requests_to(feed.path))

    await scheduler.shutdown()

    assert not scheduler.is_running
    (run,) = await runs_of(engine, feed.connector_id)
    assert (run.status, run.error_code) == (SyncRunStatus.FAILED, "SYNC_INTERRUPTED")


@pytest.mark.parametrize("enabled", [True, False], ids=["enabled", "disabled"])
async def test_the_app_runs_the_scheduler_only_when_enabled(
    database_url: str, enabled: bool
) -> None:
    app = create_app(Settings(database_url=database_url, scheduler_enabled=enabled))

    async with app.router.lifespan_context(app):
        scheduler = app.state.scheduler
        assert (scheduler is not None and scheduler.is_running) is enabled

    assert scheduler is None or not scheduler.is_running
