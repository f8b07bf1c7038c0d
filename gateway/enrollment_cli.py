"""`alumni-gateway enrollment`: universities' OneRoster imports, for operators.

Command and option names are a contract. An import prints its counts
(`--json`: created, updated, unchanged, ended, rejected and the rejects);
one stopped by its rejects exits 1 with a one-line reason.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer

from connectors.oneroster import ImportOptions, ImportReport, RosterError
from connectors.oneroster.source import FILES

enrollment_app = typer.Typer(
    help="Enrollment: universities' student rosters (OneRoster CSV).",
    no_args_is_help=True,
)


@enrollment_app.command("import")
def enrollment_import(
    path: Annotated[
        Path, typer.Argument(help="A folder of OneRoster CSV files, or a zip of one.")
    ],
    university: Annotated[
        str, typer.Option(help="Slug of the university partner the roster is of.")
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would change; write nothing."),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of text.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Apply nothing if any row is rejected.")
    ] = False,
) -> None:
    """Import a OneRoster set: programs, students and their enrollments."""
    from gateway.cli import CliError, _settings, _upgrade

    settings = _settings()
    _upgrade(settings)
    options = ImportOptions(dry_run=dry_run, strict=strict)
    try:
        report = asyncio.run(_import(settings.database_url, path, university, options))
    except RosterError as exc:
        raise CliError(str(exc)) from exc

    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(_describe(report))
    if report.status == "rejected":
        raise CliError(
            f"{report.rejected} of {report.rows} rows rejected; nothing was applied"
            + ("" if as_json else " (see --json for the rejects)")
        )


async def _import(
    database_url: str, path: Path, university: str, options: ImportOptions
) -> ImportReport:
    from connectors.oneroster import import_roster
    from gateway.cli import progress_bar
    from gateway.db.engine import create_engine

    engine = create_engine(database_url)
    try:
        with progress_bar() as progress:
            task = progress.add_task("Importing", total=len(FILES))

            def step(name: str, rows: int) -> None:
                progress.update(task, description=f"{name}.csv ({rows} rows)")
                progress.advance(task)

            report = await import_roster(engine, path, university, options, step)
            progress.update(task, completed=len(FILES))
            return report
    finally:
        await engine.dispose()


def _describe(report: ImportReport) -> str:
    counts = ", ".join(f"{name} {value}" for name, value in report.counts().items())
    if report.duplicate_of is not None:
        return f"already imported (run {report.duplicate_of}); nothing changed"
    run = f", run {report.run_id}" if report.run_id else ""
    lines = [f"{report.status}: {counts}{run}"]
    lines += [
        f"  {r.file}:{r.line} {r.column or '-'}: {r.reason}" for r in report.rejects
    ]
    return "\n".join(lines)
