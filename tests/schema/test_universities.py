"""Universities and programs: list, filters, paging, names by language."""

from __future__ import annotations

from typing import Any

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient
from tests.factories import KnownData

LIST = """
query List($filter: UniversityFilter, $first: Int, $after: String) {
  universities(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

ONE = """
query One($id: ID!) {
  university(id: $id) { id name acronym sector city country website }
}
"""

NAME = """
query Name($id: ID!, $language: String) {
  university(id: $id) { name(language: $language) }
}
"""

PROGRAMS = """
query Programs($id: ID!, $degreeLevel: DegreeLevel, $fieldOfStudy: String) {
  university(id: $id) {
    programs(degreeLevel: $degreeLevel, fieldOfStudy: $fieldOfStudy) {
      name degreeLevel fieldOfStudy
    }
  }
}
"""

PROGRAM = """
query Program($id: ID!, $language: String) {
  node(id: $id) {
    ... on Program { name(language: $language) university { id name } }
  }
}
"""


def _gid(known: KnownData, key: str) -> str:
    return to_global_id("University", known.universities[key])


async def _names(graph: GraphClient, filter: dict[str, Any] | None = None) -> list[str]:
    data = await graph.data(LIST, {"filter": filter})
    return [edge["node"]["name"] for edge in data["universities"]["edges"]]


async def test_universities_lists_every_university_once(graph: GraphClient) -> None:
    names = await _names(graph)

    assert sorted(names) == sorted(["Université Alpha", "Institut Beta", "École Gamma"])


async def test_universities_are_ordered_by_name(graph: GraphClient) -> None:
    # Only names starting with an unaccented letter: where "École" sorts
    # depends on the database collation.
    names = await _names(graph)

    assert names.index("Institut Beta") < names.index("Université Alpha")


FILTERS = [
    pytest.param(
        {"sector": "PUBLIC"}, {"Université Alpha", "École Gamma"}, id="sector-public"
    ),
    pytest.param({"sector": "PRIVATE"}, {"Institut Beta"}, id="sector-private"),
    pytest.param({"sector": "PUBLIC_PRIVATE_PARTNERSHIP"}, set(), id="sector-none"),
    pytest.param({"city": "Rabat"}, {"Université Alpha"}, id="city"),
    pytest.param({"city": "casablanca"}, {"Institut Beta"}, id="city-any-case"),
    pytest.param({"city": "Fès"}, {"École Gamma"}, id="city-with-accent"),
    pytest.param({"city": "Tanger"}, set(), id="city-none"),
    pytest.param({"city": "Rab"}, set(), id="city-exact-name"),
    pytest.param({"search": "alpha"}, {"Université Alpha"}, id="search-name"),
    pytest.param({"search": "GAMMA"}, {"École Gamma"}, id="search-any-case"),
    pytest.param({"search": "IB"}, {"Institut Beta"}, id="search-acronym"),
    pytest.param({"search": "ua"}, {"Université Alpha"}, id="search-acronym-any-case"),
    pytest.param({"search": "delta"}, set(), id="search-none"),
    pytest.param(
        {"sector": "PUBLIC", "city": "Rabat"},
        {"Université Alpha"},
        id="sector-and-city",
    ),
    pytest.param({"sector": "PRIVATE", "city": "Rabat"}, set(), id="all-must-hold"),
]


@pytest.mark.parametrize(("filter", "expected"), FILTERS)
async def test_universities_filter_keeps_matching(
    graph: GraphClient, filter: dict[str, Any], expected: set[str]
) -> None:
    assert set(await _names(graph, filter)) == expected


@pytest.mark.parametrize(
    "search",
    [
        pytest.param("École", id="capital-e-acute"),
        pytest.param("école", id="small-e-acute"),
    ],
)
async def test_universities_search_matches_accented_letters_in_any_case(
    graph: GraphClient, search: str
) -> None:
    assert await _names(graph, {"search": search}) == ["École Gamma"]


LIKE_OTHER_SEARCHES = [
    pytest.param("ecole", ["École Gamma"], id="folds-accents"),
    pytest.param("alpha université", ["Université Alpha"], id="words-in-any-order"),
    pytest.param("%", [], id="percent-is-literal"),
]


@pytest.mark.parametrize(("search", "expected"), LIKE_OTHER_SEARCHES)
async def test_universities_search_reads_like_the_other_searches(
    graph: GraphClient, search: str, expected: list[str]
) -> None:
    assert await _names(graph, {"search": search}) == expected


async def _walk(
    graph: GraphClient, first: int, filter: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        variables = {"filter": filter, "first": first, "after": after}
        page = (await graph.data(LIST, variables))["universities"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]
        assert len(pages) < 10, "pagination does not end"


def _page_names(pages: list[dict[str, Any]]) -> list[str]:
    return [edge["node"]["name"] for page in pages for edge in page["edges"]]


async def test_walking_university_pages_keeps_the_list_order(
    graph: GraphClient,
) -> None:
    pages = await _walk(graph, first=1)

    assert _page_names(pages) == await _names(graph)


async def test_walking_university_pages_takes_one_page_per_university(
    graph: GraphClient,
) -> None:
    pages = await _walk(graph, first=1)

    assert [len(page["edges"]) for page in pages] == [1, 1, 1]


async def test_walking_filtered_university_pages(graph: GraphClient) -> None:
    pages = await _walk(graph, first=1, filter={"sector": "PUBLIC"})

    assert sorted(_page_names(pages)) == ["Université Alpha", "École Gamma"]


async def test_university_total_count_does_not_depend_on_after(
    graph: GraphClient,
) -> None:
    pages = await _walk(graph, first=1)

    assert [page["totalCount"] for page in pages] == [3, 3, 3]


async def test_university_page_info_on_middle_page(graph: GraphClient) -> None:
    middle = (await _walk(graph, first=1))[1]

    assert middle["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": True,
        "startCursor": middle["edges"][0]["cursor"],
        "endCursor": middle["edges"][0]["cursor"],
    }


async def test_first_zero_gives_no_universities_but_the_total(
    graph: GraphClient,
) -> None:
    page = (await graph.data(LIST, {"first": 0}))["universities"]

    assert (page["edges"], page["totalCount"]) == ([], 3)


async def test_university_by_id_has_its_details(
    graph: GraphClient, known: KnownData
) -> None:
    data = await graph.data(ONE, {"id": _gid(known, "alpha")})

    assert data["university"] == {
        "id": _gid(known, "alpha"),
        "name": "Université Alpha",
        "acronym": "UA",
        "sector": "PUBLIC",
        "city": "Rabat",
        "country": "MA",
        "website": "https://alpha.example.ma",
    }


async def test_university_by_unknown_id_is_null(graph: GraphClient) -> None:
    data = await graph.data(ONE, {"id": to_global_id("University", 999_999)})

    assert data == {"university": None}


UNIVERSITY_NAMES = [
    pytest.param("alpha", None, "Université Alpha", id="default-french"),
    pytest.param("alpha", "en", "Alpha University", id="english"),
    pytest.param("alpha", "ar", "جامعة ألفا", id="arabic"),
    pytest.param("alpha", "EN", "Alpha University", id="code-any-case"),
    pytest.param("beta", "en", "Beta Institute", id="english-beta"),
    pytest.param("beta", "ar", "Institut Beta", id="arabic-falls-back"),
    pytest.param("gamma", "en", "École Gamma", id="english-falls-back"),
]


@pytest.mark.parametrize(("key", "language", "expected"), UNIVERSITY_NAMES)
async def test_university_name_in_the_language_asked(
    graph: GraphClient,
    known: KnownData,
    key: str,
    language: str | None,
    expected: str,
) -> None:
    data = await graph.data(NAME, {"id": _gid(known, key), "language": language})

    assert data["university"]["name"] == expected


PROGRAM_ARGUMENTS = [
    pytest.param({}, ["Licence Gestion", "Master Génie Logiciel"], id="all-by-name"),
    pytest.param(
        {"degreeLevel": "MASTER"}, ["Master Génie Logiciel"], id="degree-level"
    ),
    pytest.param({"degreeLevel": "DOCTORAT"}, [], id="degree-level-none"),
    pytest.param({"fieldOfStudy": "0413"}, ["Licence Gestion"], id="field-code"),
    pytest.param(
        {"fieldOfStudy": "06"}, ["Master Génie Logiciel"], id="field-2-digit-prefix"
    ),
    pytest.param({"fieldOfStudy": "07"}, [], id="field-none"),
    pytest.param(
        {"degreeLevel": "LICENCE", "fieldOfStudy": "04"},
        ["Licence Gestion"],
        id="both",
    ),
    pytest.param(
        {"degreeLevel": "LICENCE", "fieldOfStudy": "06"}, [], id="both-must-hold"
    ),
]


@pytest.mark.parametrize(("arguments", "expected"), PROGRAM_ARGUMENTS)
async def test_university_programs_narrowed_by_arguments(
    graph: GraphClient, known: KnownData, arguments: dict[str, str], expected: list[str]
) -> None:
    data = await graph.data(PROGRAMS, {"id": _gid(known, "alpha"), **arguments})

    assert [p["name"] for p in data["university"]["programs"]] == expected


async def test_university_programs_carry_degree_and_field(
    graph: GraphClient, known: KnownData
) -> None:
    data = await graph.data(PROGRAMS, {"id": _gid(known, "gamma")})

    assert data["university"]["programs"] == [
        {
            "name": "Doctorat en Médecine",
            "degreeLevel": "DOCTORAT_MEDECINE",
            "fieldOfStudy": "0912",
        }
    ]


async def test_program_university_is_the_one_running_it(
    graph: GraphClient, known: KnownData
) -> None:
    program = to_global_id("Program", known.programs["energy"])

    data = await graph.data(PROGRAM, {"id": program})

    assert data["node"]["university"] == {
        "id": _gid(known, "beta"),
        "name": "Institut Beta",
    }


PROGRAM_NAMES = [
    pytest.param(None, "Master Génie Logiciel", id="default"),
    pytest.param("fr", "Master Génie Logiciel", id="french"),
    pytest.param("en", "Master Génie Logiciel", id="english-falls-back"),
    pytest.param("ar", "Master Génie Logiciel", id="arabic-falls-back"),
]


@pytest.mark.parametrize(("language", "expected"), PROGRAM_NAMES)
async def test_program_name_in_the_language_asked(
    graph: GraphClient, known: KnownData, language: str | None, expected: str
) -> None:
    program = to_global_id("Program", known.programs["software"])

    data = await graph.data(PROGRAM, {"id": program, "language": language})

    assert data["node"]["name"] == expected
