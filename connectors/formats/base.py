"""What every feed format produces: normalised postings, page by page.

A format is pure: bytes in, postings out. Fetching, paging requests,
retries and writing to the database belong to the sync engine.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)


@dataclass(frozen=True)
class Posting:
    """One opportunity as a source describes it, normalised.

    Text stays in its language; `description` is sanitised HTML; times are
    UTC; `country` is ISO 3166-1 alpha-2; vocabularies are the gateway's.
    """

    external_id: str
    title: str
    description: str
    language: str
    kind: OpportunityKind = OpportunityKind.JOB
    city: str | None = None
    country: str | None = None
    workplace_type: WorkplaceType = WorkplaceType.ON_SITE
    employment_type: EmploymentType | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str | None = None
    salary_period: SalaryPeriod | None = None
    posted_at: datetime | None = None
    expires_at: datetime | None = None
    apply_url: str | None = None
    # The source's own last-change time, when it publishes one.
    source_updated_at: datetime | None = None
    skills: tuple[str, ...] = field(default_factory=tuple)

    def content_hash(self) -> str:
        """A stable digest of everything the gateway stores of this posting.

        Sources without an update time (Lever) are compared by this hash;
        an unchanged hash means nothing is rewritten.
        """
        # A flat dict of the fields: `asdict` deep-copies, at twice the cost.
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        canonical = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Rejection:
    """A posting that could not be used: where it was and why."""

    position: str
    reason: str
    external_id: str | None = None


@dataclass
class Page:
    """What one fetched document yields."""

    postings: list[Posting] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    # The next document of the same snapshot, for paged APIs.
    next_url: str | None = None


class FeedFormat(Protocol):
    """A source format: how to start, and how to read one document."""

    kind: str

    def first_url(self, url: str) -> str:
        """The first address to fetch, from the URL the partner registered."""
        ...

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """Postings, rejections and the next page of one fetched document.

        Raises `connectors.errors.FeedMalformed` when the document as a
        whole cannot be read; a bad single posting is a `Rejection`.
        """
        ...
