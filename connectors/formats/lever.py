"""Lever Postings API: `GET /v0/postings/{site}?mode=json`.

The body is a bare JSON array, paged with `skip` and `limit`: a page that
comes back full may have a next one. `createdAt` is epoch milliseconds.
The description is `description` (opening and body, HTML), then each of
`lists` (a title and bare `<li>` items, wrapped here in a `<ul>`), then
`additional`. Lever publishes no update time (see the limitation noted in
`_add_posting`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import (
    as_dict,
    as_list,
    as_str,
    load_json,
    query_int,
    with_query,
)
from connectors.normalise import (
    NO_SALARY,
    Salary,
    clean_url,
    country_code,
    description_html,
    employment_type,
    from_epoch,
    heading_html,
    join_html,
    parse_place,
    salary_period,
    salary_range,
    workplace_type,
)

PAGE_SIZE = 100


class LeverFormat:
    """Lever job sites (`api.lever.co/v0/postings/{site}`)."""

    kind = "lever"

    def first_url(self, url: str) -> str:
        """JSON mode, a page size, and the first page."""
        limit = query_int(url, "limit") or PAGE_SIZE
        return with_query(url, mode="json", limit=str(limit), skip="0")

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """One page of postings; the next one when this one came back full."""
        document = load_json(body, content_type)
        if not isinstance(document, list):
            raise FeedMalformed("a Lever postings page is a JSON array")

        builder = PageBuilder(self.kind)
        for index, posting in enumerate(document):
            if isinstance(posting, dict):
                _add_posting(builder, f"[{index}]", posting)
            else:
                builder.reject(f"[{index}]", "posting is not a JSON object")
        return builder.page(_next_url(url, len(document)))


def _next_url(url: str, count: int) -> str | None:
    limit = query_int(url, "limit")
    if not limit or count < limit:
        return None
    skip = query_int(url, "skip") or 0
    return with_query(url, skip=str(skip + limit))


def _add_posting(
    builder: PageBuilder, position: str, posting: Mapping[str, Any]
) -> None:
    categories = as_dict(posting.get("categories"))
    commitment = as_str(categories.get("commitment"))
    place = parse_place(as_str(categories.get("location")) or "")

    builder.add(
        position,
        external_id=posting.get("id"),
        title=posting.get("text"),
        description=_description(posting),
        city=place.city,
        country=country_code(posting.get("country")) or place.country,
        workplace_type=workplace_type(posting.get("workplaceType")),
        employment_type=employment_type(commitment),
        salary=_salary(posting),
        posted_at=from_epoch(posting.get("createdAt")),
        # Limitation: Lever exposes no update time, so `source_updated_at`
        # stays None and the sync engine finds changes by comparing content
        # hashes (`Posting.content_hash`).
        apply_url=clean_url(posting.get("applyUrl"))
        or clean_url(posting.get("hostedUrl")),
    )


def _description(posting: Mapping[str, Any]) -> str:
    body = as_str(posting.get("description")) or join_html(
        as_str(posting.get("opening")) or "",
        as_str(posting.get("descriptionBody")) or "",
    )
    sections = [description_html(body)]
    for item in map(as_dict, as_list(posting.get("lists"))):
        content = as_str(item.get("content")) or ""
        # Items come bare; a "list" of prose (no items) stays prose.
        items = description_html(f"<ul>{content}</ul>" if "<li" in content else content)
        sections.append(heading_html(as_str(item.get("text")) or "") + items)
    sections.append(description_html(as_str(posting.get("additional"))))
    return join_html(*sections)


def _salary(posting: Mapping[str, Any]) -> Salary:
    pay = as_dict(posting.get("salaryRange"))
    if not pay:
        return NO_SALARY
    return salary_range(
        pay.get("min"),
        pay.get("max"),
        pay.get("currency"),
        salary_period(pay.get("interval")),
    )
