"""RSS and Atom job feeds: sample, our fixtures, hostile and broken input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.rss import RssFormat
from gateway.db.enums import WorkplaceType
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

FEED_URL = "https://www.atlas-data.ma/carrieres/feed"
FORMAT = RssFormat()


def parse(body: bytes) -> Page:
    return FORMAT.parse(body, FEED_URL, "application/rss+xml")


def test_first_url_is_the_feed() -> None:
    assert FORMAT.first_url(FEED_URL) == FEED_URL


# --- Public sample --------------------------------------------------------


def test_sample_teamtailor_items_are_normalised() -> None:
    page = parse(sample("rss/jobs.rss"))

    postings = by_id(page)
    # The second item starts on the line where the first one ends.
    assert sorted(postings) == [
        "9528ca8f-a5f7-465e-9815-a92bb734407d",
        "faa5e6b6-c321-47fe-bf15-ea8ca42f7d7d",
    ]
    assert page.rejections == [] and page.next_url is None
    forward = postings["faa5e6b6-c321-47fe-bf15-ea8ca42f7d7d"]
    assert forward.title == "Forward Deployed Engineer - Silkrunner"
    # `+0400` becomes UTC.
    assert forward.posted_at == datetime(2026, 7, 22, 11, 37, 8, tzinfo=UTC)
    assert forward.apply_url == (
        "https://spidersilk.teamtailor.com/jobs/8108539-forward-deployed-engineer-silkrunner"
    )
    for posting in page.postings:
        # Empty `tt:name`; city and country from `tt:city` / `tt:country`.
        assert (posting.city, posting.country) == ("Dubai", "AE")
        # `remoteStatus` none.
        assert posting.workplace_type is WorkplaceType.ON_SITE
        assert posting.language == "en"
        assert_clean(posting)


def test_sample_escaped_descriptions_become_html_and_keep_their_apostrophes() -> None:
    postings = by_id(parse(sample("rss/jobs.rss")))

    forward = postings["faa5e6b6-c321-47fe-bf15-ea8ca42f7d7d"]
    assert forward.description.startswith(
        "<p><strong>Who We Are!<br><br></strong>Back in 2019"
    )
    assert "doesn't miss a beat" in forward.description
    # Cut off by the source in mid-sentence; the HTML is still closed.
    assert forward.description.endswith("Around here</p>")
    senior = postings["9528ca8f-a5f7-465e-9815-a92bb734407d"]
    assert "doesn’t miss a beat" in senior.description
    assert senior.description.endswith("we thrive on vision, ene</p>")
    assert senior.posted_at == datetime(2025, 10, 2, 11, 24, 58, tzinfo=UTC)


# --- Our fixtures ---------------------------------------------------------


def test_atlas_rss_item_prefers_full_content() -> None:
    posting = by_id(parse(fixture("rss/jobs_atlas.rss")))["atlas-rss-0001"]

    assert posting.title == "Chef de produit data (H/F)"
    assert posting.language == "fr"
    assert posting.description == (
        "<p>Vous définissez la feuille de route de notre plateforme, avec nos clients "
        "de Casablanca &amp; Abidjan.</p><ul><li>Entretiens clients</li>"
        "<li>Priorisation</li></ul>"
    )
    assert (posting.city, posting.country) == ("Casablanca", "MA")
    assert posting.workplace_type is WorkplaceType.HYBRID
    assert posting.posted_at == datetime(2026, 9, 15, 9, 0, tzinfo=UTC)
    assert posting.apply_url == "https://www.atlas-data.ma/carrieres/chef-de-produit"


def test_atlas_rss_item_without_guid_is_known_by_its_link() -> None:
    posting = by_id(parse(fixture("rss/jobs_atlas.rss")))[
        "https://www.atlas-data.ma/carrieres/ar/relations-clients"
    ]

    assert posting.title == "مسؤول علاقات العملاء"
    assert posting.language == "ar"
    assert (posting.city, posting.country) == ("الرباط", "MA")
    assert posting.posted_at == datetime(2026, 9, 14, 8, 0, tzinfo=UTC)


def test_atlas_rss_injection_removed_and_truncated_tag_dropped() -> None:
    posting = by_id(parse(fixture("rss/jobs_atlas.rss")))["atlas-rss-0003"]

    assert posting.workplace_type is WorkplaceType.REMOTE
    assert posting.description == (
        "<p>Python &amp; PostgreSQL.</p><p>Nous rejoindre, c’est </p>"
    )
    assert_clean(posting)


def test_atlas_rss_items_without_title_or_id_are_rejected() -> None:
    page = parse(fixture("rss/jobs_atlas.rss"))

    assert [(r.position, r.reason, r.external_id) for r in page.rejections] == [
        ("item 4", "missing title", "atlas-rss-0004"),
        ("item 5", "missing id", None),
    ]


def test_atlas_atom_entries_are_normalised() -> None:
    page = parse(fixture("rss/jobs_atlas.atom"))

    postings = by_id(page)
    engineer = postings["urn:atlas:job:101"]
    assert engineer.title == "Ingénieur R&D"
    assert (
        engineer.description
        == "<p>Rejoignez <strong>Atlas Data</strong> à Casablanca.</p>"
    )
    assert engineer.apply_url == "https://careers.atlas-data.ma/jobs/101"
    assert engineer.posted_at == datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    assert engineer.source_updated_at == datetime(2026, 9, 2, 8, 0, tzinfo=UTC)
    analyst = postings["urn:atlas:job:102"]
    # Atom text: a "<" is a character, never markup.
    assert analyst.description == (
        "<p>Salaire &lt; 9000 MAD &amp; télétravail partiel, à Marrakech.</p>"
    )
    assert analyst.posted_at == datetime(2026, 9, 2, 9, 0, tzinfo=UTC)
    assert [(r.position, r.reason) for r in page.rejections] == [
        ("entry 3", "missing id")
    ]
    for posting in page.postings:
        assert posting.language == "fr"
        assert_clean(posting)


def test_atlas_rss_1_0_items_are_read() -> None:
    [posting] = parse(fixture("rss/jobs_atlas.rdf")).postings

    assert posting.external_id == "https://www.atlas-data.ma/carrieres/comptable"
    assert posting.posted_at == datetime(2026, 9, 1, tzinfo=UTC)


# --- Hostile and broken input ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("rss/billion_laughs.rss", "XML refused", id="billion-laughs"),
        pytest.param("rss/not_a_feed.xml", "not an RSS or Atom feed", id="sitemap"),
        pytest.param("rss/truncated.rss", "not well-formed", id="truncated"),
    ],
)
def test_hostile_or_foreign_documents_are_malformed(name: str, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(fixture(name))
