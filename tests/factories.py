"""A small, hand-written data set whose every row the tests know by name.

The demo generator is for people; these rows are for assertions: each
alumnus, program and opportunity exists to prove one filter or rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.db.enums import CEFR_RANK, CefrLevel
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
)
from gateway.db.text import build_search_text, university_search_text

BULK_ALUMNI = 150


@dataclass
class KnownData:
    """Primary keys of the rows inserted, by the names tests use."""

    universities: dict[str, int] = field(default_factory=dict)
    programs: dict[str, int] = field(default_factory=dict)
    alumni: dict[str, int] = field(default_factory=dict)
    partners: dict[str, int] = field(default_factory=dict)
    opportunities: dict[str, int] = field(default_factory=dict)
    enrollments: dict[str, int] = field(default_factory=dict)
    visible_alumni: int = 0


UNIVERSITIES = {
    "alpha": dict(name="Université Alpha", names={"fr": "Université Alpha", "ar": "جامعة ألفا", "en": "Alpha University"}, acronym="UA", sector="public", city="Rabat", website="https://alpha.example.ma"),
    "beta": dict(name="Institut Beta", names={"fr": "Institut Beta", "en": "Beta Institute"}, acronym="IB", sector="private", city="Casablanca", website=None),
    "gamma": dict(name="École Gamma", names={"fr": "École Gamma"}, acronym=None, sector="public", city="Fès", website=None),
}  # fmt: skip

PROGRAMS = {
    "software": ("alpha", "Master Génie Logiciel", "master", "0613"),
    "management": ("alpha", "Licence Gestion", "licence", "0413"),
    "energy": ("beta", "Ingénieur Énergie", "ingenieur", "0713"),
    "medicine": ("gamma", "Doctorat en Médecine", "doctorat_medecine", "0912"),
}

# name: (given, family, nationality, residence, status, year, visible,
#        contactable, languages, skills, enrollments[(program, status)])
ALUMNI: dict[str, tuple[Any, ...]] = {
    "aminata": ("Aminata", "Diallo", "SN", "MA", "graduate", 2022, True, True,
                {"fr": "C1", "en": "B2", "wo": "C2"}, ["Python", "Data Analysis"],
                [("software", "graduated")]),
    "kouassi": ("Kouassi", "Yao", "CI", "CI", "graduate", 2019, True, False,
                {"fr": "C2", "en": "A2"}, ["accounting", "excel"],
                [("management", "graduated")]),
    "fatou": ("Fatou", "Ndiaye", "SN", "MA", "graduate", 2021, False, False,
              {"fr": "C2"}, ["python"], [("software", "graduated")]),
    "yassine": ("Yassine", "El Amrani", "MA", "FR", "professional", 2015, True, True,
                {"ar": "C2", "fr": "C2", "en": "C1"}, ["project management", "python"],
                [("energy", "graduated")]),
    "chipo": ("Chipo", "Moyo", "ZW", "MA", "student", None, True, False,
              {"en": "C2", "fr": "B1"}, ["autocad"], [("medicine", "active")]),
    "elodie": ("Élodie", "Mbarga", "CM", "MA", "student", None, True, False,
               {"fr": "C2"}, ["marketing digital"], [("energy", "withdrawn")]),
    # Not visible to partners, student at two schools: each school sees only
    # its own enrollment of him.
    "moussa": ("Moussa", "Traoré", "ML", "MA", "student", None, False, True,
               {"fr": "C1"}, ["welding"], [("management", "active"), ("energy", "active")]),
}  # fmt: skip

REFERENCE = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


async def insert_known_data(engine: AsyncEngine) -> KnownData:
    """Insert the named rows plus a bulk of uniform alumni; return their keys."""
    known = KnownData()
    async with engine.begin() as conn:
        for key, values in UNIVERSITIES.items():
            search = university_search_text(values["names"].values(), values["acronym"])
            known.universities[key] = await _insert(
                conn, University, {**values, "search_text": search}
            )
        for key, (school, name, level, isced) in PROGRAMS.items():
            known.programs[key] = await _insert(
                conn,
                Program,
                dict(
                    university_id=known.universities[school],
                    name=name,
                    names={"fr": name},
                    degree_level=level,
                    field_of_study=isced,
                ),
            )
        for key, row in ALUMNI.items():
            known.alumni[key] = await _insert_alumnus(conn, known, key, *row)
        for index in range(BULK_ALUMNI):
            await _insert_alumnus(
                conn, known, f"bulk{index}", "Bulk", f"Person{index}", "ML", "MA",
                "graduate", 2010, True, False, {"fr": "B2", "en": "B1"},
                ["bulk skill", f"skill {index % 5}"],
                [("software", "graduated"), ("energy", "graduated")],
            )  # fmt: skip
        known.visible_alumni = sum(1 for row in ALUMNI.values() if row[6]) + BULK_ALUMNI
        await _insert_partners_and_opportunities(conn, known)
    return known


async def _insert(conn: Any, model: type[Any], values: dict[str, Any]) -> int:
    result = await conn.execute(sa.insert(model.__table__).values(**values))
    return int(result.inserted_primary_key[0])


async def _insert_alumnus(
    conn: Any, known: KnownData, key: str, given: str, family: str,
    nationality: str, residence: str, status: str, year: int | None,
    visible: bool, contactable: bool, languages: dict[str, str],
    skills: list[str], studies: list[tuple[str, str]],
) -> int:  # fmt: skip
    pk = await _insert(
        conn,
        Alumnus,
        dict(
            given_name=given,
            family_name=family,
            email=f"{key}@example.org",
            phone="+212600000000",
            nationality=nationality,
            residence_country=residence,
            status=status,
            graduation_year=year,
            headline=f"{given} {family}, {status}",
            is_visible_to_partners=visible,
            is_contactable=contactable,
            search_text=build_search_text([given, family, *skills]),
        ),
    )
    for language, level in languages.items():
        await _insert(conn, AlumnusLanguage, dict(
            alumnus_id=pk, language=language, level=level,
            level_rank=CEFR_RANK[CefrLevel(level)],
        ))  # fmt: skip
    for skill in skills:
        await _insert(conn, AlumnusSkill, dict(alumnus_id=pk, skill=skill.lower()))
    for number, (program, status) in enumerate(studies):
        program_id = known.programs[program]
        school = PROGRAMS[program][0]
        known.enrollments[f"{key}:{number}"] = await _insert(
            conn,
            Enrollment,
            dict(
                alumnus_id=pk,
                university_id=known.universities[school],
                program_id=program_id,
                status=status,
                begin_date=date(2015 + number, 9, 1),
                end_date=date(year, 7, 1) if year and status == "graduated" else None,
                source_id=f"{key}-{number}",
            ),
        )
    return pk


async def _insert_partners_and_opportunities(conn: Any, known: KnownData) -> None:
    for key, kind, name, country, school in (
        ("atlas", "company", "Atlas Data", "MA", None),
        ("diaspora", "diaspora_org", "Diaspora Connect", "FR", None),
        ("beta", "private_institute", "Institut Beta", "MA", "beta"),
        ("alpha", "university", "Université Alpha", "MA", "alpha"),
        ("sahara", "company", "Sahara Robotics", "SN", None),
        ("platform", "platform", "Platform operators", "MA", None),
    ):
        known.partners[key] = await _insert(
            conn,
            Partner,
            dict(
                kind=kind,
                name=name,
                slug=key,
                country=country,
                university_id=known.universities[school] if school else None,
            ),
        )
    opportunities = {
        "data_engineer": ("atlas", "job", "published", "fr", "Ingénieur de données",
                          "<p>Construire nos pipelines.</p>", "Casablanca", "MA", "on_site",
                          "full_time", (15000, 20000, "MAD", "month"), datetime(2026, 11, 1, tzinfo=UTC),
                          ["python", "sql"], {"fr": "B2"},
                          {"en": ("Data engineer", "<p>Build our pipelines.</p>")}),
        "remote_intern": ("atlas", "internship", "published", "en", "Remote data intern",
                          "<p>Learn with us.</p>", None, None, "remote", "internship", None,
                          datetime(2026, 11, 10, tzinfo=UTC), ["python"], {"en": "B1"}, {}),
        "draft_job": ("atlas", "job", "draft", "fr", "Poste brouillon", "", "Rabat", "MA",
                      "on_site", "full_time", None, datetime(2026, 11, 11, tzinfo=UTC), [], {}, {}),
        "mentoring": ("diaspora", "mentoring", "published", "ar", "برنامج إرشاد مهني",
                      "<p>مرافقة الخريجين</p>", "Paris", "FR", "hybrid", None, None,
                      datetime(2026, 10, 1, tzinfo=UTC), ["career"], {"ar": "B1"},
                      {"fr": ("Programme de mentorat", "<p>Accompagnement</p>")}),
        "training": ("beta", "training", "published", "fr", "Formation cloud",
                     "<p>Trois mois.</p>", "Casablanca", "MA", "on_site", "part_time",
                     (3000, None, "MAD", "month"), datetime(2026, 11, 10, tzinfo=UTC),
                     ["cloud"], {}, {}),
        "closed_job": ("diaspora", "job", "closed", "en", "Closed role", "", "Lyon", "FR",
                       "on_site", "full_time", None, datetime(2026, 9, 1, tzinfo=UTC), [], {}, {}),
    }  # fmt: skip
    for key, row in opportunities.items():
        (partner, kind, status, language, title, description, city, country,
         workplace, employment, salary, posted, skills, required, translations) = row  # fmt: skip
        low, high, currency, period = salary or (None, None, None, None)
        pk = await _insert(
            conn,
            Opportunity,
            dict(
                partner_id=known.partners[partner],
                kind=kind,
                status=status,
                language=language,
                title=title,
                description=description,
                city=city,
                country=country,
                workplace_type=workplace,
                employment_type=employment,
                salary_min=Decimal(low) if low is not None else None,
                salary_max=Decimal(high) if high is not None else None,
                salary_currency=currency,
                salary_period=period,
                posted_at=posted,
                expires_at=None,
                apply_url=f"https://example.com/apply/{key}",
                search_text=build_search_text(
                    [title, *(t for t, _ in translations.values()), *skills]
                ),
            ),
        )
        known.opportunities[key] = pk
        for skill in skills:
            await _insert(conn, OpportunitySkill, dict(opportunity_id=pk, skill=skill))
        for language_code, level in required.items():
            await _insert(conn, OpportunityLanguage, dict(
                opportunity_id=pk, language=language_code, min_level=level,
                min_level_rank=CEFR_RANK[CefrLevel(level)],
            ))  # fmt: skip
        for language_code, (title_t, description_t) in translations.items():
            await _insert(conn, OpportunityTranslation, dict(
                opportunity_id=pk, language=language_code, title=title_t,
                description=description_t,
            ))  # fmt: skip
