"""schema.org JSON-LD: careers pages, and bare JSON-LD documents.

A page may hold several `<script type="application/ld+json">` blocks, read
with the standard library's HTML parser; each block is an object, an array
or an `@graph`, and lists (`ItemList`) and pages (`mainEntity`) are looked
into. `JobPosting` gives jobs and internships; `Course` and
`EducationalOccupationalProgram`, the training offers of institutes, give
TRAINING (their `offers` are prices paid, never a salary).

The id is `identifier` (text or `PropertyValue`), else `@id`, else `url`.
schema.org requires none of them: a posting with none gets a digest of its
type, title, date and place, stable while those do not change. `url` is the
apply link (`directApply` says only whether applying happens there too); a
page's own address stands in for it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import as_dict, as_list, as_str, decode_text
from connectors.normalise import (
    NO_SALARY,
    Salary,
    clean_url,
    country_code,
    description_html,
    employment_type,
    parse_datetime,
    plain_text,
    salary_period,
    salary_range,
)
from gateway.db.enums import OpportunityKind, WorkplaceType
from gateway.db.text import fold

_JOB_TYPES = frozenset({"JobPosting"})
_TRAINING_TYPES = frozenset({"Course", "EducationalOccupationalProgram"})
_REMOTE_MODES = frozenset(
    {"online", "distance learning", "distance", "remote", "e-learning",
     "elearning", "posted", "correspondence", "a distance", "en ligne"}
)  # fmt: skip
_HYBRID_MODES = frozenset({"blended", "hybrid", "hybride"})


class _ScriptCollector(HTMLParser):
    """The text of every `<script type="application/ld+json">` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


class JsonLdFormat:
    """schema.org postings embedded in pages or published as JSON-LD."""

    kind = "jsonld"

    def first_url(self, url: str) -> str:
        """The page or document itself."""
        return url

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """Every JobPosting, Course and EducationalOccupationalProgram."""
        text = decode_text(body, content_type).lstrip("\ufeff").strip()
        builder = PageBuilder(self.kind)
        is_page = not text.startswith(("{", "["))
        documents = (
            _page_blocks(text, builder) if is_page else [("document", _loads(text))]
        )

        page_url = clean_url(url) if is_page else None
        for label, document in documents:
            for index, node in enumerate(_nodes(document)):
                _add_node(builder, f"{label} item {index}", node, page_url)
        return builder.page()


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise FeedMalformed(f"not JSON-LD: {exc}") from exc


def _page_blocks(text: str, builder: PageBuilder) -> list[tuple[str, Any]]:
    collector = _ScriptCollector()
    collector.feed(text)
    collector.close()
    if not collector.blocks:
        raise FeedMalformed("no JSON-LD script in the page")

    documents: list[tuple[str, Any]] = []
    for number, block in enumerate(collector.blocks, 1):
        try:
            documents.append((f"script {number}", json.loads(block)))
        except (json.JSONDecodeError, RecursionError) as exc:
            builder.reject(f"script {number}", f"invalid JSON-LD: {exc}")
    if not documents:
        raise FeedMalformed("no JSON-LD script in the page is valid JSON")
    return documents


def _types(node: Mapping[str, Any]) -> set[str]:
    """`@type` names without their vocabulary prefix."""
    names = (as_str(value) for value in as_list(node.get("@type")))
    return {name.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for name in names if name}


def _nodes(value: Any) -> Iterator[Mapping[str, Any]]:
    """Posting nodes of a JSON-LD value, through graphs, lists and pages."""
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
        return
    if not isinstance(value, dict):
        return
    types = _types(value)
    if types & (_JOB_TYPES | _TRAINING_TYPES):
        yield value
        return
    yield from _nodes(value.get("@graph"))
    yield from _nodes(value.get("mainEntity"))
    for element in as_list(value.get("itemListElement")):
        element = as_dict(element)
        yield from _nodes(
            element.get("item", element) if "ListItem" in _types(element) else element
        )


