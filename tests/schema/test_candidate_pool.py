"""The candidate pool: each filter, consent, and keyset pagination.

Expected people are named by given name; the 150 uniform "Bulk" alumni of
the known data set are counted rather than named. Named alumni were
inserted first, so with ids as the sort key they all sit on the first page.
"""

from __future__ import annotations

from typing import Any

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient
from tests.factories import BULK_ALUMNI, KnownData

POOL = """
query Pool($filter: CandidateFilter, $first: Int, $after: String) {
  candidatePool(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id givenName } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) {
    __typename
    ... on Alumnus { givenName }
    ... on Enrollment { alumnus { givenName } }
  }
}
"""

ENTITIES = """
query Entities($r: [_Any!]!) {
  _entities(representations: $r) {
    __typename
    ... on Alumnus { givenName }
    ... on Enrollment { alumnus { givenName } }
  }
}
"""

ENROLLMENT_ALUMNUS = """
query EnrollmentAlumnus($id: ID!) {
  node(id: $id) { ... on Enrollment { alumnus { givenName } } }
}
"""


async def _pool(graph: GraphClient, filter: dict[str, Any]) -> tuple[set[str], int]:
    """Named people on the first page and how many bulk alumni match too."""
    data = await graph.data(POOL, {"filter": filter, "first": 100})
    pool = data["candidatePool"]
    named = {
        edge["node"]["givenName"]
        for edge in pool["edges"]
        if edge["node"]["givenName"] != "Bulk"
    }
    return named, pool["totalCount"] - len(named)


def _university(known: KnownData, key: str) -> str:
    return to_global_id("University", known.universities[key])


def _program(known: KnownData, key: str) -> str:
    return to_global_id("Program", known.programs[key])


