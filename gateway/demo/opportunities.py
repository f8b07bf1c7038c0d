"""Opportunity rows with translations, required skills and languages."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from gateway.db.enums import (
    CEFR_RANK,
    CefrLevel,
    EmploymentType,
    OpportunityKind,
    OpportunityStatus,
    SalaryPeriod,
    WorkplaceType,
)
from gateway.db.text import build_search_text, normalise_skill
from gateway.demo.fields import FIELDS, GENERAL_SKILLS
from gateway.demo.partners import KIND_MIX, POSTING_WEIGHT, DemoPartner
from gateway.demo.postings import Posting, can_write, render
from gateway.demo.timeline import REFERENCE_TIME

K = OpportunityKind
W = WorkplaceType
T = TypeVar("T")

# A few hundred postings: enough to page through and filter, few enough to
# read. Partners post unevenly, as they do on the real platform.
OPPORTUNITY_COUNT = 320
POSTING_WINDOW = timedelta(days=120)

WORKPLACES: dict[OpportunityKind, dict[WorkplaceType, int]] = {
    K.JOB: {W.ON_SITE: 60, W.HYBRID: 30, W.REMOTE: 10},
    K.INTERNSHIP: {W.ON_SITE: 80, W.HYBRID: 20},
    K.TRAINING: {W.ON_SITE: 40, W.REMOTE: 60},
    K.SCHOLARSHIP: {W.ON_SITE: 100},
    K.MENTORING: {W.REMOTE: 70, W.HYBRID: 30},
    K.EVENT: {W.ON_SITE: 80, W.REMOTE: 20},
}
STATUSES = {
    OpportunityStatus.PUBLISHED: 80,
    OpportunityStatus.DRAFT: 10,
    OpportunityStatus.CLOSED: 10,
}
# Language a partner writes in, by the country it is based in.
WRITING_LANGUAGES: dict[str, dict[str, int]] = {
    "MA": {"fr": 55, "en": 25, "ar": 20},
    "FR": {"fr": 75, "en": 25},
    "BE": {"fr": 75, "en": 25},
    "SN": {"fr": 80, "en": 20},
}
OTHER_WRITING = {"en": 60, "fr": 40}
# Chance that a posting written in one language is translated to another.
TRANSLATIONS: dict[str, dict[str, float]] = {
    "fr": {"en": 0.5, "ar": 0.15},
    "en": {"fr": 0.4},
    "ar": {"fr": 0.6, "en": 0.35},
}
_TECH_FIELDS = frozenset({"0612", "0613", "0542"})
_EURO = frozenset({"FR", "BE", "ES", "DE", "IT", "NL"})
# Salary floors by seniority (unspecified, junior, senior).
_MAD_MONTH = ((8000, 18001), (6000, 10001), (18000, 35001))
_YEARLY = ((35000, 50001), (30000, 40001), (45000, 70001))
APPLY_BASE = "https://example.com"


@dataclass
class OpportunityRows:
    """Rows for the opportunity tables, ready to insert."""

    opportunities: list[dict[str, Any]] = field(default_factory=list)
    translations: list[dict[str, Any]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    languages: list[dict[str, Any]] = field(default_factory=list)


def build_opportunities(
    rng: random.Random, partners: list[DemoPartner]
) -> OpportunityRows:
    """`OPPORTUNITY_COUNT` postings spread over `partners` (ids 1..n)."""
    rows = OpportunityRows()
    weights = [POSTING_WEIGHT[partner.kind] for partner in partners]
    owners = rng.choices(range(len(partners)), weights=weights, k=OPPORTUNITY_COUNT)
    for opportunity_id, index in enumerate(sorted(owners), 1):
        _add_opportunity(rows, rng, opportunity_id, index + 1, partners[index])
    return rows


def _add_opportunity(
    rows: OpportunityRows,
    rng: random.Random,
    opportunity_id: int,
    partner_id: int,
    partner: DemoPartner,
) -> None:
    kind = _pick(rng, KIND_MIX[partner.kind])
    workplace = _pick(rng, WORKPLACES[kind])
    place: tuple[str | None, str | None] = rng.choice(partner.places)
    city, country = place
    if workplace is W.REMOTE:
        # Remote jobs stay tied to the country that employs; online
        # trainings, mentoring and events are open from anywhere.
        city = None
        country = country if kind is K.JOB else None
    study_field = FIELDS[rng.choice(partner.fields)]
    skills = _skills(rng, study_field.skills, kind)
    posting = Posting(
        kind=kind,
        field=study_field,
        partner=partner.name,
        city=city,
        skills=tuple(skills),
        seniority=rng.choice((0, 0, 1, 2)) if kind is K.JOB else 0,
        weeks=rng.choice((4, 6, 8, 10)),
    )
    language = _writing_language(rng, partner, posting)
    title, description = render(posting, language)

    translated = []
    for other, chance in TRANSLATIONS[language].items():
        if rng.random() < chance and can_write(posting, other):
            other_title, other_description = render(posting, other)
            translated.append(other_title)
            rows.translations.append(
                {
                    "opportunity_id": opportunity_id,
                    "language": other,
                    "title": other_title,
                    "description": other_description,
                }
            )

    status = _pick(rng, STATUSES)
    posted_at = REFERENCE_TIME - timedelta(
        seconds=rng.randrange(int(POSTING_WINDOW.total_seconds()))
    )
    salary = _salary(rng, kind, country, posting.seniority)
    rows.opportunities.append(
        {
            "id": opportunity_id,
            "partner_id": partner_id,
            "kind": kind,
            "status": status,
            "language": language,
            "title": title,
            "description": description,
            "city": city,
            "country": country,
            "workplace_type": workplace,
            "employment_type": _employment(rng, kind),
            "salary_min": salary[0],
            "salary_max": salary[1],
            "salary_currency": salary[2],
            "salary_period": salary[3],
            "posted_at": posted_at,
            "expires_at": _expiry(rng, status, posted_at),
            "apply_url": f"{APPLY_BASE}/{partner.slug}/opportunities/{opportunity_id}",
            "source": "manual",
            "external_id": None,
            "search_text": build_search_text([title, *translated, *skills]),
            "created_at": posted_at,
            "updated_at": posted_at,
        }
    )  # fmt: skip
    rows.skills.extend({"opportunity_id": opportunity_id, "skill": s} for s in skills)
    rows.languages.extend(
        {
            "opportunity_id": opportunity_id,
            "language": code,
            "min_level": level,
            "min_level_rank": CEFR_RANK[level],
        }
        for code, level in _required_languages(rng, kind, language, posting).items()
    )


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _skills(
    rng: random.Random, pool: tuple[str, ...], kind: OpportunityKind
) -> list[str]:
    # Events ask for no skills; everything else names a few of its field's.
    if kind is K.EVENT:
        return []
    picked = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
    if rng.random() < 0.3:
        extra = rng.choice(GENERAL_SKILLS)
        if extra not in picked:
            picked.append(extra)
    return [normalise_skill(skill) for skill in picked]


def _writing_language(
    rng: random.Random, partner: DemoPartner, posting: Posting
) -> str:
    language: str = _pick(rng, WRITING_LANGUAGES.get(partner.country, OTHER_WRITING))
    return language if can_write(posting, language) else "fr"


def _employment(rng: random.Random, kind: OpportunityKind) -> EmploymentType | None:
    if kind is K.JOB:
        return _pick(
            rng,
            {
                EmploymentType.FULL_TIME: 75,
                EmploymentType.CONTRACT: 15,
                EmploymentType.PART_TIME: 10,
            },
        )
    if kind is K.INTERNSHIP:
        return EmploymentType.INTERNSHIP
    return None


def _salary(
    rng: random.Random, kind: OpportunityKind, country: str | None, seniority: int
) -> tuple[Decimal | None, Decimal | None, str | None, SalaryPeriod | None]:
    # Moroccan offers are quoted net per month in dirhams, European and
    # Canadian ones gross per year; a quarter of offers publish no figure.
    if kind not in (K.JOB, K.INTERNSHIP) or rng.random() < 0.25:
        return None, None, None, None
    if kind is K.INTERNSHIP:
        if country != "MA":
            return None, None, None, None
        low = rng.randrange(1500, 4001, 500)
        return Decimal(low), Decimal(low), "MAD", SalaryPeriod.MONTH
    if country == "MA":
        low = rng.randrange(*_MAD_MONTH[seniority], 500)
        currency, period = "MAD", SalaryPeriod.MONTH
    else:
        low = rng.randrange(*_YEARLY[seniority], 1000)
        currency = "EUR" if country in _EURO else "CAD" if country == "CA" else "XOF"
        period = SalaryPeriod.YEAR
        if currency == "XOF":
            # West African offers are quoted per month in CFA francs.
            low, period = low * 20, SalaryPeriod.MONTH
    high = low + low * rng.choice((0, 10, 20, 30)) // 100
    return Decimal(low), Decimal(high), currency, period


def _expiry(
    rng: random.Random, status: OpportunityStatus, posted_at: datetime
) -> datetime | None:
    # Published postings are still open on the reference date; closed ones
    # ended before it; drafts have no end yet.
    if status is OpportunityStatus.DRAFT:
        return None
    if status is OpportunityStatus.CLOSED:
        span = max(1, int((REFERENCE_TIME - posted_at).total_seconds()))
        return posted_at + timedelta(seconds=rng.randrange(span))
    return max(
        posted_at + timedelta(days=rng.randint(30, 90)),
        REFERENCE_TIME + timedelta(days=rng.randint(7, 60), hours=rng.randrange(24)),
    )


def _required_languages(
    rng: random.Random, kind: OpportunityKind, language: str, posting: Posting
) -> dict[str, CefrLevel]:
    required: dict[str, CefrLevel] = {}
    if kind is K.JOB:
        required[language] = CefrLevel.B2
        if (
            posting.field.code in _TECH_FIELDS
            and language != "en"
            and rng.random() < 0.4
        ):
            required["en"] = CefrLevel.B1
    elif kind in (K.INTERNSHIP, K.TRAINING):
        required[language] = CefrLevel.B1
    elif kind is K.SCHOLARSHIP:
        # Most Moroccan master's programmes are taught in French.
        required[language] = CefrLevel.B2
        if language != "fr" and rng.random() < 0.5:
            required["fr"] = CefrLevel.B1
    elif kind is K.MENTORING:
        if rng.random() < 0.5:
            required[language] = CefrLevel.B1
    elif rng.random() < 0.4:
        required[language] = CefrLevel.A2
    return required
