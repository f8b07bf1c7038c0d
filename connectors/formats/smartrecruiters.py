"""SmartRecruiters Posting API: `GET /v1/companies/{company}/postings`.

Paged with `limit` and `offset` against `totalFound`. List items are
partial: no `jobAd` sections, so their description is empty until the
posting itself (`/postings/{id}`, same shape plus `jobAd`) is read; both
are accepted. `location.country` is a lower-case alpha-2 code. Candidates
apply on the public posting page, `jobs.smartrecruiters.com/{company}/{id}`;
`ref` is an API address and is not shown to them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import (
    as_dict,
    as_str,
    load_json,
    query_int,
    with_query,
)
from connectors.normalise import (
    clean_url,
    country_code,
    description_html,
    employment_type,
    heading_html,
    join_html,
    parse_datetime,
)
from gateway.db.enums import WorkplaceType

PAGE_SIZE = 100
_COMPANY_IN_PATH = re.compile(r"/companies/([^/?#]+)")
_SECTIONS = (
    "companyDescription",
    "jobDescription",
    "qualifications",
    "additionalInformation",
)


class SmartRecruitersFormat:
    """SmartRecruiters companies (`api.smartrecruiters.com/v1/companies/...`)."""

    kind = "smartrecruiters"

    def first_url(self, url: str) -> str:
        """A page size and the first offset."""
        limit = query_int(url, "limit") or PAGE_SIZE
        return with_query(url, limit=str(limit), offset="0")

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """One page of postings (or one posting); the next page while any remain."""
        document = load_json(body, content_type)
        if not isinstance(document, dict):
            raise FeedMalformed("a SmartRecruiters document is a JSON object")
        builder = PageBuilder(self.kind)
        company = _company(url)

        if "id" in document and "name" in document:
            _add_posting(builder, "posting", document, company)
            return builder.page()
        if not isinstance(document.get("content"), list):
            raise FeedMalformed(
                "not a SmartRecruiters postings page: no `content` array"
            )
        for index, posting in enumerate(document["content"]):
            if isinstance(posting, dict):
                _add_posting(builder, f"content[{index}]", posting, company)
            else:
                builder.reject(f"content[{index}]", "posting is not a JSON object")
        return builder.page(_next_url(url, document))


def _company(url: str) -> str | None:
    match = _COMPANY_IN_PATH.search(url)
    return match.group(1) if match else None


def _next_url(url: str, document: Mapping[str, Any]) -> str | None:
    offset, limit, total = (
        document.get("offset"),
        document.get("limit"),
        document.get("totalFound"),
    )
    if not (
        isinstance(offset, int) and isinstance(limit, int) and isinstance(total, int)
    ):
        return None
    if limit <= 0 or offset + limit >= total:
        return None
    return with_query(url, limit=str(limit), offset=str(offset + limit))


def _add_posting(
    builder: PageBuilder,
    position: str,
    posting: Mapping[str, Any],
    company: str | None,
) -> None:
    location = as_dict(posting.get("location"))
    employment = as_dict(posting.get("typeOfEmployment"))
    experience = as_dict(posting.get("experienceLevel"))
    identifier = as_str(posting.get("id"))

    builder.add(
        position,
        external_id=identifier,
        title=posting.get("name"),
        description=_description(posting),
        language=as_dict(posting.get("language")).get("code"),
        kind_hints=(experience.get("id"), experience.get("label")),
        city=as_str(location.get("city")),
        country=country_code(location.get("country")),
        workplace_type=_workplace(location),
        employment_type=employment_type(employment.get("label"), employment.get("id")),
        posted_at=parse_datetime(posting.get("releasedDate")),
        apply_url=clean_url(posting.get("applyUrl")) or _posting_page(posting, company),
    )


def _workplace(location: Mapping[str, Any]) -> WorkplaceType:
    if location.get("remote") is True:
        return WorkplaceType.REMOTE
    if location.get("hybrid") is True:
        return WorkplaceType.HYBRID
    return WorkplaceType.ON_SITE


def _posting_page(posting: Mapping[str, Any], company: str | None) -> str | None:
    company = as_str(as_dict(posting.get("company")).get("identifier")) or company
    identifier = as_str(posting.get("id"))
    if not company or not identifier:
        return None
    return clean_url(f"https://jobs.smartrecruiters.com/{company}/{identifier}")


def _description(posting: Mapping[str, Any]) -> str:
    sections = as_dict(as_dict(posting.get("jobAd")).get("sections"))
    parts = []
    for name in _SECTIONS:
        section = as_dict(sections.get(name))
        text = description_html(as_str(section.get("text")))
        if text:
            parts.append(heading_html(as_str(section.get("title")) or "") + text)
    return join_html(*parts)
