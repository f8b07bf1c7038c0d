"""Batched reads of alumni and what hangs off them.

Every statement that can return an alumnus or enrollment row carries the
caller's row rule (`auth.rules`) itself, so no resolver can forget it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Row

from auth.caller import Caller
from auth.rules import own_student_column, visible_alumni, visible_enrollments
from gateway.db.models import (
    Alumnus,
    AlumnusLanguage,
    AlumnusSkill,
    Enrollment,
    table_of,
)
from schema.common.columns import enum_as_text
from schema.common.context import RowLoader
from schema.common.node import register_node, typename_column

alumni = table_of(Alumnus)
alumnus_languages = table_of(AlumnusLanguage)
alumnus_skills = table_of(AlumnusSkill)
enrollments = table_of(Enrollment)

ALUMNUS_TYPENAME = typename_column("Alumnus")
ALUMNUS_COLUMNS = (
    alumni.c.id,
    alumni.c.given_name,
    alumni.c.family_name,
    alumni.c.nationality,
    alumni.c.residence_country,
    enum_as_text(alumni.c.status),
    alumni.c.graduation_year,
    alumni.c.headline,
    alumni.c.email,
    alumni.c.phone,
    alumni.c.is_contactable,
    ALUMNUS_TYPENAME,
)

# GraphQL field -> columns it reads; the candidate pool selects only these.
ALUMNUS_FIELD_COLUMNS: dict[str, tuple[sa.ColumnElement[Any], ...]] = {
    "givenName": (alumni.c.given_name,),
    "familyName": (alumni.c.family_name,),
    "displayName": (alumni.c.given_name, alumni.c.family_name),
    "nationality": (alumni.c.nationality,),
    "residenceCountry": (alumni.c.residence_country,),
    "status": (enum_as_text(alumni.c.status),),
    "graduationYear": (alumni.c.graduation_year,),
    "headline": (alumni.c.headline,),
    "isContactable": (alumni.c.is_contactable,),
    "email": (alumni.c.email, alumni.c.is_contactable),
    "phone": (alumni.c.phone, alumni.c.is_contactable),
}

ENROLLMENT_COLUMNS = (
    enrollments.c.id,
    enrollments.c.alumnus_id,
    enrollments.c.university_id,
    enrollments.c.program_id,
    enum_as_text(enrollments.c.status),
    enrollments.c.begin_date,
    enrollments.c.end_date,
    typename_column("Enrollment"),
)


def _group(rows: Sequence[Row[Any]], keys: list[int], attr: str) -> list[list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, attr)].append(row)
    return [grouped.get(key, []) for key in keys]


def alumnus_columns(caller: Caller | None) -> list[sa.ColumnElement[Any]]:
    """Every column an Alumnus row carries for this caller."""
    return [*ALUMNUS_COLUMNS, own_student_column(caller)]


class AlumnusByIdLoader(RowLoader[int, Row[Any] | None]):
    """Alumni by primary key; None for those the caller may not see."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = sa.select(*alumnus_columns(self.caller)).where(
            alumni.c.id.in_(keys), visible_alumni(self.caller)
        )
        found = {row.id: row for row in await self.db.fetch_all(statement)}
        return [found.get(key) for key in keys]


class LanguagesByAlumnusLoader(RowLoader[int, list[Row[Any]]]):
    """Spoken languages of each alumnus, strongest first."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[Row[Any]]]:
        statement = (
            sa.select(
                alumnus_languages.c.alumnus_id,
                alumnus_languages.c.language,
                enum_as_text(alumnus_languages.c.level),
            )
            .where(alumnus_languages.c.alumnus_id.in_(keys))
            .order_by(
                alumnus_languages.c.alumnus_id,
                alumnus_languages.c.level_rank.desc(),
                alumnus_languages.c.language,
            )
        )
        return _group(await self.db.fetch_all(statement), keys, "alumnus_id")


class SkillsByAlumnusLoader(RowLoader[int, list[str]]):
    """Skills of each alumnus, alphabetically."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[str]]:
        statement = (
            sa.select(alumnus_skills.c.alumnus_id, alumnus_skills.c.skill)
            .where(alumnus_skills.c.alumnus_id.in_(keys))
            .order_by(alumnus_skills.c.alumnus_id, alumnus_skills.c.skill)
        )
        grouped: dict[int, list[str]] = defaultdict(list)
        for row in await self.db.fetch_all(statement):
            grouped[row.alumnus_id].append(row.skill)
        return [grouped.get(key, []) for key in keys]


class EnrollmentsByAlumnusLoader(RowLoader[int, list[Row[Any]]]):
    """Enrollments of each alumnus the caller may see, most recent first."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[Row[Any]]]:
        statement = (
            sa.select(*ENROLLMENT_COLUMNS)
            .join(alumni, alumni.c.id == enrollments.c.alumnus_id)
            .where(enrollments.c.alumnus_id.in_(keys), visible_enrollments(self.caller))
            .order_by(
                enrollments.c.alumnus_id,
                enrollments.c.begin_date.desc(),
                enrollments.c.id.desc(),
            )
        )
        return _group(await self.db.fetch_all(statement), keys, "alumnus_id")


class EnrollmentByIdLoader(RowLoader[int, Row[Any] | None]):
    """Enrollments by primary key, only those the caller may see."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = (
            sa.select(*ENROLLMENT_COLUMNS)
            .join(alumni, alumni.c.id == enrollments.c.alumnus_id)
            .where(enrollments.c.id.in_(keys), visible_enrollments(self.caller))
        )
        found = {row.id: row for row in await self.db.fetch_all(statement)}
        return [found.get(key) for key in keys]


register_node("Alumnus", AlumnusByIdLoader)
register_node("Enrollment", EnrollmentByIdLoader)