SIMPLE_FILTERS = [
    pytest.param(
        {"graduationYearFrom": 2019},
        {"Aminata", "Kouassi"},
        0,
        id="graduation-year-from-is-inclusive",
    ),
    pytest.param(
        {"graduationYearFrom": 2023}, set(), 0, id="graduation-year-from-late"
    ),
    pytest.param(
        {"graduationYearTo": 2015},
        {"Yassine"},
        BULK_ALUMNI,
        id="graduation-year-to-inclusive",
    ),
    pytest.param(
        {"graduationYearFrom": 2015, "graduationYearTo": 2019},
        {"Kouassi", "Yassine"},
        0,
        id="graduation-year-range",
    ),
    pytest.param(
        {"graduationYearFrom": 2010, "graduationYearTo": 2010},
        set(),
        BULK_ALUMNI,
        id="graduation-year-single",
    ),
    pytest.param(
        {"statuses": ["STUDENT"]}, {"Chipo", "Élodie"}, 0, id="statuses-student"
    ),
    pytest.param(
        {"statuses": ["PROFESSIONAL"]}, {"Yassine"}, 0, id="statuses-professional"
    ),
    pytest.param(
        {"statuses": ["GRADUATE"]},
        {"Aminata", "Kouassi"},
        BULK_ALUMNI,
        id="statuses-graduate",
    ),
    pytest.param(
        {"statuses": ["STUDENT", "PROFESSIONAL"]},
        {"Chipo", "Élodie", "Yassine"},
        0,
        id="statuses-any-of",
    ),
    pytest.param({"fieldsOfStudy": ["0413"]}, {"Kouassi"}, 0, id="field-of-study-code"),
    pytest.param(
        {"fieldsOfStudy": ["04"]}, {"Kouassi"}, 0, id="field-of-study-2-digit-prefix"
    ),
    pytest.param(
        {"fieldsOfStudy": ["041"]}, {"Kouassi"}, 0, id="field-of-study-3-digit-prefix"
    ),
    pytest.param(
        {"fieldsOfStudy": ["06"]},
        {"Aminata"},
        BULK_ALUMNI,
        id="field-of-study-ict-prefix",
    ),
    pytest.param(
        {"fieldsOfStudy": ["04", "09"]},
        {"Kouassi", "Chipo"},
        0,
        id="field-of-study-any-of",
    ),
    pytest.param({"fieldsOfStudy": ["05"]}, set(), 0, id="field-of-study-no-program"),
    pytest.param(
        {"degreeLevels": ["DOCTORAT_MEDECINE"]},
        {"Chipo"},
        0,
        id="degree-level-medicine",
    ),
    pytest.param(
        {"degreeLevels": ["INGENIEUR"]},
        {"Yassine", "Élodie"},
        BULK_ALUMNI,
        id="degree-level-counts-withdrawn-enrollments",
    ),
    pytest.param(
        {"degreeLevels": ["LICENCE", "MASTER"]},
        {"Kouassi", "Aminata"},
        BULK_ALUMNI,
        id="degree-level-any-of",
    ),
    pytest.param({"degreeLevels": ["DOCTORAT"]}, set(), 0, id="degree-level-none"),
    pytest.param({"nationalities": ["SN"]}, {"Aminata"}, 0, id="nationality"),
    pytest.param(
        {"nationalities": ["ci", "zw"]},
        {"Kouassi", "Chipo"},
        0,
        id="nationalities-any-of-in-lower-case",
    ),
    pytest.param({"residenceCountries": ["FR"]}, {"Yassine"}, 0, id="residence-fr"),
    pytest.param(
        {"residenceCountries": ["MA"]},
        {"Aminata", "Chipo", "Élodie"},
        BULK_ALUMNI,
        id="residence-ma",
    ),
    pytest.param(
        {"residenceCountries": ["CI", "FR"]},
        {"Kouassi", "Yassine"},
        0,
        id="residence-any-of",
    ),
    pytest.param(
        {"languages": [{"language": "en", "minLevel": "B2"}]},
        {"Aminata", "Yassine", "Chipo"},
        0,
        id="language-at-least-b2-excludes-a2-and-b1",
    ),
    pytest.param(
        {"languages": [{"language": "en"}]},
        {"Aminata", "Kouassi", "Yassine", "Chipo"},
        BULK_ALUMNI,
        id="language-min-level-defaults-to-a1",
    ),
    pytest.param(
        {"languages": [{"language": "wo"}]}, {"Aminata"}, 0, id="language-wolof"
    ),
    pytest.param(
        {"languages": [{"language": "EN", "minLevel": "C2"}]},
        {"Chipo"},
        0,
        id="language-code-case-insensitive",
    ),
    pytest.param(
        {
            "languages": [
                {"language": "fr", "minLevel": "C2"},
                {"language": "en", "minLevel": "C1"},
            ]
        },
        {"Yassine"},
        0,
        id="languages-all-of",
    ),
    pytest.param({"skills": ["python"]}, {"Aminata", "Yassine"}, 0, id="skill"),
    pytest.param(
        {"skills": ["Python", "Data Analysis"]},
        {"Aminata"},
        0,
        id="skills-all-of-case-insensitive",
    ),
    pytest.param(
        {"skills": ["  Project   Management "]},
        {"Yassine"},
        0,
        id="skill-blanks-normalised",
    ),
    pytest.param(
        {"skills": ["python", "accounting"]}, set(), 0, id="skills-all-of-none"
    ),
    pytest.param(
        {"skills": ["bulk skill", "skill 3"]},
        set(),
        BULK_ALUMNI // 5,
        id="skills-all-of-bulk",
    ),
    pytest.param({"search": "elodie"}, {"Élodie"}, 0, id="search-folds-accents"),
    pytest.param({"search": "ÉLODIE"}, {"Élodie"}, 0, id="search-ignores-case"),
    pytest.param({"search": "mbarga"}, {"Élodie"}, 0, id="search-family-name"),
    pytest.param({"search": "El Amrani"}, {"Yassine"}, 0, id="search-all-words"),
    pytest.param({"search": "analysis"}, {"Aminata"}, 0, id="search-skills"),
    pytest.param(
        {"search": "PYTHON"}, {"Aminata", "Yassine"}, 0, id="search-skills-any-case"
    ),
    pytest.param(
        {"search": "diallo python"}, {"Aminata"}, 0, id="search-name-and-skill"
    ),
    pytest.param({"search": "diallo autocad"}, set(), 0, id="search-words-all-must"),
    pytest.param({"search": "person42"}, set(), 1, id="search-one-bulk"),
    pytest.param({"search": "%"}, set(), 0, id="search-percent-is-literal"),
    pytest.param({"search": "_"}, set(), 0, id="search-underscore-is-literal"),
]


@pytest.mark.parametrize(("filter", "named", "bulk"), SIMPLE_FILTERS)
async def test_candidate_pool_filter_keeps_matching_alumni(
    graph: GraphClient, filter: dict[str, Any], named: set[str], bulk: int
) -> None:
    assert await _pool(graph, filter) == (named, bulk)


