"""Batched reads of opportunities and their details."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Row

from auth.rules import visible_opportunities
from gateway.db.models import (
    Opportunity,
    OpportunityLanguage,
    OpportunitySkill,
    OpportunityTranslation,
    table_of,
)
from schema.common.columns import enum_as_text
from schema.common.context import RowLoader
from schema.common.node import register_node, typename_column

opportunities = table_of(Opportunity)
opportunity_translations = table_of(OpportunityTranslation)
opportunity_skills = table_of(OpportunitySkill)
opportunity_languages = table_of(OpportunityLanguage)

OPPORTUNITY_TYPENAME = typename_column("Opportunity")
SALARY_COLUMNS = (
    opportunities.c.salary_min,
    opportunities.c.salary_max,
    opportunities.c.salary_currency,
    enum_as_text(opportunities.c.salary_period),
)
OPPORTUNITY_COLUMNS = (
    opportunities.c.id,
    opportunities.c.partner_id,
    enum_as_text(opportunities.c.kind),
    enum_as_text(opportunities.c.status),
    opportunities.c.language,
    opportunities.c.title,
    opportunities.c.description,
    opportunities.c.city,
    opportunities.c.country,
    enum_as_text(opportunities.c.workplace_type),
    enum_as_text(opportunities.c.employment_type),
    *SALARY_COLUMNS,
    opportunities.c.posted_at,
    opportunities.c.expires_at,
    opportunities.c.apply_url,
    opportunities.c.source,
    OPPORTUNITY_TYPENAME,
)

OPPORTUNITY_FIELD_COLUMNS: dict[str, tuple[sa.ColumnElement[Any], ...]] = {
    "partner": (opportunities.c.partner_id,),
    "kind": (enum_as_text(opportunities.c.kind),),
    "status": (enum_as_text(opportunities.c.status),),
    "language": (opportunities.c.language,),
    "title": (opportunities.c.title, opportunities.c.language),
    "description": (opportunities.c.description, opportunities.c.language),
    "availableLanguages": (opportunities.c.language,),
    "city": (opportunities.c.city,),
    "country": (opportunities.c.country,),
    "workplaceType": (enum_as_text(opportunities.c.workplace_type),),
    "employmentType": (enum_as_text(opportunities.c.employment_type),),
    "salary": SALARY_COLUMNS,
    "postedAt": (opportunities.c.posted_at,),
    "expiresAt": (opportunities.c.expires_at,),
    "applyUrl": (opportunities.c.apply_url,),
    "source": (opportunities.c.source,),
}


def _group(rows: Any, keys: list[int]) -> list[list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.opportunity_id].append(row)
    return [grouped.get(key, []) for key in keys]


class OpportunityByIdLoader(RowLoader[int, Row[Any] | None]):
    """Opportunities by primary key: published ones, and the caller's own."""

    async def batch_load_fn(self, keys: list[int]) -> list[Row[Any] | None]:
        statement = sa.select(*OPPORTUNITY_COLUMNS).where(
            opportunities.c.id.in_(keys), visible_opportunities(self.caller)
        )
        found = {row.id: row for row in await self.db.fetch_all(statement)}
        return [found.get(key) for key in keys]


class TranslationsByOpportunityLoader(RowLoader[int, list[Row[Any]]]):
    """Other-language versions of each opportunity."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[Row[Any]]]:
        statement = (
            sa.select(
                opportunity_translations.c.opportunity_id,
                opportunity_translations.c.language,
                opportunity_translations.c.title,
                opportunity_translations.c.description,
            )
            .where(opportunity_translations.c.opportunity_id.in_(keys))
            .order_by(
                opportunity_translations.c.opportunity_id,
                opportunity_translations.c.language,
            )
        )
        return _group(await self.db.fetch_all(statement), keys)


class SkillsByOpportunityLoader(RowLoader[int, list[str]]):
    """Skills each opportunity asks for."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[str]]:
        statement = (
            sa.select(opportunity_skills.c.opportunity_id, opportunity_skills.c.skill)
            .where(opportunity_skills.c.opportunity_id.in_(keys))
            .order_by(opportunity_skills.c.opportunity_id, opportunity_skills.c.skill)
        )
        return [
            [row.skill for row in rows]
            for rows in _group(await self.db.fetch_all(statement), keys)
        ]


class LanguagesByOpportunityLoader(RowLoader[int, list[Row[Any]]]):
    """Languages each opportunity requires, with minimum levels."""

    async def batch_load_fn(self, keys: list[int]) -> list[list[Row[Any]]]:
        statement = (
            sa.select(
                opportunity_languages.c.opportunity_id,
                opportunity_languages.c.language,
                enum_as_text(opportunity_languages.c.min_level),
            )
            .where(opportunity_languages.c.opportunity_id.in_(keys))
            .order_by(
                opportunity_languages.c.opportunity_id,
                opportunity_languages.c.language,
            )
        )
        return _group(await self.db.fetch_all(statement), keys)


register_node("Opportunity", OpportunityByIdLoader)
