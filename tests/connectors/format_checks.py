"""Shared by the feed format tests: where samples live, and clean-text checks.

The public sample feeds sit outside the repository, in `shared/samples`
beside it (`/work/shared/samples` for `/work/main`; CI clones the repo with
`shared/` next to it). Tests that read them skip when they are absent; the
fixtures under `fixtures/` are our own and always present.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from connectors.formats.base import Page, Posting

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A character or entity reference, named or numeric.
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
# The only references sanitised HTML needs: `&`, `<`, `>` and `"` in attributes.
REQUIRED_ESCAPES = {"&amp;", "&lt;", "&gt;", "&quot;"}
DOUBLE_ESCAPE = re.compile(r"&amp;(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
ESCAPED_MARKUP = re.compile(r"&lt;/?[A-Za-z]")
EVENT_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)


def sample(relative: str) -> bytes:
    """A public sample file's bytes; the test skips when samples are absent."""
    path = SAMPLES / relative
    if not path.is_file():
        pytest.skip(f"shared sample {relative} not found under {SAMPLES}")
    return path.read_bytes()


def fixture(relative: str) -> bytes:
    """One of our own fixture files."""
    return (FIXTURES / relative).read_bytes()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    """What a browser shows of an HTML fragment."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def assert_clean(posting: Posting, *, has_written_out_tags: bool = False) -> None:
    """No entity, markup or script survives where a reader would see it.

    `has_written_out_tags`: the author wrote a tag as text ("&lt;script&gt;"),
    which stays escaped in the HTML and shows as text.
    """
    assert posting.title == posting.title.strip()
    assert not ENTITY.search(posting.title), posting.title
    assert "<" not in posting.title or not re.search(r"<[A-Za-z/]", posting.title)

    description = posting.description
    assert not ENTITY.search(visible(description)), visible(description)[:200]
    assert set(ENTITY.findall(description)) <= REQUIRED_ESCAPES
    assert not DOUBLE_ESCAPE.search(description)
    if not has_written_out_tags:
        assert not ESCAPED_MARKUP.search(description)
    assert "<script" not in description.lower()
    assert not EVENT_ATTRIBUTE.search(description)
    assert "javascript:" not in description.lower()


def by_id(page: Page) -> dict[str, Posting]:
    """The page's postings by external id."""
    return {posting.external_id: posting for posting in page.postings}
