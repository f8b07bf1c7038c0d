"""Greenhouse Job Board API: `GET /v1/boards/{token}/jobs?content=true`.

Also reads one job (`/jobs/{id}`) and the `offices` and `departments`
documents, whose jobs sit under nested offices and departments; `id: 0` is
Greenhouse's sentinel for "No Office" / "No Department", a bucket and never
a place. The board is one document: there is no next page.

Greenhouse HTML-escapes `content` once (`&lt;p&gt;`); the HTML inside has
its own entities (`&amp;` for an ampersand shows up as `&amp;amp;`). The
rule that undoes each level once is in `connectors.normalise.text`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import as_dict, as_list, as_str, load_json, with_query
from connectors.normalise import (
    NO_SALARY,
    Place,
    Salary,
    clean_url,
    description_html,
    employment_type,
    parse_datetime,
    parse_place,
    salary_period,
    salary_range,
    split_places,
    workplace_type,
)
from gateway.db.enums import WorkplaceType
from gateway.db.text import fold

# Metadata fields boards use for the workplace and the contract form.
_WORKPLACE_FIELDS = ("location type", "workplace", "remote", "teletravail")
_EMPLOYMENT_FIELDS = (
    "employment",
    "job type",
    "contract",
    "contrat",
    "commitment",
    "time type",
)


class GreenhouseFormat:
    """Greenhouse job boards (`boards-api.greenhouse.io`)."""

    kind = "greenhouse"

    def first_url(self, url: str) -> str:
        """The board URL with `content=true`: without it jobs have no text."""
        return with_query(url, content="true")

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """Every job of the board document."""
        document = load_json(body, content_type)
        builder = PageBuilder(self.kind)
        for position, job in _jobs(document):
            if isinstance(job, dict):
                _add_job(builder, position, job)
            else:
                builder.reject(position, "job is not a JSON object")
        return builder.page()


def _jobs(document: Any) -> Iterator[tuple[str, Any]]:
    if not isinstance(document, dict):
        raise FeedMalformed("a Greenhouse board document is a JSON object")
    if isinstance(document.get("jobs"), list):
        for index, job in enumerate(document["jobs"]):
            yield f"jobs[{index}]", job
    elif "id" in document and "title" in document:
        yield "job", document
    elif isinstance(document.get("offices"), list):
        yield from _unique(_office_jobs(document["offices"]))
    elif isinstance(document.get("departments"), list):
        yield from _unique(_department_jobs(document["departments"], "departments"))
    else:
        raise FeedMalformed(
            "not a Greenhouse board document: no `jobs`, `offices`, "
            "`departments` or single job"
        )


def _office_jobs(offices: list[Any]) -> Iterator[tuple[str, Any]]:
    for index, office in enumerate(offices):
        path = f"offices[{index}]"
        departments = as_list(as_dict(office).get("departments"))
        yield from _department_jobs(departments, f"{path}.departments")
        for number, job in enumerate(as_list(as_dict(office).get("jobs"))):
            yield f"{path}.jobs[{number}]", job


def _department_jobs(departments: list[Any], path: str) -> Iterator[tuple[str, Any]]:
    for index, department in enumerate(departments):
        for number, job in enumerate(as_list(as_dict(department).get("jobs"))):
            yield f"{path}[{index}].jobs[{number}]", job


def _unique(jobs: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """A job listed under several offices or departments is one job."""
    seen: set[str] = set()
    for position, job in jobs:
        key = as_str(as_dict(job).get("id"))
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        yield position, job


def _add_job(builder: PageBuilder, position: str, job: Mapping[str, Any]) -> None:
    places = split_places(as_str(as_dict(job.get("location")).get("name")) or "")
    place = parse_place(places[0]) if places else Place()
    country = place.country or _office_country(job, place.city)
    employment = employment_type(*_metadata(job, _EMPLOYMENT_FIELDS))

    builder.add(
        position,
        external_id=job.get("id"),
        title=job.get("title"),
        description=description_html(as_str(job.get("content")), escaped=True),
        language=job.get("language"),
        city=place.city,
        country=country,
        workplace_type=_workplace(job, place),
        employment_type=employment,
        salary=_salary(job),
        posted_at=parse_datetime(job.get("first_published")),
        expires_at=parse_datetime(job.get("application_deadline")),
        apply_url=clean_url(job.get("absolute_url")),
        source_updated_at=parse_datetime(job.get("updated_at")),
    )


def _metadata(job: Mapping[str, Any], names: tuple[str, ...]) -> list[object]:
    """Values of custom fields whose name mentions one of `names`."""
    values: list[object] = []
    for field in as_list(job.get("metadata")):
        name = fold(as_str(as_dict(field).get("name")) or "")
        if any(word in name for word in names):
            values.extend(as_list(as_dict(field).get("value")))
    return values


def _workplace(job: Mapping[str, Any], place: Place) -> WorkplaceType | None:
    declared = workplace_type(*_metadata(job, _WORKPLACE_FIELDS))
    if declared is not None:
        return declared
    return WorkplaceType.REMOTE if place.is_remote and not place.city else None


def _office_country(job: Mapping[str, Any], city: str | None) -> str | None:
    """The country of the job's office in `city` (or its only office)."""
    offices = [
        office
        for office in map(as_dict, as_list(job.get("offices")))
        if office.get("id") != 0 and as_str(office.get("location"))
    ]
    for office in offices:
        place = parse_place(as_str(office.get("location")) or "")
        name = fold(as_str(office.get("name")) or "")
        if city is None and len(offices) > 1:
            return None
        if (
            city is None
            or fold(place.city or "") == fold(city)
            or name.startswith(fold(city))
        ):
            return place.country
    return None


def _salary(job: Mapping[str, Any]) -> Salary:
    """The first pay range (`pay_input_ranges`, when the board publishes it)."""
    for pay in map(as_dict, as_list(job.get("pay_input_ranges"))):
        low, high = pay.get("min_cents"), pay.get("max_cents")
        return salary_range(
            low / 100 if isinstance(low, int) else None,
            high / 100 if isinstance(high, int) else None,
            pay.get("currency_type"),
            salary_period(as_str(pay.get("title")), as_str(pay.get("blurb"))),
        )
    return NO_SALARY
