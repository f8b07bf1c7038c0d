"""The sync engine against a real loopback feed server, on both backends.

Every test has a partner and a connector of its own in a database shared by
the module; "exactly as before" compares every column of every row.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.addresses import refusal_reason
from connectors.errors import SyncAlreadyRunning
from connectors.http import FeedClient
from connectors.lock import try_lock
from connectors.sync import SyncEngine
from gateway.db.enums import OpportunityStatus, SyncRunStatus
from gateway.db.models import Connector, Opportunity, table_of
from gateway.settings import Settings
from tests.connectors.feed_server import FeedServer, Reply
from tests.connectors.harness import (
    Feed,
    TinyFormat,
    by_external_id,
    document,
    feed_client,
    jobs,
    latest_run,
    loopback_settings,
    migrated_database,
    new_feed,
    open_engine,
    opportunity_rows,
    until,
)

connectors = table_of(Connector)
opportunities = table_of(Opportunity)


@pytest.fixture(scope="module")
async def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return await migrated_database(backend, tmp_path_factory, "sync")


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
def syncer(
    engine: AsyncEngine, settings: Settings, feeds: FeedClient, feed_server: FeedServer
) -> SyncEngine:
    tiny = TinyFormat(feed_server.base_url)
    return SyncEngine(engine, settings, feeds=feeds, formats=lambda kind: tiny)


@pytest.fixture
async def feed(
    engine: AsyncEngine, settings: Settings, feed_server: FeedServer
) -> Feed:
    return await new_feed(engine, settings, feed_server.base_url)


class Writes:
    """Counts the statements that change opportunities or their skills."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and "opportunit" in statement:
            self.statements.append(statement)


@pytest.fixture
def writes(engine: AsyncEngine) -> Iterator[Writes]:
    counter = Writes()
    event.listen(engine.sync_engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine.sync_engine, "before_cursor_execute", counter)


# Creating, updating, leaving alone.


async def test_first_run_publishes_every_posting_with_its_provenance(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(
        feed.path, document(jobs(1, 2, skills=["Python", " python ", "SQL"]))
    )

    report = await syncer.sync(feed.connector_id)

    assert report.status is SyncRunStatus.SUCCEEDED
    assert (report.counts.created, report.counts.updated) == (2, 0)
    rows = await by_external_id(engine, feed.partner_id)
    assert set(rows) == {"1", "2"}
    first = rows["1"]
    assert first.status == OpportunityStatus.PUBLISHED
    assert (first.source, first.connector_id) == ("greenhouse", feed.connector_id)
    assert first.content_hash and first.fetched_at is not None
    assert first.search_text == "engineer 1 python sql"


async def test_rerun_of_an_unchanged_feed_writes_no_opportunity_row(
    syncer: SyncEngine,
    engine: AsyncEngine,
    feed: Feed,
    feed_server: FeedServer,
    writes: Writes,
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, 3, skills=["go"])))
    await syncer.sync(feed.connector_id)
    before = await opportunity_rows(engine, feed.partner_id)
    writes.statements.clear()

    report = await syncer.sync(feed.connector_id)

    assert report.counts.unchanged == 3
    assert (report.counts.created, report.counts.updated, report.counts.closed) == (
        0,
        0,
        0,
    )
    assert writes.statements == []
    assert await opportunity_rows(engine, feed.partner_id) == before


async def test_a_changed_posting_is_rewritten_and_the_others_left_alone(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, skills=["go"])))
    await syncer.sync(feed.connector_id)
    before = await by_external_id(engine, feed.partner_id)
    changed = [
        {"id": 1, "title": "Senior engineer", "skills": ["rust"]},
        *jobs(2, skills=["go"]),
    ]
    feed_server.serve(feed.path, document(changed))

    report = await syncer.sync(feed.connector_id)

    assert (report.counts.updated, report.counts.unchanged) == (1, 1)
    after = await by_external_id(engine, feed.partner_id)
    assert after["1"].title == "Senior engineer"
    assert after["1"].search_text == "senior engineer rust"
    assert after["1"].id == before["1"].id
    assert after["2"] == before["2"]


