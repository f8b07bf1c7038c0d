"""Rows for universities and their programs, with the ids other rows cite."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from gateway.db.enums import DegreeLevel
from gateway.db.text import university_search_text
from gateway.demo.fields import FIELDS, Field
from gateway.demo.programs import templates_for
from gateway.demo.timeline import REFERENCE_TIME
from gateway.demo.universities import UNIVERSITIES, DemoUniversity

# A school offers this many of its profiles' programs, at most.
MIN_PROGRAMS = 4
MAX_PROGRAMS = 14


@dataclass(frozen=True)
class ProgramRef:
    """What the alumni generator needs to know about one program."""

    id: int
    field: Field
    level: DegreeLevel


@dataclass(frozen=True)
class SchoolRef:
    """A university as the alumni and partner generators see it."""

    id: int
    university: DemoUniversity
    label: str
    programs: tuple[ProgramRef, ...]


@dataclass
class Catalogue:
    """University and program rows, ready to insert, and references to them."""

    university_rows: list[dict[str, Any]] = field(default_factory=list)
    program_rows: list[dict[str, Any]] = field(default_factory=list)
    schools: list[SchoolRef] = field(default_factory=list)


def build_catalogue(rng: random.Random) -> Catalogue:
    """Every demo university with a seeded selection of its programs."""
    catalogue = Catalogue()
    program_id = 0
    for university_id, university in enumerate(UNIVERSITIES, 1):
        catalogue.university_rows.append(_university_row(university_id, university))

        # Keep the profile order so a school's core programs come first,
        # then drop a seeded few so no two schools look alike.
        templates = templates_for(university.profiles)
        count = min(len(templates), rng.randint(MIN_PROGRAMS, MAX_PROGRAMS))
        chosen = sorted(rng.sample(range(len(templates)), count))
        programs = []
        for index in chosen:
            template = templates[index]
            program_id += 1
            catalogue.program_rows.append(
                {
                    "id": program_id,
                    "university_id": university_id,
                    "name": template.fr,
                    "names": {"fr": template.fr, "en": template.en},
                    "degree_level": template.level,
                    "field_of_study": template.field,
                    "oneroster_course_id": None,
                    "created_at": REFERENCE_TIME,
                    "updated_at": REFERENCE_TIME,
                }
            )
            programs.append(
                ProgramRef(program_id, FIELDS[template.field], template.level)
            )

        label = university.acronym or university.fr
        catalogue.schools.append(
            SchoolRef(university_id, university, label, tuple(programs))
        )
    return catalogue


def _university_row(university_id: int, university: DemoUniversity) -> dict[str, Any]:
    names = {"fr": university.fr}
    if university.ar:
        names["ar"] = university.ar
    names["en"] = university.en
    return {
        "id": university_id,
        "name": university.fr,
        "names": names,
        "acronym": university.acronym,
        "sector": university.sector,
        "city": university.city,
        "country": "MA",
        "website": university.website,
        "oneroster_org_id": None,
        "search_text": university_search_text(names.values(), university.acronym),
        "created_at": REFERENCE_TIME,
        "updated_at": REFERENCE_TIME,
    }