STUDY_FILTERS = [
    pytest.param({"universityIds": ["gamma"]}, {"Chipo"}, 0, id="university"),
    pytest.param(
        {"universityIds": ["alpha"]},
        {"Aminata", "Kouassi"},
        BULK_ALUMNI,
        id="university-alpha",
    ),
    pytest.param(
        {"universityIds": ["beta"]},
        {"Yassine", "Élodie"},
        BULK_ALUMNI,
        id="university-counts-withdrawn-enrollments",
    ),
    pytest.param(
        {"universityIds": ["alpha", "gamma"]},
        {"Aminata", "Kouassi", "Chipo"},
        BULK_ALUMNI,
        id="universities-any-of",
    ),
    pytest.param({"programIds": ["management"]}, {"Kouassi"}, 0, id="program"),
    pytest.param(
        {"programIds": ["management", "medicine"]},
        {"Kouassi", "Chipo"},
        0,
        id="programs-any-of",
    ),
    pytest.param(
        {"programIds": ["software"]}, {"Aminata"}, BULK_ALUMNI, id="program-software"
    ),
    pytest.param(
        {"universityIds": ["alpha"], "degreeLevels": ["INGENIEUR"]},
        set(),
        0,
        id="study-criteria-hold-in-one-enrollment",
    ),
    pytest.param(
        {"universityIds": ["beta"], "degreeLevels": ["INGENIEUR"]},
        {"Yassine", "Élodie"},
        BULK_ALUMNI,
        id="university-and-degree-level",
    ),
    pytest.param(
        {"programIds": ["software"], "fieldsOfStudy": ["07"]},
        set(),
        0,
        id="program-and-other-field-of-study",
    ),
]


@pytest.mark.parametrize(("filter", "named", "bulk"), STUDY_FILTERS)
async def test_candidate_pool_filters_by_studies(
    graph: GraphClient,
    known: KnownData,
    filter: dict[str, Any],
    named: set[str],
    bulk: int,
) -> None:
    filter = dict(filter)
    if "universityIds" in filter:
        filter["universityIds"] = [
            _university(known, k) for k in filter["universityIds"]
        ]
    if "programIds" in filter:
        filter["programIds"] = [_program(known, k) for k in filter["programIds"]]

    assert await _pool(graph, filter) == (named, bulk)


COMBINED_FILTERS = [
    pytest.param(
        {"statuses": ["GRADUATE"], "residenceCountries": ["MA"]},
        {"Aminata"},
        BULK_ALUMNI,
        id="status-and-residence",
    ),
    pytest.param(
        {
            "nationalities": ["SN"],
            "languages": [{"language": "en", "minLevel": "B2"}],
            "skills": ["python"],
            "fieldsOfStudy": ["06"],
        },
        {"Aminata"},
        0,
        id="nationality-language-skill-field",
    ),
    pytest.param(
        {
            "graduationYearFrom": 2015,
            "statuses": ["PROFESSIONAL"],
            "residenceCountries": ["FR"],
        },
        {"Yassine"},
        0,
        id="year-status-residence",
    ),
    pytest.param(
        {"search": "python", "graduationYearTo": 2020},
        {"Yassine"},
        0,
        id="search-and-year",
    ),
    pytest.param(
        {"statuses": ["STUDENT"], "languages": [{"language": "en", "minLevel": "C1"}]},
        {"Chipo"},
        0,
        id="status-and-language",
    ),
    pytest.param(
        {"nationalities": ["SN"], "statuses": ["STUDENT"]},
        set(),
        0,
        id="parts-all-must-hold",
    ),
]


@pytest.mark.parametrize(("filter", "named", "bulk"), COMBINED_FILTERS)
async def test_candidate_pool_combined_filters_all_apply(
    graph: GraphClient, filter: dict[str, Any], named: set[str], bulk: int
) -> None:
    assert await _pool(graph, filter) == (named, bulk)


