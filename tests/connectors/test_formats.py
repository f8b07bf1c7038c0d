"""The format registry: one format per connector kind."""

from __future__ import annotations

import pytest

import connectors.formats
from connectors.formats import FORMATS, get_format
from connectors.formats.assembly import PageBuilder
from connectors.registry import KINDS

EXPECTED_KINDS = [
    "csv",
    "greenhouse",
    "jsonld",
    "lever",
    "rss",
    "smartrecruiters",
    "workable",
    "xml",
]


def test_every_connector_kind_has_a_format() -> None:
    assert sorted(FORMATS) == EXPECTED_KINDS
    assert sorted(KINDS) == EXPECTED_KINDS


@pytest.mark.parametrize(
    "kind", [pytest.param(kind, id=kind) for kind in EXPECTED_KINDS]
)
def test_get_format_returns_the_format_of_its_kind(kind: str) -> None:
    feed_format = get_format(kind)

    assert feed_format.kind == kind
    assert callable(feed_format.first_url) and callable(feed_format.parse)


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: csv, greenhouse"):
        get_format("workday")


def test_public_names_are_sorted() -> None:
    assert connectors.formats.__all__ == sorted(connectors.formats.__all__)


# --- Checks every format shares (PageBuilder) -------------------------------


@pytest.mark.parametrize(
    ("external_id", "title", "reason"),
    [
        pytest.param(None, "Comptable", "missing id", id="no-id"),
        pytest.param("  ", "Comptable", "missing id", id="blank-id"),
        pytest.param(True, "Comptable", "missing id", id="boolean-id"),
        pytest.param(
            "x" * 256, "Comptable", "id longer than 255 characters", id="long-id"
        ),
        pytest.param("AD-1", "<p></p>", "missing title", id="markup-only-title"),
        pytest.param(
            "AD-1", "T" * 301, "title longer than 300 characters", id="long-title"
        ),
    ],
)
def test_postings_need_a_storable_id_and_title(
    external_id: object, title: str, reason: str
) -> None:
    builder = PageBuilder("csv")
    builder.add("line 2", external_id=external_id, title=title)

    page = builder.page()
    assert page.postings == []
    assert [(r.position, r.reason) for r in page.rejections] == [("line 2", reason)]


def test_numeric_ids_become_text_and_skills_are_deduplicated() -> None:
    builder = PageBuilder("greenhouse")
    builder.add(
        "jobs[0]",
        external_id=880101,
        title="  Data   Engineer ",
        skills=["Python", " python ", "", "SQL", "x" * 81, None],
    )

    [posting] = builder.page().postings
    assert posting.external_id == "880101"
    assert posting.title == "Data Engineer"
    assert posting.skills == ("Python", "SQL")
