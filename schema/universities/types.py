"""Universities and their programs as partners see them."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import Parent

from schema.common.context import Info
from schema.common.enums import DegreeLevel, UniversitySector
from schema.common.i18n import LanguageArgument, pick_name
from schema.common.ids import pk_of
from schema.common.node import Node, global_id_resolver, row_is
from schema.universities.loaders import (
    ProgramByIdLoader,
    ProgramsByUniversityLoader,
    UniversityByIdLoader,
)


def _name(root: Parent[Any], language: LanguageArgument = None) -> str:
    return pick_name(root.name, root.names, language)


@strawberry.federation.type(
    keys=["id"],
    description="A Moroccan higher-education institution, public or private.",
)
class University(Node):
    is_type_of = row_is("University")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("University"),
        description="Global id of the university.",
    )
    name: str = strawberry.field(
        resolver=_name,
        description="Official name, in French unless another language is asked.",
    )
    acronym: str | None = strawberry.field(description="Usual short name, if any.")
    sector: UniversitySector = strawberry.field(description="Public or private.")
    city: str = strawberry.field(description="City of the main campus.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    website: str | None = strawberry.field(description="Official web site.")

    @strawberry.field(description="Programs this university offers, by name.")
    async def programs(
        root: Parent[Any],
        info: Info,
        degree_level: Annotated[
            DegreeLevel | None,
            strawberry.argument(description="Only programs leading to this degree."),
        ] = None,
        field_of_study: Annotated[
            str | None,
            strawberry.argument(
                description="ISCED-F code or prefix (`06` all ICT, `0613` software)."
            ),
        ] = None,
    ) -> list[Program]:
        rows = await info.context.loader(ProgramsByUniversityLoader).load(root.id)
        return [
            row
            for row in rows
            if (degree_level is None or row.degree_level == degree_level)
            and (
                field_of_study is None or row.field_of_study.startswith(field_of_study)
            )
        ]

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Any:
        """Federation entry point: batched through the request's loader."""
        return info.context.loader(UniversityByIdLoader).load(pk_of(id, "University"))


@strawberry.federation.type(
    keys=["id"], description="A course of study leading to a degree at one university."
)
class Program(Node):
    is_type_of = row_is("Program")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("Program"), description="Global id of the program."
    )
    name: str = strawberry.field(
        resolver=_name, description="Program name, in French unless asked otherwise."
    )
    degree_level: DegreeLevel = strawberry.field(
        description="Degree the program leads to."
    )
    field_of_study: str = strawberry.field(
        description="ISCED-F 2013 detailed field code, four digits (e.g. `0613`)."
    )

    @strawberry.field(description="The university that runs this program.")
    def university(root: Parent[Any], info: Info) -> University:
        return info.context.loader(UniversityByIdLoader).load(root.university_id)  # type: ignore[no-any-return]

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Any:
        """Federation entry point: batched through the request's loader."""
        return info.context.loader(ProgramByIdLoader).load(pk_of(id, "Program"))