def _add_node(
    builder: PageBuilder, position: str, node: Mapping[str, Any], page_url: str | None
) -> None:
    is_training = bool(_types(node) & _TRAINING_TYPES)
    title = node.get("title") or node.get("name")
    city, country = _place(node)
    employment = employment_type(*as_list(node.get("employmentType")))

    builder.add(
        position,
        external_id=_identifier(node, plain_text(title), city),
        title=title,
        description=description_html(as_str(node.get("description"))),
        language=node.get("inLanguage"),
        kind=OpportunityKind.TRAINING if is_training else None,
        city=city,
        country=country,
        workplace_type=_course_workplace(node) if is_training else _job_workplace(node),
        employment_type=None if is_training else employment,
        salary=NO_SALARY if is_training else _salary(node),
        posted_at=parse_datetime(
            node.get("datePosted")
            or node.get("datePublished")
            or node.get("dateCreated")
        ),
        expires_at=parse_datetime(
            node.get("validThrough") or node.get("applicationDeadline")
        ),
        apply_url=clean_url(node.get("url")) or page_url,
        source_updated_at=parse_datetime(node.get("dateModified")),
        skills=_skills(node.get("skills")),
    )


def _identifier(node: Mapping[str, Any], title: str, city: str | None) -> str | None:
    for value in as_list(node.get("identifier")):
        found = (
            as_str(as_dict(value).get("value"))
            if isinstance(value, dict)
            else as_str(value)
        )
        if found:
            return found
    explicit = as_str(node.get("@id")) or clean_url(node.get("url"))
    if explicit or not title:
        return explicit
    parts = [
        ",".join(sorted(_types(node))),
        title,
        str(node.get("datePosted")),
        city or "",
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
    return f"sha256:{digest}"


def _address_place(address: Any) -> tuple[str | None, str | None]:
    if isinstance(address, str):
        return None, country_code(address)
    address = as_dict(address)
    country = address.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("identifier") or country.get("name")
    return as_str(address.get("addressLocality")), country_code(country)


def _place(node: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """City and country of the first place that has one."""
    places = [
        *as_list(node.get("jobLocation")),
        *as_list(node.get("location")),
        *[
            as_dict(instance).get("location")
            for instance in as_list(node.get("hasCourseInstance"))
        ],
        as_dict(node.get("provider")),
    ]
    for place in places:
        place = as_dict(place)
        city, country = _address_place(place.get("address"))
        if city or country:
            return city, country
    for requirement in as_list(node.get("applicantLocationRequirements")):
        country = country_code(as_dict(requirement).get("name"))
        if country:
            return None, country
    return None, None


def _job_workplace(node: Mapping[str, Any]) -> WorkplaceType | None:
    location_types = {as_str(value) for value in as_list(node.get("jobLocationType"))}
    return WorkplaceType.REMOTE if "TELECOMMUTE" in location_types else None


def _course_workplace(node: Mapping[str, Any]) -> WorkplaceType | None:
    """REMOTE when every instance can be followed at a distance."""
    instances = [as_dict(item) for item in as_list(node.get("hasCourseInstance"))] or [
        node
    ]
    remote = 0
    for instance in instances:
        modes = as_list(instance.get("courseMode")) + as_list(
            instance.get("educationalProgramMode")
        )
        folded = {fold(mode).strip() for mode in modes if isinstance(mode, str)}
        if folded & _HYBRID_MODES:
            return WorkplaceType.HYBRID
        remote += bool(folded & _REMOTE_MODES)
    if remote == 0:
        return None
    return WorkplaceType.REMOTE if remote == len(instances) else WorkplaceType.HYBRID


def _salary(node: Mapping[str, Any]) -> Salary:
    amount = node.get("baseSalary") or node.get("estimatedSalary")
    if isinstance(amount, list):
        amount = amount[0] if amount else None
    if not isinstance(amount, dict):
        # A bare number: the currency, if any, is beside it.
        return salary_range(amount, amount, node.get("salaryCurrency"), None)
    value = amount.get("value")
    currency = amount.get("currency") or node.get("salaryCurrency")
    if not isinstance(value, dict):
        return salary_range(value, value, currency, None)
    exact = value.get("value")
    return salary_range(
        value.get("minValue", exact),
        value.get("maxValue", exact),
        currency,
        salary_period(value.get("unitText")),
    )


def _skills(value: Any) -> list[object]:
    skills: list[object] = []
    for item in as_list(value):
        if isinstance(item, dict):
            skills.append(item.get("name"))
        elif isinstance(item, str):
            skills.extend(item.replace(";", ",").split(","))
    return skills
