"""Process-wide logging: one format, levels from settings."""

from __future__ import annotations

import logging


def configure_logging(level: str) -> None:
    """Log to stderr with timestamps; quiet the chattier libraries."""
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # SQL text can carry personal data in literals: never log it at INFO.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # APScheduler logs every job it runs; syncs log their own line.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
