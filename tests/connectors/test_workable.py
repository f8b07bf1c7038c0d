"""Workable widget and SPI v3 documents: samples, our fixtures, broken input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.workable import WorkableFormat
from gateway.db.enums import EmploymentType, OpportunityKind, WorkplaceType
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

WIDGET_URL = "https://apply.workable.com/api/v1/widget/accounts/atlasdata?details=true"
SPI_URL = "https://atlasdata.workable.com/spi/v3/jobs"
FORMAT = WorkableFormat()


def parse(body: bytes, url: str = WIDGET_URL) -> Page:
    return FORMAT.parse(body, url, "application/json")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "https://apply.workable.com/api/v1/widget/accounts/atlasdata",
            "https://apply.workable.com/api/v1/widget/accounts/atlasdata?details=true",
            id="widget-asks-for-details",
        ),
        pytest.param(
            "https://atlasdata.workable.com/spi/v3/jobs?state=published",
            "https://atlasdata.workable.com/spi/v3/jobs?state=published&include_fields="
            "description%2Cfull_description%2Crequirements%2Cbenefits",
            id="spi-asks-for-texts",
        ),
    ],
)
def test_first_url_asks_for_job_texts(url: str, expected: str) -> None:
    assert FORMAT.first_url(url) == expected


# --- Public samples -------------------------------------------------------


def test_sample_spi_list_keeps_published_jobs_and_pages_on() -> None:
    page = parse(sample("workable/jobs.json"), SPI_URL)

    # The draft "Sales Intern" and the archived "Operations Manager" are no
    # postings: skipped, not rejected.
    [posting] = page.postings
    assert page.rejections == []
    assert posting.external_id == "GROOV005"
    assert posting.title == "Office Manager"
    assert (posting.city, posting.country) == ("Chicago", "US")
    assert posting.workplace_type is WorkplaceType.ON_SITE
    assert posting.posted_at == datetime(2015, 6, 6, tzinfo=UTC)
    assert posting.apply_url == (
        "https://groove-tech.workable.com/jobs/376844767/candidates/new"
    )
    assert page.next_url == (
        "https://www.workable.com/spi/v3/accounts/subdomain/jobs?limit=3&since_id=2700d6df"
    )
    assert_clean(posting)


def test_sample_spi_job_has_its_full_description() -> None:
    page = parse(sample("workable/job.json"), SPI_URL + "/GROOV005")

    [posting] = page.postings
    assert posting.employment_type is EmploymentType.FULL_TIME
    assert posting.posted_at == datetime(2015, 6, 8, tzinfo=UTC)
    assert posting.description.startswith("<p>We are looking for an Office Manager")
    # The stray backslash before a line break is gone; the bare `G&A` is
    # an ampersand, written back escaped.
    assert "\\" not in posting.description
    assert "office G&amp;A budget" in posting.description
    assert "<strong>Benefits</strong>" in posting.description
    assert posting.apply_url == (
        "https://groove-tech.lvh.me:3000/jobs/376844767/candidates/new"
    )
    assert_clean(posting)


def test_sample_widget_jobs_are_normalised() -> None:
    page = parse(sample("workable/widget.json"))

    postings = by_id(page)
    assert sorted(postings) == ["4F6CFADDE7", "EA1CC8FB4A", "ED4998DB83"]
    leasing = postings["4F6CFADDE7"]
    assert leasing.title == "Leasing Consultant - High Performance Sales"
    assert (leasing.city, leasing.country) == ("San Diego", "US")
    assert leasing.employment_type is EmploymentType.FULL_TIME
    # `published_on` (date only), not `created_at`.
    assert leasing.posted_at == datetime(2026, 8, 17, tzinfo=UTC)
    assert leasing.apply_url == "https://apply.workable.com/j/4F6CFADDE7/apply"
    assert postings["ED4998DB83"].employment_type is EmploymentType.PART_TIME
    assert postings["ED4998DB83"].title == (
        "Onsite Resident Manager - Part-time : Paradise Hills & Imperial Beach"
    )
    for posting in page.postings:
        # The company's description is not a job's.
        assert posting.description == ""
        assert posting.language == "en"
        assert_clean(posting)


# --- Our fixtures ---------------------------------------------------------


def test_atlas_widget_job_with_details_is_normalised() -> None:
    posting = by_id(parse(fixture("workable/widget_atlas.json")))["ATL0001A"]

    assert posting.title == "Comptable confirmé(e)"
    assert posting.language == "fr"
    assert (posting.city, posting.country) == ("Rabat", "MA")
    assert posting.employment_type is EmploymentType.FULL_TIME
    assert posting.posted_at == datetime(2026, 9, 2, tzinfo=UTC)
    assert posting.description == (
        "<p>Vous tenez la comptabilité de nos filiales au Maroc et au Sénégal.</p>\n"
        "<h3>Requirements</h3><ul><li>Bac+5 en comptabilité</li>"
        "<li>Maîtrise du plan comptable marocain</li></ul>\n"
        "<h3>Benefits</h3><ul><li>Assurance maladie complémentaire</li></ul>"
    )


def test_atlas_widget_intern_is_remote_in_its_visible_place() -> None:
    posting = by_id(parse(fixture("workable/widget_atlas.json")))["ATL0002B"]

    assert posting.kind is OpportunityKind.INTERNSHIP
    assert posting.employment_type is None
    assert posting.workplace_type is WorkplaceType.REMOTE
    assert (posting.city, posting.country) == ("Marrakech", "MA")
    # An empty `application_url` falls back to the job page.
    assert posting.apply_url == "https://apply.workable.com/j/ATL0002B"


def test_atlas_widget_job_without_shortcode_is_rejected() -> None:
    page = parse(fixture("workable/widget_atlas.json"))

    assert [(r.position, r.reason) for r in page.rejections] == [
        ("jobs[2]", "missing id")
    ]


def test_atlas_spi_list_skips_drafts_and_archives() -> None:
    page = parse(fixture("workable/spi_jobs_atlas.json"), SPI_URL)

    [posting] = page.postings
    assert posting.external_id == "ATL0003C"
    assert (posting.city, posting.country) == ("Dakar", "SN")
    assert posting.workplace_type is WorkplaceType.HYBRID
    assert posting.posted_at == datetime(2026, 9, 3, 7, 30, tzinfo=UTC)
    assert page.next_url == (
        "https://atlasdata.workable.com/spi/v3/jobs?limit=3&since_id=0a0b0c"
    )


def test_atlas_spi_job_is_cleaned_and_closed() -> None:
    [posting] = parse(fixture("workable/spi_job_atlas.json"), SPI_URL).postings

    assert posting.workplace_type is WorkplaceType.REMOTE
    assert posting.employment_type is EmploymentType.CONTRACT
    assert "<li>Kubernetes &amp; Terraform</li>" in posting.description
    assert "R&amp;D sur l'observabilité" in posting.description
    assert "cookie" not in posting.description and "steal" not in posting.description
    assert posting.description.endswith("<p>Rejoignez-nous</p>")
    assert "\\" not in posting.description
    assert_clean(posting)


# --- Broken input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            fixture("workable/truncated.json"), "not JSON", id="truncated-json"
        ),
        pytest.param(fixture("workable/wrong_shape.json"), "no `jobs`", id="no-jobs"),
        pytest.param(b'[{"shortcode": "X"}]', "JSON object", id="array"),
        pytest.param(
            b'{"jobs": {"shortcode": "X"}}', "no `jobs`", id="jobs-not-a-list"
        ),
    ],
)
def test_documents_that_are_not_workable_are_malformed(
    body: bytes, message: str
) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(body)


def test_jobs_that_are_not_objects_are_rejected() -> None:
    page = parse(b'{"name": "Atlas Data", "jobs": ["Comptable", null]}')

    assert [(r.position, r.reason) for r in page.rejections] == [
        ("jobs[0]", "job is not a JSON object"),
        ("jobs[1]", "job is not a JSON object"),
    ]