async def test_a_source_update_time_that_did_not_move_means_unchanged(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    stamp = "2026-07-14T18:35:00+00:00"
    feed_server.serve(feed.path, document(jobs(1, updated_at=stamp)))
    await syncer.sync(feed.connector_id)
    # The source re-renders its text but says the posting did not change.
    feed_server.serve(
        feed.path, document(jobs(1, updated_at=stamp, description="<p>Apply now!</p>"))
    )

    report = await syncer.sync(feed.connector_id)

    assert report.counts.unchanged == 1
    assert (await by_external_id(engine, feed.partner_id))["1"].description == (
        "<p>Join us.</p>"
    )


# Closing and reopening.


async def test_postings_gone_from_the_feed_are_closed_not_deleted(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, 3, 4)))
    await syncer.sync(feed.connector_id)
    feed_server.serve(feed.path, document(jobs(1, 2, 3)))

    report = await syncer.sync(feed.connector_id)

    assert report.counts.closed == 1
    rows = await by_external_id(engine, feed.partner_id)
    assert rows["4"].status == OpportunityStatus.CLOSED
    assert rows["4"].sync_closed_at is not None
    assert {rows[i].status for i in "123"} == {OpportunityStatus.PUBLISHED}


async def test_a_posting_closed_by_a_sync_reopens_when_it_returns(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, 3)))
    await syncer.sync(feed.connector_id)
    feed_server.serve(feed.path, document(jobs(1, 2)))
    await syncer.sync(feed.connector_id)
    feed_server.serve(feed.path, document(jobs(1, 2, 3)))

    report = await syncer.sync(feed.connector_id)

    assert (report.counts.updated, report.counts.unchanged) == (1, 2)
    row = (await by_external_id(engine, feed.partner_id))["3"]
    assert (row.status, row.sync_closed_at) == (OpportunityStatus.PUBLISHED, None)


async def test_a_posting_the_partner_closed_by_hand_stays_closed(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2)))
    await syncer.sync(feed.connector_id)
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(opportunities)
            .where(
                opportunities.c.partner_id == feed.partner_id,
                opportunities.c.external_id == "1",
            )
            .values(status=OpportunityStatus.CLOSED)
        )
    feed_server.serve(feed.path, document(jobs(1, 2, title="Renamed")))

    await syncer.sync(feed.connector_id)

    row = (await by_external_id(engine, feed.partner_id))["1"]
    assert (row.status, row.title) == (OpportunityStatus.CLOSED, "Renamed")


async def test_closing_more_than_the_allowed_share_waits_for_confirmation(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, 3, 4)))
    await syncer.sync(feed.connector_id)
    before = await opportunity_rows(engine, feed.partner_id)
    # Three of four gone (75 %) is more than the default 50 %; the new one
    # waits too: the run writes nothing at all.
    feed_server.serve(feed.path, document(jobs(1, 5)))

    report = await syncer.sync(feed.connector_id)

    assert report.status is SyncRunStatus.NEEDS_CONFIRMATION
    assert report.error_code == "SYNC_NEEDS_CONFIRMATION"
    assert (report.counts.closed, report.counts.created) == (3, 1)
    assert await opportunity_rows(engine, feed.partner_id) == before
    run = await latest_run(engine, feed.connector_id)
    assert run.status == SyncRunStatus.NEEDS_CONFIRMATION

    confirmed = await syncer.sync(feed.connector_id, confirm_close=True)

    assert confirmed.status is SyncRunStatus.SUCCEEDED
    assert confirmed.counts.closed == 3


async def test_closing_up_to_the_allowed_share_needs_no_confirmation(
    syncer: SyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, 3, 4)))
    await syncer.sync(feed.connector_id)
    feed_server.serve(feed.path, document(jobs(1, 2)))

    report = await syncer.sync(feed.connector_id)

    assert (report.status, report.counts.closed) == (SyncRunStatus.SUCCEEDED, 2)


# Rejects.


async def test_a_bad_posting_is_rejected_and_the_rest_are_written(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    items = [*jobs(*range(1, 10)), {"id": 99, "title": ""}]
    feed_server.serve(feed.path, document(items))

    report = await syncer.sync(feed.connector_id)

    assert report.status is SyncRunStatus.SUCCEEDED
    assert (report.counts.created, report.counts.rejected) == (9, 1)
    run = await latest_run(engine, feed.connector_id)
    assert run.rejects == [
        {"position": "page 1 jobs[9]", "reason": "no title", "external_id": "99"}
    ]


async def test_a_rejected_posting_already_stored_is_not_closed(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(*range(1, 11))))
    await syncer.sync(feed.connector_id)
    items = [*jobs(*range(1, 10)), {"id": 10, "title": ""}]
    feed_server.serve(feed.path, document(items))

    report = await syncer.sync(feed.connector_id)

    assert (report.counts.rejected, report.counts.closed) == (1, 0)
    row = (await by_external_id(engine, feed.partner_id))["10"]
    assert row.status == OpportunityStatus.PUBLISHED


