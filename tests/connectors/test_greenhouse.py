"""Greenhouse Job Board API documents: samples, our fixtures, broken input."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.greenhouse import GreenhouseFormat
from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

BOARD_URL = "https://boards-api.greenhouse.io/v1/boards/atlasdata/jobs?content=true"
# Greenhouse labels its JSON as HTML.
CONTENT_TYPE = "text/html; charset=utf-8"
FORMAT = GreenhouseFormat()


def parse(body: bytes) -> Page:
    return FORMAT.parse(body, BOARD_URL, CONTENT_TYPE)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param(
            "https://boards-api.greenhouse.io/v1/boards/atlasdata/jobs",
            "https://boards-api.greenhouse.io/v1/boards/atlasdata/jobs?content=true",
            id="adds-content-when-missing",
        ),
        pytest.param(
            "https://boards-api.greenhouse.io/v1/boards/atlasdata/jobs?content=false&x=1",
            "https://boards-api.greenhouse.io/v1/boards/atlasdata/jobs?x=1&content=true",
            id="turns-content-on-and-keeps-other-parameters",
        ),
    ],
)
def test_first_url_asks_for_content(url: str, expected: str) -> None:
    assert FORMAT.first_url(url) == expected


# --- Public samples -------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("jobs.json", id="jobs-without-content"),
        pytest.param("jobs_with_content.json", id="jobs-with-content"),
        pytest.param("offices.json", id="offices-with-nested-jobs"),
        pytest.param("departments.json", id="departments-with-nested-jobs"),
    ],
)
def test_2013_board_documents_yield_both_jobs_once(name: str) -> None:
    page = parse(sample(f"greenhouse/{name}"))

    postings = by_id(page)
    assert sorted(postings) == ["721", "722"]
    assert page.rejections == [] and page.next_url is None
    assert postings["721"].title == "Application developer"
    assert postings["722"].title == "Finance Analyst"
    for posting in page.postings:
        assert posting.city == "New York"
        assert posting.source_updated_at == datetime(2013, 9, 12, 21, 1, 50, tzinfo=UTC)
        assert posting.language == "en"
        assert_clean(posting)


def test_2013_new_york_ny_gives_the_city_and_does_not_guess_the_country() -> None:
    posting = by_id(parse(sample("greenhouse/jobs.json")))["721"]

    assert (posting.city, posting.country) == ("New York", None)
    assert posting.apply_url == "http://boards.greenhouse.io/generalassembly/jobs/721"


def test_single_job_document_is_read() -> None:
    page = parse(sample("greenhouse/job.json"))

    [posting] = page.postings
    assert posting.external_id == "721"
    assert posting.description.startswith("<h3>Who this job is right for</h3>")


def test_2013_content_is_unescaped_once_into_html() -> None:
    posting = by_id(parse(sample("greenhouse/jobs_with_content.json")))["721"]

    # `&amp;amp;` was the escape of the HTML `&amp;`: one ampersand.
    assert "<h3>Required skills &amp; experience</h3>" in posting.description
    # `&#x27;` was an escaped apostrophe.
    assert "haven't heard of them" in posting.description
    assert "<ul>" in posting.description and "<li>" in posting.description
    assert_clean(posting)


def test_2026_jobs_are_normalised() -> None:
    page = parse(sample("greenhouse/jobs_content_2026.json"))

    postings = by_id(page)
    assert len(postings) == 4 and page.rejections == []
    sydney = postings["5311686008"]
    assert sydney.title == "Country Lead, Data Center Security"
    assert (sydney.city, sydney.country) == ("Sydney", "AU")
    assert sydney.workplace_type is WorkplaceType.REMOTE
    assert sydney.language == "en"
    assert (
        sydney.apply_url == "https://job-boards.greenhouse.io/anthropic/jobs/5311686008"
    )
    for posting in page.postings:
        assert_clean(posting)


@pytest.mark.parametrize(
    ("job_id", "posted_at"),
    [
        pytest.param(
            "5311686008",
            datetime(2026, 7, 10, 20, 15, 41, tzinfo=UTC),
            id="summer-offset",
        ),
        pytest.param(
            "5023394008",
            datetime(2025, 12, 11, 17, 27, 23, tzinfo=UTC),
            id="winter-offset",
        ),
    ],
)
def test_2026_offsets_become_utc(job_id: str, posted_at: datetime) -> None:
    posting = by_id(parse(sample("greenhouse/jobs_content_2026.json")))[job_id]

    assert posting.posted_at == posted_at
    assert posting.source_updated_at == datetime(2026, 7, 14, 22, 35, tzinfo=UTC)


@pytest.mark.parametrize(
    ("job_id", "city", "country"),
    [
        pytest.param(
            "5215052008", "San Francisco", "US", id="pipe-list-country-from-office"
        ),
        pytest.param("5023394008", "London", "GB", id="semicolon-list-uk-alias"),
    ],
)
def test_2026_several_places_give_the_first(
    job_id: str, city: str, country: str
) -> None:
    posting = by_id(parse(sample("greenhouse/jobs_content_2026.json")))[job_id]

    assert (posting.city, posting.country) == (city, country)
    assert posting.workplace_type is WorkplaceType.ON_SITE


def test_2026_null_location_type_is_on_site() -> None:
    posting = by_id(parse(sample("greenhouse/jobs_content_2026.json")))["5101378008"]

    assert posting.workplace_type is WorkplaceType.ON_SITE


def test_2026_escaped_entities_inside_html_are_decoded_once() -> None:
    posting = by_id(parse(sample("greenhouse/jobs_content_2026.json")))["5023394008"]

    # `&amp;amp;` -> `&amp;` (an ampersand), `&amp;nbsp;` -> U+00A0.
    assert "AI &amp; Compute" in posting.description
    assert "R&amp;D" in posting.description
    assert "\u00a0" in posting.description
    assert "class=" not in posting.description


# --- Our fixtures ---------------------------------------------------------


def test_atlas_board_is_normalised() -> None:
    postings = by_id(parse(fixture("greenhouse/jobs_atlas.json")))

    casablanca = postings["880101"]
    assert casablanca.title == "Ingénieur données (H/F)"
    assert casablanca.language == "fr"
    assert (casablanca.city, casablanca.country) == ("Casablanca", "MA")
    assert casablanca.workplace_type is WorkplaceType.HYBRID
    assert casablanca.employment_type is EmploymentType.FULL_TIME
    assert casablanca.kind is OpportunityKind.JOB
    assert (casablanca.salary_min, casablanca.salary_max) == (
        Decimal(15000),
        Decimal(20000),
    )
    assert casablanca.salary_currency == "MAD"
    assert casablanca.salary_period is SalaryPeriod.MONTH
    assert casablanca.posted_at == datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
    assert casablanca.expires_at == datetime(2026, 10, 15, tzinfo=UTC)
    assert casablanca.source_updated_at == datetime(2026, 9, 3, 8, 30, tzinfo=UTC)


def test_atlas_author_written_tags_stay_text() -> None:
    posting = by_id(parse(fixture("greenhouse/jobs_atlas.json")))["880101"]

    # The author typed "<" and "<script>" as text: never a tag.
    assert "Salaire &lt; 25 000 MAD" in posting.description
    assert "écrit &lt;script&gt; sans crainte" in posting.description
    assert "l'équipe" in posting.description
    assert "PME marocaines &amp; africaines" in posting.description
    assert_clean(posting, has_written_out_tags=True)


def test_atlas_arabic_remote_job_keeps_its_language_and_country() -> None:
    posting = by_id(parse(fixture("greenhouse/jobs_atlas.json")))["880102"]

    assert posting.title == "مهندس برمجيات أول"
    assert posting.language == "ar"
    assert (posting.city, posting.country) == (None, "MA")
    assert posting.workplace_type is WorkplaceType.REMOTE


def test_atlas_twice_escaped_content_is_unescaped_twice() -> None:
    posting = by_id(parse(fixture("greenhouse/jobs_atlas.json")))["880103"]

    assert posting.description.startswith("<p>Six-month internship")
    assert posting.kind is OpportunityKind.INTERNSHIP
    assert posting.employment_type is EmploymentType.INTERNSHIP
    assert (posting.city, posting.country) == ("Dakar", "SN")
    assert posting.language == "en"
    assert_clean(posting)


def test_atlas_state_code_country_comes_from_the_office() -> None:
    posting = by_id(parse(fixture("greenhouse/jobs_atlas.json")))["880104"]

    assert (posting.city, posting.country) == ("Boston", "US")
    assert posting.posted_at is None


# --- Broken input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            fixture("greenhouse/truncated.json"), "not JSON", id="truncated-json"
        ),
        pytest.param(
            fixture("greenhouse/wrong_shape.json"), "no `jobs`", id="wrong-shape"
        ),
        pytest.param(b"[1, 2]", "JSON object", id="array-instead-of-object"),
        pytest.param(
            b"<html><body>Maintenance</body></html>", "not JSON", id="html-page"
        ),
        pytest.param(b"\xff\xfe\x00", "not", id="binary"),
    ],
)
def test_documents_that_are_not_boards_are_malformed(body: bytes, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(body)


def test_jobs_without_id_or_title_are_rejected_with_position() -> None:
    page = parse(fixture("greenhouse/missing_fields.json"))

    assert [posting.external_id for posting in page.postings] == ["880203"]
    assert [(r.position, r.reason, r.external_id) for r in page.rejections] == [
        ("jobs[0]", "missing id", None),
        ("jobs[1]", "missing title", "880201"),
        ("jobs[2]", "missing title", "880202"),
        ("jobs[3]", "job is not a JSON object", None),
        ("jobs[5]", "duplicate id, first seen at jobs[4]", "880203"),
    ]


def test_script_injection_is_removed_and_truncated_html_closed() -> None:
    [posting] = parse(fixture("greenhouse/script_injection.json")).postings

    assert posting.title == "Comptable"
    assert "steal" not in posting.description and "alert" not in posting.description
    assert "<iframe" not in posting.description
    assert posting.description.endswith("<p>Rejoignez <strong>Atlas</strong></p>")
    assert posting.apply_url is None
    assert_clean(posting)


def test_unreadable_dates_are_left_empty_and_the_job_kept() -> None:
    [posting] = parse(fixture("greenhouse/bad_dates.json")).postings

    assert posting.posted_at is None
    assert posting.source_updated_at is None
    assert posting.expires_at is None
    assert (posting.city, posting.country) == ("Kénitra", "MA")
