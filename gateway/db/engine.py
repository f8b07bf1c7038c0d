"""Engine creation and the per-request connection discipline."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry


def create_engine(database_url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine tuned for the backend named in `database_url`."""
    if database_url.startswith("sqlite"):
        engine = create_async_engine(
            database_url,
            echo=echo,
            connect_args={"timeout": 30},
        )
        event.listen(engine.sync_engine, "connect", configure_sqlite)
        return engine
    return create_async_engine(
        database_url,
        echo=echo,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
    )


def configure_sqlite(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # SQLite leaves foreign keys off unless asked, and WAL lets readers run
    # while a sync or seed writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class RequestDatabase:
    """One connection for one GraphQL request, statements serialised on it.

    Loaders dispatch their batches as separate asyncio tasks, and neither an
    `AsyncSession` nor a DBAPI connection may be used by two tasks at once.
    A lock around a single connection is the cheapest safe answer: batches
    are already few, and one connection per request keeps the pool free.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._lock = asyncio.Lock()
        # Statements this request ran: benchmarks and tests read it.
        self.statements = 0

    async def fetch_all(self, statement: sa.Executable) -> Sequence[Row[Any]]:
        """Run a read statement and return all of its rows."""
        async with self._lock:
            connection = await self._connect()
            self.statements += 1
            result = await connection.execute(statement)
            return result.all()

    async def fetch_scalar(self, statement: sa.Executable) -> Any:
        """Run a read statement that returns one value."""
        async with self._lock:
            connection = await self._connect()
            self.statements += 1
            result = await connection.execute(statement)
            return result.scalar()

    @contextlib.asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncConnection]:
        """A transaction on the request's connection for a mutation.

        Whatever the request read so far is ended first, so the write and
        the reads after it (the mutation's result) see the same, current
        data on both backends. Commits on success, rolls back on error.
        """
        async with self._lock:
            connection = await self._connect()
            if connection.in_transaction():
                await connection.commit()
            try:
                yield connection
            except BaseException:
                await connection.rollback()
                raise
            await connection.commit()

    async def close(self) -> None:
        """Give the connection back to the pool; reads are rolled back."""
        async with self._lock:
            if self._connection is not None:
                connection, self._connection = self._connection, None
                await connection.close()

    async def _connect(self) -> AsyncConnection:
        if self._connection is None:
            self._connection = await self._engine.connect()
        return self._connection
