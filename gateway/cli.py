"""The `alumni-gateway` command line.

Command and option names are a contract: operators' scripts and the docs
use them.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Annotated

import sqlalchemy as sa
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from gateway.access_cli import clients_app, keys_app, partners_app
from gateway.connectors_cli import connectors_app
from gateway.enrollment_cli import enrollment_app
from gateway.settings import Settings, get_settings

try:  # Typer 0.16+ vendors Click; older releases use Click itself.
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException  # type: ignore[assignment]

app = typer.Typer(
    help="Alumni partner gateway: the federated graph of alumni, universities "
    "and opportunities.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema management.", no_args_is_help=True)
demo_app = typer.Typer(help="Demo data for trying the gateway.", no_args_is_help=True)
schema_app = typer.Typer(help="The GraphQL schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(schema_app, name="schema")
app.add_typer(partners_app, name="partners")
app.add_typer(clients_app, name="clients")
app.add_typer(keys_app, name="keys")
app.add_typer(connectors_app, name="connectors")
app.add_typer(enrollment_app, name="enrollment")

console = Console(stderr=True)


class CliError(Exception):
    """A problem the operator can fix; printed as one line, exit code 1."""


def _settings() -> Settings:
    try:
        return get_settings()
    except Exception as exc:  # pydantic's ValidationError is multi-line
        lines = [
            line.strip()
            for line in str(exc).splitlines()[1:]
            if line.strip() and not line.strip().startswith("For further")
        ]
        raise CliError(f"invalid settings: {'; '.join(lines)}") from exc


def _upgrade(settings: Settings) -> None:
    from gateway.db.migrate import upgrade_database

    try:
        upgrade_database(settings.database_url)
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        raise CliError(f"cannot use the database: {_reason(exc)}") from exc
    except Exception as exc:
        # Drivers raise their own classes for a missing database or role
        # (asyncpg's InvalidCatalogNameError, ...): one line, not a trace.
        if type(exc).__module__.split(".")[0] in ("asyncpg", "sqlite3", "aiosqlite"):
            raise CliError(f"cannot use the database: {_reason(exc)}") from exc
        raise


def _reason(exc: BaseException) -> str:
    """The first line of a driver error, without SQL or background links."""
    original = getattr(exc, "orig", None) or exc
    first = str(original).strip().splitlines()[0] if str(original).strip() else ""
    return (
        f"{type(original).__name__}: {first}"[:300]
        if first
        else type(original).__name__
    )


async def _count_existing_rows(settings: Settings) -> int:
    from gateway.db.engine import create_engine
    from gateway.db.models import Alumnus, University

    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            alumni = await connection.scalar(sa.select(sa.func.count(Alumnus.id)))
            schools = await connection.scalar(sa.select(sa.func.count(University.id)))
            return int(alumni or 0) + int(schools or 0)
    finally:
        await engine.dispose()


def progress_bar() -> Progress:
    """The progress bar every long command shows, on stderr."""
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _seed(settings: Settings, alumni: int, seed: int) -> None:
    from gateway.db.engine import create_engine
    from gateway.demo import DemoDataExists, seed_demo

    if asyncio.run(_count_existing_rows(settings)):
        raise CliError("the database already holds data; demo seed needs an empty one")

    async def run() -> None:
        engine = create_engine(settings.database_url)
        try:
            with progress_bar() as progress:
                task = progress.add_task("Seeding demo alumni", total=alumni)
                summary = await seed_demo(
                    engine,
                    alumni=alumni,
                    seed=seed,
                    progress=lambda n: progress.advance(task, n),
                )
        finally:
            await engine.dispose()
        console.print(
            f"Seeded {summary.universities} universities, {summary.programs} programs, "
            f"{summary.alumni} alumni, {summary.enrollments} enrollments, "
            f"{summary.partners} partners, {summary.opportunities} opportunities."
        )

    try:
        asyncio.run(run())
    except DemoDataExists as exc:
        raise CliError(str(exc)) from exc
    _demo_client(settings)


DEMO_SCOPES = (
    "candidates:read candidates:contact opportunities:read opportunities:write"
)


def _demo_client(settings: Settings) -> None:
    """Give the first demo company a client, so GraphiQL users can sign in.

    The secret is printed once to the terminal, like `clients create` does;
    it is never logged.
    """
    from auth.registry import create_client, list_partners
    from gateway.db.sync_engine import create_sync_engine

    engine = create_sync_engine(settings.sync_database_url)
    try:
        company = next(p for p in list_partners(engine) if p.kind == "company")
        issued = create_client(
            engine, partner=company.slug, scopes=DEMO_SCOPES, name="demo"
        )
    finally:
        engine.dispose()
    token_url = f"{settings.issuer}/oauth/token"
    console.print(
        f"Demo partner [bold]{company.name}[/bold] has a client "
        f"({issued.client_id}, secret {issued.client_secret}).\n"
        f"Get a token:  curl -s -u {issued.client_id}:{issued.client_secret} "
        f"-d grant_type=client_credentials {token_url}\n"
        'In GraphiQL, add the header {"Authorization": "Bearer <access_token>"}.',
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind.")] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on.", min=1, max=65535)
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1, max=64)] = 1,
    demo: Annotated[
        bool, typer.Option("--demo", help="Seed demo data when the database is empty.")
    ] = False,
) -> None:
    """Apply migrations, then serve the graph at /graphql."""
    import uvicorn

    settings = _settings()
    bind_host = host or settings.host
    bind_port = port or settings.port
    if not os.environ.get("PUBLIC_BASE_URL"):
        # Tokens name the gateway's address as issuer: without an explicit
        # public address, use the one being served (workers read the env).
        shown = "127.0.0.1" if bind_host in ("0.0.0.0", "::") else bind_host
        os.environ["PUBLIC_BASE_URL"] = f"http://{shown}:{bind_port}"
        get_settings.cache_clear()
        settings = _settings()
    _upgrade(settings)
    if demo:
        if asyncio.run(_count_existing_rows(settings)) == 0:
            _seed(settings, alumni=2000, seed=2026)
        else:
            console.print(
                "The database already has data: demo seeding skipped. Make a "
                "client with `alumni-gateway clients create` to sign in."
            )
    if not settings.production:
        console.print(f"GraphiQL: {settings.issuer}/graphql")
    uvicorn.run(
        "gateway.app:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers,
        log_level=settings.log_level.lower(),
        # Our own access log leaves query strings out (see gateway.access_log).
        access_log=False,
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = _settings()
    _upgrade(settings)
    console.print("Database is at the latest schema.")


@demo_app.command("seed")
def demo_seed(
    alumni: Annotated[
        int, typer.Option(help="How many alumni to create.", min=1, max=1_000_000)
    ] = 2000,
    seed: Annotated[
        int, typer.Option(help="Random seed; same seed, same data.")
    ] = 2026,
) -> None:
    """Fill an empty database with realistic, deterministic demo data."""
    settings = _settings()
    _upgrade(settings)
    _seed(settings, alumni=alumni, seed=seed)


@schema_app.command("print")
def schema_print() -> None:
    """Print the federation subgraph SDL (what `_service { sdl }` returns)."""
    from schema import build_schema

    typer.echo(build_schema(_settings()).as_str())


def main() -> None:
    """Entry point: run the CLI, turning known failures into one-line errors."""
    from gateway.logging_setup import configure_logging

    try:
        configure_logging(get_settings().log_level)
    except Exception:
        configure_logging("INFO")
    try:
        code = app(standalone_mode=False)
    except ClickException as exc:
        console.print(f"error: {exc.format_message()}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except CliError as exc:
        console.print(f"error: {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
