"""The candidate-pool filter and its translation into SQL predicates."""

from __future__ import annotations

import sqlalchemy as sa
import strawberry

from auth.caller import Caller
from auth.rules import visible_enrollments
from gateway.db.enums import CEFR_RANK
from gateway.db.enums import CefrLevel as DbCefrLevel
from gateway.db.models import Program, table_of
from gateway.db.text import like_pattern, normalise_skill
from schema.alumni.loaders import alumni, alumnus_languages, alumnus_skills, enrollments
from schema.common.countries import check_countries, check_list_size
from schema.common.enums import AlumnusStatus, CefrLevel, DegreeLevel
from schema.common.errors import BadUserInput
from schema.common.i18n import check_language
from schema.common.ids import pks_of

programs = table_of(Program)

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_SEARCH_WORDS = 8


@strawberry.input(
    description="A language the candidate must speak, at least this well."
)
class LanguageRequirementInput:
    language: str = strawberry.field(description="ISO 639-1 code, e.g. `en`.")
    min_level: CefrLevel = strawberry.field(
        default=DbCefrLevel.A1, description="Lowest acceptable CEFR level."
    )


@strawberry.input(
    description="Narrows the candidate pool. Every part given must hold; within "
    "a list, any value matches, except `skills` and `languages` where all must."
)
class CandidateFilter:
    graduation_year_from: int | None = strawberry.field(
        default=None, description="Graduated in this year or later."
    )
    graduation_year_to: int | None = strawberry.field(
        default=None, description="Graduated in this year or earlier."
    )
    statuses: list[AlumnusStatus] | None = strawberry.field(
        default=None, description="Student, graduate or professional."
    )
    university_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Studied at one of these universities."
    )
    program_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Enrolled in one of these programs."
    )
    fields_of_study: list[str] | None = strawberry.field(
        default=None,
        description="ISCED-F 2013 codes or prefixes (`06` ICT, `0613` software).",
    )
    degree_levels: list[DegreeLevel] | None = strawberry.field(
        default=None, description="Enrolled in a program leading to one of these."
    )
    nationalities: list[str] | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 nationalities."
    )
    residence_countries: list[str] | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 countries of residence."
    )
    languages: list[LanguageRequirementInput] | None = strawberry.field(
        default=None, description="Languages spoken, each at a minimum level."
    )
    skills: list[str] | None = strawberry.field(
        default=None, description="Skills the candidate lists (all of them)."
    )
    search: str | None = strawberry.field(
        default=None, description="Words found in the name or skills (all words)."
    )


def _check_year(value: int | None, argument: str) -> None:
    if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
        raise BadUserInput(argument, f"must be between {MIN_YEAR} and {MAX_YEAR}")


def _check_fields_of_study(codes: list[str]) -> list[str]:
    for code in codes:
        if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
            raise BadUserInput(
                "filter.fieldsOfStudy", f"{code!r} is not an ISCED-F code or prefix"
            )
    return codes


def _enrollment_condition(
    where: CandidateFilter, caller: Caller | None
) -> sa.ColumnElement[bool] | None:
    """One EXISTS: a single enrollment must match every study criterion.

    Only enrollments the caller may see count, or a school could learn
    where its non-consenting students also study by filtering on it.
    """
    parts: list[sa.ColumnElement[bool]] = []
    needs_program = bool(where.fields_of_study or where.degree_levels)
    if where.university_ids:
        ids = pks_of(
            where.university_ids, "University", argument="filter.universityIds"
        )
        parts.append(enrollments.c.university_id.in_(ids))
    if where.program_ids:
        ids = pks_of(where.program_ids, "Program", argument="filter.programIds")
        parts.append(enrollments.c.program_id.in_(ids))
    if where.fields_of_study:
        codes = _check_fields_of_study(where.fields_of_study)
        parts.append(sa.or_(*(programs.c.field_of_study.startswith(c) for c in codes)))
    if where.degree_levels:
        parts.append(programs.c.degree_level.in_(where.degree_levels))
    if not parts:
        return None
    subquery = sa.select(sa.literal(1)).select_from(enrollments)
    if needs_program:
        subquery = subquery.join(programs, programs.c.id == enrollments.c.program_id)
    return subquery.where(
        enrollments.c.alumnus_id == alumni.c.id,
        visible_enrollments(caller),
        *parts,
    ).exists()


def candidate_conditions(
    where: CandidateFilter | None, caller: Caller | None = None
) -> list[sa.ColumnElement[bool]]:
    """SQL predicates on `alumni` for a filter; bad values are BAD_USER_INPUT."""
    if where is None:
        return []
    for argument in (
        "statuses", "university_ids", "program_ids", "fields_of_study",
        "degree_levels", "nationalities", "residence_countries", "languages", "skills",
    ):  # fmt: skip
        check_list_size(getattr(where, argument), f"filter.{argument}")
    _check_year(where.graduation_year_from, "filter.graduationYearFrom")
    _check_year(where.graduation_year_to, "filter.graduationYearTo")

    conditions: list[sa.ColumnElement[bool]] = []
    low, high = where.graduation_year_from, where.graduation_year_to
    if low is not None and high is not None and low > high:
        raise BadUserInput("filter.graduationYearFrom", "is after graduationYearTo")
    if low is not None:
        conditions.append(alumni.c.graduation_year >= low)
    if high is not None:
        conditions.append(alumni.c.graduation_year <= high)
    if where.statuses:
        conditions.append(alumni.c.status.in_(where.statuses))
    if where.nationalities:
        codes = check_countries(where.nationalities, "filter.nationalities")
        conditions.append(alumni.c.nationality.in_(codes))
    if where.residence_countries:
        codes = check_countries(where.residence_countries, "filter.residenceCountries")
        conditions.append(alumni.c.residence_country.in_(codes))

    studies = _enrollment_condition(where, caller)
    if studies is not None:
        conditions.append(studies)

    for requirement in where.languages or []:
        language = check_language(requirement.language, "filter.languages.language")
        rank = CEFR_RANK[DbCefrLevel(requirement.min_level)]
        conditions.append(
            sa.select(sa.literal(1))
            .where(
                alumnus_languages.c.alumnus_id == alumni.c.id,
                alumnus_languages.c.language == language,
                alumnus_languages.c.level_rank >= rank,
            )
            .exists()
        )
    for skill in where.skills or []:
        conditions.append(
            sa.select(sa.literal(1))
            .where(
                alumnus_skills.c.alumnus_id == alumni.c.id,
                alumnus_skills.c.skill == normalise_skill(skill),
            )
            .exists()
        )
    if where.search:
        words = where.search.split()
        if len(words) > MAX_SEARCH_WORDS:
            raise BadUserInput("filter.search", f"at most {MAX_SEARCH_WORDS} words")
        for word in words:
            conditions.append(
                alumni.c.search_text.like(like_pattern(word), escape="\\")
            )
    return conditions
