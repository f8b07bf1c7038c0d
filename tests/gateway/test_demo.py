"""The demo data generator: realistic shares, deterministic rows, one transaction.

Self-contained: every fixture here is local and prefixed `demo_`. On
PostgreSQL the tests use a database of their own (`<TEST_DATABASE_URL
database>_demo`) and wipe its public schema, so they never disturb the
shared test database other modules keep data in for the whole session.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gateway.db.base import Base
from gateway.db.engine import create_engine
from gateway.db.enums import CEFR_RANK
from gateway.db.migrate import upgrade_database
from gateway.db.models import (
    Alumnus,
    AlumnusLanguage,
    AlumnusSkill,
    Enrollment,
    Opportunity,
    OpportunityLanguage,
    OpportunitySkill,
    OpportunityTranslation,
    Partner,
    Program,
    University,
    table_of,
)
from gateway.db.text import build_search_text, fold
from gateway.demo import DemoDataExists, SeedSummary, seed_demo
from gateway.settings import normalise_database_url

DEMO_POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
DEMO_ALUMNI = 2000
DEMO_REFERENCE = datetime(2026, 9, 1, tzinfo=UTC)

DEMO_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(
            not DEMO_POSTGRES_URL,
            reason="TEST_DATABASE_URL is not set: the PostgreSQL demo seed tests "
            "need a server (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)",
        ),
    ),
]

DEMO_TABLES: tuple[type[Base], ...] = (
    University,
    Program,
    Partner,
    Alumnus,
    AlumnusLanguage,
    AlumnusSkill,
    Enrollment,
    Opportunity,
    OpportunityTranslation,
    OpportunitySkill,
    OpportunityLanguage,
)

# The 54 African member states of the UN, Morocco included (ISO 3166-1).
AFRICAN_COUNTRIES = frozenset({
    "DZ", "AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CG",
    "CD", "CI", "DJ", "EG", "GQ", "ER", "SZ", "ET", "GA", "GM", "GH", "GN",
    "GW", "KE", "LS", "LR", "LY", "MG", "MW", "ML", "MR", "MU", "MA", "MZ",
    "NA", "NE", "NG", "RW", "ST", "SN", "SC", "SL", "SO", "ZA", "SS", "SD",
    "TZ", "TG", "TN", "UG", "ZM", "ZW",
})  # fmt: skip
REGIONAL_UNIVERSITIES = {
    "UM5R", "UH2C", "UCA", "USMBA", "UMP", "UIT", "UIZ", "UAE", "UCD", "UMI",
    "UH1", "USMS",
}  # fmt: skip
E164 = re.compile(r"^\+[1-9]\d{7,14}$")

# Rows a test inserts by hand: one that blocks a seed, one per id table.
DEMO_ALUMNUS = {
    "given_name": "Test",
    "family_name": "Person",
    "nationality": "SN",
    "residence_country": "MA",
    "status": "student",
}
DEMO_EXISTING: dict[type[Base], dict[str, Any]] = {
    Alumnus: DEMO_ALUMNUS,
    University: {"name": "École Test", "sector": "public", "city": "Rabat"},
}
DEMO_NEW_ROWS: dict[type[Base], dict[str, Any]] = {
    University: {"name": "École Test", "sector": "private", "city": "Rabat"},
    Program: {
        "university_id": 1,
        "name": "Licence Test",
        "degree_level": "licence",
        "field_of_study": "0413",
    },
    Partner: {"kind": "company", "name": "Test Company", "slug": "test-company"},
    Alumnus: DEMO_ALUMNUS,
    Enrollment: {"alumnus_id": 1, "university_id": 1, "status": "active"},
    Opportunity: {
        "partner_id": 1,
        "kind": "job",
        "language": "fr",
        "title": "Poste test",
    },
}


@dataclass
class DemoSnapshot:
    """Every row a seed wrote, read back once, plus what it reported."""

    summary: SeedSummary
    progress: list[int]
    rows: dict[str, list[dict[str, Any]]]

    def table(self, model: type[Base]) -> list[dict[str, Any]]:
        """The rows of `model`'s table, in primary-key order."""
        return self.rows[table_of(model).name]


