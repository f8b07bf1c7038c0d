"""OneRoster import throughput and memory, with a bare-insert baseline.

Run by hand, never in CI:

    .venv/bin/python bench/oneroster_import.py                    # SQLite
    .venv/bin/python bench/oneroster_import.py \\
        --database-url postgresql://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/oneroster_import.py --memory 10000 1000000

It writes a generated OneRoster 1.1 bulk set (50,000 students, one
enrollment each, by default) to a temporary folder, imports it into a
fresh database for an invented university, and times it. The baseline
loads the same users and enrollments into two bare tables of the same
backend, as fast as the backend takes rows: `COPY` on PostgreSQL,
`sqlite3` `executemany` on SQLite. It prints both times and the ratio.

`--memory SMALL LARGE` imports two sets in child processes and prints
their peak resident memory and its ratio (the target is at most 1.5).
A PostgreSQL database named by `--database-url` is dropped and created.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.oneroster import import_roster  # noqa: E402
from gateway.db.engine import create_engine  # noqa: E402
from gateway.db.migrate import upgrade_database  # noqa: E402
from gateway.db.models import Partner, University, table_of  # noqa: E402
from gateway.settings import normalise_database_url  # noqa: E402

CLASSES = 50
STAMP = "2026-09-01T08:00:00Z"


def write_set(folder: Path, students: int) -> None:
    """A OneRoster 1.1 bulk set of `students` students, streamed to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "manifest": [["propertyName", "value"], ["oneroster.version", "1.1"]],
        "orgs": [
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "name",
                "type",
                "parentSourcedId",
            ],
            ["bench-root", "active", STAMP, "Université Bench", "district", ""],
        ],
        "courses": [
            ["sourcedId", "status", "dateLastModified", "title", "orgSourcedId"]
        ]
        + [
            [f"crs-{i}", "active", STAMP, f"Programme {i}", "bench-root"]
            for i in range(CLASSES)
        ],
        "classes": [
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "title",
                "courseSourcedId",
                "schoolSourcedId",
            ]
        ]
        + [
            [f"cls-{i}", "active", STAMP, f"Classe {i}", f"crs-{i}", "bench-root"]
            for i in range(CLASSES)
        ],
    }
    for name, rows in files.items():
        with (folder / f"{name}.csv").open("w", newline="") as handle:
            csv.writer(handle).writerows(rows)
    with (folder / "users.csv").open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "orgSourcedIds",
                "role",
                "givenName",
                "familyName",
                "email",
                "password",
            ]
        )
        for i in range(students):
            out.writerow(
                [
                    f"u{i}",
                    "active",
                    STAMP,
                    "bench-root",
                    "student",
                    f"Given{i}",
                    f"Family{i}",
                    f"u{i}@etu.example",
                    "secret",
                ]
            )
    with (folder / "enrollments.csv").open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "sourcedId",
                "status",
                "dateLastModified",
                "classSourcedId",
                "schoolSourcedId",
                "userSourcedId",
                "role",
                "beginDate",
                "endDate",
            ]
        )
        for i in range(students):
            out.writerow(
                [
                    f"e{i}",
                    "active",
                    STAMP,
                    f"cls-{i % CLASSES}",
                    "bench-root",
                    f"u{i}",
                    "student",
                    "2026-09-01",
                    "",
                ]
            )


