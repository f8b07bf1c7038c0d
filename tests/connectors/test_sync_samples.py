"""Real partner documents, served on loopback, through the real formats.

Each feed is a shared sample (skipped when the samples are absent), paged
the way its source pages: Lever by `skip`/`limit`, SmartRecruiters by
`offset` against `totalFound`, Workable by `paging.next`. A second run of
the same feed must find everything unchanged and write nothing.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.http import FeedClient
from connectors.runs import SyncReport
from connectors.sync import SyncEngine
from gateway.db.enums import OpportunityStatus, SyncRunStatus
from gateway.settings import Settings
from tests.connectors.feed_server import FeedServer, Reply
from tests.connectors.harness import (
    Feed,
    by_external_id,
    feed_client,
    loopback_settings,
    migrated_database,
    new_feed,
    open_engine,
    opportunity_rows,
)


@dataclass(frozen=True)
class SampleFeed:
    """How to serve one sample: the pages, and the query added to the URL.

    `pages` gets the samples folder and the feed's URL on the loopback
    server, for documents that name their next page.
    """

    kind: str
    pages: Callable[[Path, str], list[bytes]]
    content_type: str = "application/json"
    query: str = ""
    # (page, query string) the connector must have asked for, in order.
    expected_queries: tuple[str, ...] = ()


def _file(name: str) -> Callable[[Path, str], list[bytes]]:
    return lambda samples, _url: [(samples / name).read_bytes()]


def _lever_pages(samples: Path, _url: str) -> list[bytes]:
    postings = json.loads((samples / "lever/postings.json").read_bytes())
    # Two full pages of two, then the empty page that ends the listing.
    return [json.dumps(chunk).encode() for chunk in (postings[:2], postings[2:], [])]


def _smartrecruiters_pages(samples: Path, _url: str) -> list[bytes]:
    document = json.loads((samples / "smartrecruiters/postings.json").read_bytes())
    content = document["content"]
    return [
        json.dumps(
            {"offset": offset, "limit": 2, "totalFound": len(content), "content": page}
        ).encode()
        for offset, page in ((0, content[:2]), (2, content[2:4]), (4, content[4:]))
    ]


def _workable_pages(samples: Path, feed_url: str) -> list[bytes]:
    first = json.loads((samples / "workable/jobs.json").read_bytes())
    # The sample's `paging.next` points at Workable; here it points back at
    # the loopback server, and the second page holds another copy.
    second = json.loads(json.dumps(first))
    first["paging"]["next"] = f"{feed_url}?limit=3&since_id=2"
    del second["paging"]
    for job in second["jobs"]:
        job["id"] += "-2"
        job["shortcode"] += "-2"
    return [json.dumps(first).encode(), json.dumps(second).encode()]


SAMPLE_FEEDS = [
    pytest.param(
        SampleFeed("greenhouse", _file("greenhouse/jobs_content_2026.json")),
        id="greenhouse",
    ),
    pytest.param(
        SampleFeed("greenhouse", _file("greenhouse/jobs_with_content.json")),
        id="greenhouse-2013",
    ),
    pytest.param(
        SampleFeed(
            "lever",
            _lever_pages,
            query="?limit=2",
            expected_queries=(
                "limit=2&mode=json&skip=0",
                "limit=2&mode=json&skip=2",
                "limit=2&mode=json&skip=4",
            ),
        ),
        id="lever-paged",
    ),
    pytest.param(
        SampleFeed(
            "smartrecruiters",
            _smartrecruiters_pages,
            query="?limit=2",
            expected_queries=(
                "limit=2&offset=0",
                "limit=2&offset=2",
                "limit=2&offset=4",
            ),
        ),
        id="smartrecruiters-paged",
    ),
    pytest.param(SampleFeed("workable", _workable_pages), id="workable-paged"),
    pytest.param(SampleFeed("workable", _file("workable/widget.json")), id="workable"),
    pytest.param(
        SampleFeed("jsonld", _file("jsonld/careers_page.html"), "text/html"),
        id="jsonld-page",
    ),
    pytest.param(
        SampleFeed("xml", _file("xml/indeed_feed.xml"), "application/xml"),
        id="xml-indeed",
    ),
    pytest.param(
        SampleFeed("xml", _file("xml/personio_positions.xml"), "application/xml"),
        id="xml-personio",
    ),
    pytest.param(
        SampleFeed("rss", _file("rss/jobs.rss"), "application/rss+xml"), id="rss"
    ),
]


@pytest.fixture(scope="module")
async def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return await migrated_database(backend, tmp_path_factory, "samples")


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


@dataclass
class TwoRuns:
    """A feed synced twice: both reports, what the first asked the server
    for, and the statements the second sent that changed opportunities."""

    feed: Feed
    first: SyncReport
    second: SyncReport
    queries: list[str]
    second_writes: list[str]


async def sync_twice(
    engine: AsyncEngine,
    settings: Settings,
    feeds: FeedClient,
    feed_server: FeedServer,
    samples: Path,
    sample: SampleFeed,
) -> TwoRuns:
    """Run a new connector of `sample.kind` over the sample's pages, twice."""
    feed = await new_feed(
        engine, settings, feed_server.base_url, kind=sample.kind, query=sample.query
    )
    pages = sample.pages(samples, feed_server.url(feed.path))
    syncer = SyncEngine(engine, settings, feeds=feeds)
    replies = [Reply(body=page, content_type=sample.content_type) for page in pages]

    feed_server.route(feed.path, *replies)
    first = await syncer.sync(feed.connector_id)
    rows = await opportunity_rows(engine, feed.partner_id)
    queries = [r.query for r in feed_server.requests_to(feed.path)]

    writes: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and "opportunit" in statement:
            writes.append(statement)

    feed_server.route(feed.path, *replies)
    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        second = await syncer.sync(feed.connector_id)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert await opportunity_rows(engine, feed.partner_id) == rows
    return TwoRuns(feed, first, second, queries, writes)