def demo_postgres_url() -> str:
    """A migrated-to-nothing PostgreSQL database owned by these tests."""
    assert DEMO_POSTGRES_URL
    base = sa.make_url(normalise_database_url(DEMO_POSTGRES_URL))
    name = f"{base.database}_demo"

    async def run() -> None:
        admin = create_engine(base.render_as_string(hide_password=False))
        try:
            async with admin.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                exists = await conn.scalar(
                    sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                    {"name": name},
                )
                if not exists:
                    await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            await admin.dispose()

        engine = create_engine(url)
        try:
            async with engine.begin() as conn:
                await conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
                await conn.execute(sa.text("CREATE SCHEMA public"))
        finally:
            await engine.dispose()

    url = base.set(database=name).render_as_string(hide_password=False)
    asyncio.run(run())
    return url


def demo_migrated_url(backend: str, directory: Path) -> str:
    """An empty database of `backend`, migrated to head."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{directory / 'demo.db'}"
    else:
        url = demo_postgres_url()
    upgrade_database(url)
    return url


async def demo_read_all(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every demo table, ordered by primary key."""
    engine = create_engine(url)
    try:
        rows: dict[str, list[dict[str, Any]]] = {}
        async with engine.connect() as conn:
            for model in DEMO_TABLES:
                table = table_of(model)
                query = sa.select(table).order_by(*table.primary_key.columns)
                result = await conn.execute(query)
                rows[table.name] = [dict(row) for row in result.mappings()]
        return rows
    finally:
        await engine.dispose()


async def demo_seed(url: str, **options: Any) -> SeedSummary:
    """Run `seed_demo` on a fresh engine for `url`."""
    engine = create_engine(url)
    try:
        return await seed_demo(engine, **options)
    finally:
        await engine.dispose()


