"""Root fields for universities."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
import strawberry

from gateway.db.text import like_pattern
from schema.common.context import Info
from schema.common.enums import UniversitySector
from schema.common.errors import BadUserInput
from schema.common.ids import pk_of
from schema.common.pagination import (
    AfterArgument,
    Connection,
    FirstArgument,
    Keyset,
    fetch_page,
    page_size,
)
from schema.universities.loaders import (
    UNIVERSITY_COLUMNS,
    UniversityByIdLoader,
    universities,
)
from schema.universities.types import University

MAX_SEARCH_WORDS = 8
UNIVERSITY_KEYSET = Keyset("u", (universities.c.name, universities.c.id))


@strawberry.input(
    description="Narrows the list of universities; all given parts apply."
)
class UniversityFilter:
    sector: UniversitySector | None = strawberry.field(
        default=None, description="Only public or only private institutions."
    )
    city: str | None = strawberry.field(
        default=None, description="Only institutions in this city (exact name)."
    )
    search: str | None = strawberry.field(
        default=None,
        description="Words found in the name (any language) or acronym; "
        "accents and case do not matter.",
    )


def _conditions(where: UniversityFilter | None) -> list[sa.ColumnElement[bool]]:
    if where is None:
        return []
    conditions = []
    if where.sector is not None:
        conditions.append(universities.c.sector == where.sector)
    if where.city:
        conditions.append(sa.func.lower(universities.c.city) == where.city.lower())
    if where.search:
        words = where.search.split()
        if len(words) > MAX_SEARCH_WORDS:
            raise BadUserInput("filter.search", f"at most {MAX_SEARCH_WORDS} words")
        for word in words:
            conditions.append(
                universities.c.search_text.like(like_pattern(word), escape="\\")
            )
    return conditions


@strawberry.type
class UniversityQuery:
    @strawberry.field(description="Moroccan universities and institutes, by name.")
    async def universities(
        self,
        info: Info,
        filter: Annotated[
            UniversityFilter | None, strawberry.argument(description="What to keep.")
        ] = None,
        first: FirstArgument = None,
        after: AfterArgument = None,
    ) -> Connection[University]:
        size = page_size(info, first)
        conditions = _conditions(filter)
        return await fetch_page(
            info,
            sa.select(*UNIVERSITY_COLUMNS).where(*conditions),
            sa.select(sa.func.count()).select_from(universities).where(*conditions),
            keyset=UNIVERSITY_KEYSET,
            first=size,
            after=after,
        )

    @strawberry.field(description="One university by its global id.")
    async def university(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
    ) -> University | None:
        row: Any = await info.context.loader(UniversityByIdLoader).load(
            pk_of(id, "University")
        )
        return row  # type: ignore[no-any-return]
