"""Mutations partners use to post, change and close their opportunities.

The owner is always the partner in the access token; an opportunity of any
other partner is refused, whatever id is sent.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
import strawberry
from sqlalchemy.ext.asyncio import AsyncConnection

from auth.caller import Caller
from auth.errors import NotPermitted
from auth.permissions import scope_guard
from auth.scopes import OPPORTUNITIES_WRITE
from gateway.db.enums import OpportunityStatus
from gateway.db.text import build_search_text
from schema.common.context import Info
from schema.common.errors import NotFound
from schema.common.i18n import check_language
from schema.common.ids import pk_of
from schema.opportunities.inputs import (
    OpportunityInput,
    OpportunityPatch,
    check_description,
    check_moment,
    check_title,
    check_url,
    language_rows,
    place_columns,
    salary_columns,
    skill_rows,
    translation_rows,
)
from schema.opportunities.loaders import (
    OpportunityByIdLoader,
    opportunities,
    opportunity_languages,
    opportunity_skills,
    opportunity_translations,
)
from schema.opportunities.types import Opportunity

logger = logging.getLogger(__name__)

WRITE_SCOPES = [[OPPORTUNITIES_WRITE]]


def _caller(info: Info) -> Caller:
    caller = info.context.caller
    assert caller is not None  # HasScope let only authenticated callers in
    return caller


async def _replace_children(
    connection: AsyncConnection,
    opportunity_id: int,
    translations: list[dict[str, Any]] | None,
    skills: list[str] | None,
    languages: list[dict[str, Any]] | None,
) -> None:
    skill_dicts = None if skills is None else [{"skill": skill} for skill in skills]
    for table, rows in (
        (opportunity_translations, translations),
        (opportunity_skills, skill_dicts),
        (opportunity_languages, languages),
    ):
        if rows is None:
            continue
        await connection.execute(
            sa.delete(table).where(table.c.opportunity_id == opportunity_id)
        )
        if rows:
            await connection.execute(
                sa.insert(table),
                [{**row, "opportunity_id": opportunity_id} for row in rows],
            )


async def _refresh_search_text(
    connection: AsyncConnection, opportunity_id: int
) -> None:
    """Rebuild `search_text` from the stored title, translations and skills."""
    title = await connection.scalar(
        sa.select(opportunities.c.title).where(opportunities.c.id == opportunity_id)
    )
    titles = await connection.scalars(
        sa.select(opportunity_translations.c.title).where(
            opportunity_translations.c.opportunity_id == opportunity_id
        )
    )
    skills = await connection.scalars(
        sa.select(opportunity_skills.c.skill).where(
            opportunity_skills.c.opportunity_id == opportunity_id
        )
    )
    await connection.execute(
        sa.update(opportunities)
        .where(opportunities.c.id == opportunity_id)
        .values(search_text=build_search_text([title, *titles, *skills]))
    )


async def _owned(connection: AsyncConnection, caller: Caller, global_id: str) -> Any:
    """The opportunity row behind `global_id`, which must be the caller's."""
    pk = pk_of(global_id, "Opportunity")
    statement = sa.select(
        opportunities.c.id,
        opportunities.c.partner_id,
        opportunities.c.language,
        opportunities.c.status,
    ).where(opportunities.c.id == pk)
    row = (await connection.execute(statement)).first()
    # Another partner's draft or closed posting is invisible to the caller:
    # answer as if it did not exist, so writes cannot probe for it.
    hidden = row is not None and (
        row.partner_id != caller.partner_id
        and row.status != OpportunityStatus.PUBLISHED
    )
    if row is None or hidden:
        raise NotFound("No opportunity has this id.")
    if row.partner_id != caller.partner_id:
        raise NotPermitted("This opportunity belongs to another partner.")
    return row


async def _reload(info: Info, opportunity_id: int) -> Any:
    loader = info.context.loader(OpportunityByIdLoader)
    loader.clear(opportunity_id)
    return await loader.load(opportunity_id)


