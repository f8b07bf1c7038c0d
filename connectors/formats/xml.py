"""XML job feeds: Indeed-style `<source>` and Personio `<workzag-jobs>`.

Told apart by the root element. Documents are parsed by defusedxml (see
`documents.load_xml`): a feed that declares entities or points at an
external DTD is refused whole, never expanded or fetched.

Indeed puts every value in CDATA, indented (so values are trimmed), and
its `<url>` keeps an HTML-escaped `&amp;` inside the CDATA, undone once by
`clean_url`. Its `<salary>` is free text (`$50K per year`), read when it
is a plain amount or range. `remotetype` `COVID-19` meant "remote for a
while", so such jobs are on-site.

Personio gives no country and no apply link: the link is the posting page
on the feed's own `{company}.jobs.personio.de` host.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import child, child_text, load_xml, local_name
from connectors.normalise import (
    clean_url,
    country_code,
    description_html,
    employment_type,
    heading_html,
    is_remote_word,
    join_html,
    parse_datetime,
    parse_salary_text,
    workplace_type,
)
from gateway.db.enums import EmploymentType, WorkplaceType

_PERSONIO_HOSTS = (".jobs.personio.de", ".jobs.personio.com")


class XmlFeedFormat:
    """Indeed-style and Personio XML job feeds."""

    kind = "xml"

    def first_url(self, url: str) -> str:
        """The feed itself."""
        return url

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """Every `<job>` of an Indeed feed or `<position>` of a Personio feed."""
        root = load_xml(body)
        builder = PageBuilder(self.kind)
        name = local_name(root.tag)
        if name == "source":
            for number, job in enumerate(_children(root, "job"), 1):
                _add_indeed_job(builder, f"job {number}", job)
        elif name == "workzag-jobs":
            for number, position in enumerate(_children(root, "position"), 1):
                _add_personio_position(builder, f"position {number}", position, url)
        else:
            raise FeedMalformed(
                f"XML root <{name}> is neither an Indeed <source> "
                "nor a Personio <workzag-jobs> feed"
            )
        return builder.page()


def _children(element: Element, name: str) -> list[Element]:
    return [item for item in element if local_name(item.tag) == name]


def _add_indeed_job(builder: PageBuilder, position: str, job: Element) -> None:
    builder.add(
        position,
        external_id=child_text(job, "referencenumber"),
        title=child_text(job, "title"),
        description=description_html(child_text(job, "description")),
        city=child_text(job, "city"),
        country=country_code(child_text(job, "country")),
        workplace_type=workplace_type(child_text(job, "remotetype")),
        employment_type=employment_type(child_text(job, "jobtype")),
        salary=parse_salary_text(child_text(job, "salary")),
        posted_at=parse_datetime(child_text(job, "date")),
        expires_at=parse_datetime(child_text(job, "expirationdate")),
        apply_url=clean_url(child_text(job, "url")),
    )


def _add_personio_position(
    builder: PageBuilder, position: str, element: Element, feed_url: str
) -> None:
    identifier = child_text(element, "id")
    offices = [
        part.strip() for part in (child_text(element, "office") or "").split("/")
    ]
    is_remote = any(is_remote_word(office) for office in offices if office)
    city = next(
        (office for office in offices if office and not is_remote_word(office)), None
    )
    # Keywords mix skills with places and "remote": only skills are kept.
    keywords = [
        keyword
        for keyword in (child_text(element, "keywords") or "").split(",")
        if not (
            country_code(keyword, allow_alpha2=False) or is_remote_word(keyword.strip())
        )
    ]

    builder.add(
        position,
        external_id=identifier,
        title=child_text(element, "name"),
        description=_personio_description(element),
        city=city,
        workplace_type=WorkplaceType.REMOTE if is_remote else None,
        employment_type=_personio_employment(element),
        posted_at=parse_datetime(child_text(element, "createdAt")),
        apply_url=_personio_page(feed_url, identifier),
        skills=keywords,
    )


def _personio_employment(element: Element) -> EmploymentType | None:
    """`employmentType` (permanent, intern, ...) refined by `schedule`."""
    contract = employment_type(child_text(element, "employmentType"))
    if contract in {None, EmploymentType.FULL_TIME}:
        return employment_type(child_text(element, "schedule")) or contract
    return contract


def _personio_description(element: Element) -> str:
    descriptions = child(element, "jobDescriptions")
    if descriptions is None:
        return ""
    sections = [
        heading_html(child_text(section, "name") or "")
        + description_html(child_text(section, "value"))
        for section in _children(descriptions, "jobDescription")
    ]
    return join_html(*sections)


def _personio_page(feed_url: str, identifier: str | None) -> str | None:
    host = urlsplit(feed_url).hostname or ""
    if not identifier or not host.endswith(_PERSONIO_HOSTS):
        return None
    return clean_url(f"https://{host}/job/{identifier}")
