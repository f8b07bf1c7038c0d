"""The format registry: one format per connector kind."""

from __future__ import annotations

import pytest

import connectors.formats
from connectors.formats import FORMATS, get_format
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