async def test_too_many_rejects_fail_the_run_without_writing(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, 3, 4)))
    await syncer.sync(feed.connector_id)
    before = await opportunity_rows(engine, feed.partner_id)
    items = [*jobs(1, 2, 3, title="Changed"), {"id": 4}, {"id": 5}]
    feed_server.serve(feed.path, document(items))

    report = await syncer.sync(feed.connector_id)

    assert report.status is SyncRunStatus.FAILED
    assert report.error_code == "TOO_MANY_REJECTS"
    assert report.counts.rejected == 2
    assert await opportunity_rows(engine, feed.partner_id) == before


async def test_a_duplicate_id_keeps_the_first_posting_and_rejects_the_rest(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    items = [*jobs(*range(1, 10)), {"id": 1, "title": "Second copy"}]
    feed_server.serve(feed.path, document(items))

    report = await syncer.sync(feed.connector_id)

    assert (report.counts.created, report.counts.rejected) == (9, 1)
    assert (await by_external_id(engine, feed.partner_id))["1"].title == "Engineer 1"
    run = await latest_run(engine, feed.connector_id)
    assert run.rejects[0]["external_id"] == "1"
    assert "earlier" in run.rejects[0]["reason"]


async def test_a_posting_too_long_for_its_column_is_rejected(
    syncer: SyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    items = [*jobs(*range(1, 10)), {"id": 10, "title": "x" * 301}]
    feed_server.serve(feed.path, document(items))

    report = await syncer.sync(feed.connector_id)

    assert (report.counts.created, report.counts.rejected) == (9, 1)


# Paging.


async def test_every_page_is_read_before_anything_is_written(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.route(
        feed.path,
        Reply(body=document(jobs(1, 2), next_path=feed.path + "?page=2")),
        Reply(body=document(jobs(3, 4), next_path=feed.path + "?page=3")),
        Reply(body=document(jobs(5))),
    )

    report = await syncer.sync(feed.connector_id)

    assert report.counts.created == 5
    assert len(feed_server.requests_to(feed.path)) == 3


async def test_paging_that_loops_back_fails_the_run(
    syncer: SyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1), next_path=feed.path))

    report = await syncer.sync(feed.connector_id)

    assert report.error_code == "FEED_MALFORMED"


# Faults: every one leaves the partner's opportunities exactly as they were.


def _fault_cases() -> list[Any]:
    return [
        pytest.param(Reply(status=500), "FEED_UNAVAILABLE", id="http-500"),
        pytest.param(Reply(body=b"{}", delay=2.0), "FEED_UNAVAILABLE", id="timeout"),
        pytest.param(
            Reply(status=429, headers={"Retry-After": "0"}),
            "FEED_UNAVAILABLE",
            id="429-retry-after",
        ),
        pytest.param(
            Reply(body=b'{"jobs": [{"id": 1, "title": "Data engin'),
            "FEED_MALFORMED",
            id="malformed-json",
        ),
        pytest.param(
            Reply(body=document(jobs(1))[:20], declared_length=400),
            "FEED_UNAVAILABLE",
            id="truncated-body",
        ),
        pytest.param(
            Reply(body=b" " * 5000, chunked=True), "FEED_TOO_LARGE", id="oversized"
        ),
        pytest.param(
            Reply(
                status=302,
                content_type=None,
                headers={"Location": "http://169.254.169.254/latest/meta-data/"},
            ),
            "FEED_ADDRESS_REFUSED",
            id="redirect-to-private-address",
        ),
    ]


@pytest.mark.parametrize(("fault", "code"), _fault_cases())
async def test_a_fault_leaves_opportunities_exactly_as_before(
    engine: AsyncEngine,
    database_url: str,
    feed: Feed,
    feed_server: FeedServer,
    fault: Reply,
    code: str,
) -> None:
    settings = loopback_settings(database_url, feed_max_bytes=4096)
    tiny = TinyFormat(feed_server.base_url)

    def loopback_only(address: Any) -> str | None:
        # Loopback is the test's partner; every other private range stays shut.
        return None if address.is_loopback else refusal_reason(address)

    async with feed_client(settings, address_policy=loopback_only) as client:
        syncer = SyncEngine(engine, settings, feeds=client, formats=lambda _: tiny)
        feed_server.serve(feed.path, document(jobs(1, 2, 3, skills=["sql"])))
        await syncer.sync(feed.connector_id)
        before = await opportunity_rows(engine, feed.partner_id)
        # The first page is fine; the fault is on the second.
        feed_server.route(
            feed.path,
            Reply(body=document(jobs(1, 2, 4, title="New"), next_path="/fault")),
        )
        feed_server.route("/fault", fault)

        report = await syncer.sync(feed.connector_id)

    assert (report.status, report.error_code) == (SyncRunStatus.FAILED, code)
    assert await opportunity_rows(engine, feed.partner_id) == before
    run = await latest_run(engine, feed.connector_id)
    assert (run.status, run.error_code) == (SyncRunStatus.FAILED, code)
    assert run.finished_at is not None and run.duration_ms is not None
    assert (run.created, run.updated, run.closed) == (0, 0, 0)


async def test_retry_after_is_obeyed_before_the_next_try(
    syncer: SyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.route(
        feed.path,
        Reply(status=429, headers={"Retry-After": "1"}),
        Reply(body=document(jobs(1))),
    )

    report = await syncer.sync(feed.connector_id)

    assert report.status is SyncRunStatus.SUCCEEDED
    first, second = feed_server.requests_to(feed.path)
    assert second.at - first.at >= 0.9


async def test_a_database_failure_mid_write_rolls_everything_back(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, skills=["go"])))
    await syncer.sync(feed.connector_id)
    before = await opportunity_rows(engine, feed.partner_id)
    feed_server.serve(feed.path, document(jobs(1, 2, 3, title="New", skills=["sql"])))

    def fail_on_skills(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO OPPORTUNITY_SKILLS"):
            raise RuntimeError("disk full")

    event.listen(engine.sync_engine, "before_cursor_execute", fail_on_skills)
    try:
        report = await syncer.sync(feed.connector_id)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", fail_on_skills)

    assert report.status is SyncRunStatus.FAILED
    assert await opportunity_rows(engine, feed.partner_id) == before


async def test_a_connector_of_an_unknown_kind_fails_with_a_clear_code(
    engine: AsyncEngine, settings: Settings, feeds: FeedClient, feed: Feed
) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == feed.connector_id)
            .values(kind="monster")
        )

    report = await SyncEngine(engine, settings, feeds=feeds).sync(feed.connector_id)

    assert (report.status, report.error_code) == (
        SyncRunStatus.FAILED,
        "INVALID_CONNECTOR",
    )


