"""Indeed-style and Personio XML feeds: samples, our fixtures, hostile XML."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import FeedMalformed
from connectors.formats.base import Page
from connectors.formats.xml import XmlFeedFormat
from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)
from tests.connectors.format_checks import assert_clean, by_id, fixture, sample

INDEED_URL = "https://www.atlas-data.ma/feeds/indeed.xml"
PERSONIO_URL = "https://atlas-data.jobs.personio.de/xml?language=fr"
FORMAT = XmlFeedFormat()


def parse(body: bytes, url: str = INDEED_URL) -> Page:
    return FORMAT.parse(body, url, "application/xml")


def test_first_url_is_the_feed() -> None:
    assert FORMAT.first_url(PERSONIO_URL) == PERSONIO_URL


# --- Public samples -------------------------------------------------------


def test_sample_indeed_job_is_normalised() -> None:
    page = parse(sample("xml/indeed_feed.xml"))

    [posting] = page.postings
    assert page.rejections == [] and page.next_url is None
    assert posting.external_id == "unique123131"
    assert posting.title == "Sales Executive"
    assert (posting.city, posting.country) == ("Phoenix", "US")
    # `date`, not the channel's older `lastBuildDate` with its wrong weekday.
    assert posting.posted_at == datetime(2021, 6, 29, 22, 49, 39, tzinfo=UTC)
    # A date without a time: midnight UTC.
    assert posting.expires_at == datetime(2021, 11, 8, tzinfo=UTC)
    # The `&amp;` kept inside CDATA is one ampersand in the link.
    assert posting.apply_url == (
        "http://www.examplesite.com/viewjob.cfm?jobid=unique123131&source=Indeed"
    )
    # `fulltime, parttime`: the first form named.
    assert posting.employment_type is EmploymentType.FULL_TIME
    # "$50K per year", free text.
    assert (posting.salary_min, posting.salary_max) == (Decimal(50000), Decimal(50000))
    assert (posting.salary_currency, posting.salary_period) == (
        "USD",
        SalaryPeriod.YEAR,
    )
    # `COVID-19` meant remote for a while only.
    assert posting.workplace_type is WorkplaceType.ON_SITE
    assert posting.language == "en"
    assert_clean(posting)


def test_sample_indeed_description_is_trimmed_into_one_paragraph() -> None:
    [posting] = parse(sample("xml/indeed_feed.xml")).postings

    assert posting.description.startswith(
        "<p>Do you have 1-3 years of sales experience?"
    )
    assert posting.description.endswith(
        "you can expect unlimited career advancement!</p>"
    )
    assert "[...]" in posting.description
    assert "\n" not in posting.description


def test_sample_personio_positions_are_normalised() -> None:
    page = parse(sample("xml/personio_positions.xml"), PERSONIO_URL)

    postings = by_id(page)
    assert sorted(postings) == ["2632185", "2727726"]
    security = postings["2632185"]
    assert security.title == (
        "Information Security Officer / Information Security Manager (m/f/d)"
    )
    # "Remote / Düsseldorf": remote work, with the office's city.
    assert (security.city, security.workplace_type) == (
        "Düsseldorf",
        WorkplaceType.REMOTE,
    )
    # Personio gives no country.
    assert security.country is None
    assert security.employment_type is EmploymentType.FULL_TIME
    assert security.posted_at == datetime(2026, 5, 12, 13, 50, 48, tzinfo=UTC)
    assert security.apply_url == "https://atlas-data.jobs.personio.de/job/2632185"
    # An empty <jobDescriptions>.
    assert security.description == ""
    # Keywords trimmed; places and "remote" are not skills.
    assert "Cyber Security" in security.skills and "Awareness" in security.skills
    assert not {"Germany", "remote", "Homeoffice", "Deutschland"} & set(security.skills)
    finance = postings["2727726"]
    assert finance.title == "Financial Accountant & Controller (m/f/d)"
    assert (finance.city, finance.workplace_type) == (
        "Amsterdam",
        WorkplaceType.ON_SITE,
    )
    for posting in page.postings:
        assert posting.language == "en"
        assert_clean(posting)


def test_sample_personio_without_personio_host_has_no_link() -> None:
    page = parse(sample("xml/personio_positions.xml"), "https://example.com/jobs.xml")

    assert {posting.apply_url for posting in page.postings} == {None}


# --- Our fixtures ---------------------------------------------------------


def test_atlas_indeed_job_is_normalised() -> None:
    postings = by_id(parse(fixture("xml/indeed_atlas.xml")))

    tanger = postings["ATL-LOG-07"]
    assert tanger.title == "Responsable logistique (H/F)"
    assert tanger.language == "fr"
    assert (tanger.city, tanger.country) == ("Tanger", "MA")
    assert tanger.workplace_type is WorkplaceType.HYBRID
    assert tanger.employment_type is EmploymentType.FULL_TIME
    assert (tanger.salary_min, tanger.salary_max) == (Decimal(10000), Decimal(14000))
    assert (tanger.salary_currency, tanger.salary_period) == ("MAD", SalaryPeriod.MONTH)
    assert tanger.posted_at == datetime(2026, 9, 14, 8, 30, tzinfo=UTC)
    assert tanger.expires_at == datetime(2026, 10, 31, tzinfo=UTC)
    assert (
        tanger.apply_url
        == "https://www.atlas-data.ma/offres?id=ATL-LOG-07&source=indeed"
    )
    assert "zone franche de Tanger &amp; leurs équipes" in tanger.description
    assert "steal" not in tanger.description and "alert" not in tanger.description
    assert_clean(tanger)


def test_atlas_indeed_plain_text_job() -> None:
    posting = by_id(parse(fixture("xml/indeed_atlas.xml")))["ATL-DEV-08"]

    assert posting.title == "Développeur mobile & web"
    assert (posting.city, posting.country) == ("Dakar", "SN")
    assert posting.workplace_type is WorkplaceType.REMOTE
    assert posting.employment_type is EmploymentType.CONTRACT
    assert posting.description == (
        "<p>Rejoignez notre équipe de Dakar.</p>"
        "<p>Télétravail possible deux jours par semaine.</p>"
    )


def test_atlas_indeed_jobs_without_reference_or_title_are_rejected() -> None:
    page = parse(fixture("xml/indeed_atlas.xml"))

    assert [(r.position, r.reason, r.external_id) for r in page.rejections] == [
        ("job 3", "missing id", None),
        ("job 4", "missing title", "ATL-X-09"),
    ]


def test_atlas_personio_positions_are_normalised() -> None:
    page = parse(fixture("xml/personio_atlas.xml"), PERSONIO_URL)

    postings = by_id(page)
    engineer = postings["4410001"]
    assert engineer.title == "Ingénieur·e machine learning"
    assert engineer.language == "fr"
    assert (engineer.city, engineer.workplace_type) == (
        "Casablanca",
        WorkplaceType.ON_SITE,
    )
    assert engineer.description == (
        "<h3>Vos missions</h3><ul><li>Entraîner nos modèles de prévision</li>"
        "<li>Les mettre en production</li></ul>\n"
        "<h3>Votre profil</h3><p>Trois ans d'expérience &amp; le goût du terrain.</p>"
    )
    assert engineer.skills == ("Python", "PyTorch", "MLOps")
    assert engineer.posted_at == datetime(2026, 9, 8, 9, 0, tzinfo=UTC)
    intern = postings["4410002"]
    assert intern.kind is OpportunityKind.INTERNSHIP
    assert intern.employment_type is EmploymentType.INTERNSHIP
    assert (intern.city, intern.workplace_type) == ("Rabat", WorkplaceType.REMOTE)
    assistant = postings["4410003"]
    assert assistant.employment_type is EmploymentType.PART_TIME
    assert assistant.posted_at is None


# --- Hostile and broken input ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("xml/billion_laughs.xml", "XML refused", id="billion-laughs"),
        pytest.param("xml/external_entity.xml", "XML refused", id="external-entity"),
        pytest.param("xml/unknown_root.xml", "root <jobs>", id="unknown-root"),
        pytest.param("xml/truncated.xml", "not well-formed", id="truncated"),
    ],
)
def test_hostile_or_foreign_xml_is_malformed(name: str, message: str) -> None:
    with pytest.raises(FeedMalformed, match=message):
        parse(fixture(name))


def test_json_is_not_an_xml_feed() -> None:
    with pytest.raises(FeedMalformed, match="not well-formed"):
        parse(b'{"jobs": []}')


def test_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    dtd = tmp_path / "leak.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED">', encoding="utf-8")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE source SYSTEM "{dtd.as_uri()}">'
        "<source><job><referencenumber>1</referencenumber>"
        "<title>Comptable &leak;</title></job></source>"
    ).encode()

    with pytest.raises(FeedMalformed, match="undefined entity"):
        parse(body)


def test_doctype_without_entities_is_accepted() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE source SYSTEM "http://example.com/x.dtd">'
        b"<source><job><referencenumber>1</referencenumber>"
        b"<title>Comptable</title></job></source>"
    )

    assert [posting.title for posting in parse(body).postings] == ["Comptable"]
