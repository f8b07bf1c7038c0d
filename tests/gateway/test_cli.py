"""The `alumni-gateway` command line, run as operators run it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

TIMEOUT = 120


def run_cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run `alumni-gateway ARGS` in a child process against `database_url`."""
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_schema_print_gives_the_federation_subgraph_sdl(scratch_url: str) -> None:
    result = run_cli("schema", "print", database_url=scratch_url)
    assert result.returncode == 0, result.stderr
    assert '@link(url: "https://specs.apollo.dev/federation/v2' in result.stdout
    for entity in ("Alumnus", "University", "Program", "Enrollment", "Opportunity"):
        assert f'type {entity} implements Node @key(fields: "id")' in result.stdout


def test_db_upgrade_then_demo_seed_fills_the_database(scratch_url: str) -> None:
    upgrade = run_cli("db", "upgrade", database_url=scratch_url)
    assert upgrade.returncode == 0, upgrade.stderr

    seed = run_cli(
        "demo", "seed", "--alumni", "60", "--seed", "7", database_url=scratch_url
    )
    assert seed.returncode == 0, seed.stderr
    assert "60 alumni" in seed.stderr

    again = run_cli("demo", "seed", "--alumni", "60", database_url=scratch_url)
    assert again.returncode == 1
    assert again.stderr.strip().startswith("error:")
    assert len(again.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("serve", "--port", "abc"), id="port-not-a-number"),
        pytest.param(("serve", "--port", "70000"), id="port-out-of-range"),
        pytest.param(("serve", "--workers", "0"), id="no-workers"),
        pytest.param(("demo", "seed", "--alumni", "-3"), id="negative-alumni"),
        pytest.param(("demo", "sow"), id="unknown-subcommand"),
        pytest.param(("nope",), id="unknown-command"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(
    scratch_url: str, args: tuple[str, ...]
) -> None:
    result = run_cli(*args, database_url=scratch_url)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_line_error() -> None:
    result = run_cli(
        "db", "upgrade", database_url="postgresql://postgres@127.0.0.1:9/none"
    )
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot use the database: ConnectionRefusedError")


@pytest.mark.parametrize("command", ["serve", "db", "demo", "schema"])
def test_every_command_has_help(command: str) -> None:
    result = run_cli(command, "--help", database_url="sqlite:///unused.db")
    assert result.returncode == 0
    assert "Usage" in result.stdout


@pytest.fixture
def served(scratch_url: str) -> Iterator[str]:
    """`alumni-gateway serve --demo` running on a free port."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": scratch_url, "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("serve did not become ready")
        yield base
    finally:
        process.terminate()
        process.wait(10)


def test_serve_demo_migrates_seeds_and_answers(served: str) -> None:
    assert httpx.get(f"{served}/healthz").json() == {"status": "ok"}
    page = httpx.get(f"{served}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()

    query = "{ universities { totalCount } opportunities { totalCount } }"
    body = httpx.post(f"{served}/graphql", json={"query": query}).json()
    assert body["data"]["universities"]["totalCount"] >= 20
    assert body["data"]["opportunities"]["totalCount"] > 0
