"""Fixtures for the authorization server: a fresh database and app per test.

Each test gets its own database, copied from one migrated once per backend
(a SQLite backup, a PostgreSQL `CREATE DATABASE ... TEMPLATE`): the same
isolation as migrating a scratch database every time, at a fraction of
the cost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from gateway.db.migrate import upgrade_database
from gateway.settings import normalise_database_url
from tests.auth.harness import Credentials, Gateway
from tests.conftest import POSTGRES_URL, scratch_postgres_url


@pytest.fixture(autouse=True)
def fast_secret_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with tiny costs in-process: the real costs take 0.1 s a hash.

    The CLI and served tests run in child processes with the real costs,
    and check them.
    """
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr("auth.client_secrets._hasher", cheap)


def _postgres_admin_url() -> sa.URL:
    return sa.make_url(normalise_database_url(POSTGRES_URL or ""))


@pytest.fixture(scope="session")
def oauth_template(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of `backend` migrated to head, never used directly."""
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("oauth") / "template.db"
        url = f"sqlite+aiosqlite:///{path}"
    else:
        url = scratch_postgres_url(f"{_postgres_admin_url().database}_oauth_template")
    upgrade_database(url)
    return url


@pytest.fixture
def oauth_url(backend: str, oauth_template: str, tmp_path: Path) -> str:
    """A fresh, migrated database of the current backend for one test."""
    if backend == "sqlite":
        target = tmp_path / "oauth.db"
        source_path = sa.make_url(oauth_template).database or ""
        # The backup API copies a consistent image, WAL included.
        with (
            closing(sqlite3.connect(source_path)) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
        return f"sqlite+aiosqlite:///{target}"

    admin = _postgres_admin_url()
    template = sa.make_url(oauth_template).database
    name = f"{admin.database}_oauth"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return admin.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
async def gateway(oauth_url: str) -> AsyncIterator[Gateway]:
    """The app on `oauth_url`, driven over ASGI (no lifespan: keys are made
    on first use)."""
    instance = Gateway(oauth_url)
    yield instance
    await instance.close()


@pytest.fixture
def company(gateway: Gateway) -> Credentials:
    """A company partner's client with candidates:read and opportunities:read."""
    return gateway.register()
