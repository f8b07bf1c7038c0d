"""Shared fixtures: one migrated, known database per backend, and the app.

Every database test runs on SQLite, and on PostgreSQL too when
TEST_DATABASE_URL points at a server (CI sets it). Tests drive the ASGI app
in-process through httpx, as a partner's client would over HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.app import create_app
from gateway.db.engine import create_engine
from gateway.db.migrate import upgrade_database
from gateway.settings import Settings, normalise_database_url
from tests.factories import KnownData, insert_known_data
from tests.tokens import TokenMint, install_token_mint

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES_URL,
            reason="TEST_DATABASE_URL is not set: PostgreSQL tests need a server "
            "(e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)",
        ),
    ),
]


def reset_postgres(url: str) -> None:
    """Empty the test database's public schema (the suite owns that database)."""
    import asyncio

    async def run() -> None:
        engine = create_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
                await conn.execute(sa.text("CREATE SCHEMA public"))
        finally:
            await engine.dispose()

    asyncio.run(run())


def fresh_database_url(backend: str, tmp_path: Path) -> str:
    """An empty database of `backend`: a new SQLite file or a wiped schema."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'gateway.db'}"
    assert POSTGRES_URL
    url = normalise_database_url(POSTGRES_URL)
    reset_postgres(url)
    return url


def scratch_postgres_url(name: str) -> str:
    """A new, empty PostgreSQL database beside the test one, for tests that
    need a database of their own (migrations, CLI, seeding)."""
    import asyncio

    assert POSTGRES_URL
    base = sa.make_url(normalise_database_url(POSTGRES_URL))

    async def run() -> None:
        engine = create_engine(base.render_as_string(hide_password=False))
        try:
            async with engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(
                    sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                )
                await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            await engine.dispose()

    asyncio.run(run())
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def scratch_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty, unmigrated database of the current backend for one test."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'scratch.db'}"
    base = sa.make_url(normalise_database_url(POSTGRES_URL or ""))
    return scratch_postgres_url(f"{base.database}_scratch")


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Name of the database backend the current tests run on."""
    return str(request.param)


@pytest.fixture(scope="session")
def migrated_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of `backend` migrated to head, shared by read-only tests."""
    url = fresh_database_url(backend, tmp_path_factory.mktemp(backend))
    upgrade_database(url)
    return url


@pytest.fixture(scope="session")
async def known(migrated_url: str) -> KnownData:
    """The known data set, inserted once per backend."""
    engine = create_engine(migrated_url)
    try:
        return await insert_known_data(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
async def mint(migrated_url: str, known: KnownData) -> TokenMint:
    """Tokens for every test role on the known data set."""
    engine = create_engine(migrated_url)
    try:
        return await install_token_mint(engine)
    finally:
        await engine.dispose()


@dataclass
class GraphClient:
    """Posts GraphQL to the in-process app and counts SQL statements.

    Requests go as the `reader` role (a company that may search candidates
    and nothing else) unless `as_` names another role of tests/tokens.py,
    or None for an anonymous caller.
    """

    http: httpx.AsyncClient
    engine: AsyncEngine
    mint: TokenMint
    # Every statement of the last request, and those of the graph alone
    # (without the token's revocation check and key loading).
    statements: int = 0
    graph_statements: int = 0

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_: str | None = "reader",
    ) -> Any:
        """The JSON body of one GraphQL request."""
        self.statements = self.graph_statements = 0
        headers = {"Authorization": f"Bearer {self.mint.token(as_)}"} if as_ else {}
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_: str | None = "reader",
    ) -> Any:
        """The `data` of a request that must succeed without errors."""
        body = await self.post(query, variables, as_=as_)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error_codes(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_: str | None = "reader",
    ) -> list[str]:
        """The `extensions.code` of each error of a request that must fail."""
        body = await self.post(query, variables, as_=as_)
        assert body.get("errors"), body
        return [error["extensions"]["code"] for error in body["errors"]]


@contextlib.asynccontextmanager
async def open_graph(url: str, mint: TokenMint) -> AsyncIterator[GraphClient]:
    """A GraphClient on a new app over the database at `url`."""
    app = create_app(Settings(database_url=url))
    engine: AsyncEngine = app.state.engine
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        client = GraphClient(http=http, engine=engine, mint=mint)

        def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            client.statements += 1
            if "revoked_tokens" not in statement and "signing_keys" not in statement:
                client.graph_statements += 1

        event.listen(engine.sync_engine, "before_cursor_execute", count)
        yield client
    await engine.dispose()


@pytest.fixture(scope="session")
async def graph(
    migrated_url: str, known: KnownData, mint: TokenMint
) -> AsyncIterator[GraphClient]:
    """A client for the app on the known data set (read-only tests)."""
    async with open_graph(migrated_url, mint) as client:
        yield client


@dataclass
class WritableGraph:
    """A client on a database of its own, for tests that write."""

    client: GraphClient
    known: KnownData
    url: str


@pytest.fixture(scope="module")
async def writable(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[WritableGraph]:
    """The known data set in a database this test module may change."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('writes') / 'w.db'}"
    else:
        base = sa.make_url(normalise_database_url(POSTGRES_URL or ""))
        url = await asyncio.to_thread(scratch_postgres_url, f"{base.database}_writes")
    await asyncio.to_thread(upgrade_database, url)
    engine = create_engine(url)
    try:
        known_data = await insert_known_data(engine)
        mint = await install_token_mint(engine)
    finally:
        await engine.dispose()
    async with open_graph(url, mint) as client:
        yield WritableGraph(client=client, known=known_data, url=url)


@pytest.fixture
def samples() -> Iterator[Path]:
    """The shared real-world sample files; tests using them skip without."""
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    yield SAMPLES
