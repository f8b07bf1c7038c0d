"""Connector ingest throughput: 10,000 postings through the real sync engine.

Run by hand, never in CI:

    .venv/bin/python bench/connectors_ingest.py                  # SQLite
    .venv/bin/python bench/connectors_ingest.py \\
        --database-url postgresql://postgres@127.0.0.1:5432/bench_connectors

It builds one Greenhouse board document of 10,000 jobs from the shared
sample's jobs (ids, titles and update times varied; each description cut
to about 2 KB), serves it from a loopback HTTP server, and runs a
connector over it twice with the real fetch layer, format and sync
engine: the first run creates every posting, the second finds them all
unchanged. For each run it prints postings per second, the time spent
fetching and parsing against writing, and the SQL statements sent (an
executemany batch counts once, as the database sees it).

The baseline, measured in the same run on the same database: the same
10,000 rows written with plain Core executemany INSERTs into a scratch
table without indexes or foreign keys, in batches of the engine's size.
The ratio says what the engine's write phase costs over a bare insert.

The database is created when missing and emptied first (PostgreSQL: the
database named in the URL is dropped and created again).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import html
import json
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.formats import get_format  # noqa: E402
from connectors.registry import add_connector  # noqa: E402
from connectors.runs import SyncReport  # noqa: E402
from connectors.sync import SyncEngine  # noqa: E402
from connectors.upsert import BATCH, accept_postings  # noqa: E402
from gateway.db.engine import create_engine  # noqa: E402
from gateway.db.enums import PartnerKind  # noqa: E402
from gateway.db.migrate import upgrade_database  # noqa: E402
from gateway.db.models import Opportunity, Partner, table_of  # noqa: E402
from gateway.db.text import build_search_text  # noqa: E402
from gateway.settings import Settings, normalise_database_url  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "greenhouse" / "jobs_content_2026.json"
DESCRIPTION_CHARS = 2000


def build_board(jobs: int) -> bytes:
    """A Greenhouse board document with `jobs` jobs shaped like the sample's."""
    if not SAMPLE.is_file():
        raise SystemExit(f"the Greenhouse sample is needed: {SAMPLE}")
    templates = json.loads(SAMPLE.read_bytes())["jobs"]
    for template in templates:
        # Keep whole tags: cut the unescaped HTML, then escape it again the
        # way Greenhouse sends it.
        text = html.unescape(template["content"])
        cut = text.rfind(">", 0, DESCRIPTION_CHARS) + 1 or DESCRIPTION_CHARS
        template["content"] = html.escape(text[:cut])
    base = datetime(2026, 7, 1, tzinfo=UTC)
    board = []
    for n in range(jobs):
        job = copy.deepcopy(templates[n % len(templates)])
        job["id"] = 7_000_000_000 + n
        job["internal_job_id"] = 8_000_000_000 + n
        job["title"] = f"{job['title']} ({n + 1})"
        job["updated_at"] = (base + timedelta(minutes=n)).isoformat()
        job["absolute_url"] = f"https://job-boards.greenhouse.io/bench/jobs/{job['id']}"
        board.append(job)
    return json.dumps({"jobs": board, "meta": {"total": jobs}}).encode()


class BoardServer:
    """Serves one document at /board on a free loopback port."""

    def __init__(self, body: bytes) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/board"

    def __enter__(self) -> BoardServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class StatementCounter:
    """Counts statements sent to the database (executemany counts once)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self)

    def __call__(self, *_: Any) -> None:
        self.count += 1


def prepare_database(url: str) -> str:
    """An empty database at `url` (async driver), migrated to head."""
    url = normalise_database_url(url)
    if url.startswith("sqlite"):
        path = Path(sa.make_url(url).database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        target = sa.make_url(url)
        admin = target.set(drivername="postgresql+psycopg", database="postgres")
        engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            name = target.database
            connection.execute(
                sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            )
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    upgrade_database(url)
    return url


async def add_feed(engine: AsyncEngine, settings: Settings, url: str) -> int:
    """A partner and its connector on `url`; the connector's id."""
    async with engine.begin() as connection:
        await connection.execute(
            sa.insert(table_of(Partner)).values(
                kind=PartnerKind.COMPANY, name="Bench", slug="bench", country="MA"
            )
        )
    added = await add_connector(
        engine, settings, partner="bench", kind="greenhouse", url=url
    )
    return added.id


