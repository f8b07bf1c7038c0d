"""Lever Postings API pages: samples, our fixtures, paging, broken input."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.lever import LeverFormat
from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

SITE_URL = "https://api.lever.co/v0/postings/atlasdata?mode=json&limit=100&skip=0"
FORMAT = LeverFormat()


def parse(body: bytes, url: str = SITE_URL) -> Page:
    return FORMAT.parse(body, url, "application/json")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "https://api.lever.co/v0/postings/atlasdata",
            "https://api.lever.co/v0/postings/atlasdata?mode=json&limit=100&skip=0",
            id="json-mode-and-page-size-added",
        ),
        pytest.param(
            "https://api.lever.co/v0/postings/atlasdata?limit=25&team=Data",
            "https://api.lever.co/v0/postings/atlasdata?team=Data&mode=json&limit=25&skip=0",
            id="partner-page-size-and-filters-kept",
        ),
    ],
)
def test_first_url_asks_for_json_pages(url: str, expected: str) -> None:
    assert FORMAT.first_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "https://api.lever.co/v0/postings/atlasdata?mode=json&limit=2&skip=4",
            "https://api.lever.co/v0/postings/atlasdata?mode=json&limit=2&skip=6",
            id="full-page-has-a-next-one",
        ),
        pytest.param(
            "https://api.lever.co/v0/postings/atlasdata?mode=json&limit=3&skip=0",
            None,
            id="short-page-is-the-last",
        ),
        pytest.param(
            "https://api.lever.co/v0/postings/atlasdata?mode=json",
            None,
            id="unpaged-request-is-one-page",
        ),
    ],
)
def test_next_url_follows_full_pages(url: str, expected: str | None) -> None:
    page = parse(fixture("lever/postings_atlas.json"), url)

    assert page.next_url == expected


# --- Public sample --------------------------------------------------------


def test_sample_postings_are_normalised() -> None:
    page = parse(sample("lever/postings.json"))

    postings = by_id(page)
    assert len(postings) == 4 and page.rejections == []
    android = postings["b4ad9572-e20f-4185-a284-99d9740d04f0"]
    assert android.title == "Android Engineer I - Subscriptions"
    assert (android.city, android.country) == ("London", "GB")
    assert android.workplace_type is WorkplaceType.REMOTE
    assert android.employment_type is EmploymentType.FULL_TIME
    assert android.posted_at == datetime(2026, 6, 30, 12, 12, 15, 482000, tzinfo=UTC)
    assert android.apply_url == (
        "https://jobs.lever.co/spotify/b4ad9572-e20f-4185-a284-99d9740d04f0/apply"
    )
    for posting in page.postings:
        assert posting.language == "en"
        assert posting.source_updated_at is None
        assert_clean(posting)


@pytest.mark.parametrize(
    ("posting_id", "city", "country", "workplace"),
    [
        pytest.param(
            "cc5ccf57-b851-4c25-8840-ed4cd0535c12",
            "New York",
            "US",
            WorkplaceType.ON_SITE,
            id="onsite-city-without-state",
        ),
        pytest.param(
            "66acb66f-de37-4d95-a353-874db92838ef",
            "London",
            "GB",
            WorkplaceType.HYBRID,
            id="hybrid",
        ),
        pytest.param(
            "08d82da1-0c72-44d1-91eb-7fa22dee3d39",
            "Stockholm",
            "SE",
            WorkplaceType.HYBRID,
            id="first-of-all-locations",
        ),
    ],
)
def test_sample_places_and_workplaces(
    posting_id: str, city: str, country: str, workplace: WorkplaceType
) -> None:
    posting = by_id(parse(sample("lever/postings.json")))[posting_id]

    assert (posting.city, posting.country, posting.workplace_type) == (
        city,
        country,
        workplace,
    )


def test_sample_lists_are_wrapped_and_cleaned() -> None:
    postings = by_id(parse(sample("lever/postings.json")))

    finance = postings["cc5ccf57-b851-4c25-8840-ed4cd0535c12"]
    assert "<h3>What You'll Do</h3><ul>" in finance.description
    # The two zero-width spaces before an item are gone.
    assert "\u200b" not in finance.description
    assert "<li>Evaluate and model global major label licensing" in finance.description
    analytics = postings["08d82da1-0c72-44d1-91eb-7fa22dee3d39"]
    # The source's own typo is kept: a title is the partner's text.
    assert '<h3>What You"ll Do</h3>' in analytics.description
    assert "data-section-id" not in analytics.description


def test_sample_title_keeps_its_ampersand_and_dash() -> None:
    posting = by_id(parse(sample("lever/postings.json")))[
        "cc5ccf57-b851-4c25-8840-ed4cd0535c12"
    ]

    assert posting.title == "Analyst, Licensing Finance – FP&A"


def test_sample_description_entities_and_literal_quotes_agree() -> None:
    posting = by_id(parse(sample("lever/postings.json")))[
        "b4ad9572-e20f-4185-a284-99d9740d04f0"
    ]

    assert "Spotify’s audience" in posting.description
    assert "Subscriptions R&amp;D team" in posting.description


# --- Our fixtures ---------------------------------------------------------


def test_atlas_french_posting_is_normalised() -> None:
    posting = by_id(parse(fixture("lever/postings_atlas.json")))[
        "3f1c2a9e-7b4d-4c1e-9a2f-atlas0000001"
    ]

    assert posting.title == "Chargé·e de recrutement – Casablanca"
    assert posting.language == "fr"
    assert (posting.city, posting.country) == ("Casablanca", "MA")
    assert posting.workplace_type is WorkplaceType.HYBRID
    assert posting.employment_type is EmploymentType.FULL_TIME
    assert (posting.salary_min, posting.salary_max) == (Decimal(12000), Decimal(16000))
    assert (posting.salary_currency, posting.salary_period) == (
        "MAD",
        SalaryPeriod.MONTH,
    )
    assert posting.posted_at == datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    assert posting.source_updated_at is None
    assert (
        "<h3>Vos missions</h3><ul><li>Recruter des profils data &amp; produit</li>"
        in (posting.description)
    )
    assert "<h3>Où travailler</h3>Deux jours par semaine" in posting.description
    assert posting.description.endswith(
        "<p>Atlas Data s’engage pour l’égalité des chances.</p>"
    )
    assert_clean(posting)


def test_atlas_intern_gets_kind_country_from_place_and_hosted_link() -> None:
    posting = by_id(parse(fixture("lever/postings_atlas.json")))[
        "8d0e5b7a-1c2f-4e3d-8b9a-atlas0000002"
    ]

    assert posting.kind is OpportunityKind.INTERNSHIP
    assert posting.employment_type is EmploymentType.INTERNSHIP
    assert (posting.city, posting.country) == ("Abidjan", "CI")
    assert posting.workplace_type is WorkplaceType.ON_SITE
    assert posting.apply_url == (
        "https://jobs.lever.co/atlasdata/8d0e5b7a-1c2f-4e3d-8b9a-atlas0000002"
    )


def test_content_hash_ignores_nothing_lever_sends() -> None:
    body = fixture("lever/postings_atlas.json")

    first, second = parse(body).postings[0], parse(body).postings[0]
    assert first.content_hash() == second.content_hash()


# --- Broken input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(fixture("lever/truncated.json"), "not JSON", id="truncated-json"),
        pytest.param(fixture("lever/object_not_array.json"), "JSON array", id="object"),
        pytest.param(b"", "not JSON", id="empty-body"),
    ],
)
def test_documents_that_are_not_pages_are_malformed(body: bytes, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(body)


def test_postings_without_id_or_title_are_rejected() -> None:
    page = parse(fixture("lever/missing_fields.json"))

    [posting] = page.postings
    assert posting.external_id == "atlas-0004"
    assert posting.posted_at is None
    assert posting.workplace_type is WorkplaceType.ON_SITE
    assert [(r.position, r.reason) for r in page.rejections] == [
        ("[0]", "missing id"),
        ("[1]", "missing title"),
        ("[2]", "missing id"),
    ]


def test_script_injection_is_removed_everywhere() -> None:
    [posting] = parse(fixture("lever/script_injection.json")).postings

    assert posting.title == "Développeur web"
    assert posting.country == "MA"
    assert posting.apply_url == "https://jobs.lever.co/atlasdata/atlas-0005"
    assert "alert" not in posting.description and "steal" not in posting.description
    assert "<iframe" not in posting.description
    assert "<li>Coder</li></ul>" in posting.description
    assert_clean(posting)
