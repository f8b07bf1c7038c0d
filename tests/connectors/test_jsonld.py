"""schema.org JSON-LD pages and documents: samples, our fixtures, broken input."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.jsonld import JsonLdFormat
from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

PAGE_URL = "https://www.atlas-data.ma/carrieres"
FORMAT = JsonLdFormat()


def parse(body: bytes, url: str = PAGE_URL, content_type: str | None = None) -> Page:
    return FORMAT.parse(body, url, content_type)


def test_first_url_is_the_page() -> None:
    assert FORMAT.first_url(PAGE_URL) == PAGE_URL


# --- Public samples -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "apply_url"),
    [
        pytest.param(
            "jsonld/job_posting.json", "application/ld+json", None, id="document"
        ),
        pytest.param(
            "jsonld/careers_page.html", "text/html; charset=utf-8", PAGE_URL, id="page"
        ),
    ],
)
def test_sample_software_engineer_posting(
    name: str, content_type: str, apply_url: str | None
) -> None:
    page = parse(sample(name), content_type=content_type)

    [posting] = page.postings
    assert page.rejections == []
    assert posting.title == "Software Engineer"
    assert posting.description == (
        "<p>Description: ABC Company Inc. seeks a full-time mid-level software "
        "engineer to develop in-house tools.</p>"
    )
    assert posting.employment_type is EmploymentType.FULL_TIME
    assert posting.posted_at == datetime(2011, 10, 31, tzinfo=UTC)
    assert posting.expires_at is None
    # No country in the address: none is guessed from "WA".
    assert (posting.city, posting.country) == ("Kirkland", None)
    # A bare "100000" with `salaryCurrency` beside it, and no period.
    assert (posting.salary_min, posting.salary_max) == (
        Decimal(100000),
        Decimal(100000),
    )
    assert (posting.salary_currency, posting.salary_period) == ("USD", None)
    assert posting.apply_url == apply_url
    assert posting.language == "en"
    # The skills text is prose, not a list of skills.
    assert posting.skills == ()
    assert_clean(posting)


def test_sample_page_and_document_give_the_same_id() -> None:
    from_document = parse(sample("jsonld/job_posting.json")).postings[0]
    from_page = parse(sample("jsonld/careers_page.html")).postings[0]

    assert from_document.external_id == from_page.external_id
    assert from_document.external_id.startswith("sha256:")


def test_sample_title_in_name_is_read() -> None:
    [posting] = parse(sample("jsonld/job_posting_occupation.json")).postings

    assert posting.title == "Mobile App Developer"
    assert posting.description == ""
    assert posting.posted_at is None
    assert posting.kind is OpportunityKind.JOB
    assert_clean(posting)


def test_sample_educational_program_is_training() -> None:
    [posting] = parse(sample("jsonld/educational_program.json")).postings

    assert posting.kind is OpportunityKind.TRAINING
    assert posting.title == "Undergraduate CS degree from ACME College"
    assert posting.external_id == "http://www.acme.edu/CS"
    assert posting.apply_url == "http://www.acme.edu/CS"
    assert (posting.city, posting.country) == ("Boston", None)
    # Tuition is a price paid, not a salary.
    assert posting.salary_min is None and posting.salary_currency is None
    assert_clean(posting)


def test_sample_course_is_remote_training() -> None:
    [posting] = parse(sample("jsonld/course.json")).postings

    assert posting.kind is OpportunityKind.TRAINING
    assert posting.title == "Basic Proofreading"
    assert posting.workplace_type is WorkplaceType.REMOTE
    # The literal CRLF and indentation inside the text are one space.
    assert posting.description == (
        "<p>The distance learning training course that takes you from complete "
        "beginner to PQB qualified proofreader in one step.</p>"
    )
    assert posting.salary_min is None
    assert_clean(posting)


# --- Our fixtures ---------------------------------------------------------


def test_atlas_page_finds_postings_in_a_graph_and_rejects_a_broken_block() -> None:
    page = parse(fixture("jsonld/careers_atlas.html"), content_type="text/html")

    assert len(page.postings) == 2
    assert [(r.position, r.reason[:17]) for r in page.rejections] == [
        ("script 3", "invalid JSON-LD: ")
    ]
    titles = [posting.title for posting in page.postings]
    assert "Commentée" not in titles


def test_atlas_page_posting_is_normalised() -> None:
    posting = by_id(parse(fixture("jsonld/careers_atlas.html")))["ATL-2026-017"]

    assert posting.title == "Analyste BI (H/F)"
    assert posting.language == "fr"
    assert (posting.city, posting.country) == ("Casablanca", "MA")
    assert posting.employment_type is EmploymentType.FULL_TIME
    assert (posting.salary_min, posting.salary_max) == (Decimal(14000), Decimal(18000))
    assert (posting.salary_currency, posting.salary_period) == (
        "MAD",
        SalaryPeriod.MONTH,
    )
    assert posting.posted_at == datetime(2026, 9, 10, 8, 0, tzinfo=UTC)
    assert posting.expires_at == datetime(2026, 10, 31, 22, 59, tzinfo=UTC)
    assert posting.apply_url == "https://www.atlas-data.ma/carrieres/analyste-bi"
    assert posting.skills == ("Power BI", "SQL", "DAX")
    assert posting.description == (
        "<p>Vous concevez nos tableaux de bord pour les distributeurs de "
        "<strong>Casablanca</strong> &amp; Tanger.</p>"
    )
    assert_clean(posting)


def test_atlas_telecommuting_internship() -> None:
    page = parse(fixture("jsonld/careers_atlas.html"))
    [posting] = [p for p in page.postings if p.external_id != "ATL-2026-017"]

    assert posting.title == "Stage – Data engineering"
    assert posting.external_id.startswith("sha256:")
    assert posting.kind is OpportunityKind.INTERNSHIP
    assert posting.employment_type is EmploymentType.INTERNSHIP
    assert posting.workplace_type is WorkplaceType.REMOTE
    assert (posting.city, posting.country) == (None, "SN")
    assert (posting.salary_min, posting.salary_max) == (
        Decimal(150000),
        Decimal(150000),
    )
    assert posting.salary_currency == "XOF"
    assert posting.description == (
        "<p>Stage de six mois, en télétravail depuis le Sénégal.</p>"
        "<p>Encadrement par notre équipe de Rabat.</p>"
    )
    # No `url` of its own: the page it was found on.
    assert posting.apply_url == PAGE_URL


def test_atlas_arabic_document() -> None:
    [posting] = parse(
        fixture("jsonld/posting_atlas.jsonld"), "https://x.ma/feed.jsonld"
    ).postings

    assert posting.external_id == "ATL-AR-004"
    assert posting.title == "مدير مشروع تحليل البيانات"
    assert posting.language == "ar"
    assert (posting.city, posting.country) == ("الرباط", "MA")
    assert posting.salary_period is SalaryPeriod.YEAR
    assert posting.salary_min == posting.salary_max == Decimal(300000)
    assert posting.expires_at == datetime(2026, 12, 31, tzinfo=UTC)
    assert posting.source_updated_at == datetime(2026, 9, 16, 10, 0, tzinfo=UTC)


def test_atlas_institute_offers_are_training() -> None:
    postings = by_id(parse(fixture("jsonld/programs_atlas.jsonld")))

    licence = postings["https://institut.atlas-data.ma/formations/lp-data"]
    assert licence.kind is OpportunityKind.TRAINING
    assert licence.workplace_type is WorkplaceType.HYBRID
    assert (licence.city, licence.country) == ("Rabat", "MA")
    assert licence.expires_at == datetime(2026, 7, 15, tzinfo=UTC)
    assert licence.salary_min is None
    course = postings["https://institut.atlas-data.ma/cours/python"]
    assert course.kind is OpportunityKind.TRAINING
    # One instance on site, one online.
    assert course.workplace_type is WorkplaceType.HYBRID
    assert (course.city, course.country) == ("Casablanca", "MA")
    assert course.language == "fr"


# --- Broken input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            fixture("jsonld/no_jsonld.html"), "no JSON-LD script", id="no-script"
        ),
        pytest.param(
            fixture("jsonld/broken_only.html"), "valid JSON", id="only-broken"
        ),
        pytest.param(fixture("jsonld/truncated.jsonld"), "not JSON-LD", id="truncated"),
        pytest.param(b"", "no JSON-LD script", id="empty"),
    ],
)
def test_documents_without_json_ld_are_malformed(body: bytes, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(body)


def test_postings_without_title_are_rejected_and_bad_dates_left_empty() -> None:
    page = parse(fixture("jsonld/missing_fields.jsonld"))

    [posting] = page.postings
    assert posting.title == "Comptable"
    assert posting.posted_at is None
    assert [(r.position, r.reason) for r in page.rejections] == [
        ("document item 0", "missing title")
    ]
