"""CSV uploads: the documented header, encodings, separators and bad rows."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.csv import COLUMNS, CsvFormat
from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from tests.connectors.format_checks import REPO_ROOT, assert_clean, by_id, fixture

UPLOAD_URL = "https://gateway.example/uploads/atlas-data.csv"
FORMAT = CsvFormat()


def parse(body: bytes) -> Page:
    return FORMAT.parse(body, UPLOAD_URL, "text/csv")


def test_first_url_is_the_file() -> None:
    assert FORMAT.first_url(UPLOAD_URL) == UPLOAD_URL


def test_the_header_is_documented_in_the_module_and_the_docs() -> None:
    header = ",".join(COLUMNS)
    docs = (REPO_ROOT / "docs" / "connectors-csv.md").read_text(encoding="utf-8")

    assert header in docs
    for column in COLUMNS:
        assert f"`{column}`" in docs


def test_atlas_upload_with_bom_and_crlf_is_normalised() -> None:
    page = parse(fixture("csv/postings_atlas.csv"))

    postings = by_id(page)
    assert sorted(postings) == ["AD-101", "AD-102", "AD-103", "AD-104"]
    assert page.rejections == [] and page.next_url is None
    engineer = postings["AD-101"]
    assert engineer.title == "Ingénieur·e données (H/F)"
    assert engineer.language == "fr"
    assert (engineer.city, engineer.country) == ("Casablanca", "MA")
    assert engineer.workplace_type is WorkplaceType.HYBRID
    assert engineer.employment_type is EmploymentType.FULL_TIME
    assert (engineer.salary_min, engineer.salary_max) == (
        Decimal(15000),
        Decimal(20000),
    )
    assert (engineer.salary_currency, engineer.salary_period) == (
        "MAD",
        SalaryPeriod.MONTH,
    )
    assert engineer.posted_at == datetime(2026, 9, 1, tzinfo=UTC)
    assert engineer.expires_at == datetime(2026, 10, 31, 22, 59, tzinfo=UTC)
    assert engineer.apply_url == "https://careers.atlas-data.ma/jobs/AD-101"
    assert engineer.skills == ("Python", "SQL", "dbt")
    assert (
        engineer.description == "<p>Rejoignez Atlas Data à Casablanca &amp; Rabat.</p>"
    )
    for posting in page.postings:
        assert_clean(posting)


def test_atlas_arabic_row_detects_its_language_and_keeps_paragraphs() -> None:
    posting = by_id(parse(fixture("csv/postings_atlas.csv")))["AD-102"]

    assert posting.language == "ar"
    assert (posting.city, posting.country) == ("الرباط", "MA")
    assert posting.workplace_type is WorkplaceType.REMOTE
    # A naive time is UTC.
    assert posting.posted_at == datetime(2026, 9, 2, 8, 30, tzinfo=UTC)
    assert posting.description == (
        "<p>نبحث عن مهندس بيانات للانضمام إلى فريقنا في الرباط.</p>"
        "<p>العمل عن بعد ممكن.</p>"
    )


@pytest.mark.parametrize(
    ("external_id", "kind"),
    [
        pytest.param("AD-103", OpportunityKind.INTERNSHIP, id="stage-is-an-internship"),
        pytest.param("AD-104", OpportunityKind.TRAINING, id="declared-kind"),
        pytest.param("AD-101", OpportunityKind.JOB, id="empty-kind-is-a-job"),
    ],
)
def test_kind_column_and_contract_form(external_id: str, kind: OpportunityKind) -> None:
    posting = by_id(parse(fixture("csv/postings_atlas.csv")))[external_id]

    assert posting.kind is kind


def test_semicolon_separated_french_spreadsheet_is_read() -> None:
    postings = by_id(parse(fixture("csv/postings_semicolon.csv")))

    accountant = postings["AD-201"]
    assert accountant.title == "Comptable confirmé"
    assert accountant.employment_type is EmploymentType.TEMPORARY
    assert accountant.salary_min == Decimal("9500.50")
    assert accountant.salary_period is SalaryPeriod.MONTH
    assert postings["AD-202"].employment_type is EmploymentType.PART_TIME


def test_bad_rows_are_rejected_with_line_column_and_reason() -> None:
    page = parse(fixture("csv/bad_rows.csv"))

    assert sorted(by_id(page)) == ["AD-301", "AD-308"]
    assert [(r.position, r.external_id) for r in page.rejections] == [
        ("line 3", "AD-302"),
        ("line 4", "AD-303"),
        ("line 5", "AD-304"),
        ("line 6", None),
        ("line 7", "AD-306"),
        ("line 8", "AD-307"),
        ("line 11", "AD-301"),
    ]
    reasons = {r.position: r.reason for r in page.rejections}
    assert reasons["line 3"] == (
        "salary_min: not an amount ('douze mille'); "
        "posted_at: not an ISO 8601 date ('31/12/2026'); "
        "apply_url: not an http(s) URL ('javascript:alert(1)')"
    )
    assert reasons["line 4"].startswith("language: not an ISO 639-1 language ('xx'); ")
    assert "country: not a country ('Atlantide')" in reasons["line 4"]
    assert "kind: not one of job, internship" in reasons["line 4"]
    assert "salary_min: greater than salary_max" in reasons["line 5"]
    assert "salary_currency: required with an amount" in reasons["line 5"]
    assert "expires_at: not an ISO 8601 date ('2026-13-01')" in reasons["line 5"]
    assert reasons["line 6"] == "missing id"
    assert reasons["line 7"] == "missing title"
    assert reasons["line 8"] == "more cells than header columns"
    assert reasons["line 11"] == "duplicate id, first seen at line 2"


def test_a_quoted_line_break_keeps_line_numbers_true() -> None:
    posting = by_id(parse(fixture("csv/bad_rows.csv")))["AD-308"]

    assert posting.title == "Description sur deux lignes"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            fixture("csv/wrong_header.csv"),
            r"missing columns: external_id, title; unknown columns: external id, titel",
            id="typos-in-header",
        ),
        pytest.param(
            fixture("csv/not_utf8.csv"), "save the file as CSV UTF-8", id="windows-1252"
        ),
        pytest.param(b"", "empty", id="empty-file"),
        pytest.param(b"\xef\xbb\xbf\r\n", "empty", id="bom-only"),
        pytest.param(
            b"title\r\nComptable\r\n", "missing columns: external_id", id="no-id"
        ),
        pytest.param(
            b'external_id,title\r\n"AD-1,Compt', "unreadable CSV", id="open-quote"
        ),
    ],
)
def test_files_that_cannot_be_read_are_malformed(body: bytes, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(body)


def test_script_in_a_cell_is_removed() -> None:
    body = (
        b"external_id,title,description\r\n"
        b'AD-9,"<img src=x onerror=alert(1)>Comptable",'
        b'"<p onclick=""steal()"">Bonjour</p><script>alert(2)</script>"\r\n'
    )

    [posting] = parse(body).postings
    assert posting.title == "Comptable"
    assert posting.description == "<p>Bonjour</p>"
    assert_clean(posting)