def sorted_query(query: str) -> str:
    """A query string with its parameters in name order, for comparing."""
    return "&".join(sorted(query.split("&")))


@pytest.mark.parametrize("sample", SAMPLE_FEEDS)
async def test_a_real_feed_is_mirrored_and_a_rerun_writes_nothing(
    samples: Path,
    engine: AsyncEngine,
    settings: Settings,
    feeds: FeedClient,
    feed_server: FeedServer,
    sample: SampleFeed,
) -> None:
    runs = await sync_twice(engine, settings, feeds, feed_server, samples, sample)

    first, second = runs.first, runs.second
    assert first.status is SyncRunStatus.SUCCEEDED, first.error_message
    assert first.counts.created > 0
    assert first.counts.rejected == 0
    assert second.status is SyncRunStatus.SUCCEEDED, second.error_message
    assert second.counts.unchanged == first.counts.created
    assert (second.counts.created, second.counts.updated) == (0, 0)
    assert runs.second_writes == []
    if sample.expected_queries:
        queries = tuple(sorted_query(q) for q in runs.queries)
        assert queries == sample.expected_queries


async def test_postings_from_every_page_are_published(
    samples: Path,
    engine: AsyncEngine,
    settings: Settings,
    feeds: FeedClient,
    feed_server: FeedServer,
) -> None:
    sample = SampleFeed("smartrecruiters", _smartrecruiters_pages, query="?limit=2")
    pages = sample.pages(samples, "")
    expected = {item["id"] for page in pages for item in json.loads(page)["content"]}

    runs = await sync_twice(engine, settings, feeds, feed_server, samples, sample)

    assert runs.first.counts.created == len(expected) == 5
    rows = await by_external_id(engine, runs.feed.partner_id)
    assert set(rows) == expected
    assert {row.status for row in rows.values()} == {OpportunityStatus.PUBLISHED}
    assert {row.source for row in rows.values()} == {"smartrecruiters"}
