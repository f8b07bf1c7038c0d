"""`alumni-gateway connectors`: partners' feeds, for operators.

Command and option names are a contract, like the rest of the CLI. Runs
print their counts; a run that did not succeed makes the command exit 1
with a one-line reason.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Annotated, Any, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncEngine

from connectors.errors import ConnectorError, SyncAlreadyRunning
from connectors.registry import (
    KINDS,
    MAX_INTERVAL,
    MIN_INTERVAL,
    add_connector,
    list_connectors,
)
from connectors.runs import SyncReport
from gateway.settings import Settings

connectors_app = typer.Typer(
    help="Connectors: partners' job feeds that the gateway mirrors.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
T = TypeVar("T")


def _prepare() -> Settings:
    """Settings, with the database migrated."""
    # gateway.cli imports this module to register the commands, so its
    # helpers are looked up when a command runs.
    from gateway.cli import _settings, _upgrade

    settings = _settings()
    _upgrade(settings)
    return settings


def _run(settings: Settings, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run `work` on an engine for `settings`; connector errors become CliErrors."""
    from gateway.cli import CliError
    from gateway.db.engine import create_engine

    async def main() -> T:
        engine = create_engine(settings.database_url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except ConnectorError as exc:
        raise CliError(str(exc)) from exc


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


@connectors_app.command("add")
def connectors_add(
    partner: Annotated[str, typer.Option(help="Slug of the partner the feed is of.")],
    kind: Annotated[str, typer.Option(help=f"Feed format: {', '.join(KINDS)}.")],
    url: Annotated[
        str, typer.Option(help="The full address the connector starts from.")
    ],
    interval: Annotated[
        int | None,
        typer.Option(
            help="Minutes between syncs; default: CONNECTOR_DEFAULT_INTERVAL.",
            min=MIN_INTERVAL,
            max=MAX_INTERVAL,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Register a partner's feed; prints the new connector's id."""
    settings = _prepare()
    added = _run(
        settings,
        lambda engine: add_connector(
            engine, settings, partner=partner, kind=kind, url=url, interval=interval
        ),
    )
    if as_json:
        _print_json(asdict(added))
        return
    typer.echo(
        f"connector {added.id} ({added.kind} for {added.partner}, "
        f"every {added.interval_minutes} min)"
    )


@connectors_app.command("list")
def connectors_list(as_json: JsonOption = False) -> None:
    """List every connector with its latest run."""
    settings = _prepare()
    found = _run(settings, list_connectors)
    if as_json:
        _print_json([asdict(c) for c in found])
        return
    for c in found:
        state = "enabled" if c.is_enabled else "disabled"
        last = f"{c.last_status} at {c.last_run_at}" if c.last_run_at else "never run"
        typer.echo(
            f"{c.id:>5}  {c.partner:<24} {c.kind:<16} {c.interval_minutes:>5} min"
            f"  {state:<8}  {last}  {c.url}"
        )


def _skipped(connector_id: int, error: SyncAlreadyRunning) -> dict[str, Any]:
    """The JSON of a run that did not start: another process holds the lock."""
    return {
        "run_id": None,
        "connector_id": connector_id,
        "status": "skipped",
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "closed": 0,
        "rejected": 0,
        "duration_ms": 0,
        "error_code": error.code,
        "error_message": str(error),
    }


async def _sync_all(
    engine: AsyncEngine,
    settings: Settings,
    ids: list[int] | None,
    confirm_close: bool,
) -> list[dict[str, Any]]:
    """Run the connectors one after another under a progress bar."""
    from connectors.http import FeedClient
    from connectors.sync import SyncEngine
    from gateway.cli import progress_bar

    if ids is None:
        ids = [c.id for c in await list_connectors(engine) if c.is_enabled]
    outcomes: list[dict[str, Any]] = []
    async with FeedClient(settings) as feeds:
        syncer = SyncEngine(engine, settings, feeds=feeds)
        with progress_bar() as progress:
            task = progress.add_task("Syncing", total=len(ids))
            for connector_id in ids:

                def step(what: str, connector_id: int = connector_id) -> None:
                    progress.update(
                        task, description=f"Connector {connector_id}: {what}"
                    )

                step("starting")
                try:
                    report: SyncReport = await syncer.sync(
                        connector_id, confirm_close=confirm_close, progress=step
                    )
                    outcomes.append(report.as_dict())
                except SyncAlreadyRunning as exc:
                    if len(ids) == 1:
                        raise
                    outcomes.append(_skipped(connector_id, exc))
                progress.advance(task)
    return outcomes


def _describe(outcome: dict[str, Any]) -> str:
    counts = ", ".join(
        f"{name} {outcome[name]}"
        for name in ("created", "updated", "unchanged", "closed", "rejected")
    )
    run = f"run {outcome['run_id']}" if outcome["run_id"] else "no run"
    return f"connector {outcome['connector_id']}: {outcome['status']} ({counts}), {run}"


def _failure(outcome: dict[str, Any]) -> str:
    reason = f"{outcome['error_code']}: {outcome['error_message']}"
    if outcome["status"] == "needs_confirmation":
        reason += " (rerun with --confirm-close)"
    return f"connector {outcome['connector_id']} {outcome['status']}, {reason}"


@connectors_app.command("sync")
def connectors_sync(
    connector_id: Annotated[
        int | None, typer.Argument(help="The connector to run.", min=1)
    ] = None,
    run_all: Annotated[
        bool, typer.Option("--all", help="Run every enabled connector.")
    ] = False,
    confirm_close: Annotated[
        bool,
        typer.Option(
            "--confirm-close",
            help="Close vanished postings even beyond CONNECTOR_MAX_CLOSE_SHARE.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Run a connector (or all enabled ones) now and print what it did."""
    from gateway.cli import CliError

    if (connector_id is None) == (not run_all):
        raise CliError("give one connector id, or --all")
    settings = _prepare()
    ids = None if run_all else [connector_id or 0]
    outcomes = _run(
        settings, lambda engine: _sync_all(engine, settings, ids, confirm_close)
    )

    if as_json:
        _print_json(outcomes if run_all else outcomes[0])
    else:
        for outcome in outcomes:
            typer.echo(_describe(outcome))
    failed = [o for o in outcomes if o["status"] != "succeeded"]
    if len(failed) == 1 and len(outcomes) == 1:
        raise CliError(_failure(failed[0]))
    if failed:
        raise CliError(
            f"{len(failed)} of {len(outcomes)} connector runs did not succeed: "
            + "; ".join(_failure(o) for o in failed)
        )