# Each of these would match Fatou, who did not consent to be visible.
FILTERS_MATCHING_FATOU = [
    pytest.param({}, id="no-filter"),
    pytest.param({"search": "fatou"}, id="search-given-name"),
    pytest.param({"search": "ndiaye"}, id="search-family-name"),
    pytest.param({"nationalities": ["SN"]}, id="nationality"),
    pytest.param(
        {"graduationYearFrom": 2021, "graduationYearTo": 2021}, id="graduation-year"
    ),
    pytest.param({"skills": ["python"]}, id="skill"),
    pytest.param({"languages": [{"language": "fr", "minLevel": "C2"}]}, id="language"),
    pytest.param({"fieldsOfStudy": ["0613"]}, id="field-of-study"),
    pytest.param({"degreeLevels": ["MASTER"]}, id="degree-level"),
    pytest.param({"statuses": ["GRADUATE"], "residenceCountries": ["MA"]}, id="status"),
]


@pytest.mark.parametrize("filter", FILTERS_MATCHING_FATOU)
async def test_candidate_pool_hides_alumni_without_consent(
    graph: GraphClient, filter: dict[str, Any]
) -> None:
    named, _bulk = await _pool(graph, filter)

    assert "Fatou" not in named


async def test_candidate_pool_hides_alumni_without_consent_by_study_ids(
    graph: GraphClient, known: KnownData
) -> None:
    filter = {
        "universityIds": [_university(known, "alpha")],
        "programIds": [_program(known, "software")],
    }

    assert await _pool(graph, filter) == ({"Aminata"}, BULK_ALUMNI)


async def test_node_hides_alumnus_without_consent(
    graph: GraphClient, known: KnownData
) -> None:
    data = await graph.data(
        NODE, {"id": to_global_id("Alumnus", known.alumni["fatou"])}
    )

    assert data == {"node": None}


async def test_entities_hide_alumnus_without_consent(
    graph: GraphClient, known: KnownData
) -> None:
    hidden = to_global_id("Alumnus", known.alumni["fatou"])
    shown = to_global_id("Alumnus", known.alumni["aminata"])
    representations = [
        {"__typename": "Alumnus", "id": hidden},
        {"__typename": "Alumnus", "id": shown},
    ]

    data = await graph.data(ENTITIES, {"r": representations})

    assert data["_entities"] == [
        None,
        {"__typename": "Alumnus", "givenName": "Aminata"},
    ]


async def test_node_hides_enrollment_of_alumnus_without_consent(
    graph: GraphClient, known: KnownData
) -> None:
    enrollment = to_global_id("Enrollment", known.enrollments["fatou:0"])

    data = await graph.data(ENROLLMENT_ALUMNUS, {"id": enrollment})

    assert data == {"node": None}


async def test_entities_hide_enrollment_of_alumnus_without_consent(
    graph: GraphClient, known: KnownData
) -> None:
    enrollment = to_global_id("Enrollment", known.enrollments["fatou:0"])

    data = await graph.data(
        ENTITIES, {"r": [{"__typename": "Enrollment", "id": enrollment}]}
    )

    assert data["_entities"] == [None]


async def test_enrollment_alumnus_is_shown_when_visible(
    graph: GraphClient, known: KnownData
) -> None:
    enrollment = to_global_id("Enrollment", known.enrollments["aminata:0"])

    data = await graph.data(ENROLLMENT_ALUMNUS, {"id": enrollment})

    assert data == {"node": {"alumnus": {"givenName": "Aminata"}}}


