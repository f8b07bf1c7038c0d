"""Alumni and their enrollments as partners see them.

Which alumni a caller sees is decided in SQL by the loaders; contact
details are checked here per row, because they depend on the person's
consent to be contacted as well as on the caller's scope.
"""

from __future__ import annotations

import datetime
from typing import Any

import strawberry
from strawberry import Parent

from auth.errors import NotPermitted
from auth.rules import may_read_contact
from auth.scopes import CANDIDATES_CONTACT
from schema.alumni.loaders import (
    AlumnusByIdLoader,
    EnrollmentByIdLoader,
    EnrollmentsByAlumnusLoader,
    LanguagesByAlumnusLoader,
    SkillsByAlumnusLoader,
)
from schema.common.context import Info
from schema.common.enums import AlumnusStatus, CefrLevel, EnrollmentStatus
from schema.common.ids import pk_of
from schema.common.node import Node, global_id_resolver, row_is
from schema.universities.loaders import ProgramByIdLoader, UniversityByIdLoader
from schema.universities.types import Program, University


@strawberry.type(description="A language someone speaks and how well.")
class SpokenLanguage:
    language: str = strawberry.field(description="ISO 639-1 code, e.g. `fr`.")
    level: CefrLevel = strawberry.field(description="CEFR level, A1 to C2.")


def _display_name(root: Parent[Any]) -> str:
    return f"{root.given_name} {root.family_name}"


def _contact(root: Any, info: Info, column: str, field_name: str) -> str | None:
    if not may_read_contact(info.context.caller, root):
        raise NotPermitted(
            "Contact details need the `candidates:contact` scope and the "
            "person's consent to be contacted."
        )
    value: str | None = getattr(root, column)
    if value is not None:
        operation = info.operation.name.value if info.operation.name else None
        info.context.record_contact_read(root.id, field_name, operation)
    return value


def _email(root: Parent[Any], info: Info) -> str | None:
    return _contact(root, info, "email", "email")


def _phone(root: Parent[Any], info: Info) -> str | None:
    return _contact(root, info, "phone", "phone")


@strawberry.federation.type(
    keys=["id"],
    authenticated=True,
    description="A student, graduate or professional. Partners see only people "
    "who chose to be visible to them; a university also sees its own students.",
)
class Alumnus(Node):
    is_type_of = row_is("Alumnus")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("Alumnus"), description="Global id of the person."
    )
    given_name: str = strawberry.field(description="Given (first) name.")
    family_name: str = strawberry.field(description="Family name.")
    display_name: str = strawberry.field(
        resolver=_display_name, description="Given and family name together."
    )
    nationality: str = strawberry.field(
        description="Nationality, ISO 3166-1 alpha-2 (e.g. `SN`, `CI`, `MA`)."
    )
    residence_country: str = strawberry.field(
        description="Country of residence, ISO 3166-1 alpha-2."
    )
    status: AlumnusStatus = strawberry.field(
        description="Student, graduate or experienced professional."
    )
    graduation_year: int | None = strawberry.field(
        description="Year of the most recent degree; null while studying."
    )
    headline: str | None = strawberry.field(
        description="A one-line professional summary the person wrote."
    )
    is_contactable: bool = strawberry.field(
        description="True when the person agreed to be contacted by partners."
    )
    email: str | None = strawberry.federation.field(
        resolver=_email,
        requires_scopes=[[CANDIDATES_CONTACT]],
        description="E-mail address. Needs the `candidates:contact` scope and the "
        "person's consent to be contacted; otherwise null with a FORBIDDEN error. "
        "Every read is written to the audit log.",
    )
    phone: str | None = strawberry.federation.field(
        resolver=_phone,
        requires_scopes=[[CANDIDATES_CONTACT]],
        description="Phone number (E.164). Same rule as `email`.",
    )

    @strawberry.field(description="Languages spoken, strongest first.")
    def languages(root: Parent[Any], info: Info) -> list[SpokenLanguage]:
        return info.context.loader(LanguagesByAlumnusLoader).load(root.id)  # type: ignore[no-any-return]

    @strawberry.field(description="Skills listed by the person, lower case.")
    def skills(root: Parent[Any], info: Info) -> list[str]:
        return info.context.loader(SkillsByAlumnusLoader).load(root.id)  # type: ignore[no-any-return]

    @strawberry.field(description="Studies at Moroccan universities, latest first.")
    def enrollments(root: Parent[Any], info: Info) -> list[Enrollment]:
        return info.context.loader(EnrollmentsByAlumnusLoader).load(root.id)  # type: ignore[no-any-return]

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Any:
        """Federation entry point: batched, same row rules as everywhere."""
        return info.context.loader(AlumnusByIdLoader).load(pk_of(id, "Alumnus"))


@strawberry.federation.type(
    keys=["id"],
    authenticated=True,
    description="One person's studies in one program of one university.",
)
class Enrollment(Node):
    is_type_of = row_is("Enrollment")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("Enrollment"),
        description="Global id of the enrollment.",
    )
    status: EnrollmentStatus = strawberry.field(
        description="Active, graduated or withdrawn."
    )
    begin_date: datetime.date | None = strawberry.field(
        description="First day of the enrollment."
    )
    end_date: datetime.date | None = strawberry.field(
        description="Last day, once it has ended."
    )

    @strawberry.field(description="The university the person enrolled at.")
    def university(root: Parent[Any], info: Info) -> University:
        return info.context.loader(UniversityByIdLoader).load(root.university_id)  # type: ignore[no-any-return]

    @strawberry.field(description="The program, when the university reported it.")
    async def program(root: Parent[Any], info: Info) -> Program | None:
        if root.program_id is None:
            return None
        return await info.context.loader(ProgramByIdLoader).load(root.program_id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="The person enrolled; null when you may not see them."
    )
    def alumnus(root: Parent[Any], info: Info) -> Alumnus | None:
        return info.context.loader(AlumnusByIdLoader).load(root.alumnus_id)  # type: ignore[no-any-return]

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Any:
        """Federation entry point: batched, same row rules as everywhere."""
        return info.context.loader(EnrollmentByIdLoader).load(pk_of(id, "Enrollment"))
