"""Turning a source's fields into a checked `Posting`, or a `Rejection`.

Every format hands its raw values to `PageBuilder.add`, which applies the
rules that hold for all sources: an id and a title are required, titles are
plain text in their own language, the language is declared or detected,
the kind follows the contract form, and an id seen twice in one document
is kept once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from datetime import datetime

from connectors.formats.base import Page, Posting, Rejection
from connectors.normalise import (
    NO_SALARY,
    Salary,
    city_name,
    declared_language,
    document_languages,
    opportunity_kind,
    plain_text,
    visible_text,
)
from gateway.db.enums import EmploymentType, OpportunityKind, WorkplaceType
from gateway.db.text import normalise_skill

logger = logging.getLogger(__name__)

MAX_ID_LENGTH = 255
MAX_TITLE_LENGTH = 300
MAX_SKILL_LENGTH = 80


def _external_id(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def _skills(values: Iterable[object]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        skill = plain_text(value)
        if skill and len(skill) <= MAX_SKILL_LENGTH:
            seen.setdefault(normalise_skill(skill), skill)
    return tuple(seen.values())


class PageBuilder:
    """Collects the postings and rejections of one document."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._page = Page()
        self._positions: dict[str, str] = {}
        # Postings whose language is decided with the whole document's text.
        self._undecided: list[tuple[int, str]] = []

    def reject(
        self, position: str, reason: str, external_id: str | None = None
    ) -> None:
        """Record a posting that cannot be used, and why."""
        self._page.rejections.append(Rejection(position, reason, external_id))

    def add(
        self,
        position: str,
        *,
        external_id: object,
        title: object,
        description: str = "",
        language: object = None,
        kind: OpportunityKind | None = None,
        kind_hints: Iterable[object] = (),
        city: object = None,
        country: str | None = None,
        workplace_type: WorkplaceType | None = None,
        employment_type: EmploymentType | None = None,
        salary: Salary = NO_SALARY,
        posted_at: datetime | None = None,
        expires_at: datetime | None = None,
        apply_url: str | None = None,
        source_updated_at: datetime | None = None,
        skills: Iterable[object] = (),
    ) -> None:
        """Check and add one posting; `description` is already sanitised HTML."""
        identifier = _external_id(external_id)
        clean_title = plain_text(title)
        if identifier is None:
            self.reject(position, "missing id")
            return
        problem = self._problem(identifier, clean_title)
        if problem:
            self.reject(position, problem, identifier)
            return
        if identifier in self._positions:
            first = self._positions[identifier]
            self.reject(position, f"duplicate id, first seen at {first}", identifier)
            return

        self._positions[identifier] = position
        declared = declared_language(language)
        if declared is None:
            text = f"{clean_title}. {visible_text(description)}"
            self._undecided.append((len(self._page.postings), text))
        self._page.postings.append(
            Posting(
                external_id=identifier,
                title=clean_title,
                description=description,
                language=declared or "",
                kind=kind
                or opportunity_kind(employment_type, clean_title, *kind_hints),
                city=city_name(city),
                country=country,
                workplace_type=workplace_type or WorkplaceType.ON_SITE,
                employment_type=employment_type,
                salary_min=salary.minimum,
                salary_max=salary.maximum,
                salary_currency=salary.currency,
                salary_period=salary.period,
                posted_at=posted_at,
                expires_at=expires_at,
                apply_url=apply_url,
                source_updated_at=source_updated_at,
                skills=_skills(skills),
            )
        )

    @staticmethod
    def _problem(identifier: str, title: str) -> str | None:
        if len(identifier) > MAX_ID_LENGTH:
            return f"id longer than {MAX_ID_LENGTH} characters"
        if not title:
            return "missing title"
        if len(title) > MAX_TITLE_LENGTH:
            return f"title longer than {MAX_TITLE_LENGTH} characters"
        return None

    def page(self, next_url: str | None = None) -> Page:
        """The finished page."""
        postings = self._page.postings
        languages = document_languages([text for _, text in self._undecided])
        for (index, _), language in zip(self._undecided, languages, strict=True):
            postings[index] = dataclasses.replace(postings[index], language=language)
        self._undecided.clear()
        self._page.next_url = next_url
        logger.debug(
            "%s document: %d postings, %d rejections",
            self.kind,
            len(self._page.postings),
            len(self._page.rejections),
        )
        return self._page
