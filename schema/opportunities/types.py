"""Opportunities as partners and the public read them."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import Parent

from schema.common.context import Info
from schema.common.enums import (
    CefrLevel,
    EmploymentType,
    OpportunityKind,
    OpportunityStatus,
    SalaryPeriod,
    WorkplaceType,
)
from schema.common.i18n import LanguageArgument, check_language
from schema.common.ids import pk_of
from schema.common.node import Node, global_id_resolver, row_is
from schema.opportunities.loaders import (
    LanguagesByOpportunityLoader,
    OpportunityByIdLoader,
    SkillsByOpportunityLoader,
    TranslationsByOpportunityLoader,
)
from schema.partners.loaders import PartnerByIdLoader
from schema.partners.types import Partner


@strawberry.type(description="Pay offered, as a range in one currency and period.")
class Salary:
    min: Decimal | None = strawberry.field(description="Lowest amount offered.")
    max: Decimal | None = strawberry.field(description="Highest amount offered.")
    currency: str | None = strawberry.field(
        description="ISO 4217 currency code, e.g. `MAD`, `EUR`."
    )
    period: SalaryPeriod | None = strawberry.field(
        description="Per hour, day, week, month or year."
    )


@strawberry.type(description="An opportunity's text in one language.")
class OpportunityText:
    language: str = strawberry.field(description="ISO 639-1 code of this version.")
    title: str = strawberry.field(description="Title in this language.")
    description: str = strawberry.field(
        description="Description in this language (sanitised HTML)."
    )


@strawberry.type(description="A language an opportunity requires.")
class LanguageRequirement:
    language: str = strawberry.field(description="ISO 639-1 code.")
    min_level: CefrLevel = strawberry.field(description="Lowest CEFR level accepted.")


def _localised(root: Any, info: Info, language: str | None, attr: str) -> Any:
    """The original text, or a translation when another language is asked."""
    if language is None or check_language(language) == root.language:
        return getattr(root, attr)
    wanted = check_language(language)

    async def translated() -> str:
        versions = await info.context.loader(TranslationsByOpportunityLoader).load(
            root.id
        )
        for version in versions:
            if version.language == wanted:
                return str(getattr(version, attr))
        return str(getattr(root, attr))

    return translated()


def _title(root: Parent[Any], info: Info, language: LanguageArgument = None) -> str:
    return _localised(root, info, language, "title")  # type: ignore[no-any-return]


def _description(
    root: Parent[Any], info: Info, language: LanguageArgument = None
) -> str:
    return _localised(root, info, language, "description")  # type: ignore[no-any-return]


def _salary(root: Parent[Any]) -> Salary | None:
    if root.salary_min is None and root.salary_max is None:
        return None
    return Salary(
        min=root.salary_min,
        max=root.salary_max,
        currency=root.salary_currency,
        period=root.salary_period,
    )


@strawberry.federation.type(
    keys=["id"],
    description="A job, internship, training, scholarship, mentoring offer or "
    "event from a partner. Text is kept in the language it was written in; ask "
    "for another language to get a translation where one exists.",
)
class Opportunity(Node):
    is_type_of = row_is("Opportunity")

    id: strawberry.ID = strawberry.field(
        resolver=global_id_resolver("Opportunity"),
        description="Global id of the opportunity.",
    )
    kind: OpportunityKind = strawberry.field(description="What is offered.")
    status: OpportunityStatus = strawberry.field(description="Publication state.")
    language: str = strawberry.field(
        description="ISO 639-1 code of the language the partner wrote it in."
    )
    title: str = strawberry.field(resolver=_title, description="Title.")
    description: str = strawberry.field(
        resolver=_description,
        description="Description as sanitised HTML (no scripts or event handlers).",
    )
    city: str | None = strawberry.field(description="City of the workplace.")
    country: str | None = strawberry.field(
        description="Country of the workplace, ISO 3166-1 alpha-2."
    )
    workplace_type: WorkplaceType = strawberry.field(
        description="On site, hybrid or remote."
    )
    employment_type: EmploymentType | None = strawberry.field(
        description="Contract form, when the partner gave one."
    )
    salary: Salary | None = strawberry.field(
        resolver=_salary, description="Pay range, when the partner published one."
    )
    posted_at: datetime.datetime = strawberry.field(
        description="When it was published (UTC)."
    )
    expires_at: datetime.datetime | None = strawberry.field(
        description="Last day to apply (UTC), if known."
    )
    apply_url: str | None = strawberry.field(description="Where to apply.")
    source: str = strawberry.field(
        description="`manual` when posted in the graph, else the connector kind."
    )

    @strawberry.field(description="The partner offering it.")
    def partner(root: Parent[Any], info: Info) -> Partner:
        return info.context.loader(PartnerByIdLoader).load(root.partner_id)  # type: ignore[no-any-return]

    @strawberry.field(description="Versions in other languages, if any.")
    def translations(root: Parent[Any], info: Info) -> list[OpportunityText]:
        return info.context.loader(TranslationsByOpportunityLoader).load(root.id)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Every language the text can be read in, original first."
    )
    async def available_languages(root: Parent[Any], info: Info) -> list[str]:
        versions = await info.context.loader(TranslationsByOpportunityLoader).load(
            root.id
        )
        return [
            root.language,
            *(v.language for v in versions if v.language != root.language),
        ]

    @strawberry.field(description="Skills asked for, lower case.")
    def required_skills(root: Parent[Any], info: Info) -> list[str]:
        return info.context.loader(SkillsByOpportunityLoader).load(root.id)  # type: ignore[no-any-return]

    @strawberry.field(description="Languages required, with minimum levels.")
    def required_languages(root: Parent[Any], info: Info) -> list[LanguageRequirement]:
        return info.context.loader(LanguagesByOpportunityLoader).load(root.id)  # type: ignore[no-any-return]

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Awaitable[Any]:
        """Federation entry point: batched; published opportunities only."""
        return info.context.loader(OpportunityByIdLoader).load(pk_of(id, "Opportunity"))