# The run lock.


async def test_a_second_run_while_one_is_going_is_refused(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1)), delay=0.3)
    first = asyncio.create_task(syncer.sync(feed.connector_id))
    await until(lambda: feed_server.requests_to(feed.path))

    with pytest.raises(SyncAlreadyRunning):
        await syncer.sync(feed.connector_id)

    assert (await first).status is SyncRunStatus.SUCCEEDED
    async with engine.connect() as connection:
        runs = await connection.scalar(
            sa.text("SELECT count(*) FROM sync_runs WHERE connector_id = :id"),
            {"id": feed.connector_id},
        )
    assert runs == 1


async def test_the_heartbeat_keeps_a_long_run_locked(
    engine: AsyncEngine, database_url: str, feed: Feed, feed_server: FeedServer
) -> None:
    settings = loopback_settings(database_url, feed_read_timeout=5.0)
    tiny = TinyFormat(feed_server.base_url)
    feed_server.serve(feed.path, document(jobs(1)), delay=1.5)
    async with feed_client(settings) as client:
        syncer = SyncEngine(
            engine, settings, feeds=client, formats=lambda _: tiny, lock_seconds=0.4
        )
        first = asyncio.create_task(syncer.sync(feed.connector_id))
        await until(lambda: feed_server.requests_to(feed.path))
        # Twice the lock's lifetime: only the heartbeat can have kept it.
        await asyncio.sleep(0.8)

        with pytest.raises(SyncAlreadyRunning):
            await syncer.sync(feed.connector_id)

        assert (await first).succeeded


