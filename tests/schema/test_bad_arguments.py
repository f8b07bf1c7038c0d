"""Bad requests are refused with a stable code, never as a server error.

Every case must come back as HTTP 200 JSON whose errors all carry the
expected `extensions.code`, with no INTERNAL_SERVER_ERROR and nothing of
the server's internals in the message.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient

POOL = """
query Pool($filter: CandidateFilter, $first: Int, $after: String) {
  candidatePool(filter: $filter, first: $first, after: $after) { totalCount }
}
"""

OPPORTUNITIES = """
query List($filter: OpportunityFilter, $first: Int, $after: String) {
  opportunities(filter: $filter, first: $first, after: $after) { totalCount }
}
"""

UNIVERSITIES = """
query List($filter: UniversityFilter, $first: Int, $after: String) {
  universities(filter: $filter, first: $first, after: $after) { totalCount }
}
"""

LISTS = {
    "candidatePool": POOL,
    "opportunities": OPPORTUNITIES,
    "universities": UNIVERSITIES,
}

NODE = "query Node($id: ID!) { node(id: $id) { id } }"
UNIVERSITY = "query One($id: ID!) { university(id: $id) { id } }"
OPPORTUNITY = "query One($id: ID!) { opportunity(id: $id) { id } }"

TITLE = """
query Title($language: String) {
  opportunities { nodes { title(language: $language) } }
}
"""

UNIVERSITY_NAME = """
query Name($language: String) {
  universities { nodes { name(language: $language) } }
}
"""

ENTITIES = """
query Entities($r: [_Any!]!) {
  _entities(representations: $r) { __typename ... on Alumnus { id } }
}
"""

BAD = "BAD_USER_INPUT"
INVALID = "GRAPHQL_VALIDATION_FAILED"
UNPARSABLE = "GRAPHQL_PARSE_FAILED"

INT32_OVERFLOW = 2**31
INT64_OVERFLOW = 2**63


def _cursor(*values: Any) -> str:
    """A cursor encoded the way the gateway encodes its own."""
    raw = json.dumps(list(values)).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def _deep_query(levels: int) -> str:
    selection = "name"
    for _ in range(levels):
        selection = f"programs {{ university {{ {selection} }} }}"
    return f"{{ universities {{ nodes {{ {selection} }} }} }}"


def _aliases(count: int) -> str:
    fields = " ".join(f"a{n}: universities {{ totalCount }}" for n in range(count))
    return f"{{ {fields} }}"


GID_UNIVERSITY = to_global_id("University", 1)
GID_PROGRAM = to_global_id("Program", 1)
GID_PARTNER = to_global_id("Partner", 1)

PAGE_SIZES = [
    pytest.param(LISTS[name], {"first": first}, BAD, id=f"{name}-first-{label}")
    for name in LISTS
    for first, label in ((-1, "negative"), (101, "101"), (100_000, "100000"))
]

CURSORS = [
    pytest.param(LISTS[name], {"after": after}, BAD, id=f"{name}-after-{label}")
    for name in LISTS
    for after, label in (
        ("zzz", "zzz"),
        ("", "empty"),
        ("!!!!", "not-base64"),
        (_b64(b"\xff\xfe\x00garbage"), "base64-of-garbage"),
        (_b64(b"not json at all"), "base64-of-text"),
        (_cursor(), "empty-list"),
        (_b64(b'{"c": 1}'), "json-object"),
        (_cursor("x", 1), "unknown-list"),
    )
]

OTHER_LIST_CURSORS = [
    pytest.param(POOL, {"after": _cursor("u", "Institut Beta", 2)}, BAD,
                 id="u-in-pool"),
    pytest.param(POOL, {"after": _cursor("o", "2026-11-10T00:00:00+00:00", 5)}, BAD,
                 id="o-in-pool"),
    pytest.param(UNIVERSITIES, {"after": _cursor("c", 7)}, BAD, id="c-in-universities"),
    pytest.param(OPPORTUNITIES, {"after": _cursor("c", 7)}, BAD,
                 id="c-in-opportunities"),
    pytest.param(OPPORTUNITIES, {"after": _cursor("u", "Institut Beta", 2)}, BAD,
                 id="u-in-opportunities"),
]  # fmt: skip

CURSOR_VALUES = [
    pytest.param(POOL, {"after": _cursor("c")}, BAD, id="pool-too-short"),
    pytest.param(POOL, {"after": _cursor("c", 1, 2)}, BAD, id="pool-too-long"),
    pytest.param(POOL, {"after": _cursor("c", "7")}, BAD, id="pool-id-as-text"),
    pytest.param(POOL, {"after": _cursor("c", True)}, BAD, id="pool-id-boolean"),
    pytest.param(POOL, {"after": _cursor("c", 1.5)}, BAD, id="pool-id-fraction"),
    pytest.param(POOL, {"after": _cursor("c", None)}, BAD, id="pool-id-null"),
    pytest.param(UNIVERSITIES, {"after": _cursor("u", 1, 1)}, BAD,
                 id="universities-name-as-number"),
    pytest.param(UNIVERSITIES, {"after": _cursor("u", "Institut Beta", "2")}, BAD,
                 id="universities-id-as-text"),
]  # fmt: skip

CURSOR_SERVER_ERRORS = [
    pytest.param(
        OPPORTUNITIES,
        {"after": _cursor("o", "2026-11-10T00:00:00", 5)},
        BAD,
        id="opportunities-naive-time",
    ),
    pytest.param(
        OPPORTUNITIES,
        {"after": _cursor("o", "yesterday", 5)},
        BAD,
        id="opportunities-time-not-iso",
    ),
    pytest.param(
        OPPORTUNITIES,
        {"after": _cursor("o", 5, 5)},
        BAD,
        id="opportunities-time-as-number",
    ),
    pytest.param(
        POOL,
        {"after": _cursor("c", INT32_OVERFLOW)},
        BAD,
        id="pool-id-beyond-int32",
    ),
    pytest.param(
        POOL,
        {"after": _cursor("c", INT64_OVERFLOW)},
        BAD,
        id="pool-id-beyond-int64",
    ),
]

ENUMS = [
    pytest.param(
        "{ candidatePool(filter: {statuses: [ALUMNI]}) { totalCount } }",
        None,
        INVALID,
        id="status-literal",
    ),
    pytest.param(POOL, {"filter": {"statuses": ["ALUMNI"]}}, BAD, id="status-variable"),
    pytest.param(
        POOL, {"filter": {"statuses": ["student"]}}, BAD, id="status-variable-lower"
    ),
    pytest.param(
        "{ candidatePool(filter: {degreeLevels: [BACHELOR]}) { totalCount } }",
        None,
        INVALID,
        id="degree-level-literal",
    ),
    pytest.param(
        POOL,
        {"filter": {"languages": [{"language": "en", "minLevel": "D1"}]}},
        BAD,
        id="cefr-level-variable",
    ),
    pytest.param(
        "{ opportunities(filter: {kinds: [JOBS]}) { totalCount } }",
        None,
        INVALID,
        id="kind-literal",
    ),
    pytest.param(OPPORTUNITIES, {"filter": {"kinds": ["JOBS"]}}, BAD,
                 id="kind-variable"),
    pytest.param(OPPORTUNITIES, {"filter": {"workplaceTypes": ["OFFICE"]}}, BAD,
                 id="workplace-type-variable"),
    pytest.param(
        '{ universities(filter: {sector: "PUBLIC"}) { totalCount } }',
        None,
        INVALID,
        id="sector-literal-string",
    ),
    pytest.param(UNIVERSITIES, {"filter": {"sector": "PUBLIK"}}, BAD,
                 id="sector-variable"),
]  # fmt: skip

CODES = [
    pytest.param(POOL, {"filter": {"nationalities": ["Senegal"]}}, BAD,
                 id="nationality-name"),
    pytest.param(POOL, {"filter": {"nationalities": ["SEN"]}}, BAD,
                 id="nationality-alpha-3"),
    pytest.param(POOL, {"filter": {"nationalities": [""]}}, BAD,
                 id="nationality-empty"),
    pytest.param(POOL, {"filter": {"residenceCountries": ["F1"]}}, BAD,
                 id="residence-digit"),
    pytest.param(OPPORTUNITIES, {"filter": {"countries": ["MAR"]}}, BAD,
                 id="opportunity-country-alpha-3"),
    pytest.param(POOL, {"filter": {"languages": [{"language": "english"}]}}, BAD,
                 id="language-name"),
    pytest.param(POOL, {"filter": {"languages": [{"language": "e"}]}}, BAD,
                 id="language-one-letter"),
    pytest.param(OPPORTUNITIES, {"filter": {"language": "fr-FR"}}, BAD,
                 id="opportunity-language-tag"),
    pytest.param(TITLE, {"language": "français"}, BAD, id="title-language-name"),
    pytest.param(UNIVERSITY_NAME, {"language": "en_US"}, BAD,
                 id="university-name-language-locale"),
    pytest.param(POOL, {"filter": {"fieldsOfStudy": ["6"]}}, BAD,
                 id="isced-one-digit"),
    pytest.param(POOL, {"filter": {"fieldsOfStudy": ["06131"]}}, BAD,
                 id="isced-five-digits"),
    pytest.param(POOL, {"filter": {"fieldsOfStudy": ["ICT"]}}, BAD,
                 id="isced-letters"),
    pytest.param(POOL, {"filter": {"fieldsOfStudy": ["0x"]}}, BAD,
                 id="isced-hex"),
    pytest.param(
        POOL,
        {"filter": {"fieldsOfStudy": ["٠٦١٣"]}},
        BAD,
        id="isced-arabic-indic-digits",
    ),
]  # fmt: skip

RANGES = [
    pytest.param(POOL, {"filter": {"graduationYearFrom": 1800}}, BAD,
                 id="year-from-too-early"),
    pytest.param(POOL, {"filter": {"graduationYearTo": 2500}}, BAD,
                 id="year-to-too-late"),
    pytest.param(POOL, {"filter": {"graduationYearFrom": -1}}, BAD,
                 id="year-negative"),
    pytest.param(
        POOL,
        {"filter": {"graduationYearFrom": 2020, "graduationYearTo": 2010}},
        BAD,
        id="year-from-after-to",
    ),
    pytest.param(POOL, {"filter": {"search": " ".join("w" * 9)}}, BAD,
                 id="pool-search-nine-words"),
    pytest.param(OPPORTUNITIES, {"filter": {"search": " ".join("w" * 9)}}, BAD,
                 id="opportunities-search-nine-words"),
    pytest.param(
        "{ candidatePool(first: 2147483648) { totalCount } }",
        None,
        INVALID,
        id="first-beyond-int-literal",
    ),
    pytest.param(POOL, {"first": 2**31}, BAD, id="first-beyond-int-variable"),
    pytest.param(POOL, {"first": "ten"}, BAD, id="first-not-a-number"),
    pytest.param(
        OPPORTUNITIES,
        {"filter": {"postedSince": "2026-11-01T00:00:00"}},
        BAD,
        id="posted-since-without-time-zone",
    ),
    pytest.param(OPPORTUNITIES, {"filter": {"postedSince": "yesterday"}}, BAD,
                 id="posted-since-not-iso"),
    pytest.param(
        '{ opportunities(filter: {postedSince: "yesterday"}) { totalCount } }',
        None,
        INVALID,
        id="posted-since-not-iso-literal",
    ),
]  # fmt: skip

TOO_MANY = [
    pytest.param(POOL, {"filter": {"statuses": ["STUDENT"] * 51}}, BAD,
                 id="statuses"),
    pytest.param(POOL, {"filter": {"universityIds": [GID_UNIVERSITY] * 51}}, BAD,
                 id="university-ids"),
    pytest.param(POOL, {"filter": {"programIds": [GID_PROGRAM] * 51}}, BAD,
                 id="program-ids"),
    pytest.param(POOL, {"filter": {"fieldsOfStudy": ["06"] * 51}}, BAD,
                 id="fields-of-study"),
    pytest.param(POOL, {"filter": {"degreeLevels": ["MASTER"] * 51}}, BAD,
                 id="degree-levels"),
    pytest.param(POOL, {"filter": {"nationalities": ["SN"] * 51}}, BAD,
                 id="nationalities"),
    pytest.param(POOL, {"filter": {"residenceCountries": ["MA"] * 51}}, BAD,
                 id="residence-countries"),
    pytest.param(POOL, {"filter": {"languages": [{"language": "fr"}] * 51}}, BAD,
                 id="languages"),
    pytest.param(POOL, {"filter": {"skills": ["python"] * 51}}, BAD, id="skills"),
    pytest.param(OPPORTUNITIES, {"filter": {"kinds": ["JOB"] * 51}}, BAD,
                 id="kinds"),
    pytest.param(OPPORTUNITIES, {"filter": {"partnerIds": [GID_PARTNER] * 51}},
                 BAD, id="partner-ids"),
    pytest.param(OPPORTUNITIES, {"filter": {"countries": ["MA"] * 51}}, BAD,
                 id="countries"),
    pytest.param(OPPORTUNITIES, {"filter": {"workplaceTypes": ["REMOTE"] * 51}},
                 BAD, id="workplace-types"),
    pytest.param(OPPORTUNITIES, {"filter": {"skills": ["sql"] * 51}}, BAD,
                 id="opportunity-skills"),
]  # fmt: skip

IDS = [
    pytest.param(POOL, {"filter": {"universityIds": ["zzz"]}}, BAD,
                 id="university-ids-malformed"),
    pytest.param(POOL, {"filter": {"programIds": ["!!"]}}, BAD,
                 id="program-ids-malformed"),
    pytest.param(OPPORTUNITIES, {"filter": {"partnerIds": ["zzz"]}}, BAD,
                 id="partner-ids-malformed"),
    pytest.param(NODE, {"id": "zzz"}, BAD, id="node-malformed"),
    pytest.param(NODE, {"id": ""}, BAD, id="node-empty"),
    pytest.param(NODE, {"id": _b64(b"University:abc")}, BAD, id="node-pk-not-a-number"),
    pytest.param(NODE, {"id": _b64(b"University:0")}, BAD, id="node-pk-zero"),
    pytest.param(NODE, {"id": _b64(b"University:-4")}, BAD, id="node-pk-negative"),
    pytest.param(NODE, {"id": _b64(b":1")}, BAD, id="node-no-type"),
    pytest.param(UNIVERSITY, {"id": "zzz"}, BAD, id="university-malformed"),
    pytest.param(OPPORTUNITY, {"id": "zzz"}, BAD, id="opportunity-malformed"),
    pytest.param(POOL, {"filter": {"universityIds": [GID_PROGRAM]}}, BAD,
                 id="university-ids-wrong-type"),
    pytest.param(POOL, {"filter": {"programIds": [GID_UNIVERSITY]}}, BAD,
                 id="program-ids-wrong-type"),
    pytest.param(OPPORTUNITIES, {"filter": {"partnerIds": [GID_UNIVERSITY]}}, BAD,
                 id="partner-ids-wrong-type"),
    pytest.param(UNIVERSITY, {"id": GID_PROGRAM}, BAD, id="university-wrong-type"),
    pytest.param(OPPORTUNITY, {"id": GID_PARTNER}, BAD, id="opportunity-wrong-type"),
    pytest.param(
        NODE,
        {"id": to_global_id("University", INT32_OVERFLOW)},
        BAD,
        id="node-pk-beyond-int32",
    ),
    pytest.param(
        NODE,
        {"id": to_global_id("University", INT64_OVERFLOW)},
        BAD,
        id="node-pk-beyond-int64",
    ),
    pytest.param(
        POOL,
        {"filter": {"universityIds": [to_global_id("University", INT64_OVERFLOW)]}},
        BAD,
        id="university-ids-pk-beyond-int64",
    ),
]  # fmt: skip

ENTITY_REPRESENTATIONS = [
    pytest.param(ENTITIES, {"r": [{"__typename": "Alumnus", "id": "zzz"}]}, BAD,
                 id="entity-id-malformed"),
    pytest.param(ENTITIES, {"r": [{"__typename": "Alumnus", "id": GID_UNIVERSITY}]},
                 BAD, id="entity-id-wrong-type"),
    pytest.param(
        ENTITIES,
        {"r": [{"__typename": "Student", "id": GID_UNIVERSITY}]},
        BAD,
        id="entity-typename-unknown",
    ),
    pytest.param(
        ENTITIES,
        {"r": [{"__typename": "Alumnus"}]},
        BAD,
        id="entity-without-id",
    ),
]  # fmt: skip

DOCUMENTS = [
    pytest.param("{ candidatePool { ", None, UNPARSABLE, id="syntax-error"),
    pytest.param("{ universities(first: ) { totalCount } }", None, UNPARSABLE,
                 id="missing-value"),
    pytest.param(_deep_query(7), None, INVALID, id="too-deep"),
    pytest.param(_aliases(31), None, INVALID, id="too-many-aliases"),
    pytest.param(
        "{ universities { totalCount " + "__typename " * 2100 + "} }",
        None,
        UNPARSABLE,
        id="too-many-tokens",
    ),
    pytest.param("{ universities { nope } }", None, INVALID, id="unknown-field"),
    pytest.param("{ node { id } }", None, INVALID, id="missing-argument"),
    pytest.param(NODE, None, BAD, id="missing-required-variable"),
]  # fmt: skip

CASES = [
    *PAGE_SIZES,
    *CURSORS,
    *OTHER_LIST_CURSORS,
    *CURSOR_VALUES,
    *CURSOR_SERVER_ERRORS,
    *ENUMS,
    *CODES,
    *RANGES,
    *TOO_MANY,
    *IDS,
    *ENTITY_REPRESENTATIONS,
    *DOCUMENTS,
]


@pytest.mark.parametrize(("query", "variables", "code"), CASES)
async def test_bad_request_is_refused_with_a_stable_code(
    graph: GraphClient, query: str, variables: dict[str, Any] | None, code: str
) -> None:
    codes = await graph.error_codes(query, variables)

    assert set(codes) == {code}


@pytest.mark.parametrize(("query", "variables", "code"), CASES)
async def test_bad_request_reveals_no_internals(
    graph: GraphClient, query: str, variables: dict[str, Any] | None, code: str
) -> None:
    errors = (await graph.post(query, variables)).get("errors")

    assert errors
    for error in errors:
        assert "Traceback" not in error["message"]
        assert "sqlalchemy" not in error["message"].lower()
        assert error["extensions"]["code"] != "INTERNAL_SERVER_ERROR"


async def test_cursor_of_the_universities_is_refused_by_the_candidate_pool(
    graph: GraphClient,
) -> None:
    page = await graph.data("{ universities(first: 1) { pageInfo { endCursor } } }")
    cursor = page["universities"]["pageInfo"]["endCursor"]

    assert await graph.error_codes(POOL, {"after": cursor}) == [BAD]


async def test_cursor_of_the_candidate_pool_is_refused_by_opportunities(
    graph: GraphClient,
) -> None:
    page = await graph.data("{ candidatePool(first: 1) { pageInfo { endCursor } } }")
    cursor = page["candidatePool"]["pageInfo"]["endCursor"]

    assert await graph.error_codes(OPPORTUNITIES, {"after": cursor}) == [BAD]


async def test_refusal_names_the_bad_argument(graph: GraphClient) -> None:
    body = await graph.post(POOL, {"filter": {"nationalities": ["Senegal"]}})

    assert body["errors"][0]["extensions"] == {
        "code": BAD,
        "argument": "filter.nationalities",
    }
