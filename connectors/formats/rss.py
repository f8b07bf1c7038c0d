"""RSS 2.0 (and 1.0) and Atom job feeds.

Parsed with defusedxml like every partner XML. An item's id is its `guid`
(Atom: `id`), else its link; `pubDate` (Atom: `published`, else `updated`)
is the posting date. The description is `content:encoded` when present,
else `description` (Atom: `content`, else `summary`); the XML parser
undoes the feed's escaping, and what is left is HTML.

Job boards extend items with their own elements, read by local name in any
namespace: a place with `city` and `country` (Teamtailor's
`tt:locations/tt:location`) and a `remoteStatus` (`none`, `hybrid`,
`fully`, `temporary`).
"""

from __future__ import annotations

import html
from xml.etree.ElementTree import Element, tostring

from connectors.errors import FeedMalformed
from connectors.formats.assembly import PageBuilder
from connectors.formats.base import Page
from connectors.formats.documents import child, child_text, load_xml, local_name
from connectors.normalise import (
    clean_url,
    country_code,
    description_html,
    employment_type,
    parse_datetime,
    workplace_type,
)

_ATOM = "{http://www.w3.org/2005/Atom}"


class RssFormat:
    """RSS and Atom feeds of job boards and career sites."""

    kind = "rss"

    def first_url(self, url: str) -> str:
        """The feed itself."""
        return url

    def parse(self, body: bytes, url: str, content_type: str | None) -> Page:
        """Every item (RSS) or entry (Atom) of the feed."""
        root = load_xml(body)
        builder = PageBuilder(self.kind)
        name = local_name(root.tag)
        if name in {"rss", "RDF"}:
            items = [item for item in root.iter() if local_name(item.tag) == "item"]
            for number, item in enumerate(items, 1):
                _add_item(builder, f"item {number}", item)
        elif root.tag == f"{_ATOM}feed":
            for number, entry in enumerate(root.iter(f"{_ATOM}entry"), 1):
                _add_entry(builder, f"entry {number}", entry)
        else:
            raise FeedMalformed(f"XML root <{name}> is not an RSS or Atom feed")
        return builder.page()


def _place(item: Element) -> tuple[str | None, str | None]:
    """City and country from a board's extension elements, if any."""
    for element in item.iter():
        if local_name(element.tag) == "location" and element is not item:
            city = child_text(element, "city")
            country = country_code(child_text(element, "country"))
            if city or country:
                return city, country
    return None, None


def _add_item(builder: PageBuilder, position: str, item: Element) -> None:
    link = clean_url(child_text(item, "link"))
    city, country = _place(item)
    body = child_text(item, "encoded") or child_text(item, "description")

    builder.add(
        position,
        external_id=child_text(item, "guid") or link,
        title=child_text(item, "title"),
        description=description_html(body),
        city=city,
        country=country,
        workplace_type=workplace_type(child_text(item, "remoteStatus")),
        employment_type=employment_type(child_text(item, "jobType")),
        posted_at=parse_datetime(
            child_text(item, "pubDate") or child_text(item, "date")
        ),
        apply_url=link,
    )


def _alternate_link(entry: Element) -> str | None:
    for link in entry.iter(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return clean_url(link.get("href"))
    return None


def _atom_html(element: Element | None) -> str:
    """Atom text constructs: `text`, `html` (escaped HTML) or `xhtml` (inline)."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        division = next(iter(element), None)
        if division is None:
            return ""
        # Inline XHTML: its own elements, written back out without namespaces.
        for node in division.iter():
            node.tag = local_name(node.tag)
        inner = (division.text or "") + "".join(
            tostring(node, encoding="unicode", method="html") for node in division
        )
        return description_html(inner)
    text = "".join(element.itertext())
    return description_html(html.escape(text, quote=False) if kind == "text" else text)


def _add_entry(builder: PageBuilder, position: str, entry: Element) -> None:
    link = _alternate_link(entry)
    content = child(entry, "content")
    published = child_text(entry, "published") or child_text(entry, "updated")

    builder.add(
        position,
        external_id=child_text(entry, "id") or link,
        title=child_text(entry, "title"),
        description=_atom_html(
            content if content is not None else child(entry, "summary")
        ),
        posted_at=parse_datetime(published),
        apply_url=link,
        source_updated_at=parse_datetime(child_text(entry, "updated")),
    )
