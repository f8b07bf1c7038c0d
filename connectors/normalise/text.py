"""Text and HTML from partner feeds: entity levels, sanitising, plain text.

The entity rule. A value passes through *levels* of escaping on its way to
us, and each level is undone exactly once, by the code that knows it:

1. Transport. A source may HTML-escape a whole HTML document before putting
   it in a field (Greenhouse escapes `content`: `&lt;p&gt;`). The format
   says so (`escaped=True`) and that level is undone once with
   `html.unescape`. Escaping turns every `<` into `&lt;`, so a value that
   still holds a raw `<` was not escaped and is left alone.
2. More transport levels, found only by evidence: a value with no raw `<`
   that *begins* with an escaped element (`&lt;p&gt;`, `&amp;lt;div ...`)
   is an escaped document, and one more level is undone, then the test is
   made again; at most three levels in all.
   `&amp;amp;` is not such evidence: in Greenhouse it is the single escape
   of the HTML entity `&amp;`, a literal ampersand.
3. The HTML itself. Its entities (`&amp;`, `&rsquo;`, `&nbsp;`, `&lt;`) are
   decoded by the HTML parser as text, never re-read as markup, and the
   sanitiser writes text back with only the escapes HTML needs (`&amp;`,
   `&lt;`, `&gt;`; a no-break space is written as the character itself).

So an author's literal "&lt;" (`&amp;lt;` once escaped) stays the text
"<" and never becomes a tag. The one guess is level 2: a document with no
markup at all that starts with a written-out tag is read as escaped once
more; rich-text editors never produce such a body.

Plain-text fields (titles, places) decode entities once; a second time
only when the value shows double escaping (`&amp;` followed by an entity,
as in `R&amp;amp;D`). Tags are removed from them, script and style text
with its element.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from gateway.db.html import sanitise_html

MAX_LEVELS = 3
MAX_URL_LENGTH = 1000

# Evidence of an escaped document: it opens with an element escaped once
# (`&lt;p&gt;`) or more (`&amp;lt;p&amp;gt;`).
_ESCAPED_ELEMENT = re.compile(
    r"\s*&(?:amp;)*lt;/?(?:a|b|blockquote|br|div|em|h[1-6]|i|li|ol|p|span|strong|"
    r"table|u|ul)(?:\s|/|&(?:amp;)*gt;)",
    re.IGNORECASE,
)
# Evidence of double escaping in plain text: an escaped entity.
_DOUBLE_ESCAPED = re.compile(r"&amp;(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
# Something an HTML parser would take for a tag, a comment or a declaration.
_MARKUP = re.compile(r"<[a-zA-Z/!?]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# Zero-width space and a stray byte-order mark: invisible, never meant.
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")
_SKIPPED_ELEMENTS = frozenset({"script", "style", "template", "noscript"})
_BREAKING_ELEMENTS = frozenset({"br", "p", "div", "li", "h1", "h2", "h3", "h4"})


class _TextExtractor(HTMLParser):
    """Text nodes of an HTML fragment; entities decoded or kept as written."""

    def __init__(self, *, decode: bool) -> None:
        super().__init__(convert_charrefs=decode)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_ELEMENTS:
            self._skipping += 1
        elif tag in _BREAKING_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_ELEMENTS and self._skipping:
            self._skipping -= 1
        elif tag in _BREAKING_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)

    # Called only when `decode` is false: keep the entity as written.
    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def _extract_text(value: str, *, decode: bool) -> str:
    extractor = _TextExtractor(decode=decode)
    extractor.feed(value)
    extractor.close()
    return "".join(extractor.parts)


def unescape_levels(value: str, *, escaped: bool = False) -> str:
    """HTML from a value that may be HTML-escaped once or more (rule above)."""
    text = value
    for level in range(MAX_LEVELS):
        if "<" in text:
            break
        if not ((escaped and level == 0) or _ESCAPED_ELEMENT.match(text)):
            break
        text = html.unescape(text)
    return text


def _paragraphs(text: str) -> str:
    """HTML paragraphs from text without markup: blank lines separate them."""
    blocks = (" ".join(block.split()) for block in _PARAGRAPH_BREAK.split(text))
    return "".join(f"<p>{block}</p>" for block in blocks if block)


def description_html(value: str | None, *, escaped: bool = False) -> str:
    """Sanitised HTML for a description, from HTML or from plain text.

    Text without markup becomes paragraphs (single line breaks are the
    source's wrapping, not the author's). Truncated markup is closed by the
    sanitiser's HTML5 parser, and nothing that runs survives.
    """
    if not value:
        return ""
    text = unescape_levels(value, escaped=escaped).translate(_INVISIBLE).strip()
    if not text:
        return ""
    if not _MARKUP.search(text):
        text = _paragraphs(text)
    cleaned = sanitise_html(text)
    # The serialiser writes U+00A0 as `&nbsp;`, the one entity it adds that
    # HTML does not need; the character itself is valid HTML.
    return cleaned.replace("&nbsp;", "\u00a0").strip()


def join_html(*parts: str) -> str:
    """Sanitised HTML fragments joined into one description."""
    return "\n".join(part for part in parts if part)


def plain_text(value: object) -> str:
    """One line of plain text: tags removed, entities decoded, blanks collapsed."""
    if not isinstance(value, str) or not value:
        return ""
    text = value
    for _ in range(MAX_LEVELS):
        is_double_escaped = _DOUBLE_ESCAPED.search(text) is not None
        text = _extract_text(text, decode=True)
        if not is_double_escaped:
            break
    if _MARKUP.search(text):
        # Markup that arrived escaped: remove it, decode nothing more.
        text = _extract_text(text, decode=False)
    return " ".join(text.translate(_INVISIBLE).split())


def heading_html(value: object) -> str:
    """An `<h3>` for a section title from a source, read as plain text."""
    title = plain_text(value)
    return f"<h3>{html.escape(title, quote=False)}</h3>" if title else ""


def visible_text(description: str) -> str:
    """What a reader sees of sanitised HTML, for language detection."""
    return " ".join(_extract_text(description, decode=True).split())


def clean_url(value: object) -> str | None:
    """An absolute http(s) URL, or None.

    Some feeds HTML-escape URLs where no HTML is (Indeed's `<url>` CDATA
    holds `&amp;`): one `&amp;` level is undone. Other schemes
    (`javascript:`, `data:`) and relative or overlong URLs are dropped.
    """
    if not isinstance(value, str):
        return None
    url = value.strip().replace("&amp;", "&")
    if not url or len(url) > MAX_URL_LENGTH or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not hostname:
        return None
    return url
