"""The formats' own fixture documents, through the sync engine on loopback.

Readable feeds are mirrored with each bad posting rejected and the rest
written, and a rerun writes nothing; unreadable ones (truncated, wrong
shape, entity bombs) fail the run and leave the partner's opportunities
exactly as a good run of the same kind left them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.errors import FeedMalformed
from connectors.formats import FORMATS, get_format
from connectors.sync import SyncEngine
from gateway.db.enums import SyncRunStatus
from gateway.settings import Settings
from tests.connectors.feed_server import FeedServer
from tests.connectors.harness import (
    by_external_id,
    feed_client,
    latest_run,
    loopback_settings,
    migrated_database,
    new_feed,
    open_engine,
    opportunity_rows,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONTENT_TYPES = {
    ".json": "application/json",
    ".jsonld": "application/ld+json",
    ".html": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".csv": "text/csv",
}


def _classify() -> tuple[list[Any], list[Any]]:
    """(readable, unreadable) fixture cases, as the format itself reads them.

    Documents that page onwards are left out: their next page is the
    partner's, not this server's.
    """
    readable: list[Any] = []
    unreadable: list[Any] = []
    if not FIXTURES.is_dir():
        return readable, unreadable
    for path in sorted(FIXTURES.glob("*/*")):
        kind = path.parent.name
        if kind not in FORMATS or not path.is_file():
            continue
        feed = get_format(kind)
        case = pytest.param(kind, path, id=f"{kind}-{path.name}")
        try:
            page = feed.parse(path.read_bytes(), feed.first_url("http://x/f"), None)
        except FeedMalformed:
            unreadable.append(case)
            continue
        if page.next_url is None and page.postings:
            readable.append(case)
    return readable, unreadable


READABLE, UNREADABLE = _classify()


def _good_feed(kind: str) -> Path:
    """The fixture of `kind` that parses cleanly, to sync before a fault."""
    for case in READABLE:
        case_kind, path = case.values
        if case_kind == kind and "atlas" in path.name:
            return Path(path)
    raise LookupError(kind)


@pytest.fixture(scope="module")
async def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return await migrated_database(backend, tmp_path_factory, "fixtures")


@pytest.fixture(scope="module")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with open_engine(database_url) as engine:
        yield engine


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Fixtures reject on purpose; the share limit has tests of its own.
    return loopback_settings(database_url, connector_max_reject_share=1.0)


@pytest.fixture
async def syncer(engine: AsyncEngine, settings: Settings) -> AsyncIterator[SyncEngine]:
    async with feed_client(settings) as client:
        yield SyncEngine(engine, settings, feeds=client)


def _serve(feed_server: FeedServer, path: str, document: Path) -> None:
    feed_server.serve(path, document.read_bytes(), CONTENT_TYPES.get(document.suffix))


@pytest.mark.parametrize(("kind", "document"), READABLE)
async def test_a_readable_fixture_is_mirrored_and_a_rerun_writes_nothing(
    engine: AsyncEngine,
    settings: Settings,
    syncer: SyncEngine,
    feed_server: FeedServer,
    kind: str,
    document: Path,
) -> None:
    feed = await new_feed(engine, settings, feed_server.base_url, kind=kind)
    _serve(feed_server, feed.path, document)
    parser = get_format(kind)
    expected = parser.parse(document.read_bytes(), feed_server.url(feed.path), None)

    first = await syncer.sync(feed.connector_id)
    rows = await opportunity_rows(engine, feed.partner_id)
    writes: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        verb = statement.lstrip()[:6].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and "opportunit" in statement:
            writes.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        second = await syncer.sync(feed.connector_id)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)

    assert first.status is SyncRunStatus.SUCCEEDED, first.error_message
    assert first.counts.created == len(expected.postings)
    assert first.counts.rejected == len(expected.rejections)
    run = await latest_run(engine, feed.connector_id)
    assert len(run.rejects) == len(expected.rejections)
    assert second.counts.unchanged == first.counts.created
    assert writes == []
    assert await opportunity_rows(engine, feed.partner_id) == rows


@pytest.mark.parametrize(("kind", "document"), UNREADABLE)
async def test_an_unreadable_fixture_fails_the_run_and_changes_nothing(
    engine: AsyncEngine,
    settings: Settings,
    syncer: SyncEngine,
    feed_server: FeedServer,
    kind: str,
    document: Path,
) -> None:
    feed = await new_feed(engine, settings, feed_server.base_url, kind=kind)
    _serve(feed_server, feed.path, _good_feed(kind))
    await syncer.sync(feed.connector_id)
    before = await opportunity_rows(engine, feed.partner_id)
    _serve(feed_server, feed.path, document)

    report = await syncer.sync(feed.connector_id)

    assert (report.status, report.error_code) == (
        SyncRunStatus.FAILED,
        "FEED_MALFORMED",
    )
    assert await opportunity_rows(engine, feed.partner_id) == before


@pytest.mark.parametrize(
    "kind", sorted({case.values[0] for case in READABLE if "script" in case.id})
)
async def test_script_in_a_feed_never_reaches_the_table(
    engine: AsyncEngine,
    settings: Settings,
    syncer: SyncEngine,
    feed_server: FeedServer,
    kind: str,
) -> None:
    feed = await new_feed(engine, settings, feed_server.base_url, kind=kind)
    _serve(feed_server, feed.path, FIXTURES / kind / "script_injection.json")

    await syncer.sync(feed.connector_id)

    rows = await by_external_id(engine, feed.partner_id)
    assert rows
    for row in rows.values():
        assert "<script" not in row.description.lower()
        assert "onerror" not in row.description.lower()
        assert "javascript:" not in (row.apply_url or "").lower()
