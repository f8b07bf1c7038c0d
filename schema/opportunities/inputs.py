"""What partners send to post or change an opportunity, and its checks."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import strawberry

from gateway.db.enums import CEFR_RANK
from gateway.db.enums import CefrLevel as DbCefrLevel
from gateway.db.enums import WorkplaceType as DbWorkplaceType
from gateway.db.html import sanitise_html
from gateway.db.text import normalise_skill
from schema.common.countries import check_countries, check_list_size
from schema.common.enums import (
    CefrLevel,
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from schema.common.errors import BadUserInput
from schema.common.i18n import check_language

_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_TITLE = 300
MAX_DESCRIPTION = 50_000
SALARY_KEYS = ("salary_min", "salary_max", "salary_currency", "salary_period")


@strawberry.input(description="The title and description in one more language.")
class OpportunityTextInput:
    language: str = strawberry.field(description="ISO 639-1 code, e.g. `en`.")
    title: str = strawberry.field(description="Title in that language.")
    description: str = strawberry.field(
        default="", description="Description in that language (HTML allowed)."
    )


@strawberry.input(description="Pay offered, as a range in one currency and period.")
class SalaryInput:
    min: Decimal | None = strawberry.field(default=None, description="Lowest amount.")
    max: Decimal | None = strawberry.field(default=None, description="Highest amount.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. `MAD`.")
    period: SalaryPeriod = strawberry.field(description="Time unit of the amounts.")


@strawberry.input(description="A language the opportunity requires.")
class RequiredLanguageInput:
    language: str = strawberry.field(description="ISO 639-1 code.")
    min_level: CefrLevel = strawberry.field(
        default=DbCefrLevel.B1, description="Lowest CEFR level accepted."
    )


@strawberry.input(description="A new opportunity, posted for your organisation.")
class OpportunityInput:
    kind: OpportunityKind = strawberry.field(description="What is offered.")
    language: str = strawberry.field(
        description="ISO 639-1 code of the language the text is written in."
    )
    title: str = strawberry.field(description="Title, 1 to 300 characters.")
    description: str = strawberry.field(
        default="",
        description="Description; HTML is sanitised (no scripts or handlers).",
    )
    translations: list[OpportunityTextInput] | None = strawberry.field(
        default=None,
        description="The same text in other languages: foreign students often "
        "cannot read French or Arabic.",
    )
    city: str | None = strawberry.field(default=None, description="City.")
    country: str | None = strawberry.field(
        default=None, description="Country, ISO 3166-1 alpha-2."
    )
    workplace_type: WorkplaceType = strawberry.field(
        default=DbWorkplaceType.ON_SITE, description="On site, hybrid or remote."
    )
    employment_type: EmploymentType | None = strawberry.field(
        default=None, description="Contract form."
    )
    salary: SalaryInput | None = strawberry.field(default=None, description="Pay.")
    required_skills: list[str] | None = strawberry.field(
        default=None, description="Skills asked for (at most 30)."
    )
    required_languages: list[RequiredLanguageInput] | None = strawberry.field(
        default=None, description="Languages required, with minimum levels."
    )
    expires_at: datetime.datetime | None = strawberry.field(
        default=None, description="Last moment to apply, with a time zone."
    )
    apply_url: str | None = strawberry.field(
        default=None, description="Where to apply: an http(s) address."
    )
    publish: bool = strawberry.field(
        default=True, description="False keeps it as a draft only you can see."
    )


@strawberry.input(
    description="Changes to one of your opportunities; omitted fields stay as they are."
)
class OpportunityPatch:
    title: str | None = strawberry.field(default=None, description="New title.")
    description: str | None = strawberry.field(
        default=None, description="New description (sanitised HTML)."
    )
    translations: list[OpportunityTextInput] | None = strawberry.field(
        default=None, description="Replaces every translation."
    )
    city: str | None = strawberry.field(default=None, description="New city.")
    country: str | None = strawberry.field(default=None, description="New country.")
    workplace_type: WorkplaceType | None = strawberry.field(
        default=None, description="New workplace type."
    )
    employment_type: EmploymentType | None = strawberry.field(
        default=None, description="New contract form."
    )
    salary: SalaryInput | None = strawberry.field(default=None, description="New pay.")
    required_skills: list[str] | None = strawberry.field(
        default=None, description="Replaces the skills asked for."
    )
    required_languages: list[RequiredLanguageInput] | None = strawberry.field(
        default=None, description="Replaces the languages required."
    )
    expires_at: datetime.datetime | None = strawberry.field(
        default=None, description="New closing time."
    )
    apply_url: str | None = strawberry.field(
        default=None, description="New application address."
    )
    publish: bool | None = strawberry.field(
        default=None, description="True publishes a draft; false takes it back."
    )


def check_title(title: str, argument: str) -> str:
    """A trimmed title of 1 to 300 characters."""
    trimmed = " ".join(title.split())
    if not 1 <= len(trimmed) <= MAX_TITLE:
        raise BadUserInput(argument, f"must be 1 to {MAX_TITLE} characters")
    return trimmed


def check_description(html: str, argument: str) -> str:
    """Sanitised HTML of bounded size."""
    if len(html) > MAX_DESCRIPTION:
        raise BadUserInput(argument, f"at most {MAX_DESCRIPTION} characters")
    return sanitise_html(html)


def check_url(url: str, argument: str) -> str:
    """An absolute http(s) address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 1000:
        raise BadUserInput(argument, "must be an absolute http(s) address")
    return url.strip()


