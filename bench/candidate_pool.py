"""Candidate-pool throughput against a running gateway, with baselines.

Run by hand, never in CI:

    .venv/bin/python bench/candidate_pool.py                  # SQLite
    .venv/bin/python bench/candidate_pool.py \\
        --database-url postgresql://postgres@127.0.0.1:5432/bench

It seeds 50,000 demo alumni (once; reused when present), starts
`alumni-gateway serve` as a separate process, then for a fixed time sends
the nested candidate-pool query with rotating filters from concurrent
clients. In the same run it measures two baselines:

- `{ __typename }` through the same server: HTTP + GraphQL floor;
- the same SQL the pool query needs, run directly with SQLAlchemy Core:
  what the database alone could serve from this process.

Requests carry a demo company's access token (`candidates:read`), got from
the server's token endpoint, so the figures include token verification.
It prints requests per second, SQL statements per request (the server's
`X-SQL-Statements` header, revocation check included) and the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gateway.db.engine import create_engine  # noqa: E402
from gateway.db.migrate import upgrade_database  # noqa: E402
from gateway.db.models import (  # noqa: E402
    Alumnus,
    AlumnusLanguage,
    AlumnusSkill,
    Enrollment,
    Program,
    University,
)
from gateway.settings import normalise_database_url  # noqa: E402

POOL_QUERY = """
query Pool($filter: CandidateFilter, $first: Int) {
  candidatePool(filter: $filter, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id displayName nationality residenceCountry status graduationYear
      languages { language level }
      skills
      enrollments { status university { name } program { name degreeLevel } }
    } }
  }
}
"""

FILTERS: list[dict[str, Any] | None] = [
    None,
    {"statuses": ["GRADUATE"]},
    {"nationalities": ["SN", "CI", "ML"]},
    {"graduationYearFrom": 2015, "graduationYearTo": 2022},
    {"languages": [{"language": "en", "minLevel": "B2"}]},
    {"fieldsOfStudy": ["06"]},
    {"residenceCountries": ["MA"], "statuses": ["STUDENT"]},
    {"degreeLevels": ["MASTER", "INGENIEUR"]},
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def ensure_seeded(url: str, alumni: int) -> None:
    from gateway.demo import seed_demo

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            existing = await conn.scalar(sa.select(sa.func.count(Alumnus.id)))
        if existing:
            print(f"reusing {existing} alumni already in the database")
            return
        started = time.perf_counter()
        await seed_demo(engine, alumni=alumni, seed=2026)
        print(f"seeded {alumni} alumni in {time.perf_counter() - started:.1f} s")
    finally:
        await engine.dispose()


def partner_token(url: str, base: str) -> str:
    """An access token of a demo company, from the running server."""
    from auth.registry import create_client, list_partners
    from gateway.db.sync_engine import create_sync_engine
    from gateway.settings import Settings

    engine = create_sync_engine(Settings(database_url=url).sync_database_url)
    try:
        company = next(p for p in list_partners(engine) if p.kind == "company")
        issued = create_client(engine, partner=company.slug, scopes="candidates:read")
    finally:
        engine.dispose()
    response = httpx.post(
        f"{base}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(issued.client_id, issued.client_secret),
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


async def hammer(
    base: str,
    payloads: list[dict[str, Any]],
    seconds: float,
    clients: int,
    token: str | None = None,
) -> tuple[float, float]:
    """Requests per second and mean statements per request over `seconds`."""
    cycle = itertools.cycle(payloads)
    done = 0
    statements = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal done, statements
        while time.perf_counter() < deadline:
            response = await client.post("/graphql", json=next(cycle))
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"request failed: {response.text[:300]}")
            done += 1
            statements += int(response.headers.get("x-sql-statements", 0))

    limits = httpx.Limits(max_connections=clients)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(
        base_url=base, limits=limits, timeout=30, headers=headers
    ) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return done / elapsed, statements / max(done, 1)


async def direct_sql(url: str, seconds: float, first: int) -> float:
    """Pool pages per second doing only the SQL, one connection, no GraphQL."""
    alumni, langs, skills = (
        Alumnus.__table__,
        AlumnusLanguage.__table__,
        AlumnusSkill.__table__,
    )
    enrol, unis, progs = Enrollment.__table__, University.__table__, Program.__table__
    engine = create_engine(url)
    done = 0
    try:
        async with engine.connect() as conn:
            deadline = time.perf_counter() + seconds
            started = time.perf_counter()
            while time.perf_counter() < deadline:
                visible = alumni.c.is_visible_to_partners == sa.true()
                rows = (await conn.execute(
                    sa.select(alumni.c.id, alumni.c.given_name, alumni.c.family_name,
                              alumni.c.nationality, alumni.c.residence_country,
                              alumni.c.status, alumni.c.graduation_year)
                    .where(visible).order_by(alumni.c.id).limit(first + 1)
                )).all()  # fmt: skip
                ids = [row.id for row in rows]
                await conn.scalar(
                    sa.select(sa.func.count()).select_from(alumni).where(visible)
                )
                await conn.execute(sa.select(langs).where(langs.c.alumnus_id.in_(ids)))
                await conn.execute(
                    sa.select(skills).where(skills.c.alumnus_id.in_(ids))
                )
                enrolments = (await conn.execute(
                    sa.select(enrol).where(enrol.c.alumnus_id.in_(ids))
                )).all()  # fmt: skip
                await conn.execute(sa.select(unis).where(
                    unis.c.id.in_({e.university_id for e in enrolments})))  # fmt: skip
                await conn.execute(sa.select(progs).where(
                    progs.c.id.in_({e.program_id for e in enrolments})))  # fmt: skip
                done += 1
            elapsed = time.perf_counter() - started
    finally:
        await engine.dispose()
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'bench-pool.db'}")
    parser.add_argument("--alumni", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--first", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    url = normalise_database_url(args.database_url)
    upgrade_database(url)
    asyncio.run(ensure_seeded(url, args.alumni))

    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SQL_STATEMENT_HEADER": "1",
           "PRODUCTION": "1", "LOG_LEVEL": "WARNING",
           "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", "--port", str(port),
         "--workers", str(args.workers)],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("server did not become ready")

        pool = [
            {"query": POOL_QUERY, "variables": {"filter": f, "first": args.first}}
            for f in FILTERS
        ]
        trivial = [{"query": "{ __typename }"}]
        token = partner_token(url, base)
        asyncio.run(hammer(base, pool, 2, args.clients, token))  # warm-up
        floor_rps, _ = asyncio.run(
            hammer(base, trivial, args.seconds, args.clients, token)
        )
        pool_rps, per_request = asyncio.run(
            hammer(base, pool, args.seconds, args.clients, token)
        )
    finally:
        server.terminate()
        server.wait(10)
    sql_rps = asyncio.run(direct_sql(url, args.seconds, args.first))

    backend = url.split(":", 1)[0]
    print(f"\nbackend {backend}, {args.clients} clients, {args.workers} worker(s), "
          f"first={args.first}, {args.seconds:.0f} s each")  # fmt: skip
    print(f"  {{ __typename }} (with token)   {floor_rps:8.1f} req/s")
    print(f"  candidatePool (nested)         {pool_rps:8.1f} req/s   "
          f"{per_request:.2f} SQL statements/request")  # fmt: skip
    print(f"  same SQL directly (1 conn)     {sql_rps:8.1f} pages/s")
    print(f"  ratio pool / HTTP floor        {pool_rps / floor_rps:8.3f}")
    print(f"  ratio pool / direct SQL        {pool_rps / sql_rps:8.3f}")


if __name__ == "__main__":
    main()