async def timed_run(
    syncer: SyncEngine, connector_id: int, counter: StatementCounter
) -> tuple[SyncReport, float, float, int]:
    """One sync: report, total seconds, seconds before writing, statements."""
    marks: dict[str, float] = {}
    before = counter.count
    start = time.perf_counter()

    def progress(step: str) -> None:
        marks.setdefault(step, time.perf_counter())

    report = await syncer.sync(connector_id, progress=progress)
    total = time.perf_counter() - start
    fetched = marks.get("writing", start + total) - start
    if not report.succeeded:
        raise SystemExit(f"the run failed: {report.error_code} {report.error_message}")
    return report, total, fetched, counter.count - before


async def baseline_insert(engine: AsyncEngine, body: bytes) -> float:
    """Seconds for plain executemany INSERTs of the same rows, same batches."""
    page = get_format("greenhouse").parse(body, "http://127.0.0.1/board", None)
    candidates, _ = accept_postings([(str(i), p) for i, p in enumerate(page.postings)])
    now = datetime.now(UTC)
    rows = [
        {
            "partner_id": 1,
            "kind": c.posting.kind,
            "status": "published",
            "language": c.posting.language,
            "title": c.posting.title,
            "description": c.posting.description,
            "city": c.posting.city,
            "country": c.posting.country,
            "workplace_type": c.posting.workplace_type,
            "employment_type": c.posting.employment_type,
            "posted_at": c.posting.posted_at or now,
            "apply_url": c.posting.apply_url,
            "source": "greenhouse",
            "external_id": c.posting.external_id,
            "search_text": build_search_text([c.posting.title]),
            "source_updated_at": c.posting.source_updated_at,
            "content_hash": c.content_hash,
            "fetched_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for c in candidates
    ]
    # The same columns and types, but no indexes, constraints or defaults.
    scratch = sa.Table(
        "bench_scratch",
        sa.MetaData(),
        *(
            sa.Column(c.name, c.type)
            for c in table_of(Opportunity).columns
            if c.name != "id" and c.name in rows[0]
        ),
    )
    async with engine.begin() as connection:
        await connection.run_sync(scratch.create)
    start = time.perf_counter()
    async with engine.begin() as connection:
        for offset in range(0, len(rows), BATCH):
            await connection.execute(sa.insert(scratch), rows[offset : offset + BATCH])
    elapsed = time.perf_counter() - start
    async with engine.begin() as connection:
        await connection.run_sync(scratch.drop)
    return elapsed


async def run(database_url: str, postings: int) -> None:
    url = await asyncio.to_thread(prepare_database, database_url)
    body = build_board(postings)
    settings = Settings(
        database_url=url,
        allow_private_feed_hosts=True,
        feed_max_bytes=max(len(body) * 2, 1024 * 1024),
        scheduler_enabled=False,
    )
    engine = create_engine(url)
    try:
        with BoardServer(body) as server:
            connector_id = await add_feed(engine, settings, server.url)
            counter = StatementCounter(engine)
            syncer = SyncEngine(engine, settings)
            first, first_s, first_fetch, first_sql = await timed_run(
                syncer, connector_id, counter
            )
            second, second_s, second_fetch, second_sql = await timed_run(
                syncer, connector_id, counter
            )
        baseline_s = await baseline_insert(engine, body)
    finally:
        await engine.dispose()

    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    first_write = first_s - first_fetch
    print(f"backend: {backend}; feed: {postings} postings, {len(body) / 1e6:.1f} MB")
    print(
        f"first run : {postings / first_s:8.0f} postings/s  ({first_s:.2f} s: "
        f"fetch+parse {first_fetch:.2f} s, write {first_write:.2f} s), "
        f"{first_sql} SQL statements, created {first.counts.created}"
    )
    print(
        f"rerun     : {postings / second_s:8.0f} postings/s  ({second_s:.2f} s: "
        f"fetch+parse {second_fetch:.2f} s, compare {second_s - second_fetch:.2f} s), "
        f"{second_sql} SQL statements, unchanged {second.counts.unchanged}"
    )
    print(
        f"baseline  : {postings / baseline_s:8.0f} rows/s  ({baseline_s:.2f} s) "
        "plain executemany INSERT of the same rows"
    )
    print(
        f"ratio     : engine write phase / baseline = {first_write / baseline_s:.2f}; "
        f"whole first run / baseline = {first_s / baseline_s:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{Path(tempfile.gettempdir()) / 'bench_connectors.db'}",
    )
    parser.add_argument("--postings", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(run(args.database_url, args.postings))


if __name__ == "__main__":
    main()
