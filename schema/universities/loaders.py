"""Batched reads of universities and programs, one statement per batch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Row

from gateway.db.models import Program, University, table_of
from schema.common.columns import enum_as_text
from schema.common.context import RowLoader
from schema.common.node import register_node, typename_column

universities = table_of(University)
programs = table_of(Program)

UNIVERSITY_COLUMNS = (
    universities.c.id,
    universities.c.name,
    universities.c.names,
    universities.c.acronym,
    enum_as_text(universities.c.sector),
    universities.c.city,
    universities.c.country,
    universities.c.website,
    typename_column("University"),
)

PROGRAM_COLUMNS = (
    programs.c.id,
    programs.c.university_id,
    programs.c.name,
    programs.c.names,
    enum_as_text(programs.c.degree_level),
    programs.c.field_of_study,
    typename_column("Program"),
)


def _by_key(rows: Sequence[Row[Any]], keys: list[int]) -> list[Row[Any] | None]:
    found = {row.id: row for row in rows}
    return [found.get(key) for key in keys]


class UniversityByIdLoader(RowLoader[int, Row[Any] | None]):
    """Universities by primary key."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = sa.select(*UNIVERSITY_COLUMNS).where(universities.c.id.in_(keys))
        return _by_key(await self.db.fetch_all(statement), keys)


class ProgramByIdLoader(RowLoader[int, Row[Any] | None]):
    """Programs by primary key."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = sa.select(*PROGRAM_COLUMNS).where(programs.c.id.in_(keys))
        return _by_key(await self.db.fetch_all(statement), keys)


class ProgramsByUniversityLoader(RowLoader[int, list[Row[Any]]]):
    """All programs of each university, by name."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[Row[Any]]]:
        statement = (
            sa.select(*PROGRAM_COLUMNS)
            .where(programs.c.university_id.in_(keys))
            .order_by(programs.c.name, programs.c.id)
        )
        grouped: dict[int, list[Row[Any]]] = defaultdict(list)
        for row in await self.db.fetch_all(statement):
            grouped[row.university_id].append(row)
        return [grouped.get(key, []) for key in keys]


register_node("University", UniversityByIdLoader)
register_node("Program", ProgramByIdLoader)
