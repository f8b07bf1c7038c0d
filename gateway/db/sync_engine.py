"""A blocking engine for the code that cannot be async.

authlib's authorization server and the operator commands run synchronous
code; they get their own engine on the same database, through psycopg (v3)
or the standard library's sqlite3.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from gateway.db.engine import configure_sqlite


def create_sync_engine(sync_database_url: str) -> sa.Engine:
    """A blocking engine for `sync_database_url` (see `Settings.sync_database_url`)."""
    if sync_database_url.startswith("sqlite"):
        engine = sa.create_engine(
            sync_database_url,
            # The OAuth endpoints hand connections between worker threads.
            connect_args={"timeout": 30, "check_same_thread": False},
        )
        event.listen(engine, "connect", configure_sqlite)
        return engine
    return sa.create_engine(
        sync_database_url, pool_size=5, max_overflow=5, pool_pre_ping=True
    )
