"""Shared normalising rules: entities, HTML, text, dates, places, vocabularies."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from connectors.normalise import (
    Place,
    clean_url,
    country_code,
    currency_code,
    declared_language,
    description_html,
    detect_language,
    document_languages,
    employment_type,
    from_epoch,
    parse_amount,
    parse_datetime,
    parse_place,
    parse_salary_text,
    plain_text,
    salary_period,
    split_places,
    unescape_levels,
    workplace_type,
)
from connectors.normalise.text import heading_html
from connectors.normalise.vocabulary import is_internship_title, opportunity_kind
from gateway.db.enums import (
    EmploymentType,
    OpportunityKind,
    SalaryPeriod,
    WorkplaceType,
)

# --- Entity levels ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped", "expected"),
    [
        pytest.param(
            "&lt;p&gt;Bonjour&lt;/p&gt;", True, "<p>Bonjour</p>", id="known-level"
        ),
        pytest.param(
            "&lt;p&gt;R&amp;amp;D&lt;/p&gt;",
            True,
            "<p>R&amp;D</p>",
            id="escaped-ampersand-entity-stays-html-entity",
        ),
        pytest.param(
            "&lt;p&gt;x &amp;lt; y&lt;/p&gt;",
            True,
            "<p>x &lt; y</p>",
            id="author-less-than-never-a-tag",
        ),
        pytest.param(
            "&amp;lt;p&amp;gt;Deux fois&amp;lt;/p&amp;gt;",
            True,
            "<p>Deux fois</p>",
            id="whole-document-escaped-twice",
        ),
        pytest.param(
            "&lt;div class=&quot;x&quot;&gt;a&lt;/div&gt;",
            False,
            '<div class="x">a</div>',
            id="escaped-document-found-by-evidence",
        ),
        pytest.param(
            "<p>Already &lt;HTML&gt;</p>",
            True,
            "<p>Already &lt;HTML&gt;</p>",
            id="raw-markup-is-never-unescaped",
        ),
        pytest.param(
            "Use &lt;br&gt; to break",
            False,
            "Use &lt;br&gt; to break",
            id="text-mentioning-a-tag-is-left-alone",
        ),
        pytest.param(
            "R&amp;amp;D, 5 &amp;lt; 6",
            False,
            "R&amp;amp;D, 5 &amp;lt; 6",
            id="no-evidence-no-unescaping",
        ),
    ],
)
def test_entity_levels_are_undone_once_each(
    value: str, escaped: bool, expected: str
) -> None:
    assert unescape_levels(value, escaped=escaped) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("&amp;amp;lt;p&amp;amp;gt;x", "<p>x", id="three-levels"),
        pytest.param(
            "&amp;amp;amp;lt;p&amp;amp;amp;gt;x", "&lt;p&gt;x", id="four-levels"
        ),
    ],
)
def test_unescaping_stops_after_three_levels(value: str, expected: str) -> None:
    assert unescape_levels(value) == expected


# --- Sanitised HTML --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            '<p onclick="steal()">Hi<script>alert(1)</script></p>',
            "<p>Hi</p>",
            id="scripts-and-event-attributes",
        ),
        pytest.param(
            '<img src=x onerror="alert(1)"><p>ok</p>', "<p>ok</p>", id="images"
        ),
        pytest.param(
            '<a href="javascript:alert(1)">Postuler</a>',
            '<a rel="noopener noreferrer nofollow">Postuler</a>',
            id="javascript-links",
        ),
        pytest.param(
            "<p>Bonjour <strong>Rabat",
            "<p>Bonjour <strong>Rabat</strong></p>",
            id="truncated",
        ),
        pytest.param(
            '<p>Postulez <a href="https://x.ma', "<p>Postulez </p>", id="cut-in-a-tag"
        ),
        pytest.param(
            "<ul><li>Un<li>Deux</ul>",
            "<ul><li>Un</li><li>Deux</li></ul>",
            id="unclosed",
        ),
        pytest.param(
            "<p>A&nbsp;B &rsquo;</p>", "<p>A\u00a0B ’</p>", id="named-entities"
        ),
        pytest.param("\u200b\u200b<p>x</p>", "<p>x</p>", id="zero-width-spaces"),
        pytest.param(
            "Ligne un\nsuite\n\nDeuxième paragraphe",
            "<p>Ligne un suite</p><p>Deuxième paragraphe</p>",
            id="plain-text-paragraphs",
        ),
        pytest.param(
            "R&D < 5 & co", "<p>R&amp;D &lt; 5 &amp; co</p>", id="plain-text-symbols"
        ),
        pytest.param("   ", "", id="blank"),
        pytest.param(None, "", id="missing"),
    ],
)
def test_descriptions_are_sanitised_html(value: str | None, expected: str) -> None:
    assert description_html(value) == expected


def test_escaped_script_is_removed_after_unescaping() -> None:
    value = "&lt;p&gt;Hi&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"

    assert description_html(value, escaped=True) == "<p>Hi</p>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Vos missions", "<h3>Vos missions</h3>", id="text"),
        pytest.param("R&D <b>& co</b>", "<h3>R&amp;D &amp; co</h3>", id="escaped-once"),
        pytest.param("Missions <script>x()</script>", "<h3>Missions</h3>", id="script"),
        pytest.param("", "", id="empty"),
    ],
)
def test_section_headings(value: str, expected: str) -> None:
    assert heading_html(value) == expected


# --- Plain text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "  Ingénieur   data \n", "Ingénieur data", id="trimmed-and-collapsed"
        ),
        pytest.param("R&amp;D Engineer", "R&D Engineer", id="one-entity-level"),
        pytest.param("R&amp;amp;D Engineer", "R&D Engineer", id="double-escaped"),
        pytest.param("AT&T", "AT&T", id="bare-ampersand"),
        pytest.param("<b>Comptable</b>", "Comptable", id="tags"),
        pytest.param("Comptable<script>alert(1)</script>", "Comptable", id="script"),
        pytest.param(
            "Comptable &lt;script&gt;x&lt;/script&gt;", "Comptable", id="escaped-script"
        ),
        pytest.param("Salaire &lt; 5000", "Salaire < 5000", id="less-than-text"),
        pytest.param("\u200bData\u00a0Analyst", "Data Analyst", id="invisible-spaces"),
        pytest.param("مهندس برمجيات", "مهندس برمجيات", id="arabic"),
        pytest.param(None, "", id="missing"),
        pytest.param(42, "", id="not-text"),
    ],
)
def test_plain_text_fields(value: object, expected: str) -> None:
    assert plain_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "https://atlas-data.ma/jobs/1", "https://atlas-data.ma/jobs/1", id="https"
        ),
        pytest.param(
            " http://x.ma/a?b=1&amp;c=2 ",
            "http://x.ma/a?b=1&c=2",
            id="escaped-ampersand",
        ),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param("data:text/html,x", None, id="data"),
        pytest.param("/jobs/1", None, id="relative"),
        pytest.param("https://x.ma/a b", None, id="space"),
        pytest.param("http://[bad", None, id="broken-host"),
        pytest.param(None, None, id="missing"),
    ],
)
def test_urls(value: object, expected: str | None) -> None:
    assert clean_url(value) == expected


# --- Language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("fr-MA", "fr", id="tag-with-region"),
        pytest.param("AR", "ar", id="upper-case"),
        pytest.param("fra", "fr", id="three-letters"),
        pytest.param("French", "fr", id="english-name"),
        pytest.param(
            {"@type": "Language", "name": "Arabic"}, "ar", id="schema-language"
        ),
        pytest.param("xx", None, id="unknown"),
        pytest.param("", None, id="empty"),
    ],
)
def test_declared_languages(value: object, expected: str | None) -> None:
    assert declared_language(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Nous recherchons un ingénieur logiciel confirmé pour notre équipe.",
            "fr",
            id="french",
        ),
        pytest.param(
            "نبحث عن مهندس برمجيات للانضمام إلى فريقنا في الرباط", "ar", id="arabic"
        ),
        pytest.param(
            "We are looking for a software engineer to join our team in Rabat.",
            "en",
            id="english",
        ),
        pytest.param("2026 - 42", "en", id="no-letters-fallback"),
    ],
)
def test_detected_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detection_is_deterministic() -> None:
    text = "Stage de fin d'études en science des données"

    assert {detect_language(text) for _ in range(5)} == {"fr"}


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        pytest.param(
            ["Application developer", "Finance Analyst"], ["en", "en"], id="english"
        ),
        pytest.param(
            ["Comptable", "Responsable RH", "Chef de projet", "Développeur Python"],
            ["fr", "fr", "fr", "fr"],
            id="french-short-titles-follow-the-document",
        ),
    ],
)
def test_unsure_short_titles_take_the_document_language(
    titles: list[str], expected: list[str]
) -> None:
    assert document_languages(titles) == expected


# --- Dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "2026-07-14T18:35:00-04:00", datetime(2026, 7, 14, 22, 35), id="offset"
        ),
        pytest.param(
            "2026-10-07T23:37:52.252Z",
            datetime(2026, 10, 7, 23, 37, 52, 252000),
            id="z",
        ),
        pytest.param(
            "2026-09-01T10:00:00", datetime(2026, 9, 1, 10), id="naive-is-utc"
        ),
        pytest.param("2011-10-31", datetime(2011, 10, 31), id="date-only"),
        pytest.param("2026/7/4", datetime(2026, 7, 4), id="year-first-slashes"),
        pytest.param(
            "Wed, 22 Jul 2026 15:37:08 +0400",
            datetime(2026, 7, 22, 11, 37, 8),
            id="rfc822",
        ),
        pytest.param(
            "Mon, 08 Nov 2021", datetime(2021, 11, 8), id="rfc822-without-time"
        ),
        pytest.param(
            "Fri, 10 Dec 2008 22:49:39 GMT",
            datetime(2008, 12, 10, 22, 49, 39),
            id="wrong-weekday",
        ),
        pytest.param("July 14, 2026", datetime(2026, 7, 14), id="textual"),
        pytest.param(
            1782821535482, datetime(2026, 6, 30, 12, 12, 15, 482000), id="epoch-ms"
        ),
    ],
)
def test_dates_become_utc(value: object, expected: datetime) -> None:
    assert parse_datetime(value) == expected.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("08/11/2021", id="day-or-month-first"),
        pytest.param("2026-02-30", id="no-such-day"),
        pytest.param("2019", id="bare-year"),
        pytest.param("Monday", id="weekday"),
        pytest.param("hier", id="words"),
        pytest.param("", id="empty"),
        pytest.param(True, id="boolean"),
        pytest.param(None, id="missing"),
    ],
)
def test_unreadable_dates_are_none(value: object) -> None:
    assert parse_datetime(value) is None


def test_epoch_seconds_are_read_as_seconds() -> None:
    assert from_epoch(1782821535) == datetime(2026, 6, 30, 12, 12, 15, tzinfo=UTC)


# --- Places ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("MA", "MA", id="alpha-2"),
        pytest.param("us", "US", id="lower-case-alpha-2"),
        pytest.param("CAN", "CA", id="alpha-3"),
        pytest.param("Morocco", "MA", id="english"),
        pytest.param("Maroc", "MA", id="french"),
        pytest.param("Sénégal", "SN", id="french-accents"),
        pytest.param("Côte d'Ivoire", "CI", id="straight-apostrophe"),
        pytest.param("Côte d’Ivoire", "CI", id="curly-apostrophe"),
        pytest.param("cote d'ivoire", "CI", id="folded"),
        pytest.param("Émirats arabes unis", "AE", id="french-plural"),
        pytest.param("المغرب", "MA", id="arabic"),
        pytest.param("السنغال", "SN", id="arabic-without-shadda"),
        pytest.param("UK", "GB", id="uk-alias"),
        pytest.param("RDC", "CD", id="rdc-alias"),
        pytest.param("Atlantis", None, id="unknown"),
    ],
)
def test_countries_become_alpha_2(value: str, expected: str | None) -> None:
    assert country_code(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Casablanca, Maroc", Place("Casablanca", "MA"), id="city-country"),
        pytest.param(
            "Sydney, New South Wales, Australia",
            Place("Sydney", "AU"),
            id="city-region-country",
        ),
        pytest.param("Dakar, SN", Place("Dakar", "SN"), id="alpha-2-not-a-state"),
        pytest.param("Rabat, MA", Place("Rabat", None), id="ma-could-be-massachusetts"),
        pytest.param(
            "San Francisco, CA", Place("San Francisco", None), id="ca-could-be-canada"
        ),
        pytest.param(
            "Remote, Morocco", Place(None, "MA", is_remote=True), id="remote-country"
        ),
        pytest.param("Télétravail", Place(is_remote=True), id="remote-in-french"),
        pytest.param(
            "الدار البيضاء، المغرب", Place("الدار البيضاء", "MA"), id="arabic-comma"
        ),
        pytest.param("Morocco", Place(None, "MA"), id="country-only"),
        pytest.param("Fès", Place("Fès", None), id="city-only"),
    ],
)
def test_places(text: str, expected: Place) -> None:
    assert parse_place(text) == expected


def test_several_places_in_one_field_are_split() -> None:
    text = "London, UK; Ontario, CAN | Rabat, Maroc"

    assert split_places(text) == ["London, UK", "Ontario, CAN", "Rabat, Maroc"]


# --- Vocabularies ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("FULL_TIME", EmploymentType.FULL_TIME, id="schema-org"),
        pytest.param("Full-time", EmploymentType.FULL_TIME, id="capitalised"),
        pytest.param("full-time", EmploymentType.FULL_TIME, id="lower-case"),
        pytest.param("CDI", EmploymentType.FULL_TIME, id="cdi"),
        pytest.param("Permanent", EmploymentType.FULL_TIME, id="permanent"),
        pytest.param("CDD", EmploymentType.TEMPORARY, id="cdd"),
        pytest.param("Temps partiel", EmploymentType.PART_TIME, id="temps-partiel"),
        pytest.param("Stage", EmploymentType.INTERNSHIP, id="stage"),
        pytest.param("Internship", EmploymentType.INTERNSHIP, id="internship"),
        pytest.param("INTERN", EmploymentType.INTERNSHIP, id="schema-org-intern"),
        pytest.param("contract", EmploymentType.CONTRACT, id="contract"),
        pytest.param("CONTRACTOR", EmploymentType.CONTRACT, id="contractor"),
        pytest.param("PER_DIEM", EmploymentType.TEMPORARY, id="per-diem"),
        pytest.param("Alternance", EmploymentType.APPRENTICESHIP, id="alternance"),
        pytest.param("Bénévolat", EmploymentType.VOLUNTEER, id="benevolat"),
        pytest.param(
            "fulltime, parttime", EmploymentType.FULL_TIME, id="first-of-a-list"
        ),
        pytest.param("Festangestellte", None, id="unknown"),
    ],
)
def test_employment_types(value: str, expected: EmploymentType | None) -> None:
    assert employment_type(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("remote", WorkplaceType.REMOTE, id="remote"),
        pytest.param("Télétravail", WorkplaceType.REMOTE, id="teletravail"),
        pytest.param("hybrid", WorkplaceType.HYBRID, id="hybrid"),
        pytest.param("Hybride", WorkplaceType.HYBRID, id="hybride"),
        pytest.param("onsite", WorkplaceType.ON_SITE, id="onsite"),
        pytest.param("On-Site", WorkplaceType.ON_SITE, id="on-site"),
        pytest.param("COVID-19", WorkplaceType.ON_SITE, id="remote-for-a-while"),
        pytest.param("unspecified", None, id="unknown"),
    ],
)
def test_workplace_types(value: str, expected: WorkplaceType | None) -> None:
    assert workplace_type(value) is expected


@pytest.mark.parametrize(
    ("title", "employment", "expected"),
    [
        pytest.param(
            "Sales Intern", None, OpportunityKind.INTERNSHIP, id="intern-title"
        ),
        pytest.param(
            "Stage PFE - Data", None, OpportunityKind.INTERNSHIP, id="stage-title"
        ),
        pytest.param(
            "Analyste",
            EmploymentType.INTERNSHIP,
            OpportunityKind.INTERNSHIP,
            id="contract-form",
        ),
        pytest.param(
            "Internal Auditor", None, OpportunityKind.JOB, id="internal-is-not-intern"
        ),
        pytest.param(
            "Early Stage Investor", None, OpportunityKind.JOB, id="stage-mid-title"
        ),
    ],
)
def test_internships_set_the_kind(
    title: str, employment: EmploymentType | None, expected: OpportunityKind
) -> None:
    assert opportunity_kind(employment, title) is expected
    assert is_internship_title(title) is (
        employment is None and expected is not OpportunityKind.JOB
    )


# --- Pay -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("85000", Decimal("85000"), id="plain"),
        pytest.param("85 000", Decimal("85000"), id="space-groups"),
        pytest.param("85\u202f000", Decimal("85000"), id="narrow-no-break-space"),
        pytest.param("85,000", Decimal("85000"), id="comma-groups"),
        pytest.param("1.234,56", Decimal("1234.56"), id="european"),
        pytest.param("8,5", Decimal("8.5"), id="decimal-comma"),
        pytest.param(16278, Decimal("16278"), id="number"),
        pytest.param("12,34,56", None, id="bad-groups"),
        pytest.param("-5", None, id="negative"),
        pytest.param("abc", None, id="text"),
        pytest.param(True, None, id="boolean"),
    ],
)
def test_amounts(value: object, expected: Decimal | None) -> None:
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("mad", "MAD", id="code"),
        pytest.param("DH", "MAD", id="dirham-sign"),
        pytest.param("€", "EUR", id="euro-sign"),
        pytest.param("XOF", "XOF", id="cfa-franc"),
        pytest.param("ZZZ", None, id="unknown"),
    ],
)
def test_currencies(value: str, expected: str | None) -> None:
    assert currency_code(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("YEAR", SalaryPeriod.YEAR, id="schema-org"),
        pytest.param("per-month-salary", SalaryPeriod.MONTH, id="lever"),
        pytest.param("Salaire mensuel brut", SalaryPeriod.MONTH, id="french-words"),
        pytest.param("HOUR", SalaryPeriod.HOUR, id="hour"),
        pytest.param("one-time", None, id="unknown"),
    ],
)
def test_salary_periods(value: str, expected: SalaryPeriod | None) -> None:
    assert salary_period(value) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "$50K per year", ("50000", "50000", "USD", SalaryPeriod.YEAR), id="indeed"
        ),
        pytest.param(
            "8 000 - 10 000 MAD par mois",
            ("8000", "10000", "MAD", SalaryPeriod.MONTH),
            id="french-range",
        ),
        pytest.param(
            "50-60K EUR annual",
            ("50000", "60000", "EUR", SalaryPeriod.YEAR),
            id="shared-k",
        ),
    ],
)
def test_free_text_salaries(
    text: str, expected: tuple[str, str, str, SalaryPeriod]
) -> None:
    salary = parse_salary_text(text)

    minimum, maximum, currency, period = expected
    assert (salary.minimum, salary.maximum) == (Decimal(minimum), Decimal(maximum))
    assert (salary.currency, salary.period) == (currency, period)


def test_salary_text_without_amount_is_no_salary() -> None:
    assert parse_salary_text("Competitive").minimum is None
