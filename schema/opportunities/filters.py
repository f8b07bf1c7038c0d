"""The opportunity filter and its translation into SQL predicates."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
import strawberry

from auth.caller import Caller
from auth.errors import NotAuthenticated
from gateway.db.enums import WorkplaceType as DbWorkplaceType
from gateway.db.text import like_pattern, normalise_skill
from schema.common.countries import check_countries, check_list_size
from schema.common.enums import OpportunityKind, OpportunityStatus, WorkplaceType
from schema.common.errors import BadUserInput
from schema.common.i18n import check_language
from schema.common.ids import pks_of
from schema.opportunities.loaders import (
    opportunities,
    opportunity_skills,
    opportunity_translations,
)

MAX_SEARCH_WORDS = 8


@strawberry.input(description="Narrows the opportunities list; all given parts apply.")
class OpportunityFilter:
    kinds: list[OpportunityKind] | None = strawberry.field(
        default=None, description="Only these kinds (any of them)."
    )
    partner_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only from these partners."
    )
    countries: list[str] | None = strawberry.field(
        default=None, description="Workplace in one of these countries (alpha-2)."
    )
    remote: bool | None = strawberry.field(
        default=None,
        description="True: fully remote only. False: on-site or hybrid only.",
    )
    workplace_types: list[WorkplaceType] | None = strawberry.field(
        default=None, description="Only these workplace types."
    )
    skills: list[str] | None = strawberry.field(
        default=None, description="Asks for all of these skills."
    )
    language: str | None = strawberry.field(
        default=None,
        description="Readable in this language (ISO 639-1): written in it or "
        "translated into it.",
    )
    posted_since: datetime.datetime | None = strawberry.field(
        default=None, description="Published at or after this time."
    )
    search: str | None = strawberry.field(
        default=None, description="Words found in the title or skills (all words)."
    )
    statuses: list[OpportunityStatus] | None = strawberry.field(
        default=None,
        description="Only these states. Others see PUBLISHED only; your own "
        "drafts and closed opportunities show with `opportunities:read`.",
    )
    mine: bool | None = strawberry.field(
        default=None,
        description="True: only your own organisation's opportunities.",
    )


def opportunity_conditions(
    where: OpportunityFilter | None, caller: Caller | None = None
) -> list[sa.ColumnElement[bool]]:
    """SQL predicates on `opportunities`; bad values are BAD_USER_INPUT."""
    if where is None:
        return []
    for argument in (
        "kinds", "partner_ids", "countries", "workplace_types", "skills", "statuses",
    ):  # fmt: skip
        check_list_size(getattr(where, argument), f"filter.{argument}")
    if where.mine:
        if caller is None:
            raise NotAuthenticated("`mine` needs an access token.")
        conditions_mine = [opportunities.c.partner_id == caller.partner_id]
    else:
        conditions_mine = []

    conditions: list[sa.ColumnElement[bool]] = list(conditions_mine)
    if where.statuses:
        conditions.append(opportunities.c.status.in_(where.statuses))
    if where.kinds:
        conditions.append(opportunities.c.kind.in_(where.kinds))
    if where.partner_ids:
        ids = pks_of(where.partner_ids, "Partner", argument="filter.partnerIds")
        conditions.append(opportunities.c.partner_id.in_(ids))
    if where.countries:
        codes = check_countries(where.countries, "filter.countries")
        conditions.append(opportunities.c.country.in_(codes))
    if where.remote is True:
        conditions.append(opportunities.c.workplace_type == DbWorkplaceType.REMOTE)
    elif where.remote is False:
        conditions.append(opportunities.c.workplace_type != DbWorkplaceType.REMOTE)
    if where.workplace_types:
        conditions.append(opportunities.c.workplace_type.in_(where.workplace_types))
    for skill in where.skills or []:
        conditions.append(
            sa.select(sa.literal(1))
            .where(
                opportunity_skills.c.opportunity_id == opportunities.c.id,
                opportunity_skills.c.skill == normalise_skill(skill),
            )
            .exists()
        )
    if where.language:
        language = check_language(where.language, "filter.language")
        translated = (
            sa.select(sa.literal(1))
            .where(
                opportunity_translations.c.opportunity_id == opportunities.c.id,
                opportunity_translations.c.language == language,
            )
            .exists()
        )
        conditions.append(sa.or_(opportunities.c.language == language, translated))
    if where.posted_since is not None:
        if where.posted_since.tzinfo is None:
            raise BadUserInput("filter.postedSince", "needs a time zone offset")
        conditions.append(opportunities.c.posted_at >= where.posted_since)
    if where.search:
        words = where.search.split()
        if len(words) > MAX_SEARCH_WORDS:
            raise BadUserInput("filter.search", f"at most {MAX_SEARCH_WORDS} words")
        for word in words:
            conditions.append(
                opportunities.c.search_text.like(like_pattern(word), escape="\\")
            )
    return conditions
