"""SmartRecruiters Posting API pages: samples, our fixtures, paging, broken input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.smartrecruiters import SmartRecruitersFormat
from gateway.db.enums import EmploymentType, OpportunityKind, WorkplaceType
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

ATLAS_URL = (
    "https://api.smartrecruiters.com/v1/companies/AtlasData/postings?limit=2&offset=0"
)
SAMPLE_URL = (
    "https://api.smartrecruiters.com/v1/companies/CityAndCountyOfSanFrancisco1/postings"
    "?limit=5&offset=0"
)
FORMAT = SmartRecruitersFormat()


def parse(body: bytes, url: str = ATLAS_URL) -> Page:
    return FORMAT.parse(body, url, "application/json")


def test_first_url_sets_page_size_and_offset() -> None:
    url = "https://api.smartrecruiters.com/v1/companies/AtlasData/postings?country=ma"

    assert FORMAT.first_url(url) == url + "&limit=100&offset=0"


# --- Public sample --------------------------------------------------------


def test_sample_first_page_points_at_the_next() -> None:
    page = parse(sample("smartrecruiters/postings.json"), SAMPLE_URL)

    assert len(page.postings) == 5 and page.rejections == []
    # 5 of 159 read: the next page starts at offset 5.
    assert page.next_url == SAMPLE_URL.replace("offset=0", "offset=5")


def test_sample_partial_items_are_normalised() -> None:
    postings = by_id(parse(sample("smartrecruiters/postings.json"), SAMPLE_URL))

    director = postings["3743990015976606"]
    assert director.title == (
        "Director of Risk Management (0941) - Risk Management, "
        "Office of City Administrator"
    )
    # List items carry no job ad.
    assert director.description == ""
    assert (director.city, director.country) == ("San Francisco", "US")
    assert director.workplace_type is WorkplaceType.HYBRID
    assert director.employment_type is EmploymentType.FULL_TIME
    assert director.kind is OpportunityKind.JOB
    assert director.language == "en"
    assert director.posted_at == datetime(2026, 10, 7, 23, 37, 52, 252000, tzinfo=UTC)
    assert director.apply_url == (
        "https://jobs.smartrecruiters.com/CityAndCountyOfSanFrancisco1/3743990015976606"
    )
    for posting in postings.values():
        assert posting.country == "US"
        assert_clean(posting)


def test_sample_double_space_in_a_name_is_collapsed() -> None:
    posting = by_id(parse(sample("smartrecruiters/postings.json"), SAMPLE_URL))[
        "3743990015967486"
    ]

    assert "  " not in posting.title
    assert posting.title.startswith("Supervising Welfare Fraud Investigator (2967) - ")
    assert posting.workplace_type is WorkplaceType.ON_SITE


# --- Our fixtures ---------------------------------------------------------


def test_atlas_page_is_normalised() -> None:
    page = parse(fixture("smartrecruiters/postings_atlas.json"))

    postings = by_id(page)
    chef = postings["744000100000001"]
    assert chef.title == "Chef de projet data"
    assert chef.language == "fr"
    assert (chef.city, chef.country) == ("Casablanca", "MA")
    assert chef.workplace_type is WorkplaceType.HYBRID
    assert chef.employment_type is EmploymentType.FULL_TIME
    assert (
        chef.apply_url == "https://jobs.smartrecruiters.com/AtlasData/744000100000001"
    )
    assert page.next_url == ATLAS_URL.replace("offset=0", "offset=2")


def test_atlas_internship_level_sets_the_kind() -> None:
    posting = by_id(parse(fixture("smartrecruiters/postings_atlas.json")))[
        "744000100000002"
    ]

    assert posting.kind is OpportunityKind.INTERNSHIP
    assert posting.employment_type is EmploymentType.INTERNSHIP
    assert (posting.city, posting.country) == ("Abidjan", "CI")
    assert posting.workplace_type is WorkplaceType.REMOTE
    assert posting.posted_at == datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


def test_atlas_full_posting_has_its_job_ad() -> None:
    page = parse(fixture("smartrecruiters/posting_atlas.json"))

    [posting] = page.postings
    assert page.next_url is None
    assert posting.description == (
        "<h3>Atlas Data</h3><p>Nous aidons les PME africaines à tirer parti de leurs "
        "données.</p>\n<h3>Vos missions</h3><ul><li>Piloter nos projets clients</li>"
        "<li>Encadrer deux analystes</li></ul>\n<h3>Votre profil</h3><p>Cinq ans "
        "d'expérience &amp; un bon sens du client.</p>"
    )
    assert posting.apply_url == (
        "https://jobs.smartrecruiters.com/AtlasData/744000100000001-chef-de-projet-data?oga=true"
    )
    assert_clean(posting)


def test_last_page_has_no_next() -> None:
    page = parse(fixture("smartrecruiters/missing_fields.json"))

    assert page.next_url is None


# --- Broken input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            fixture("smartrecruiters/truncated.json"), "not JSON", id="truncated"
        ),
        pytest.param(
            fixture("smartrecruiters/wrong_shape.json"), "no `content`", id="shape"
        ),
        pytest.param(b"[]", "JSON object", id="array"),
    ],
)
def test_documents_that_are_not_pages_are_malformed(body: bytes, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(body)


def test_postings_without_id_or_name_are_rejected() -> None:
    page = parse(fixture("smartrecruiters/missing_fields.json"))

    assert page.postings == []
    assert [(r.position, r.reason, r.external_id) for r in page.rejections] == [
        ("content[0]", "missing id", None),
        ("content[1]", "missing title", "744000100000009"),
    ]