@strawberry.type
class OpportunityMutation:
    @strawberry.federation.field(
        requires_scopes=WRITE_SCOPES,
        extensions=scope_guard(OPPORTUNITIES_WRITE),
        description="Post an opportunity for your organisation.",
    )
    async def post_opportunity(
        self,
        info: Info,
        input: Annotated[
            OpportunityInput, strawberry.argument(description="The opportunity.")
        ],
    ) -> Opportunity:
        caller = _caller(info)
        values = _new_columns(input, caller)
        language = values["language"]
        translations = translation_rows(
            input.translations or [], language, "input.translations"
        )
        skills = skill_rows(input.required_skills or [], "input.requiredSkills")
        languages = language_rows(
            input.required_languages or [], "input.requiredLanguages"
        )

        async with info.context.db.writing() as connection:
            result = await connection.execute(
                sa.insert(opportunities).values(**values).returning(opportunities.c.id)
            )
            opportunity_id = int(result.scalar_one())
            await _replace_children(
                connection, opportunity_id, translations, skills, languages
            )
            await _refresh_search_text(connection, opportunity_id)
        logger.info(
            "opportunity %d posted by partner %d", opportunity_id, caller.partner_id
        )
        return await _reload(info, opportunity_id)  # type: ignore[no-any-return]

    @strawberry.federation.field(
        requires_scopes=WRITE_SCOPES,
        extensions=scope_guard(OPPORTUNITIES_WRITE),
        description="Change one of your opportunities.",
    )
    async def update_opportunity(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
        input: Annotated[
            OpportunityPatch, strawberry.argument(description="What to change.")
        ],
    ) -> Opportunity:
        caller = _caller(info)
        async with info.context.db.writing() as connection:
            row = await _owned(connection, caller, id)
            values = _patch_columns(input)
            if values:
                values["updated_at"] = datetime.now(UTC)
                await connection.execute(
                    sa.update(opportunities)
                    .where(opportunities.c.id == row.id)
                    .values(**values)
                )
            await _replace_children(
                connection, row.id, *_patch_children(input, row.language)
            )
            await _refresh_search_text(connection, row.id)
        logger.info("opportunity %d updated by partner %d", row.id, caller.partner_id)
        return await _reload(info, row.id)  # type: ignore[no-any-return]

    @strawberry.federation.field(
        requires_scopes=WRITE_SCOPES,
        extensions=scope_guard(OPPORTUNITIES_WRITE),
        description="Close one of your opportunities: it leaves public lists but "
        "is kept (never deleted).",
    )
    async def close_opportunity(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
    ) -> Opportunity:
        caller = _caller(info)
        async with info.context.db.writing() as connection:
            row = await _owned(connection, caller, id)
            await connection.execute(
                sa.update(opportunities)
                .where(opportunities.c.id == row.id)
                .values(status=OpportunityStatus.CLOSED, updated_at=datetime.now(UTC))
            )
        logger.info("opportunity %d closed by partner %d", row.id, caller.partner_id)
        return await _reload(info, row.id)  # type: ignore[no-any-return]


def _new_columns(new: OpportunityInput, caller: Caller) -> dict[str, Any]:
    """Checked column values of a new opportunity owned by the caller."""
    published = OpportunityStatus.PUBLISHED
    values: dict[str, Any] = dict(
        partner_id=caller.partner_id,
        kind=new.kind,
        status=published if new.publish else OpportunityStatus.DRAFT,
        language=check_language(new.language, "input.language"),
        title=check_title(new.title, "input.title"),
        description=check_description(new.description, "input.description"),
        workplace_type=new.workplace_type,
        employment_type=new.employment_type,
        posted_at=datetime.now(UTC),
        source="manual",
        expires_at=None,
        apply_url=None,
    )
    if new.expires_at is not None:
        values["expires_at"] = check_moment(new.expires_at, "input.expiresAt")
    if new.apply_url is not None:
        values["apply_url"] = check_url(new.apply_url, "input.applyUrl")
    values.update(place_columns(new.city, new.country, "input"))
    values.update(salary_columns(new.salary, "input.salary"))
    return values


def _patch_children(
    patch: OpportunityPatch, original_language: str
) -> tuple[list[dict[str, Any]] | None, list[str] | None, list[dict[str, Any]] | None]:
    """Checked replacements for translations, skills and languages, if given."""
    translations = skills = languages = None
    if patch.translations is not None:
        translations = translation_rows(
            patch.translations, original_language, "input.translations"
        )
    if patch.required_skills is not None:
        skills = skill_rows(patch.required_skills, "input.requiredSkills")
    if patch.required_languages is not None:
        languages = language_rows(patch.required_languages, "input.requiredLanguages")
    return translations, skills, languages


def _patch_columns(patch: OpportunityPatch) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if patch.title is not None:
        values["title"] = check_title(patch.title, "input.title")
    if patch.description is not None:
        values["description"] = check_description(
            patch.description, "input.description"
        )
    values.update(place_columns(patch.city, patch.country, "input"))
    if patch.workplace_type is not None:
        values["workplace_type"] = patch.workplace_type
    if patch.employment_type is not None:
        values["employment_type"] = patch.employment_type
    if patch.salary is not None:
        values.update(salary_columns(patch.salary, "input.salary"))
    if patch.expires_at is not None:
        values["expires_at"] = check_moment(patch.expires_at, "input.expiresAt")
    if patch.apply_url is not None:
        values["apply_url"] = check_url(patch.apply_url, "input.applyUrl")
    if patch.publish is not None:
        values["status"] = (
            OpportunityStatus.PUBLISHED if patch.publish else OpportunityStatus.DRAFT
        )
    return values