async def test_a_lock_left_by_a_dead_process_lapses_and_its_run_is_closed(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1)))
    # A process took the lock, recorded a run, and died.
    assert await try_lock(engine, feed.connector_id, lock_seconds=-1) is not None
    async with engine.begin() as connection:
        await connection.execute(
            sa.text(
                "INSERT INTO sync_runs (connector_id, partner_id, status, "
                "started_at, created, updated, unchanged, closed, rejected, rejects)"
                " VALUES (:c, :p, 'running', :t, 0, 0, 0, 0, 0, '[]')"
            ),
            {"c": feed.connector_id, "p": feed.partner_id, "t": datetime.now(UTC)},
        )

    report = await syncer.sync(feed.connector_id)

    assert report.status is SyncRunStatus.SUCCEEDED
    async with engine.connect() as connection:
        statuses = (
            await connection.execute(
                sa.text(
                    "SELECT status, error_code FROM sync_runs "
                    "WHERE connector_id = :id ORDER BY id"
                ),
                {"id": feed.connector_id},
            )
        ).all()
    assert [tuple(s) for s in statuses] == [
        ("failed", "SYNC_INTERRUPTED"),
        ("succeeded", None),
    ]


async def test_a_run_that_lost_its_lock_writes_nothing(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1)), delay=0.3)
    task = asyncio.create_task(syncer.sync(feed.connector_id))
    await until(lambda: feed_server.requests_to(feed.path))
    # Another process decided the lock had lapsed and took it.
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == feed.connector_id)
            .values(lock_token="someone-else")
        )

    report = await task

    assert report.error_code == "SYNC_LOCK_LOST"
    assert await opportunity_rows(engine, feed.partner_id) == []


async def test_a_cancelled_run_is_recorded_and_frees_the_lock(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1)), delay=0.5)
    task = asyncio.create_task(syncer.sync(feed.connector_id))
    await until(lambda: feed_server.requests_to(feed.path))

    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    run = await latest_run(engine, feed.connector_id)
    assert (run.status, run.error_code) == (SyncRunStatus.FAILED, "SYNC_INTERRUPTED")
    assert await try_lock(engine, feed.connector_id) is not None


# Scheduling helpers and the log.


async def test_sync_if_due_skips_a_connector_that_ran_recently(
    syncer: SyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, document(jobs(1)))
    first = await syncer.sync_if_due(feed.connector_id)

    second = await syncer.sync_if_due(feed.connector_id)

    assert first is not None and first.succeeded
    assert second is None


async def test_sync_if_due_leaves_a_paused_connector_alone(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed
) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == feed.connector_id)
            .values(is_enabled=False)
        )

    assert await syncer.sync_if_due(feed.connector_id) is None


async def test_sync_if_due_runs_a_requested_connector_and_clears_the_request(
    syncer: SyncEngine, engine: AsyncEngine, feed: Feed, feed_server: FeedServer
) -> None:
    from connectors.registry import request_sync

    feed_server.serve(feed.path, document(jobs(1)))
    await syncer.sync(feed.connector_id)
    await request_sync(engine, feed.connector_id)

    report = await syncer.sync_if_due(feed.connector_id)

    assert report is not None and report.succeeded
    async with engine.connect() as connection:
        requested = await connection.scalar(
            sa.select(connectors.c.sync_requested_at).where(
                connectors.c.id == feed.connector_id
            )
        )
    assert requested is None


async def test_each_run_logs_one_info_line_with_ids_and_counts_only(
    syncer: SyncEngine,
    feed: Feed,
    feed_server: FeedServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed_server.serve(feed.path, document(jobs(1, 2, title="Secret title")))
    caplog.set_level(logging.INFO, logger="connectors")

    report = await syncer.sync(feed.connector_id)

    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert lines == [
        f"sync run {report.run_id} connector {feed.connector_id}: succeeded "
        f"(created 2, updated 0, unchanged 0, closed 0, rejected 0) "
        f"in {report.duration_ms} ms"
    ]
    assert "Secret" not in caplog.text


async def test_a_stale_request_time_does_not_hold_back_a_new_one(
    engine: AsyncEngine, feed: Feed
) -> None:
    # Guard for the timing arithmetic: a request is honoured whatever the
    # last run's time.
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(connectors)
            .where(connectors.c.id == feed.connector_id)
            .values(
                last_run_at=datetime.now(UTC),
                sync_requested_at=datetime.now(UTC) - timedelta(days=1),
            )
        )

    lock = await try_lock(engine, feed.connector_id, due_before=datetime.now(UTC))

    assert lock is not None
