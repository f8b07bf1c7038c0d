"""Generated alumni with their languages, skills and enrollments, in batches."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from gateway.db.enums import CEFR_RANK, AlumnusStatus, CefrLevel, EnrollmentStatus
from gateway.db.text import build_search_text, fold, normalise_skill
from gateway.demo.catalogue import ProgramRef, SchoolRef
from gateway.demo.countries import (
    AFRICAN_ORIGINS,
    AFRICAN_SHARE,
    DIASPORA_RESIDENCES,
    GRADUATE_ABROAD,
    MOROCCAN_SHARE,
    MOROCCO,
    OTHER_ORIGINS,
    RESIDENCES,
    Origin,
    calling_codes,
)
from gateway.demo.fields import GENERAL_SKILLS
from gateway.demo.headlines import headline
from gateway.demo.names import NAME_REGIONS
from gateway.demo.programs import DURATION_YEARS
from gateway.demo.timeline import REFERENCE_DATE, REFERENCE_TIME

T = TypeVar("T")

# The platform counts about 14,000 students and 35,000 graduates; skilled
# Moroccans abroad make up the rest of the demo population.
STATUS_SHARES = {
    AlumnusStatus.STUDENT: 0.27,
    AlumnusStatus.PROFESSIONAL: 0.08,
}
VISIBLE_SHARE = 0.60
CONTACTABLE_SHARE = 0.35
EMAIL_DOMAINS = ("example.org", "example.com")

_HOME_LEVELS = (CefrLevel.C1, CefrLevel.C2, CefrLevel.C2)
_SECOND_LEVELS = (CefrLevel.B1, CefrLevel.B2, CefrLevel.C1, CefrLevel.C2)
_LEARNED_LEVELS = (CefrLevel.A2, CefrLevel.B1, CefrLevel.B1, CefrLevel.B2)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_LATEST_YEAR = REFERENCE_DATE.year
_PROFILE_AGE_SECONDS = 4 * 365 * 24 * 3600


@dataclass
class AlumniBatch:
    """Rows for one chunk of alumni and everything that hangs off them."""

    alumni: list[dict[str, Any]] = field(default_factory=list)
    languages: list[dict[str, Any]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    enrollments: list[dict[str, Any]] = field(default_factory=list)


class _Weighted(Generic[T]):
    """Items with cumulative weights, for fast repeated `rng.choices`."""

    def __init__(self, weights: dict[T, int] | Sequence[tuple[T, int]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.items = [item for item, _ in pairs]
        self.cum = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random) -> T:
        """One item, drawn by weight."""
        return rng.choices(self.items, cum_weights=self.cum)[0]


class AlumniFactory:
    """Draws alumni one batch at a time from a single seeded stream."""

    def __init__(
        self, rng: random.Random, schools: list[SchoolRef], total: int
    ) -> None:
        self._rng = rng
        self._schools = _Weighted([(s, s.university.weight) for s in schools])
        self._african = _Weighted([(o, o.weight) for o in AFRICAN_ORIGINS])
        self._other = _Weighted([(o, o.weight) for o in OTHER_ORIGINS])
        self._diaspora = _Weighted(DIASPORA_RESIDENCES)
        self._abroad = _Weighted(GRADUATE_ABROAD)
        self._calling = calling_codes()
        self._slugs: dict[str, str] = {}
        self._next_enrollment_id = 1
        # Exact quotas, shuffled, so small demo databases show the real
        # proportions rather than a sample's noise.
        students = round(total * STATUS_SHARES[AlumnusStatus.STUDENT])
        professionals = round(total * STATUS_SHARES[AlumnusStatus.PROFESSIONAL])
        self._statuses = (
            [AlumnusStatus.STUDENT] * students
            + [AlumnusStatus.PROFESSIONAL] * professionals
            + [AlumnusStatus.GRADUATE] * (total - students - professionals)
        )
        rng.shuffle(self._statuses)
        # Recent cohorts are larger: the programme has grown every year.
        self._graduate_years = _Weighted(
            [(year, 4 + (year - 2000) ** 2) for year in range(2000, _LATEST_YEAR + 1)]
        )
        self._professional_years = _Weighted(
            [(year, 10 + (year - 2000)) for year in range(2000, 2023)]
        )

    def batch(self, first_id: int, size: int) -> AlumniBatch:
        """Rows for alumni `first_id` to `first_id + size - 1`.

        Batches continue one random stream, so call this in id order.
        """
        batch = AlumniBatch()
        for alumnus_id in range(first_id, first_id + size):
            self._add_alumnus(batch, alumnus_id, self._statuses[alumnus_id - 1])
        return batch

    def _add_alumnus(
        self, batch: AlumniBatch, alumnus_id: int, status: AlumnusStatus
    ) -> None:
        rng = self._rng
        origin = self._origin(status)
        region = NAME_REGIONS[origin.name_region]
        is_female = rng.random() < (0.5 if origin is MOROCCO else 0.4)
        given = rng.choice(region.female if is_female else region.male)
        family = region.family_name(rng.choice(region.family), is_female)
        residence = self._residence(status, origin)

        year = None
        if status is AlumnusStatus.GRADUATE:
            year = self._graduate_years.pick(rng)
        elif status is AlumnusStatus.PROFESSIONAL:
            year = self._professional_years.pick(rng)
        school, program = self._add_enrollments(batch, alumnus_id, year)

        skills = self._skills(program)
        languages = self._languages(origin, residence)
        visible = rng.random() < VISIBLE_SHARE
        contactable = visible and rng.random() < CONTACTABLE_SHARE / VISIBLE_SHARE
        created_at = REFERENCE_TIME - timedelta(
            seconds=rng.randrange(_PROFILE_AGE_SECONDS)
        )
        batch.alumni.append(
            {
                "id": alumnus_id,
                "given_name": given,
                "family_name": family,
                "email": self._email(alumnus_id, given, family),
                "phone": self._phone(residence),
                "nationality": origin.code,
                "residence_country": residence,
                "status": status,
                "graduation_year": year,
                "headline": headline(
                    rng, status, program.field, school.label, residence, is_female,
                    prefers_english=next(iter(languages)) not in ("fr", "ar"),
                ),
                "is_visible_to_partners": visible,
                "is_contactable": contactable,
                "search_text": build_search_text([given, family, *skills]),
                "created_at": created_at,
                "updated_at": created_at,
            }
        )  # fmt: skip
        batch.skills.extend({"alumnus_id": alumnus_id, "skill": s} for s in skills)
        batch.languages.extend(
            {
                "alumnus_id": alumnus_id,
                "language": language,
                "level": level,
                "level_rank": CEFR_RANK[level],
            }
            for language, level in languages.items()
        )

    def _origin(self, status: AlumnusStatus) -> Origin:
        if status is AlumnusStatus.PROFESSIONAL:
            return MOROCCO
        draw = self._rng.random()
        if draw < AFRICAN_SHARE:
            return self._african.pick(self._rng)
        if draw < AFRICAN_SHARE + MOROCCAN_SHARE:
            return MOROCCO
        return self._other.pick(self._rng)

    def _residence(self, status: AlumnusStatus, origin: Origin) -> str:
        rng = self._rng
        if status is AlumnusStatus.STUDENT:
            return "MA"
        if status is AlumnusStatus.PROFESSIONAL:
            return self._diaspora.pick(rng)
        draw = rng.random()
        if origin is MOROCCO:
            return "MA" if draw < 0.75 else self._diaspora.pick(rng)
        if draw < 0.45:
            return "MA"
        if draw < 0.85:
            return origin.code
        return self._abroad.pick(rng)

    def _add_enrollments(
        self, batch: AlumniBatch, alumnus_id: int, year: int | None
    ) -> tuple[SchoolRef, ProgramRef]:
        rng = self._rng
        school = self._schools.pick(rng)
        program = rng.choice(school.programs)
        duration = DURATION_YEARS[program.level]
        if year is None:
            first = max(_LATEST_YEAR - duration, _LATEST_YEAR - 6)
            begin = date(rng.randint(first, _LATEST_YEAR - 1), 9, rng.randint(1, 28))
            end = None
            status = EnrollmentStatus.ACTIVE
        else:
            begin = date(year - duration, 9, rng.randint(1, 28))
            end = date(year, rng.choice((6, 7)), rng.randint(1, 28))
            status = EnrollmentStatus.GRADUATED

        # Some came to the main program with an earlier diploma, or after
        # leaving another program part-way.
        if rng.random() < (0.2 if year is None else 0.3):
            earlier_school = self._schools.pick(rng)
            earlier = rng.choice(earlier_school.programs)
            earlier_begin = begin.year - DURATION_YEARS[earlier.level]
            earlier_status = EnrollmentStatus.GRADUATED
            earlier_end = date(begin.year, 7, rng.randint(1, 28))
            if rng.random() < 0.25:
                earlier_status = EnrollmentStatus.WITHDRAWN
                earlier_begin = begin.year - 1
                earlier_end = date(begin.year, rng.randint(1, 6), rng.randint(1, 28))
            self._enroll(
                batch, alumnus_id, earlier_school, earlier, earlier_status,
                date(earlier_begin, 9, rng.randint(1, 28)), earlier_end,
            )  # fmt: skip
        self._enroll(batch, alumnus_id, school, program, status, begin, end)
        return school, program

    def _enroll(
        self,
        batch: AlumniBatch,
        alumnus_id: int,
        school: SchoolRef,
        program: ProgramRef,
        status: EnrollmentStatus,
        begin: date,
        end: date | None,
    ) -> None:
        enrollment_id = self._next_enrollment_id
        self._next_enrollment_id += 1
        batch.enrollments.append(
            {
                "id": enrollment_id,
                "alumnus_id": alumnus_id,
                "university_id": school.id,
                "program_id": program.id,
                "status": status,
                "begin_date": begin,
                "end_date": end,
                "source_id": f"demo-enr-{enrollment_id}",
                "created_at": REFERENCE_TIME,
                "updated_at": REFERENCE_TIME,
            }
        )

    def _skills(self, program: ProgramRef) -> list[str]:
        rng = self._rng
        # Mostly what the program taught, topped up with general skills.
        wanted = rng.randint(2, 6)
        from_field = max(1, wanted - rng.choice((0, 1, 1, 2)))
        from_field = min(len(program.field.skills), from_field)
        picked = rng.sample(program.field.skills, from_field)
        general = [skill for skill in GENERAL_SKILLS if skill not in picked]
        picked += rng.sample(general, wanted - from_field)
        return [normalise_skill(skill) for skill in picked]

    def _languages(self, origin: Origin, residence: str) -> dict[str, CefrLevel]:
        rng = self._rng
        spoken: dict[str, CefrLevel] = {}
        for language, percent in origin.languages:
            if not spoken:
                spoken[language] = rng.choice(_HOME_LEVELS)
            elif rng.randrange(100) < percent:
                spoken[language] = rng.choice(_SECOND_LEVELS)

        # What people pick up where they live and study: French in Moroccan
        # lecture halls, English at work, the language of a host country.
        host = RESIDENCES[residence].language if residence in RESIDENCES else None
        if host and host not in spoken and rng.random() < 0.6:
            spoken[host] = rng.choice(_SECOND_LEVELS)
        if "fr" not in spoken and rng.random() < 0.75:
            spoken["fr"] = rng.choice(_LEARNED_LEVELS)
        if "en" not in spoken and rng.random() < 0.35:
            spoken["en"] = rng.choice(_LEARNED_LEVELS)
        if "ar" not in spoken and rng.random() < 0.1:
            spoken["ar"] = rng.choice(_LEARNED_LEVELS[:2])
        return dict(itertools.islice(spoken.items(), 3))

    def _email(self, alumnus_id: int, given: str, family: str) -> str | None:
        if self._rng.random() < 0.03:
            return None
        domain = EMAIL_DOMAINS[alumnus_id % len(EMAIL_DOMAINS)]
        return f"{self._slug(given)}.{self._slug(family)}{alumnus_id}@{domain}"

    def _phone(self, residence: str) -> str | None:
        rng = self._rng
        if rng.random() < 0.15:
            return None
        if residence == "MA":
            return f"+212{rng.choice('67')}{rng.randrange(10**8):08d}"
        # E.164: no trunk "0" after the country code.
        number = rng.randrange(10**8, 10**9)
        return f"+{self._calling[residence]}{number}"

    def _slug(self, name: str) -> str:
        slug = self._slugs.get(name)
        if slug is None:
            slug = self._slugs[name] = _NOT_SLUG.sub("", fold(name))
        return slug
