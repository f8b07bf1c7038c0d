"""Reaching objects by global id: `node(id)` and federation's `_entities`."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import cycle, islice
from typing import Any

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient
from tests.factories import KnownData

# Aliases keep same-named fields of different types apart in the answer.
FRAGMENTS = """
    __typename
    ... on Node { id }
    ... on University { universityName: name acronym }
    ... on Program { programName: name degreeLevel fieldOfStudy }
    ... on Alumnus { givenName familyName }
    ... on Enrollment { status beginDate endDate }
    ... on Partner { partnerName: name slug partnerKind: kind }
    ... on Opportunity { title opportunityKind: kind }
"""

NODE = f"query Node($id: ID!) {{ node(id: $id) {{ {FRAGMENTS} }} }}"

ENTITIES = f"""
query Entities($r: [_Any!]!) {{ _entities(representations: $r) {{ {FRAGMENTS} }} }}
"""

ENTITY_NAMES = """
query Entities($r: [_Any!]!) {
  _entities(representations: $r) {
    __typename
    ... on Alumnus { id givenName }
    ... on University { id name }
    ... on Program { id name }
    ... on Enrollment { id status }
    ... on Partner { id name }
    ... on Opportunity { id kind }
  }
}
"""

ALUMNUS = """
query Alumnus($id: ID!) {
  node(id: $id) {
    ... on Alumnus {
      displayName nationality residenceCountry status graduationYear headline
      languages { language level }
      skills
      enrollments { status university { name } program { name } }
    }
  }
}
"""

ENROLLMENT = """
query Enrollment($id: ID!) {
  node(id: $id) {
    ... on Enrollment {
      university { name }
      program { name }
      alumnus { givenName }
    }
  }
}
"""

VISIBLE_IDS = "{ candidatePool(first: 100) { nodes { id } } }"

SDL = "{ _service { sdl } }"

Pick = Callable[[KnownData], int]

OBJECTS: list[Any] = [
    pytest.param(
        "University",
        lambda known: known.universities["alpha"],
        {"universityName": "Université Alpha", "acronym": "UA"},
        id="university",
    ),
    pytest.param(
        "Program",
        lambda known: known.programs["software"],
        {
            "programName": "Master Génie Logiciel",
            "degreeLevel": "MASTER",
            "fieldOfStudy": "0613",
        },
        id="program",
    ),
    pytest.param(
        "Alumnus",
        lambda known: known.alumni["kouassi"],
        {"givenName": "Kouassi", "familyName": "Yao"},
        id="alumnus",
    ),
    pytest.param(
        "Enrollment",
        lambda known: known.enrollments["aminata:0"],
        {"status": "GRADUATED", "beginDate": "2015-09-01", "endDate": "2022-07-01"},
        id="enrollment",
    ),
    pytest.param(
        "Partner",
        lambda known: known.partners["diaspora"],
        {
            "partnerName": "Diaspora Connect",
            "slug": "diaspora",
            "partnerKind": "DIASPORA_ORG",
        },
        id="partner",
    ),
    pytest.param(
        "Opportunity",
        lambda known: known.opportunities["mentoring"],
        {"title": "برنامج إرشاد مهني", "opportunityKind": "MENTORING"},
        id="opportunity",
    ),
]


@pytest.mark.parametrize(("typename", "pick", "fields"), OBJECTS)
async def test_node_gives_the_object_of_its_type(
    graph: GraphClient,
    known: KnownData,
    typename: str,
    pick: Pick,
    fields: dict[str, Any],
) -> None:
    gid = to_global_id(typename, pick(known))

    data = await graph.data(NODE, {"id": gid})

    assert data["node"] == {"__typename": typename, "id": gid, **fields}


@pytest.mark.parametrize(("typename", "pick", "fields"), OBJECTS)
async def test_entities_give_the_object_of_its_type(
    graph: GraphClient,
    known: KnownData,
    typename: str,
    pick: Pick,
    fields: dict[str, Any],
) -> None:
    gid = to_global_id(typename, pick(known))

    data = await graph.data(ENTITIES, {"r": [{"__typename": typename, "id": gid}]})

    assert data["_entities"] == [{"__typename": typename, "id": gid, **fields}]


UNKNOWN_IDS = [
    pytest.param(to_global_id("University", 999_999), id="university"),
    pytest.param(to_global_id("Program", 999_999), id="program"),
    pytest.param(to_global_id("Alumnus", 999_999), id="alumnus"),
    pytest.param(to_global_id("Enrollment", 999_999), id="enrollment"),
    pytest.param(to_global_id("Partner", 999_999), id="partner"),
    pytest.param(to_global_id("Opportunity", 999_999), id="opportunity"),
    pytest.param(to_global_id("Student", 1), id="type-not-in-the-graph"),
    pytest.param(to_global_id("SpokenLanguage", 1), id="type-without-ids"),
    pytest.param(to_global_id("Query", 1), id="root-type"),
]


@pytest.mark.parametrize("gid", UNKNOWN_IDS)
async def test_node_of_unknown_or_foreign_id_is_null(
    graph: GraphClient, gid: str
) -> None:
    assert await graph.data(NODE, {"id": gid}) == {"node": None}


UNKNOWN_ENTITIES = [
    pytest.param("University", id="university"),
    pytest.param("Program", id="program"),
    pytest.param("Alumnus", id="alumnus"),
    pytest.param("Enrollment", id="enrollment"),
    pytest.param("Partner", id="partner"),
    pytest.param("Opportunity", id="opportunity"),
]


@pytest.mark.parametrize("typename", UNKNOWN_ENTITIES)
async def test_entity_of_unknown_id_is_null(graph: GraphClient, typename: str) -> None:
    representation = {"__typename": typename, "id": to_global_id(typename, 999_999)}

    data = await graph.data(ENTITIES, {"r": [representation]})

    assert data["_entities"] == [None]


async def test_entities_keep_the_order_of_representations(
    graph: GraphClient, known: KnownData
) -> None:
    wanted = [
        ("Opportunity", known.opportunities["training"]),
        ("University", known.universities["gamma"]),
        ("Alumnus", known.alumni["fatou"]),
        ("Partner", known.partners["atlas"]),
        ("University", 999_999),
        ("Alumnus", known.alumni["chipo"]),
    ]
    representations = [
        {"__typename": name, "id": to_global_id(name, pk)} for name, pk in wanted
    ]

    data = await graph.data(ENTITY_NAMES, {"r": representations})

    assert [entity and entity["id"] for entity in data["_entities"]] == [
        representations[0]["id"],
        representations[1]["id"],
        None,
        representations[3]["id"],
        None,
        representations[5]["id"],
    ]


@pytest.mark.parametrize("key", ["draft_job", "closed_job"])
async def test_entities_hide_unpublished_opportunities(
    graph: GraphClient, known: KnownData, key: str
) -> None:
    gid = to_global_id("Opportunity", known.opportunities[key])

    data = await graph.data(ENTITIES, {"r": [{"__typename": "Opportunity", "id": gid}]})

    assert data["_entities"] == [None]


async def test_hundred_alumni_entities_cost_one_statement(
    graph: GraphClient,
) -> None:
    visible = (await graph.data(VISIBLE_IDS))["candidatePool"]["nodes"]
    representations = [{"__typename": "Alumnus", "id": n["id"]} for n in visible]
    assert len(representations) == 100

    data = await graph.data(ENTITY_NAMES, {"r": representations})

    assert len([e for e in data["_entities"] if e]) == 100
    assert graph.graph_statements == 1


ENTITY_BATCHES = [
    pytest.param("University", lambda known: known.universities, id="university"),
    pytest.param("Program", lambda known: known.programs, id="program"),
    pytest.param("Enrollment", lambda known: known.enrollments, id="enrollment"),
    pytest.param("Partner", lambda known: known.partners, id="partner"),
    pytest.param("Opportunity", lambda known: known.opportunities, id="opportunity"),
]


@pytest.mark.parametrize(("typename", "rows"), ENTITY_BATCHES)
async def test_hundred_mixed_entities_of_one_type_cost_one_statement(
    graph: GraphClient,
    known: KnownData,
    typename: str,
    rows: Callable[[KnownData], dict[str, int]],
) -> None:
    # Repeats, every known row, and one id that matches nothing.
    pks = [*rows(known).values(), 999_999]
    representations = [
        {"__typename": typename, "id": to_global_id(typename, pk)}
        for pk in islice(cycle(pks), 100)
    ]

    data = await graph.data(ENTITY_NAMES, {"r": representations})

    assert len(data["_entities"]) == 100
    assert graph.graph_statements == 1


async def test_alumnus_fields_through_node(
    graph: GraphClient, known: KnownData
) -> None:
    gid = to_global_id("Alumnus", known.alumni["yassine"])

    data = await graph.data(ALUMNUS, {"id": gid})

    assert data["node"] == {
        "displayName": "Yassine El Amrani",
        "nationality": "MA",
        "residenceCountry": "FR",
        "status": "PROFESSIONAL",
        "graduationYear": 2015,
        "headline": "Yassine El Amrani, professional",
        "languages": [
            {"language": "ar", "level": "C2"},
            {"language": "fr", "level": "C2"},
            {"language": "en", "level": "C1"},
        ],
        "skills": ["project management", "python"],
        "enrollments": [
            {
                "status": "GRADUATED",
                "university": {"name": "Institut Beta"},
                "program": {"name": "Ingénieur Énergie"},
            }
        ],
    }


async def test_alumnus_languages_strongest_first(
    graph: GraphClient, known: KnownData
) -> None:
    gid = to_global_id("Alumnus", known.alumni["aminata"])

    data = await graph.data(ALUMNUS, {"id": gid})

    assert [lang["language"] for lang in data["node"]["languages"]] == [
        "wo",
        "fr",
        "en",
    ]


async def test_student_has_no_graduation_year(
    graph: GraphClient, known: KnownData
) -> None:
    gid = to_global_id("Alumnus", known.alumni["chipo"])

    data = await graph.data(ALUMNUS, {"id": gid})

    assert (data["node"]["status"], data["node"]["graduationYear"]) == ("STUDENT", None)


async def test_enrollment_relations_through_node(
    graph: GraphClient, known: KnownData
) -> None:
    gid = to_global_id("Enrollment", known.enrollments["aminata:0"])

    data = await graph.data(ENROLLMENT, {"id": gid})

    assert data["node"] == {
        "university": {"name": "Université Alpha"},
        "program": {"name": "Master Génie Logiciel"},
        "alumnus": {"givenName": "Aminata"},
    }


ENTITY_TYPES = [
    "University",
    "Program",
    "Alumnus",
    "Enrollment",
    "Partner",
    "Opportunity",
]


@pytest.mark.parametrize("typename", ENTITY_TYPES)
async def test_service_sdl_keys_every_entity_by_id(
    graph: GraphClient, typename: str
) -> None:
    sdl = (await graph.data(SDL))["_service"]["sdl"]

    declaration = re.search(rf"^type {typename}\b[^{{]*", sdl, re.MULTILINE)

    assert declaration is not None
    assert '@key(fields: "id")' in declaration.group()
