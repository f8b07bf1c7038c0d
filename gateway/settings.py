"""Settings read from the environment (and an optional `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./alumni-gateway.db"


def normalise_database_url(url: str) -> str:
    """Return `url` with the async driver this gateway uses for its backend.

    Operators paste the URLs their hosting gives them (`postgres://...`,
    `postgresql://...`, `sqlite:///...`); the gateway only talks through
    asyncpg and aiosqlite, so the driver part is filled in here.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"DATABASE_URL {url!r} is not a URL")
    backend = scheme.split("+", 1)[0]
    if backend in ("postgres", "postgresql"):
        # Hosting providers write libpq's `sslmode=`; asyncpg calls it `ssl=`.
        return f"postgresql+asyncpg://{rest}".replace("sslmode=", "ssl=")
    if backend == "sqlite":
        return f"sqlite+aiosqlite://{rest}"
    raise ValueError(
        f"DATABASE_URL scheme {scheme!r} is not supported: use postgresql:// or sqlite://"
    )


class Settings(BaseSettings):
    """Everything an operator can set; each field maps to an env variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL; default: a SQLite file in the working dir.",
    )
    host: str = Field("127.0.0.1", description="Address `serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `serve` listens on.")
    public_base_url: str = Field(
        "http://127.0.0.1:8000",
        description="Address partners use to reach the gateway (issuer, links).",
    )
    access_token_lifetime: int = Field(
        1800,
        ge=60,
        le=3600,
        description="Seconds an access token lives (at most one hour).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    production: bool = Field(False, description="Turns GraphiQL off.")
    sql_statement_header: bool = Field(
        False,
        description="Add `X-SQL-Statements` to GraphQL responses (benchmarks).",
    )
    max_page_size: int = Field(100, ge=1, le=1000)
    default_page_size: int = Field(20, ge=1, le=1000)
    max_query_depth: int = Field(12, ge=2, le=50)
    max_query_aliases: int = Field(30, ge=1)
    max_query_tokens: int = Field(2000, ge=50)
    max_query_cost: int = Field(
        5_000,
        ge=100,
        description="Most field values one operation may ask for: each field "
        "counts once per row its enclosing pages and `_entities` may return.",
    )
    max_request_bytes: int = Field(
        1024 * 1024, ge=1024, description="Largest GraphQL request body accepted."
    )

    # Partner feeds (connectors).
    allow_private_feed_hosts: bool = Field(
        False,
        description="Let feeds come from loopback, private and link-local "
        "addresses, over plain http too (local testing only).",
    )
    feed_connect_timeout: float = Field(5.0, gt=0, le=60)
    feed_read_timeout: float = Field(20.0, gt=0, le=300)
    feed_total_timeout: float = Field(
        120.0, gt=0, le=3600, description="Deadline for one whole feed transfer."
    )
    feed_max_bytes: int = Field(
        20 * 1024 * 1024, ge=1024, description="Largest feed document accepted."
    )
    feed_max_attempts: int = Field(
        4, ge=1, le=10, description="Tries per request, with backoff and jitter."
    )
    feed_per_host_concurrency: int = Field(2, ge=1, le=32)
    connector_default_interval: int = Field(
        60, ge=5, le=7 * 24 * 60, description="Minutes between scheduled syncs."
    )
    connector_max_close_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="A run that would close more than this share of a "
        "connector's open postings stops and asks for confirmation.",
    )
    connector_max_reject_share: float = Field(
        0.2, ge=0, le=1, description="A run rejecting more than this share fails."
    )
    scheduler_enabled: bool = Field(
        True, description="Run connectors on their intervals while `serve` runs."
    )

    @field_validator("database_url")
    @classmethod
    def _use_async_driver(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("database_url")
    @classmethod
    def _no_memory_sqlite(cls, value: str) -> str:
        # Every connection to `:memory:` is a new, empty database: the
        # migrations would land in one and the app read another.
        if value.startswith("sqlite") and (
            ":memory:" in value or value.endswith("://")
        ):
            raise ValueError(
                "SQLite needs a file path; :memory: databases are not kept"
            )
        return value

    @field_validator("public_base_url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        scheme, sep, rest = value.partition("://")
        if scheme not in ("http", "https") or not sep or not rest.strip("/"):
            raise ValueError("PUBLIC_BASE_URL must be an absolute http(s) URL")
        return value

    @model_validator(mode="after")
    def _pages_fit(self) -> Settings:
        if self.default_page_size > self.max_page_size:
            raise ValueError("DEFAULT_PAGE_SIZE must not exceed MAX_PAGE_SIZE")
        return self

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def issuer(self) -> str:
        """The `iss` of access tokens: the gateway's public address."""
        return self.public_base_url.rstrip("/")

    @property
    def token_audience(self) -> str:
        """The `aud` of access tokens: the graph they are for."""
        return f"{self.issuer}/graphql"

    @property
    def sync_database_url(self) -> str:
        """The same database through a synchronous driver.

        authlib's server core is synchronous, so the OAuth endpoints run in
        a worker thread with their own blocking connection.

        Limitation: only the driver and `ssl`/`sslmode` are translated; other
        URL options must be ones both asyncpg and psycopg accept.
        """
        return (
            self.database_url.replace("+aiosqlite", "")
            .replace("+asyncpg", "+psycopg")
            .replace("ssl=", "sslmode=")
        )

    @property
    def is_sqlite(self) -> bool:
        """True when the gateway runs on the embedded SQLite backend."""
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
