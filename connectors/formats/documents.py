"""Reading fetched documents: bytes to text, JSON or XML, and URL queries.

Library errors are translated here, where they enter, into `FeedMalformed`
so a sync run records one code whatever the parser.

XML from partners goes through defusedxml: a document that declares
entities (billion laughs, external entities) or refers to external
resources is refused before anything is expanded or fetched.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as safe_xml

from connectors.errors import FeedMalformed

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _charset(content_type: str | None) -> str | None:
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
            try:
                return codecs.lookup(charset).name
            except LookupError:
                return None
    return None


def decode_text(body: bytes, content_type: str | None = None) -> str:
    """Text of a document: a byte-order mark first, then the header's charset."""
    encoding = next(
        (name for bom, name in _BOMS if body.startswith(bom)),
        _charset(content_type) or "utf-8",
    )
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FeedMalformed(
            f"the document is not valid {encoding} text (byte {exc.start})"
        ) from exc


def load_json(body: bytes, content_type: str | None = None) -> Any:
    """The parsed JSON document, or `FeedMalformed` (truncated, not JSON)."""
    text = decode_text(body, content_type)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedMalformed(
            f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError as exc:
        raise FeedMalformed("JSON nested too deeply") from exc


def load_xml(body: bytes) -> Element:
    """The root element, or `FeedMalformed`; entities and DTD fetches refused."""
    try:
        root: Element = safe_xml.fromstring(
            body, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as exc:
        raise FeedMalformed(f"XML refused: {exc}") from exc
    except ParseError as exc:
        raise FeedMalformed(f"not well-formed XML: {exc}") from exc
    return root


def as_dict(value: object) -> Mapping[str, Any]:
    """`value` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    """`value` if it is a JSON array; one object as a list of one; else []."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, dict | str) else []


def as_str(value: object) -> str | None:
    """A trimmed non-empty string (numbers too, as JSON ids are), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def local_name(tag: object) -> str:
    """An XML tag without its namespace: `{ns}name` -> `name`."""
    return str(tag).rsplit("}", 1)[-1]


def child(element: Element, name: str) -> Element | None:
    """The first child element with this local name, in any namespace."""
    return next((item for item in element if local_name(item.tag) == name), None)


def child_text(element: Element, name: str) -> str | None:
    """Trimmed text of a child element (CDATA included), or None if empty."""
    found = child(element, name)
    if found is None:
        return None
    return "".join(found.itertext()).strip() or None


def with_query(url: str, **params: str) -> str:
    """`url` with these query parameters set, others kept in order."""
    parts = urlsplit(url)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, True) if key not in params
    ]
    query.extend(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def query_value(url: str, name: str) -> str | None:
    """The last value of a query parameter, or None."""
    values = [
        value for key, value in parse_qsl(urlsplit(url).query, True) if key == name
    ]
    return values[-1] if values else None


def query_int(url: str, name: str) -> int | None:
    """A non-negative integer query parameter, or None."""
    value = query_value(url, name)
    return int(value) if value is not None and value.isdigit() else None
