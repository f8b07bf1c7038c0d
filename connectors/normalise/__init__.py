"""Normalising partner data: HTML, text, dates, places, vocabularies, pay.

Pure functions shared by every feed format; see each module for its rules
(`text` holds the entity-unescaping rule).
"""

from connectors.normalise.dates import from_epoch, parse_datetime, to_utc
from connectors.normalise.language import (
    declared_language,
    detect_language,
    document_languages,
)
from connectors.normalise.places import (
    Place,
    city_name,
    country_code,
    is_remote_word,
    parse_place,
    split_places,
)
from connectors.normalise.salary import (
    NO_SALARY,
    Salary,
    currency_code,
    parse_amount,
    parse_salary_text,
    salary_range,
)
from connectors.normalise.text import (
    clean_url,
    description_html,
    heading_html,
    join_html,
    plain_text,
    unescape_levels,
    visible_text,
)
from connectors.normalise.vocabulary import (
    employment_type,
    is_internship_title,
    opportunity_kind,
    salary_period,
    workplace_type,
)

__all__ = [
    "NO_SALARY",
    "Place",
    "Salary",
    "city_name",
    "clean_url",
    "country_code",
    "currency_code",
    "declared_language",
    "description_html",
    "detect_language",
    "document_languages",
    "employment_type",
    "from_epoch",
    "heading_html",
    "is_internship_title",
    "is_remote_word",
    "join_html",
    "opportunity_kind",
    "parse_amount",
    "parse_datetime",
    "parse_place",
    "parse_salary_text",
    "plain_text",
    "salary_period",
    "salary_range",
    "split_places",
    "to_utc",
    "unescape_levels",
    "visible_text",
    "workplace_type",
]