def check_moment(moment: datetime.datetime, argument: str) -> datetime.datetime:
    """A time with a zone, so it means the same everywhere."""
    if moment.tzinfo is None:
        raise BadUserInput(argument, "needs a time zone offset")
    return moment


def salary_columns(salary: SalaryInput | None, argument: str) -> dict[str, Any]:
    """The four salary columns, checked."""
    if salary is None:
        return dict.fromkeys(SALARY_KEYS)
    if salary.min is None and salary.max is None:
        raise BadUserInput(argument, "give `min`, `max` or both")
    for value in (salary.min, salary.max):
        if value is not None and not value.is_finite():
            raise BadUserInput(argument, "amounts must be numbers")
        if value is not None and (value < 0 or value >= Decimal("1e12")):
            raise BadUserInput(argument, "amounts must be between 0 and 10^12")
    if salary.min is not None and salary.max is not None and salary.min > salary.max:
        raise BadUserInput(argument, "`min` is above `max`")
    currency = salary.currency.strip().upper()
    if not _CURRENCY.match(currency):
        raise BadUserInput(f"{argument}.currency", "must be an ISO 4217 code")
    return dict(
        salary_min=salary.min,
        salary_max=salary.max,
        salary_currency=currency,
        salary_period=salary.period,
    )


def translation_rows(
    texts: list[OpportunityTextInput], original: str, argument: str
) -> list[dict[str, Any]]:
    """Translation rows, one per language other than the original."""
    check_list_size(texts, argument, limit=10)
    rows: dict[str, dict[str, Any]] = {}
    for index, text in enumerate(texts):
        language = check_language(text.language, f"{argument}[{index}].language")
        if language == original or language in rows:
            raise BadUserInput(f"{argument}[{index}]", "one text per language")
        rows[language] = dict(
            language=language,
            title=check_title(text.title, f"{argument}[{index}].title"),
            description=check_description(
                text.description, f"{argument}[{index}].description"
            ),
        )
    return list(rows.values())


def skill_rows(skills: list[str], argument: str) -> list[str]:
    """Normalised, distinct, non-empty skills."""
    check_list_size(skills, argument, limit=30)
    cleaned = sorted({normalise_skill(skill) for skill in skills} - {""})
    return cleaned


def language_rows(
    languages: list[RequiredLanguageInput], argument: str
) -> list[dict[str, Any]]:
    """Required-language rows with their CEFR ranks."""
    check_list_size(languages, argument, limit=10)
    rows: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(languages):
        language = check_language(item.language, f"{argument}[{index}].language")
        level = DbCefrLevel(item.min_level)
        rows[language] = dict(
            language=language, min_level=level, min_level_rank=CEFR_RANK[level]
        )
    return list(rows.values())


def place_columns(
    city: str | None, country: str | None, argument: str
) -> dict[str, Any]:
    """City and country columns, checked."""
    columns: dict[str, Any] = {}
    if city is not None:
        columns["city"] = " ".join(city.split())[:120] or None
    if country is not None:
        columns["country"] = check_countries([country], f"{argument}.country")[0]
    return columns
