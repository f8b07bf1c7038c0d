"""The cross-process run lock on a connector's row.

A lock is a random token and an expiry, taken by one conditional UPDATE
(`... WHERE locked_until IS NULL OR locked_until < now`): exactly one
caller sees a changed row, on SQLite and PostgreSQL alike, with no
advisory-lock support needed, and the lock lapses by itself when its
holder dies. While a run lasts, a heartbeat pushes the expiry forward; the
run's write transaction renews it once more as its first statement, which
both fences a holder that lost the lock and takes the database's write
lock before any read (SQLite would otherwise refuse the upgrade from read
to write when another writer got in between).

Limitation: expiry is judged by each process's clock, so instances need
clocks that agree to within a small part of `LOCK_SECONDS` (NTP does).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from connectors.errors import SyncLockLost
from gateway.db.models import Connector, table_of

logger = logging.getLogger(__name__)

connectors = table_of(Connector)

# How long a lock lives without a heartbeat.
LOCK_SECONDS = 120.0


def _expiry(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


@dataclass(frozen=True)
class RunLock:
    """A held lock on one connector: its token proves who holds it."""

    connector_id: int
    token: str
    lock_seconds: float = LOCK_SECONDS

    def _mine(self) -> sa.ColumnElement[bool]:
        return sa.and_(
            connectors.c.id == self.connector_id,
            connectors.c.lock_token == self.token,
        )

    async def renew(self, connection: AsyncConnection) -> bool:
        """Push the expiry forward; False when the lock is no longer ours."""
        result = await connection.execute(
            sa.update(connectors)
            .where(self._mine())
            # Keep `updated_at` for changes of the connector's settings.
            .values(
                locked_until=_expiry(self.lock_seconds),
                updated_at=connectors.c.updated_at,
            )
        )
        return result.rowcount == 1

    async def fence(self, connection: AsyncConnection) -> None:
        """Renew inside a write transaction, or stop it: another run took over."""
        if not await self.renew(connection):
            raise SyncLockLost(self.connector_id)

    async def release(self, engine: AsyncEngine) -> None:
        """Give the lock up; a lock taken over meanwhile is left alone."""
        async with engine.begin() as connection:
            await connection.execute(
                sa.update(connectors)
                .where(self._mine())
                .values(
                    locked_until=None,
                    lock_token=None,
                    updated_at=connectors.c.updated_at,
                )
            )


async def try_lock(
    engine: AsyncEngine,
    connector_id: int,
    *,
    due_before: datetime | None = None,
    lock_seconds: float = LOCK_SECONDS,
) -> RunLock | None:
    """Take the connector's run lock, or None when another run holds it.

    With `due_before`, the lock is taken only if the connector is enabled
    and last ran before that moment or a run was requested: several
    schedulers (workers, instances) firing for the same connector then start
    one run between them. Taking the lock stamps `last_run_at`.
    """
    now = datetime.now(UTC)
    lock = RunLock(connector_id, secrets.token_hex(16), lock_seconds)
    condition = sa.and_(
        connectors.c.id == connector_id,
        sa.or_(connectors.c.locked_until.is_(None), connectors.c.locked_until < now),
    )
    if due_before is not None:
        condition = sa.and_(
            condition,
            connectors.c.is_enabled.is_(True),
            sa.or_(
                connectors.c.last_run_at.is_(None),
                connectors.c.last_run_at <= due_before,
                connectors.c.sync_requested_at.is_not(None),
            ),
        )
    async with engine.begin() as connection:
        result = await connection.execute(
            sa.update(connectors)
            .where(condition)
            .values(
                lock_token=lock.token,
                locked_until=_expiry(lock_seconds),
                last_run_at=now,
                updated_at=connectors.c.updated_at,
            )
        )
    return lock if result.rowcount == 1 else None


@contextlib.asynccontextmanager
async def heartbeat(
    engine: AsyncEngine, lock: RunLock, every: float
) -> AsyncIterator[None]:
    """Keep `lock` alive while the block runs (fetching can take minutes)."""

    async def beat() -> None:
        while True:
            await asyncio.sleep(every)
            try:
                async with engine.begin() as connection:
                    if not await lock.renew(connection):
                        # The write transaction's fence stops the run.
                        logger.warning("connector %d: run lock lost", lock.connector_id)
                        return
            except sa.exc.SQLAlchemyError:
                # A busy database delays a beat; the lock outlives a few.
                logger.debug("connector %d: heartbeat failed", lock.connector_id)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
