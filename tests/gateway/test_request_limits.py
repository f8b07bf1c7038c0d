"""Requests too large, too costly or malformed get a 4xx, never a 500."""

from __future__ import annotations

import json

import pytest

from schema.common.ids import to_global_id
from tests.conftest import GraphClient
from tests.factories import KnownData

HEAVY_ALIASES = (
    "{ "
    + " ".join(
        f"a{i}: candidatePool(first: 100) {{ nodes {{ id enrollments "
        f"{{ university {{ name }} program {{ name }} }} }} }}"
        for i in range(30)
    )
    + " }"
)
ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"
SEARCH = "query($q: String!) { candidatePool(filter: {search: $q}) { totalCount } }"


async def post_raw(graph: GraphClient, body: bytes) -> tuple[int, dict[str, object]]:
    response = await graph.http.post(
        "/graphql",
        content=body,
        headers={
            "content-type": "application/json",
            "authorization": f"Bearer {graph.mint.token('reader')}",
        },
    )
    return response.status_code, response.json()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'"hi"', id="json-string"),
        pytest.param(b"null", id="json-null"),
        pytest.param(b"[1, 2]", id="json-array"),
        pytest.param(b"\xff\xfe{}", id="not-utf8"),
        pytest.param(b"{" * 10 + b"}", id="broken-json"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested-too-deep"),
    ],
)
async def test_malformed_bodies_are_bad_requests(
    graph: GraphClient, body: bytes
) -> None:
    status, payload = await post_raw(graph, body)
    assert status == 400
    assert payload["errors"][0]["extensions"]["code"] == "BAD_REQUEST"  # type: ignore[index]


async def test_oversized_body_is_refused_before_it_runs(graph: GraphClient) -> None:
    query = "{ universities { totalCount } }" + " " * (2 * 1024 * 1024)
    status, payload = await post_raw(graph, json.dumps({"query": query}).encode())
    assert status == 413


async def test_many_heavy_aliases_are_too_complex(graph: GraphClient) -> None:
    assert await graph.error_codes(HEAVY_ALIASES) == ["QUERY_TOO_COMPLEX"]


async def test_thousands_of_entity_references_are_too_complex(
    graph: GraphClient, known: KnownData
) -> None:
    reference = {"__typename": "University", "id": to_global_id("University", 1)}
    codes = await graph.error_codes(ENTITIES, {"r": [reference] * 6000})
    assert codes == ["QUERY_TOO_COMPLEX"]


async def test_a_hundred_entity_references_are_fine(graph: GraphClient) -> None:
    reference = {"__typename": "University", "id": to_global_id("University", 1)}
    data = await graph.data(ENTITIES, {"r": [reference] * 100})
    assert len(data["_entities"]) == 100


@pytest.mark.parametrize(
    "text",
    [pytest.param("a\x00b", id="nul"), pytest.param("\ud800", id="lone-surrogate")],
)
async def test_unstorable_text_is_bad_user_input(graph: GraphClient, text: str) -> None:
    # Escaped JSON, as a client would send a lone surrogate.
    body = json.dumps({"query": SEARCH, "variables": {"q": text}}).encode()
    status, payload = await post_raw(graph, body)
    assert status == 200
    assert [e["extensions"]["code"] for e in payload["errors"]] == ["BAD_USER_INPUT"]  # type: ignore[attr-defined]


async def test_unstorable_text_in_a_literal_is_bad_user_input(
    graph: GraphClient,
) -> None:
    query = '{ candidatePool(filter: {search: "a\\u0000b"}) { totalCount } }'
    assert await graph.error_codes(query) == ["BAD_USER_INPUT"]
