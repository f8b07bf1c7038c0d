"""Workable: the public widget API and the authenticated SPI v3 jobs list.

Told apart by shape: the widget document names the account
(`{"name": ..., "jobs": [...]}`, `apply.workable.com/api/v1/widget/
accounts/{subdomain}`); the SPI list has `jobs` and, while there are more,
`paging.next` (`{subdomain}.workable.com/spi/v3/jobs`); one SPI job
(`/spi/v3/jobs/{shortcode}`) is a bare job object. The shortcode is the
id in both APIs. Draft and archived SPI jobs are no postings and are
skipped, not rejected.

Workable's HTML is not escaped (a bare `G&A` occurs) and some
descriptions carry a stray backslash before a line break (`<ul>\\`), an
artefact of how they were pasted, which is removed.
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
    workplace_type,
)
from gateway.db.enums import WorkplaceType

_UNPUBLISHED_STATES = frozenset({"draft", "archived", "closed"})
# SPI list items carry no text unless asked for.
_SPI_FIELDS = "description,full_description,requirements,benefits"


class WorkableFormat:
    """Workable accounts, through the widget API or SPI v3."""

    kind = "workable"

    def first_url(self, url: str) -> str:
        """Ask for the job texts too: `details` (widget), `include_fields` (SPI)."""
        if "/spi/" in url:
            return with_query(url, include_fields=_SPI_FIELDS)
        if "/widget/" in url or "/api/accounts/" in url:
            return with_query(url, details="true")
        return url

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """The jobs of a widget document, an SPI page or one SPI job."""
        document = load_json(body, content_type)
        if not isinstance(document, dict):
            raise FeedMalformed("a Workable document is a JSON object")
        builder = PageBuilder(self.kind)

        if "shortcode" in document and "title" in document:
            _add_job(builder, "job", document)
            return builder.page()
        if not isinstance(document.get("jobs"), list):
            raise FeedMalformed("not a Workable document: no `jobs` array")
        for index, job in enumerate(document["jobs"]):
            if isinstance(job, dict):
                _add_job(builder, f"jobs[{index}]", job)
            else:
                builder.reject(f"jobs[{index}]", "job is not a JSON object")
        next_url = clean_url(as_dict(document.get("paging")).get("next"))
        return builder.page(next_url)


def _add_job(builder: PageBuilder, position: str, job: Mapping[str, Any]) -> None:
    if as_str(job.get("state")) in _UNPUBLISHED_STATES:
        return
    location = _location(job)
    employment = employment_type(job.get("employment_type"))

    builder.add(
        position,
        external_id=job.get("shortcode"),
        title=job.get("title"),
        description=_description(job),
        kind_hints=(job.get("experience"),),
        city=as_str(location.get("city")),
        country=country_code(
            location.get("country_code") or location.get("countryCode")
        )
        or country_code(location.get("country")),
        workplace_type=_workplace(job, location),
        employment_type=employment,
        posted_at=parse_datetime(job.get("published_on") or job.get("created_at")),
        apply_url=clean_url(job.get("application_url")) or clean_url(job.get("url")),
    )


def _location(job: Mapping[str, Any]) -> Mapping[str, Any]:
    """SPI's `location` object, the widget's first visible place, or the flat fields."""
    if isinstance(job.get("location"), dict):
        return as_dict(job["location"])
    for place in map(as_dict, as_list(job.get("locations"))):
        if not place.get("hidden"):
            return place
    return job


def _workplace(
    job: Mapping[str, Any], location: Mapping[str, Any]
) -> WorkplaceType | None:
    declared = workplace_type(job.get("workplace"), job.get("workplace_type"))
    if declared is not None:
        return declared
    if job.get("telecommuting") is True or location.get("telecommuting") is True:
        return WorkplaceType.REMOTE
    return None


def _description(job: Mapping[str, Any]) -> str:
    full = as_str(job.get("full_description"))
    if full:
        return description_html(_without_stray_backslashes(full))
    sections = [
        description_html(
            _without_stray_backslashes(as_str(job.get("description")) or "")
        )
    ]
    for field, title in (("requirements", "Requirements"), ("benefits", "Benefits")):
        text = as_str(job.get(field))
        if text:
            section = description_html(_without_stray_backslashes(text))
            sections.append(heading_html(title) + section)
    return join_html(*sections)


def _without_stray_backslashes(html: str) -> str:
    return html.replace("\\\n", "\n")
