"""Helpers for sync engine tests: a tiny feed format, a partner, row snapshots.

`TinyFormat` reads `{"jobs": [...], "next": "/path" | null}` so tests can
shape any feed they need; tests of the real formats use the shared samples.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.errors import FeedMalformed
from connectors.formats.base import Page, Posting, Rejection
from connectors.http import Backoff, FeedClient
from connectors.registry import add_connector
from gateway.db.engine import create_engine
from gateway.db.enums import PartnerKind
from gateway.db.migrate import upgrade_database
from gateway.db.models import (
    Opportunity,
    OpportunitySkill,
    Partner,
    SyncRun,
    table_of,
)
from gateway.settings import Settings, normalise_database_url
from tests.conftest import POSTGRES_URL, scratch_postgres_url

opportunities = table_of(Opportunity)
opportunity_skills = table_of(OpportunitySkill)
partners = table_of(Partner)
sync_runs = table_of(SyncRun)

# Retries stay on, but fast: tests check outcomes, not patience.
FAST_BACKOFF = Backoff(initial=0.01, maximum=0.02, retry_after_cap=1.0)
_slugs = itertools.count(1)


class TinyFormat:
    """A feed format for tests: JSON jobs, paged by a `next` path."""

    kind = "greenhouse"

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def first_url(self, url: str) -> str:
        return url

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        try:
            document = json.loads(body)
        except ValueError as exc:
            raise FeedMalformed("the document is not JSON") from exc
        page = Page()
        for index, job in enumerate(document["jobs"]):
            if not job.get("title"):
                page.rejections.append(
                    Rejection(f"jobs[{index}]", "no title", str(job.get("id")))
                )
                continue
            updated = job.get("updated_at")
            page.postings.append(
                Posting(
                    external_id=str(job["id"]),
                    title=job["title"],
                    description=job.get("description", "<p>Join us.</p>"),
                    language="en",
                    city=job.get("city"),
                    source_updated_at=datetime.fromisoformat(updated)
                    if updated
                    else None,
                    skills=tuple(job.get("skills", ())),
                )
            )
        if document.get("next"):
            page.next_url = self.base_url + document["next"]
        return page


def jobs(*ids: int | str, **fields: Any) -> list[dict[str, Any]]:
    """Jobs with these ids, titled after them, sharing `fields`."""
    return [{"id": i, "title": f"Engineer {i}", **fields} for i in ids]


def document(items: list[dict[str, Any]], next_path: str | None = None) -> bytes:
    """A TinyFormat document."""
    return json.dumps({"jobs": items, "next": next_path}).encode()


def loopback_settings(url: str, **overrides: Any) -> Settings:
    """Settings for loopback feeds: plain http to 127.0.0.1, quick timeouts."""
    values: dict[str, Any] = {
        "database_url": url,
        "allow_private_feed_hosts": True,
        "feed_max_attempts": 2,
        "feed_read_timeout": 0.5,
        "feed_connect_timeout": 1.0,
        "scheduler_enabled": False,
        **overrides,
    }
    return Settings(**values)


def feed_client(settings: Settings, **options: Any) -> FeedClient:
    """A FeedClient that retries without waiting long."""
    return FeedClient(settings, backoff=FAST_BACKOFF, **options)


@dataclass(frozen=True)
class Feed:
    """A partner with one connector reading `path` on the loopback server."""

    partner_id: int
    connector_id: int
    path: str


async def new_feed(
    engine: AsyncEngine,
    settings: Settings,
    base_url: str,
    kind: str = "greenhouse",
    query: str = "",
) -> Feed:
    """A new partner and a connector of its own, so tests do not share rows.

    The connector reads `path` on the loopback server, with `query` added.
    """
    n = next(_slugs)
    slug = f"partner-{n}"
    async with engine.begin() as connection:
        result = await connection.execute(
            sa.insert(partners).values(
                kind=PartnerKind.COMPANY, name=f"Partner {n}", slug=slug, country="MA"
            )
        )
        key = result.inserted_primary_key
        assert key is not None
    path = f"/feeds/{n}.json"
    connector = await add_connector(
        engine, settings, partner=slug, kind=kind, url=base_url + path + query
    )
    return Feed(partner_id=int(key[0]), connector_id=connector.id, path=path)


async def opportunity_rows(engine: AsyncEngine, partner_id: int) -> list[Any]:
    """Every column of the partner's opportunities and their skills."""
    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                sa.select(opportunities)
                .where(opportunities.c.partner_id == partner_id)
                .order_by(opportunities.c.id)
            )
        ).all()
        skills = (
            await connection.execute(
                sa.select(opportunity_skills)
                .join(opportunities)
                .where(opportunities.c.partner_id == partner_id)
                .order_by(
                    opportunity_skills.c.opportunity_id, opportunity_skills.c.skill
                )
            )
        ).all()
    return [tuple(row) for row in rows] + [tuple(row) for row in skills]


async def by_external_id(engine: AsyncEngine, partner_id: int) -> dict[str, Any]:
    """The partner's opportunities keyed by external id."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(opportunities).where(opportunities.c.partner_id == partner_id)
        )
        return {row.external_id: row for row in rows}


async def latest_run(engine: AsyncEngine, connector_id: int) -> Any:
    """The connector's most recent sync run row."""
    async with engine.connect() as connection:
        return (
            await connection.execute(
                sa.select(sync_runs)
                .where(sync_runs.c.connector_id == connector_id)
                .order_by(sync_runs.c.id.desc())
                .limit(1)
            )
        ).one()


async def migrated_database(
    backend: str, tmp_path_factory: pytest.TempPathFactory, name: str
) -> str:
    """A migrated database for one test module, named after it on PostgreSQL.

    Tests in the module each create a partner of their own, so they share
    it without seeing each other's rows.
    """
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp(name) / 'db.sqlite'}"
    else:
        base = sa.make_url(normalise_database_url(POSTGRES_URL or ""))
        url = await asyncio.to_thread(scratch_postgres_url, f"{base.database}_{name}")
    await asyncio.to_thread(upgrade_database, url)
    return url


@contextlib.asynccontextmanager
async def open_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on `database_url`, disposed afterwards."""
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait until `condition()` is truthy: steps of a test that must line up
    with a run in progress wait for the run, not for a fixed time."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the condition")
        await asyncio.sleep(0.01)
