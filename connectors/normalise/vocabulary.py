"""Source vocabularies mapped onto the gateway's enums.

Keys are compared folded (case, accents) with `-`, `_` and `/` read as
spaces, so `FULL_TIME`, `Full-time` and `full time` are one word. French
contract names matter to our partners: a CDI is permanent full-time work,
a CDD a fixed-term (temporary) contract, a stage an internship and
alternance an apprenticeship. "Permanent" on its own (Lever, Personio,
SmartRecruiters ids) is taken as full-time: sources that say it publish
part-time work under its own name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from gateway.db.text import fold

T = TypeVar("T")

_SEPARATORS = re.compile(r"[\s\-_/]+")
# Several values in one field: Indeed's `fulltime, parttime`.
_LIST_SEPARATORS = re.compile(r"[,;|]")

_EMPLOYMENT: dict[str, EmploymentType] = {}
for _type, _words in {
    EmploymentType.FULL_TIME: (
        "full time",
        "fulltime",
        "permanent",
        "cdi",
        "temps plein",
        "temps complet",
        "plein temps",
        "vollzeit",
        "festanstellung",
        "دوام كامل",
    ),
    EmploymentType.PART_TIME: (
        "part time",
        "parttime",
        "temps partiel",
        "mi temps",
        "teilzeit",
        "working student",
        "werkstudent",
        "دوام جزئي",
    ),
    EmploymentType.CONTRACT: (
        "contract",
        "contractor",
        "freelance",
        "freelancer",
        "consultant",
        "independant",
        "prestataire",
        "contract to hire",
    ),
    EmploymentType.TEMPORARY: (
        "temporary",
        "temp",
        "cdd",
        "fixed term",
        "interim",
        "seasonal",
        "saisonnier",
        "per diem",
        "befristet",
    ),
    EmploymentType.INTERNSHIP: (
        "intern",
        "internship",
        "stage",
        "stagiaire",
        "pfe",
        "praktikum",
        "تدريب",
    ),
    EmploymentType.APPRENTICESHIP: (
        "apprenticeship",
        "apprentice",
        "alternance",
        "apprentissage",
        "ausbildung",
        "trainee",
    ),
    EmploymentType.VOLUNTEER: ("volunteer", "benevole", "benevolat", "volontariat"),
    EmploymentType.OTHER: ("other", "autre"),
}.items():
    _EMPLOYMENT.update(dict.fromkeys(_words, _type))

_WORKPLACE: dict[str, WorkplaceType] = {}
for _place, _words in {
    WorkplaceType.REMOTE: (
        "remote",
        "fully remote",
        "full remote",
        "fully",
        "100% remote",
        "telecommute",
        "teletravail",
        "teletravail complet",
        "work from home",
        "home office",
        "homeoffice",
        "a distance",
    ),
    WorkplaceType.HYBRID: (
        "hybrid",
        "hybride",
        "hybrid remote",
        "partially remote",
        "flexible",
    ),
    WorkplaceType.ON_SITE: (
        "on site",
        "onsite",
        "in office",
        "office",
        "sur site",
        "presentiel",
        # Teamtailor `none`; remote only for a while is on-site work.
        "none",
        "temporary",
        "temporarily remote",
        "covid 19",
        "no remote",
    ),
}.items():
    _WORKPLACE.update(dict.fromkeys(_words, _place))

_PERIODS: dict[str, SalaryPeriod] = {}
for _period, _words in {
    SalaryPeriod.HOUR: ("hour", "hourly", "per hour", "heure", "horaire", "h"),
    SalaryPeriod.DAY: ("day", "daily", "per day", "jour", "journalier", "tjm"),
    SalaryPeriod.WEEK: ("week", "weekly", "per week", "semaine", "hebdomadaire"),
    SalaryPeriod.MONTH: ("month", "monthly", "per month", "mois", "mensuel"),
    SalaryPeriod.YEAR: (
        "year",
        "yearly",
        "annual",
        "annually",
        "per year",
        "per annum",
        "annum",
        "an",
        "annee",
        "annuel",
        "pa",
    ),
}.items():
    _PERIODS.update(dict.fromkeys(_words, _period))
# Lever's `salaryRange.interval`.
_PERIODS.update(
    {
        "per hour wage": SalaryPeriod.HOUR,
        "per day wage": SalaryPeriod.DAY,
        "per week salary": SalaryPeriod.WEEK,
        "per month salary": SalaryPeriod.MONTH,
        "per year salary": SalaryPeriod.YEAR,
    }
)

_INTERNSHIP_TITLE = re.compile(
    r"\b(?:interns?|internship|stagiaire|praktikum)\b|^\s*stage\b|\(stage\)|\bpfe\b",
    re.IGNORECASE,
)


def vocabulary_key(value: str) -> str:
    """A value folded for lookup: case, accents and separators ignored."""
    return _SEPARATORS.sub(" ", fold(value)).strip()


def _lookup(table: dict[str, T], values: Iterable[object]) -> T | None:
    for value in values:
        if not isinstance(value, str):
            continue
        for piece in _LIST_SEPARATORS.split(value):
            found = table.get(vocabulary_key(piece))
            if found is not None:
                return found
    return None


def employment_type(*values: object) -> EmploymentType | None:
    """The first value (or list item) that names a known contract form."""
    return _lookup(_EMPLOYMENT, values)


def workplace_type(*values: object) -> WorkplaceType | None:
    """The first value that says remote, hybrid or on-site."""
    return _lookup(_WORKPLACE, values)


def salary_period(*values: object) -> SalaryPeriod | None:
    """The first value that names a pay period (`YEAR`, `Salaire mensuel`)."""
    found = _lookup(_PERIODS, values)
    if found is not None:
        return found
    words = [
        word
        for value in values
        if isinstance(value, str)
        for word in vocabulary_key(value).split()
        if len(word) > 2
    ]
    return _lookup(_PERIODS, words)


def is_internship_title(title: str) -> bool:
    """Whether a title says internship: "Sales Intern", "Stage PFE"."""
    return _INTERNSHIP_TITLE.search(title) is not None


def opportunity_kind(
    employment: EmploymentType | None, title: str, *hints: object
) -> OpportunityKind:
    """INTERNSHIP for internships (by contract form, level or title), else JOB."""
    is_internship = (
        employment is EmploymentType.INTERNSHIP
        or _lookup(_EMPLOYMENT, hints) is EmploymentType.INTERNSHIP
        or is_internship_title(title)
    )
    return OpportunityKind.INTERNSHIP if is_internship else OpportunityKind.JOB
