"""`alumni-gateway connectors add|list|sync`, run as operators run them.

Commands run against a loopback feed, with plain http to 127.0.0.1 allowed
and one try per request: in a child process where the exit code and the
output are the point, and otherwise through the same `main()` in this
process (a child process costs a second of start-up).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from gateway.cli import app as cli_app
from gateway.cli import main
from gateway.db.enums import PartnerKind
from gateway.db.models import Connector, Partner, table_of
from gateway.settings import Settings, get_settings
from tests.connectors.feed_server import FeedServer
from tests.connectors.harness import (
    Feed,
    by_external_id,
    loopback_settings,
    migrated_database,
    new_feed,
    open_engine,
)

connectors = table_of(Connector)
partners = table_of(Partner)

CHILD_ENV = {
    "LOG_LEVEL": "WARNING",
    "ALLOW_PRIVATE_FEED_HOSTS": "true",
    "FEED_MAX_ATTEMPTS": "1",
}


def board(*ids: int) -> bytes:
    """A Greenhouse board document with these job ids."""
    jobs = [
        {
            "id": i,
            "title": f"Data engineer {i}",
            "content": "&lt;p&gt;Build pipelines.&lt;/p&gt;",
            "updated_at": "2026-07-01T00:00:00Z",
            "language": "en",
            "location": {"name": "Rabat, Morocco"},
            "absolute_url": f"https://example.com/jobs/{i}",
        }
        for i in ids
    ]
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}).encode()


def run_cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """`alumni-gateway ARGS` in a child process, feeds allowed on loopback."""
    env = {**os.environ, **CHILD_ENV, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def cli_json(*args: str, database_url: str) -> Any:
    """The JSON a command prints on success."""
    result = run_cli(*args, "--json", database_url=database_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@dataclass
class Cli:
    """Runs `main()` in this process, with the child process's environment."""

    database_url: str
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    async def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Exit code, stdout and stderr of `alumni-gateway ARGS`."""
        for name, value in CHILD_ENV.items():
            self.monkeypatch.setenv(name, value)
        self.monkeypatch.setenv("DATABASE_URL", self.database_url)
        self.monkeypatch.setattr(sys, "argv", ["alumni-gateway", *args])
        get_settings.cache_clear()
        self.capsys.readouterr()
        try:
            # A thread of its own: the CLI starts its own event loop.
            with pytest.raises(SystemExit) as exited:
                await asyncio.to_thread(main)
        finally:
            get_settings.cache_clear()
        out, err = self.capsys.readouterr()
        return subprocess.CompletedProcess(
            list(args), int(exited.value.code or 0), out, err
        )

    async def json(self, *args: str) -> Any:
        """The JSON a command prints on success."""
        result = await self.run(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    return Cli(database_url, monkeypatch, capsys)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The error a failed command printed: one line, exit code 1."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
async def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return await migrated_database(backend, tmp_path_factory, "cli")


@pytest.fixture(scope="module")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with open_engine(database_url) as engine:
        yield engine


@pytest.fixture
def settings(database_url: str) -> Settings:
    return loopback_settings(database_url)


@pytest.fixture
async def feed(
    engine: AsyncEngine, settings: Settings, feed_server: FeedServer
) -> Feed:
    """The only enabled connector in the database, on a fresh partner."""
    async with engine.begin() as connection:
        await connection.execute(sa.update(connectors).values(is_enabled=False))
    return await new_feed(engine, settings, feed_server.base_url)


@pytest.mark.parametrize("command", ["add", "list", "sync"])
def test_every_connectors_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli_app, ["connectors", command, "--help"])

    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


async def test_add_prints_the_new_connector_and_list_shows_it(
    engine: AsyncEngine, database_url: str
) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            sa.insert(partners).values(
                kind=PartnerKind.COMPANY, name="Atlas", slug="atlas", country="MA"
            )
        )
    url = "https://api.lever.co/v0/postings/atlas"

    added = cli_json(
        *("connectors", "add", "--partner", "atlas", "--kind", "lever"),
        *("--url", url, "--interval", "30"),
        database_url=database_url,
    )
    listed = cli_json("connectors", "list", database_url=database_url)

    assert (added["partner"], added["kind"], added["url"]) == ("atlas", "lever", url)
    assert added["interval_minutes"] == 30
    assert added in listed


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(("--kind", "monster"), "unknown kind 'monster'", id="kind"),
        pytest.param(("--url", "ftp://example.com/jobs"), "feed URLs", id="url"),
        pytest.param(("--partner", "nobody"), "no partner 'nobody'", id="partner"),
    ],
)
async def test_add_refuses_bad_input_in_one_line(
    cli: Cli, feed: Feed, options: tuple[str, str], message: str
) -> None:
    values = {
        "--partner": "partner-x",
        "--kind": "greenhouse",
        "--url": "https://boards-api.greenhouse.io/v1/boards/x/jobs",
    }
    values.update([options])

    result = await cli.run(
        "connectors", "add", *(item for pair in values.items() for item in pair)
    )

    assert message in one_line_error(result)


async def test_sync_prints_the_runs_counts_as_json(
    engine: AsyncEngine, database_url: str, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, board(1, 2, 3))

    run = cli_json(
        "connectors", "sync", str(feed.connector_id), database_url=database_url
    )

    assert run["status"] == "succeeded" and run["run_id"]
    assert {k: run[k] for k in ("created", "updated", "unchanged", "closed")} == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "closed": 0,
    }
    assert run["rejected"] == 0
    assert set(await by_external_id(engine, feed.partner_id)) == {"1", "2", "3"}


async def test_sync_all_runs_every_enabled_connector_and_prints_a_list(
    cli: Cli, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, board(1))

    runs = await cli.json("connectors", "sync", "--all")

    assert [(r["connector_id"], r["status"]) for r in runs] == [
        (feed.connector_id, "succeeded")
    ]


async def test_a_failed_run_exits_with_its_reason(
    cli: Cli, feed: Feed, feed_server: FeedServer
) -> None:
    feed_server.serve(feed.path, b"oops", status=500)

    result = await cli.run("connectors", "sync", str(feed.connector_id))

    error = one_line_error(result)
    assert f"connector {feed.connector_id} failed" in error
    assert "FEED_UNAVAILABLE" in error


async def test_a_run_that_would_close_too_much_waits_for_confirm_close(
    cli: Cli, feed: Feed, feed_server: FeedServer
) -> None:
    sync = ("connectors", "sync", str(feed.connector_id))
    feed_server.serve(feed.path, board(1, 2, 3))
    await cli.json(*sync)
    feed_server.serve(feed.path, board(1))

    waiting = await cli.run(*sync)
    confirmed = await cli.json(*sync, "--confirm-close")

    assert "--confirm-close" in one_line_error(waiting)
    assert (confirmed["status"], confirmed["closed"]) == ("succeeded", 2)


@pytest.mark.parametrize(
    "args",
    [pytest.param((), id="neither"), pytest.param(("1", "--all"), id="both")],
)
async def test_sync_needs_one_id_or_all(cli: Cli, args: tuple[str, ...]) -> None:
    result = await cli.run("connectors", "sync", *args)

    assert "give one connector id, or --all" in one_line_error(result)
