"""Opportunities: publication, order, each filter, translations and details.

Of the known opportunities, `draft_job` and `closed_job` are not
published; `training` and `remote_intern` were posted at the same instant,
and `training` was inserted later, so it has the higher id.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient
from tests.factories import KnownData

LIST = """
query List($filter: OpportunityFilter, $first: Int, $after: String) {
  opportunities(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

ONE = """
query One($id: ID!) { opportunity(id: $id) { id title } }
"""

NODE = """
query Node($id: ID!) { node(id: $id) { id ... on Opportunity { title } } }
"""

TEXT = """
query Text($id: ID!, $language: String) {
  opportunity(id: $id) {
    title(language: $language)
    description(language: $language)
  }
}
"""

DETAILS = """
query Details($id: ID!) {
  opportunity(id: $id) {
    kind status language city country workplaceType employmentType
    postedAt expiresAt applyUrl source
    availableLanguages
    translations { language title description }
    salary { min max currency period }
    requiredSkills
    requiredLanguages { language minLevel }
    partner { id name slug kind country }
  }
}
"""

PUBLISHED_NEWEST_FIRST = ["training", "remote_intern", "data_engineer", "mentoring"]


def _gid(known: KnownData, key: str) -> str:
    return to_global_id("Opportunity", known.opportunities[key])


async def _keys(
    graph: GraphClient, known: KnownData, filter: dict[str, Any] | None = None
) -> list[str]:
    """Names of the opportunities listed for `filter`, in list order."""
    names = {_gid(known, key): key for key in known.opportunities}
    data = await graph.data(LIST, {"filter": filter, "first": 100})
    return [names[edge["node"]["id"]] for edge in data["opportunities"]["edges"]]


async def _details(graph: GraphClient, known: KnownData, key: str) -> dict[str, Any]:
    data = await graph.data(DETAILS, {"id": _gid(known, key)})
    return data["opportunity"]


async def test_opportunities_lists_published_newest_first(
    graph: GraphClient, known: KnownData
) -> None:
    assert await _keys(graph, known) == PUBLISHED_NEWEST_FIRST


async def test_opportunities_breaks_ties_by_the_later_id_first(
    graph: GraphClient, known: KnownData
) -> None:
    tied = ["training", "remote_intern"]
    by_id = sorted(tied, key=lambda key: known.opportunities[key], reverse=True)

    assert (await _keys(graph, known))[:2] == by_id


async def test_opportunities_counts_published_only(graph: GraphClient) -> None:
    data = await graph.data(LIST)

    assert data["opportunities"]["totalCount"] == 4


@pytest.mark.parametrize("key", ["draft_job", "closed_job"])
async def test_opportunity_hides_unpublished(
    graph: GraphClient, known: KnownData, key: str
) -> None:
    data = await graph.data(ONE, {"id": _gid(known, key)})

    assert data == {"opportunity": None}


@pytest.mark.parametrize("key", ["draft_job", "closed_job"])
async def test_node_hides_unpublished_opportunity(
    graph: GraphClient, known: KnownData, key: str
) -> None:
    data = await graph.data(NODE, {"id": _gid(known, key)})

    assert data == {"node": None}


async def test_opportunity_shows_published(
    graph: GraphClient, known: KnownData
) -> None:
    gid = _gid(known, "remote_intern")

    data = await graph.data(ONE, {"id": gid})

    assert data == {"opportunity": {"id": gid, "title": "Remote data intern"}}


FILTERS = [
    pytest.param({"kinds": ["JOB"]}, ["data_engineer"], id="kind-job-published-only"),
    pytest.param(
        {"kinds": ["INTERNSHIP", "TRAINING"]},
        ["training", "remote_intern"],
        id="kinds-any-of",
    ),
    pytest.param({"kinds": ["SCHOLARSHIP"]}, [], id="kind-none"),
    pytest.param({"countries": ["MA"]}, ["training", "data_engineer"], id="country"),
    pytest.param(
        {"countries": ["fr"]}, ["mentoring"], id="country-lower-case-closed-hidden"
    ),
    pytest.param(
        {"countries": ["FR", "MA"]},
        ["training", "data_engineer", "mentoring"],
        id="countries-any-of",
    ),
    pytest.param({"remote": True}, ["remote_intern"], id="remote-true"),
    pytest.param(
        {"remote": False},
        ["training", "data_engineer", "mentoring"],
        id="remote-false-keeps-on-site-and-hybrid",
    ),
    pytest.param({"workplaceTypes": ["HYBRID"]}, ["mentoring"], id="workplace-hybrid"),
    pytest.param(
        {"workplaceTypes": ["ON_SITE", "REMOTE"]},
        ["training", "remote_intern", "data_engineer"],
        id="workplace-types-any-of",
    ),
    pytest.param(
        {"skills": ["python"]}, ["remote_intern", "data_engineer"], id="skill"
    ),
    pytest.param(
        {"skills": ["Python", "SQL"]}, ["data_engineer"], id="skills-all-of-any-case"
    ),
    pytest.param({"skills": ["python", "cloud"]}, [], id="skills-all-of-none"),
    pytest.param(
        {"language": "en"},
        ["remote_intern", "data_engineer"],
        id="language-original-or-translated",
    ),
    pytest.param(
        {"language": "fr"},
        ["training", "data_engineer", "mentoring"],
        id="language-fr-includes-translated-mentoring",
    ),
    pytest.param({"language": "ar"}, ["mentoring"], id="language-ar"),
    pytest.param(
        {"language": "EN"},
        ["remote_intern", "data_engineer"],
        id="language-code-case-insensitive",
    ),
    pytest.param({"language": "de"}, [], id="language-none"),
    pytest.param(
        {"postedSince": "2026-11-10T00:00:00Z"},
        ["training", "remote_intern"],
        id="posted-since-inclusive-draft-hidden",
    ),
    pytest.param(
        {"postedSince": "2026-11-10T01:00:00+01:00"},
        ["training", "remote_intern"],
        id="posted-since-with-offset",
    ),
    pytest.param(
        {"postedSince": "2026-11-01T00:00:01+00:00"},
        ["training", "remote_intern"],
        id="posted-since-one-second-late",
    ),
    pytest.param(
        {"postedSince": "2026-10-01T00:00:00Z"},
        PUBLISHED_NEWEST_FIRST,
        id="posted-since-oldest",
    ),
    pytest.param(
        {"search": "data"}, ["remote_intern", "data_engineer"], id="search-title"
    ),
    pytest.param({"search": "ingenieur"}, ["data_engineer"], id="search-folds-accents"),
    pytest.param({"search": "INGÉNIEUR"}, ["data_engineer"], id="search-ignores-case"),
    pytest.param(
        {"search": "engineer"}, ["data_engineer"], id="search-translated-title"
    ),
    pytest.param({"search": "mentorat"}, ["mentoring"], id="search-translated-fr"),
    pytest.param(
        {"search": "python"}, ["remote_intern", "data_engineer"], id="search-skills"
    ),
    pytest.param({"search": "remote intern"}, ["remote_intern"], id="search-all-words"),
    pytest.param({"search": "remote cloud"}, [], id="search-words-all-must"),
    pytest.param({"search": "brouillon"}, [], id="search-draft-hidden"),
    pytest.param({"search": "closed"}, [], id="search-closed-hidden"),
    pytest.param({"search": "%"}, [], id="search-percent-is-literal"),
]


@pytest.mark.parametrize(("filter", "expected"), FILTERS)
async def test_opportunities_filter_keeps_matching_published(
    graph: GraphClient, known: KnownData, filter: dict[str, Any], expected: list[str]
) -> None:
    assert await _keys(graph, known, filter) == expected


PARTNER_FILTERS = [
    pytest.param(["atlas"], ["remote_intern", "data_engineer"], id="draft-hidden"),
    pytest.param(["diaspora"], ["mentoring"], id="closed-hidden"),
    pytest.param(
        ["atlas", "beta"],
        ["training", "remote_intern", "data_engineer"],
        id="any-of",
    ),
]


@pytest.mark.parametrize(("partners", "expected"), PARTNER_FILTERS)
async def test_opportunities_filter_by_partner(
    graph: GraphClient, known: KnownData, partners: list[str], expected: list[str]
) -> None:
    ids = [to_global_id("Partner", known.partners[key]) for key in partners]

    assert await _keys(graph, known, {"partnerIds": ids}) == expected


COMBINED_FILTERS = [
    pytest.param(
        {"kinds": ["JOB"], "countries": ["MA"], "language": "en"},
        ["data_engineer"],
        id="kind-country-translated-language",
    ),
    pytest.param(
        {"remote": False, "skills": ["python"]}, ["data_engineer"], id="remote-skill"
    ),
    pytest.param(
        {"kinds": ["TRAINING"], "language": "en"}, [], id="parts-all-must-hold"
    ),
    pytest.param(
        {"search": "data", "postedSince": "2026-11-05T00:00:00Z"},
        ["remote_intern"],
        id="search-and-posted-since",
    ),
]


@pytest.mark.parametrize(("filter", "expected"), COMBINED_FILTERS)
async def test_opportunities_combined_filters_all_apply(
    graph: GraphClient, known: KnownData, filter: dict[str, Any], expected: list[str]
) -> None:
    assert await _keys(graph, known, filter) == expected


TEXTS = [
    pytest.param(
        "data_engineer",
        None,
        ("Ingénieur de données", "<p>Construire nos pipelines.</p>"),
        id="original-by-default",
    ),
    pytest.param(
        "data_engineer",
        "en",
        ("Data engineer", "<p>Build our pipelines.</p>"),
        id="translation",
    ),
    pytest.param(
        "data_engineer",
        "EN",
        ("Data engineer", "<p>Build our pipelines.</p>"),
        id="translation-code-any-case",
    ),
    pytest.param(
        "data_engineer",
        "fr",
        ("Ingénieur de données", "<p>Construire nos pipelines.</p>"),
        id="original-language-asked",
    ),
    pytest.param(
        "data_engineer",
        "de",
        ("Ingénieur de données", "<p>Construire nos pipelines.</p>"),
        id="falls-back-to-original",
    ),
    pytest.param(
        "mentoring",
        "fr",
        ("Programme de mentorat", "<p>Accompagnement</p>"),
        id="translation-from-arabic",
    ),
    pytest.param(
        "mentoring",
        "en",
        ("برنامج إرشاد مهني", "<p>مرافقة الخريجين</p>"),
        id="arabic-original-as-fallback",
    ),
    pytest.param(
        "remote_intern",
        "fr",
        ("Remote data intern", "<p>Learn with us.</p>"),
        id="no-translations-at-all",
    ),
]


@pytest.mark.parametrize(("key", "language", "expected"), TEXTS)
async def test_opportunity_text_in_the_language_asked(
    graph: GraphClient,
    known: KnownData,
    key: str,
    language: str | None,
    expected: tuple[str, str],
) -> None:
    data = await graph.data(TEXT, {"id": _gid(known, key), "language": language})
    text = data["opportunity"]

    assert (text["title"], text["description"]) == expected


AVAILABLE_LANGUAGES = [
    pytest.param("data_engineer", ["fr", "en"], id="french-translated"),
    pytest.param("mentoring", ["ar", "fr"], id="arabic-translated"),
    pytest.param("training", ["fr"], id="untranslated"),
]


@pytest.mark.parametrize(("key", "expected"), AVAILABLE_LANGUAGES)
async def test_available_languages_start_with_the_original(
    graph: GraphClient, known: KnownData, key: str, expected: list[str]
) -> None:
    assert (await _details(graph, known, key))["availableLanguages"] == expected


async def test_translations_list_other_language_versions(
    graph: GraphClient, known: KnownData
) -> None:
    details = await _details(graph, known, "data_engineer")

    assert details["translations"] == [
        {
            "language": "en",
            "title": "Data engineer",
            "description": "<p>Build our pipelines.</p>",
        }
    ]


async def test_translations_are_empty_when_untranslated(
    graph: GraphClient, known: KnownData
) -> None:
    assert (await _details(graph, known, "training"))["translations"] == []


SALARIES = [
    pytest.param(
        "data_engineer", (Decimal(15000), Decimal(20000), "MAD", "MONTH"), id="range"
    ),
    pytest.param("training", (Decimal(3000), None, "MAD", "MONTH"), id="minimum-only"),
]


@pytest.mark.parametrize(("key", "expected"), SALARIES)
async def test_salary_is_the_published_range(
    graph: GraphClient,
    known: KnownData,
    key: str,
    expected: tuple[Decimal, Decimal | None, str, str],
) -> None:
    salary = (await _details(graph, known, key))["salary"]
    amounts = [
        None if v is None else Decimal(v) for v in (salary["min"], salary["max"])
    ]

    assert (*amounts, salary["currency"], salary["period"]) == expected


async def test_salary_is_null_when_not_published(
    graph: GraphClient, known: KnownData
) -> None:
    assert (await _details(graph, known, "remote_intern"))["salary"] is None


REQUIRED_SKILLS = [
    pytest.param("data_engineer", ["python", "sql"], id="two"),
    pytest.param("mentoring", ["career"], id="one"),
]


@pytest.mark.parametrize(("key", "expected"), REQUIRED_SKILLS)
async def test_required_skills_are_listed(
    graph: GraphClient, known: KnownData, key: str, expected: list[str]
) -> None:
    assert (await _details(graph, known, key))["requiredSkills"] == expected


REQUIRED_LANGUAGES = [
    pytest.param("data_engineer", [{"language": "fr", "minLevel": "B2"}], id="french"),
    pytest.param("mentoring", [{"language": "ar", "minLevel": "B1"}], id="arabic"),
    pytest.param("training", [], id="none"),
]


@pytest.mark.parametrize(("key", "expected"), REQUIRED_LANGUAGES)
async def test_required_languages_carry_minimum_levels(
    graph: GraphClient, known: KnownData, key: str, expected: list[dict[str, str]]
) -> None:
    assert (await _details(graph, known, key))["requiredLanguages"] == expected


PARTNERS = [
    pytest.param(
        "data_engineer",
        "atlas",
        {"name": "Atlas Data", "slug": "atlas", "kind": "COMPANY", "country": "MA"},
        id="company",
    ),
    pytest.param(
        "mentoring",
        "diaspora",
        {
            "name": "Diaspora Connect",
            "slug": "diaspora",
            "kind": "DIASPORA_ORG",
            "country": "FR",
        },
        id="diaspora-organisation",
    ),
    pytest.param(
        "training",
        "beta",
        {
            "name": "Institut Beta",
            "slug": "beta",
            "kind": "PRIVATE_INSTITUTE",
            "country": "MA",
        },
        id="private-institute",
    ),
]


@pytest.mark.parametrize(("key", "partner", "expected"), PARTNERS)
async def test_partner_is_the_one_offering_it(
    graph: GraphClient,
    known: KnownData,
    key: str,
    partner: str,
    expected: dict[str, str],
) -> None:
    gid = to_global_id("Partner", known.partners[partner])

    assert (await _details(graph, known, key))["partner"] == {"id": gid, **expected}


async def test_opportunity_details_are_those_the_partner_gave(
    graph: GraphClient, known: KnownData
) -> None:
    details = await _details(graph, known, "data_engineer")
    plain = {
        key: details[key]
        for key in (
            "kind", "status", "language", "city", "country", "workplaceType",
            "employmentType", "postedAt", "expiresAt", "applyUrl", "source",
        )
    }  # fmt: skip

    assert plain == {
        "kind": "JOB",
        "status": "PUBLISHED",
        "language": "fr",
        "city": "Casablanca",
        "country": "MA",
        "workplaceType": "ON_SITE",
        "employmentType": "FULL_TIME",
        "postedAt": "2026-11-01T00:00:00+00:00",
        "expiresAt": None,
        "applyUrl": "https://example.com/apply/data_engineer",
        "source": "manual",
    }


async def test_remote_opportunity_has_no_place(
    graph: GraphClient, known: KnownData
) -> None:
    details = await _details(graph, known, "remote_intern")

    assert (details["city"], details["country"], details["workplaceType"]) == (
        None,
        None,
        "REMOTE",
    )


async def test_first_page_of_opportunities_has_next_page(graph: GraphClient) -> None:
    page = (await graph.data(LIST, {"first": 2}))["opportunities"]

    assert [len(page["edges"]), page["pageInfo"]["hasNextPage"]] == [2, True]
    assert page["pageInfo"]["hasPreviousPage"] is False
    assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]


async def test_single_page_of_opportunities_has_no_next_page(
    graph: GraphClient,
) -> None:
    page = (await graph.data(LIST, {"first": 4}))["opportunities"]

    assert [len(page["edges"]), page["pageInfo"]["hasNextPage"]] == [4, False]


async def test_first_zero_gives_no_opportunities_but_the_total(
    graph: GraphClient,
) -> None:
    page = (await graph.data(LIST, {"first": 0}))["opportunities"]

    assert (page["edges"], page["totalCount"]) == ([], 4)


async def test_walking_opportunity_pages_gives_each_published_once(
    graph: GraphClient, known: KnownData
) -> None:
    names = {_gid(known, key): key for key in known.opportunities}
    seen: list[str] = []
    after = None
    for _ in range(10):
        data = await graph.data(LIST, {"first": 1, "after": after})
        page = data["opportunities"]
        seen += [names[edge["node"]["id"]] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == PUBLISHED_NEWEST_FIRST


async def test_opportunity_total_count_does_not_depend_on_after(
    graph: GraphClient,
) -> None:
    first = (await graph.data(LIST, {"first": 2}))["opportunities"]
    after = first["pageInfo"]["endCursor"]

    second = (await graph.data(LIST, {"first": 2, "after": after}))["opportunities"]

    assert (second["totalCount"], second["pageInfo"]["hasPreviousPage"]) == (4, True)