async def _walk(
    graph: GraphClient, first: int, filter: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every page of the pool, in order, until `hasNextPage` is false."""
    pages: list[dict[str, Any]] = []
    after = None
    while True:
        variables = {"filter": filter, "first": first, "after": after}
        page = (await graph.data(POOL, variables))["candidatePool"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]
        assert len(pages) < 50, "pagination does not end"


def _ids(pages: list[dict[str, Any]]) -> list[str]:
    return [edge["node"]["id"] for page in pages for edge in page["edges"]]


async def test_walking_all_pages_gives_every_visible_alumnus_once(
    graph: GraphClient, known: KnownData
) -> None:
    ids = _ids(await _walk(graph, first=40))

    assert len(ids) == len(set(ids)) == known.visible_alumni


async def test_walking_all_pages_never_gives_alumni_without_consent(
    graph: GraphClient, known: KnownData
) -> None:
    ids = _ids(await _walk(graph, first=40))

    assert to_global_id("Alumnus", known.alumni["fatou"]) not in ids


async def test_walking_all_pages_gives_every_named_visible_alumnus(
    graph: GraphClient, known: KnownData
) -> None:
    ids = set(_ids(await _walk(graph, first=40)))
    visible = {"aminata", "kouassi", "yassine", "chipo", "elodie"}

    assert {to_global_id("Alumnus", known.alumni[k]) for k in visible} <= ids


async def test_page_size_does_not_change_the_order(graph: GraphClient) -> None:
    small = _ids(await _walk(graph, first=7))
    large = _ids(await _walk(graph, first=100))

    assert small == large


async def test_walking_a_filtered_pool_gives_each_match_once(
    graph: GraphClient, known: KnownData
) -> None:
    filter = {"universityIds": [_university(known, "alpha")]}

    ids = _ids(await _walk(graph, first=50, filter=filter))

    assert len(ids) == len(set(ids)) == 2 + BULK_ALUMNI


async def test_total_count_is_the_same_on_every_page(
    graph: GraphClient, known: KnownData
) -> None:
    pages = await _walk(graph, first=40)

    assert [page["totalCount"] for page in pages] == [known.visible_alumni] * 4


async def test_first_page_has_next_but_no_previous_page(graph: GraphClient) -> None:
    page = (await graph.data(POOL, {"first": 10}))["candidatePool"]

    assert (page["pageInfo"]["hasNextPage"], page["pageInfo"]["hasPreviousPage"]) == (
        True,
        False,
    )


async def test_last_page_has_previous_but_no_next_page(graph: GraphClient) -> None:
    last = (await _walk(graph, first=40))[-1]

    assert (last["pageInfo"]["hasNextPage"], last["pageInfo"]["hasPreviousPage"]) == (
        False,
        True,
    )


async def test_page_cursors_are_those_of_first_and_last_edges(
    graph: GraphClient,
) -> None:
    page = (await graph.data(POOL, {"first": 10}))["candidatePool"]

    assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
    assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]


async def test_next_page_starts_after_end_cursor(graph: GraphClient) -> None:
    both = (await graph.data(POOL, {"first": 20}))["candidatePool"]["edges"]
    first = (await graph.data(POOL, {"first": 10}))["candidatePool"]
    after = first["pageInfo"]["endCursor"]

    second = (await graph.data(POOL, {"first": 10, "after": after}))["candidatePool"]

    assert first["edges"] + second["edges"] == both


async def test_page_that_exactly_fits_has_no_next_page(graph: GraphClient) -> None:
    filter = {"statuses": ["STUDENT"]}

    page = (await graph.data(POOL, {"filter": filter, "first": 2}))["candidatePool"]

    assert [len(page["edges"]), page["pageInfo"]["hasNextPage"]] == [2, False]


async def test_page_one_short_of_the_matches_has_next_page(
    graph: GraphClient,
) -> None:
    filter = {"statuses": ["STUDENT"]}

    page = (await graph.data(POOL, {"filter": filter, "first": 1}))["candidatePool"]

    assert [len(page["edges"]), page["pageInfo"]["hasNextPage"]] == [1, True]


async def test_total_count_does_not_depend_on_after(
    graph: GraphClient, known: KnownData
) -> None:
    first = (await graph.data(POOL, {"first": 100}))["candidatePool"]
    after = first["pageInfo"]["endCursor"]

    second = (await graph.data(POOL, {"first": 10, "after": after}))["candidatePool"]

    assert second["totalCount"] == known.visible_alumni


async def test_after_the_last_cursor_comes_an_empty_page(graph: GraphClient) -> None:
    last = (await _walk(graph, first=100))[-1]
    after = last["pageInfo"]["endCursor"]

    page = (await graph.data(POOL, {"first": 10, "after": after}))["candidatePool"]

    assert page["edges"] == []
    assert page["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "startCursor": None,
        "endCursor": None,
    }


async def test_first_zero_gives_no_edges_but_the_total(
    graph: GraphClient, known: KnownData
) -> None:
    page = (await graph.data(POOL, {"first": 0}))["candidatePool"]

    assert (page["edges"], page["totalCount"]) == ([], known.visible_alumni)
    assert page["pageInfo"]["endCursor"] is None


async def test_page_size_defaults_to_twenty(graph: GraphClient) -> None:
    page = (await graph.data(POOL))["candidatePool"]

    assert len(page["edges"]) == 20


async def test_page_size_may_be_one_hundred(graph: GraphClient) -> None:
    page = (await graph.data(POOL, {"first": 100}))["candidatePool"]

    assert len(page["edges"]) == 100
