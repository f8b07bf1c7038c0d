"""The ground floor: engine, models and migrations every package stands on."""

from gateway.db.base import Base
from gateway.db.engine import RequestDatabase, create_engine
from gateway.db.migrate import upgrade_database

__all__ = ["Base", "RequestDatabase", "create_engine", "upgrade_database"]