def fresh_database(url: str | None, folder: Path) -> str:
    """A migrated, empty database: a new SQLite file or a recreated PG one."""
    if url is None:
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    else:
        url = normalise_database_url(url)
        base = sa.make_url(url)
        admin = sa.create_engine(
            base.set(drivername="postgresql+psycopg", database="postgres"),
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as conn:
            conn.execute(
                sa.text(f'DROP DATABASE IF EXISTS "{base.database}" WITH (FORCE)')
            )
            conn.execute(sa.text(f'CREATE DATABASE "{base.database}"'))
        admin.dispose()
    upgrade_database(url)
    return url


async def add_university(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as conn:
        university = await conn.scalar(
            table_of(University)
            .insert()
            .values(name="Université Bench", names={}, sector="public", city="Rabat")
            .returning(table_of(University).c.id)
        )
        await conn.execute(
            table_of(Partner)
            .insert()
            .values(
                kind="university", name="Bench", slug="bench", university_id=university
            )
        )
    await engine.dispose()


async def time_import(url: str, folder: Path) -> float:
    engine = create_engine(url)
    try:
        started = time.perf_counter()
        report = await import_roster(engine, folder, "bench")
        elapsed = time.perf_counter() - started
    finally:
        await engine.dispose()
    assert report.status == "succeeded", report.as_dict()
    return elapsed


def time_baseline(url: str, folder: Path) -> float:
    """Load users and enrollments into bare tables, the backend's fastest way."""
    users, enrollments = folder / "users.csv", folder / "enrollments.csv"
    if url.startswith("sqlite"):
        connection = sqlite3.connect(folder.parent / "baseline.db")
        started = time.perf_counter()
        connection.execute(
            "CREATE TABLE users (id TEXT, given TEXT, family TEXT, email TEXT)"
        )
        connection.execute("CREATE TABLE enrollments (id TEXT, class TEXT, user TEXT)")
        with users.open(newline="") as handle:
            rows = csv.reader(handle)
            next(rows)
            connection.executemany(
                "INSERT INTO users VALUES (?, ?, ?, ?)",
                ((r[0], r[5], r[6], r[7]) for r in rows),
            )
        with enrollments.open(newline="") as handle:
            rows = csv.reader(handle)
            next(rows)
            connection.executemany(
                "INSERT INTO enrollments VALUES (?, ?, ?)",
                ((r[0], r[3], r[5]) for r in rows),
            )
        connection.commit()
        elapsed = time.perf_counter() - started
        connection.close()
        return elapsed

    import psycopg

    conninfo = sa.make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo) as connection:
        started = time.perf_counter()
        connection.execute(
            "CREATE TABLE bench_users (id text, given text, family text, email text)"
        )
        connection.execute(
            "CREATE TABLE bench_enrollments (id text, class text, usr text)"
        )
        with connection.cursor() as cursor:
            for path, table, columns in (
                (users, "bench_users", (0, 5, 6, 7)),
                (enrollments, "bench_enrollments", (0, 3, 5)),
            ):
                with (
                    path.open(newline="") as handle,
                    cursor.copy(f"COPY {table} FROM STDIN") as copy,
                ):
                    rows = csv.reader(handle)
                    next(rows)
                    for row in rows:
                        copy.write_row([row[i] for i in columns])
        connection.commit()
        return time.perf_counter() - started


def peak_memory(url: str | None, students: int) -> int:
    """Peak resident memory (KiB) of a child process importing `students`."""
    args = [sys.executable, __file__, "--students", str(students), "--child"]
    if url:
        args += ["--database-url", url]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--memory", type=int, nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.memory:
        small, large = (peak_memory(args.database_url, n) for n in args.memory)
        print(
            f"peak RSS: {args.memory[0]:,} rows {small / 1024:.1f} MiB, "
            f"{args.memory[1]:,} rows {large / 1024:.1f} MiB, ratio {large / small:.2f}"
        )
        return

    with tempfile.TemporaryDirectory(prefix="oneroster-bench-") as tmp:
        folder = Path(tmp)
        write_set(folder / "set", args.students)
        url = fresh_database(args.database_url, folder)
        asyncio.run(add_university(url))
        imported = asyncio.run(time_import(url, folder / "set"))
        if args.child:
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            return
        baseline = time_baseline(url, folder / "set")
    backend = "PostgreSQL COPY" if args.database_url else "sqlite3 executemany"
    print(
        f"{args.students:,} students: import {imported:.1f} s "
        f"({args.students / imported:,.0f} students/s); {backend} {baseline:.2f} s; "
        f"ratio {imported / baseline:.0f}x"
    )


if __name__ == "__main__":
    main()