@pytest.fixture(scope="module", params=DEMO_BACKENDS)
def demo_seed_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A migrated, empty database for the module's one full seed."""
    return demo_migrated_url(request.param, tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
async def demo_snapshot(demo_seed_url: str) -> DemoSnapshot:
    """The default seed with 2,000 alumni, read back into memory.

    Held in memory so tests that wipe the PostgreSQL database later cannot
    pull rows from under the read-only checks.
    """
    progress: list[int] = []
    summary = await demo_seed(
        demo_seed_url, alumni=DEMO_ALUMNI, progress=progress.append
    )
    return DemoSnapshot(summary, progress, await demo_read_all(demo_seed_url))


@pytest.fixture(params=DEMO_BACKENDS)
def demo_empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database for one test that writes."""
    return demo_migrated_url(request.param, tmp_path)


def share(
    rows: list[dict[str, Any]], predicate: Callable[[dict[str, Any]], Any]
) -> float:
    """The fraction of `rows` for which `predicate(row)` holds."""
    return sum(1 for row in rows if predicate(row)) / len(rows)


def test_summary_counts_the_rows_written(demo_snapshot: DemoSnapshot) -> None:
    summary = demo_snapshot.summary
    assert summary.alumni == DEMO_ALUMNI == len(demo_snapshot.table(Alumnus))
    assert summary.universities == len(demo_snapshot.table(University))
    assert summary.programs == len(demo_snapshot.table(Program))
    assert summary.enrollments == len(demo_snapshot.table(Enrollment))
    assert summary.partners == len(demo_snapshot.table(Partner))
    assert summary.opportunities == len(demo_snapshot.table(Opportunity))
    assert summary.universities >= 25
    assert 20 <= summary.partners <= 30
    assert summary.opportunities >= 200


def test_progress_reports_every_alumnus_written(demo_snapshot: DemoSnapshot) -> None:
    assert sum(demo_snapshot.progress) == DEMO_ALUMNI
    assert all(count > 0 for count in demo_snapshot.progress)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        pytest.param("student", 0.27, id="students"),
        pytest.param("graduate", 0.65, id="graduates"),
        pytest.param("professional", 0.08, id="professionals"),
    ],
)
def test_status_shares_follow_the_platform(
    demo_snapshot: DemoSnapshot, status: str, expected: float
) -> None:
    alumni = demo_snapshot.table(Alumnus)
    assert share(alumni, lambda a: a["status"] == status) == pytest.approx(
        expected, abs=0.02
    )


def test_alumni_come_from_at_least_forty_african_countries(
    demo_snapshot: DemoSnapshot,
) -> None:
    nationalities = {a["nationality"] for a in demo_snapshot.table(Alumnus)}
    assert len(nationalities & AFRICAN_COUNTRIES - {"MA"}) >= 40


def test_most_students_come_from_other_african_countries(
    demo_snapshot: DemoSnapshot,
) -> None:
    students = [a for a in demo_snapshot.table(Alumnus) if a["status"] == "student"]
    african = share(students, lambda a: a["nationality"] in AFRICAN_COUNTRIES - {"MA"})
    # 12,000 of the platform's 14,000 students.
    assert african == pytest.approx(12 / 14, abs=0.05)


def test_professionals_are_moroccans_living_abroad(demo_snapshot: DemoSnapshot) -> None:
    professionals = [
        a for a in demo_snapshot.table(Alumnus) if a["status"] == "professional"
    ]
    assert professionals
    assert {a["nationality"] for a in professionals} == {"MA"}
    assert all(a["residence_country"] != "MA" for a in professionals)


def test_students_live_in_morocco_and_have_not_graduated(
    demo_snapshot: DemoSnapshot,
) -> None:
    students = [a for a in demo_snapshot.table(Alumnus) if a["status"] == "student"]
    assert all(a["residence_country"] == "MA" for a in students)
    assert all(a["graduation_year"] is None for a in students)


def test_graduates_graduated_in_their_graduation_year(
    demo_snapshot: DemoSnapshot,
) -> None:
    ends: dict[int, set[int]] = {}
    for enrollment in demo_snapshot.table(Enrollment):
        if enrollment["status"] == "graduated":
            ends.setdefault(enrollment["alumnus_id"], set()).add(
                enrollment["end_date"].year
            )
    for alumnus in demo_snapshot.table(Alumnus):
        if alumnus["status"] != "student":
            assert 2000 <= alumnus["graduation_year"] <= 2026
            assert alumnus["graduation_year"] in ends[alumnus["id"]]


def test_consent_is_mixed_and_contact_needs_visibility(
    demo_snapshot: DemoSnapshot,
) -> None:
    alumni = demo_snapshot.table(Alumnus)
    assert share(alumni, lambda a: a["is_visible_to_partners"]) == pytest.approx(
        0.60, abs=0.05
    )
    assert share(alumni, lambda a: a["is_contactable"]) == pytest.approx(0.35, abs=0.05)
    assert not [
        a for a in alumni if a["is_contactable"] and not a["is_visible_to_partners"]
    ]


def test_contact_data_is_fictional(demo_snapshot: DemoSnapshot) -> None:
    for alumnus in demo_snapshot.table(Alumnus):
        if alumnus["email"] is not None:
            assert alumnus["email"].endswith(("@example.org", "@example.com"))
        if alumnus["phone"] is not None:
            assert E164.match(alumnus["phone"]), alumnus["id"]


def test_alumni_list_languages_and_skills_in_range(
    demo_snapshot: DemoSnapshot,
) -> None:
    languages = Counter(
        row["alumnus_id"] for row in demo_snapshot.table(AlumnusLanguage)
    )
    skills = Counter(row["alumnus_id"] for row in demo_snapshot.table(AlumnusSkill))
    for alumnus in demo_snapshot.table(Alumnus):
        assert 1 <= languages[alumnus["id"]] <= 3
        assert 2 <= skills[alumnus["id"]] <= 6
    for row in demo_snapshot.table(AlumnusLanguage):
        assert row["level_rank"] == CEFR_RANK[row["level"]]


def test_search_text_holds_folded_names_and_skills(
    demo_snapshot: DemoSnapshot,
) -> None:
    skills: dict[int, list[str]] = {}
    for row in demo_snapshot.table(AlumnusSkill):
        skills.setdefault(row["alumnus_id"], []).append(row["skill"])
    for alumnus in demo_snapshot.table(Alumnus):
        names = build_search_text([alumnus["given_name"], alumnus["family_name"]])
        assert alumnus["search_text"].startswith(names)
        for skill in skills[alumnus["id"]]:
            assert fold(skill) in alumnus["search_text"]


def test_enrollments_cite_a_program_of_their_university(
    demo_snapshot: DemoSnapshot,
) -> None:
    university_of = {p["id"]: p["university_id"] for p in demo_snapshot.table(Program)}
    enrollments = demo_snapshot.table(Enrollment)
    for enrollment in enrollments:
        assert university_of[enrollment["program_id"]] == enrollment["university_id"]
        assert enrollment["source_id"] == f"demo-enr-{enrollment['id']}"
    statuses = Counter(e["status"] for e in enrollments)
    assert set(statuses) == {"active", "graduated", "withdrawn"}
    assert statuses["withdrawn"] < statuses["active"]


def test_universities_include_the_regional_public_ones(
    demo_snapshot: DemoSnapshot,
) -> None:
    universities = demo_snapshot.table(University)
    by_acronym = {u["acronym"]: u for u in universities}
    assert set(by_acronym) >= REGIONAL_UNIVERSITIES
    assert all(by_acronym[a]["sector"] == "public" for a in REGIONAL_UNIVERSITIES)
    assert {u["sector"] for u in universities} == {
        "public",
        "private",
        "public_private_partnership",
    }
    for university in universities:
        assert university["names"]["fr"] == university["name"]
        assert university["names"]["en"]
        assert university["country"] == "MA"


def test_programs_use_isced_detailed_fields(demo_snapshot: DemoSnapshot) -> None:
    programs = demo_snapshot.table(Program)
    assert all(re.fullmatch(r"\d{4}", p["field_of_study"]) for p in programs)
    assert {"0413", "0613", "0713", "0732", "0912", "0311", "0421"} <= {
        p["field_of_study"] for p in programs
    }
    assert len({p["degree_level"] for p in programs}) >= 8


def test_school_partners_speak_for_schools_of_their_sector(
    demo_snapshot: DemoSnapshot,
) -> None:
    sector = {u["id"]: u["sector"] for u in demo_snapshot.table(University)}
    partners = demo_snapshot.table(Partner)
    for partner in partners:
        if partner["kind"] == "university":
            assert sector[partner["university_id"]] == "public"
        elif partner["kind"] == "private_institute":
            assert sector[partner["university_id"]] == "private"
        else:
            assert partner["university_id"] is None
    assert {p["kind"] for p in partners} == {
        "company",
        "diaspora_org",
        "private_institute",
        "university",
        "platform",
    }


def test_opportunities_mix_languages_with_translations(
    demo_snapshot: DemoSnapshot,
) -> None:
    opportunities = demo_snapshot.table(Opportunity)
    assert {o["language"] for o in opportunities} == {"fr", "ar", "en"}
    original = {o["id"]: o["language"] for o in opportunities}
    translations = demo_snapshot.table(OpportunityTranslation)
    assert translations
    assert all(t["language"] != original[t["opportunity_id"]] for t in translations)
    assert {t["language"] for t in translations} >= {"en", "fr"}


def test_opportunities_are_dated_before_the_reference_day(
    demo_snapshot: DemoSnapshot,
) -> None:
    window_start = DEMO_REFERENCE - timedelta(days=120)
    for opportunity in demo_snapshot.table(Opportunity):
        assert window_start <= opportunity["posted_at"] <= DEMO_REFERENCE
        if opportunity["expires_at"] is not None:
            assert opportunity["expires_at"] > opportunity["posted_at"]
        assert opportunity["apply_url"].startswith("https://example.com/")
        assert opportunity["source"] == "manual"
    statuses = Counter(o["status"] for o in demo_snapshot.table(Opportunity))
    assert statuses["published"] > statuses["draft"] + statuses["closed"] > 0


def test_opportunities_require_skills_and_languages(
    demo_snapshot: DemoSnapshot,
) -> None:
    with_skills = {
        row["opportunity_id"] for row in demo_snapshot.table(OpportunitySkill)
    }
    with_languages = {
        row["opportunity_id"] for row in demo_snapshot.table(OpportunityLanguage)
    }
    count = len(demo_snapshot.table(Opportunity))
    assert len(with_skills) > count / 2
    assert len(with_languages) > count / 2
    for row in demo_snapshot.table(OpportunityLanguage):
        assert row["min_level_rank"] == CEFR_RANK[row["min_level"]]


async def test_same_seed_writes_identical_rows(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    urls = [
        await asyncio.to_thread(demo_migrated_url, "sqlite", directory)
        for directory in (first, second)
    ]
    for url in urls:
        await demo_seed(url, alumni=DEMO_ALUMNI, seed=11)

    left, right = [await demo_read_all(url) for url in urls]
    assert left["alumni"] == right["alumni"]
    assert left == right


async def test_another_seed_writes_other_alumni(tmp_path: Path) -> None:
    rows = []
    for seed in (1, 2):
        directory = tmp_path / str(seed)
        directory.mkdir()
        url = await asyncio.to_thread(demo_migrated_url, "sqlite", directory)
        await demo_seed(url, alumni=200, seed=seed)
        rows.append((await demo_read_all(url))["alumni"])
    assert rows[0] != rows[1]


@pytest.mark.parametrize("model", [Alumnus, University], ids=["alumni", "universities"])
async def test_seed_refuses_a_database_that_has_data(
    demo_empty_url: str, model: type[Base]
) -> None:
    engine = create_engine(demo_empty_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(sa.insert(table_of(model)), [DEMO_EXISTING[model]])
        with pytest.raises(DemoDataExists, match=table_of(model).name):
            await seed_demo(engine, alumni=10)
    finally:
        await engine.dispose()
    rows = await demo_read_all(demo_empty_url)
    assert sum(len(table) for table in rows.values()) == 1


async def test_failed_seed_leaves_the_database_empty(demo_empty_url: str) -> None:
    def fail(_written: int) -> None:
        raise RuntimeError("progress bar crashed")

    with pytest.raises(RuntimeError, match="progress bar crashed"):
        await demo_seed(demo_empty_url, alumni=50, progress=fail)

    rows = await demo_read_all(demo_empty_url)
    assert {name: len(table) for name, table in rows.items() if table} == {}


async def test_inserts_without_id_follow_the_seeded_rows(demo_empty_url: str) -> None:
    summary = await demo_seed(demo_empty_url, alumni=50)
    engine = create_engine(demo_empty_url)
    try:
        async with engine.begin() as conn:
            for model, row in DEMO_NEW_ROWS.items():
                table = table_of(model)
                before = await conn.scalar(sa.select(sa.func.max(table.c.id)))
                result = await conn.execute(sa.insert(table).values(**row))
                assert result.inserted_primary_key is not None
                assert result.inserted_primary_key[0] == before + 1, table.name
    finally:
        await engine.dispose()
    assert summary.alumni == 50
