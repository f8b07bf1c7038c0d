"""Partners write only their own opportunities; the tenant comes from the token."""

from __future__ import annotations

from typing import Any

import pytest

from schema.common.ids import to_global_id
from tests.conftest import WritableGraph

POST = """
mutation Post($input: OpportunityInput!) {
  postOpportunity(input: $input) {
    id title status language description partner { slug }
    translations { language title } requiredSkills
    requiredLanguages { language minLevel } salary { min max currency period }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $input: OpportunityPatch!) {
  updateOpportunity(id: $id, input: $input) { id title status requiredSkills }
}
"""
CLOSE = "mutation Close($id: ID!) { closeOpportunity(id: $id) { id status } }"
READ = "query($id: ID!) { opportunity(id: $id) { title status partner { slug } } }"
SEARCH = (
    "query($q: String!) { opportunities(filter: {search: $q}) { nodes { title } } }"
)

NEW_JOB: dict[str, Any] = {
    "kind": "JOB",
    "language": "fr",
    "title": "Analyste   financier",
    "description": '<p onclick="steal()">Rejoignez-nous<script>alert(1)</script></p>',
    "translations": [{"language": "en", "title": "Financial analyst"}],
    "city": "Rabat",
    "country": "ma",
    "salary": {"min": "9000", "max": "12000", "currency": "mad", "period": "MONTH"},
    "requiredSkills": ["Excel", " excel ", "IFRS"],
    "requiredLanguages": [{"language": "fr", "minLevel": "B2"}],
    "applyUrl": "https://example.com/apply/analyst",
}


def opportunity(writable: WritableGraph, key: str) -> str:
    return to_global_id("Opportunity", writable.known.opportunities[key])


async def test_posting_creates_an_opportunity_for_the_token_partner(
    writable: WritableGraph,
) -> None:
    data = await writable.client.data(POST, {"input": NEW_JOB}, as_="company")
    posted = data["postOpportunity"]

    assert posted["partner"] == {"slug": "atlas"}
    assert posted["title"] == "Analyste financier"
    assert posted["status"] == "PUBLISHED"
    assert posted["description"] == "<p>Rejoignez-nous</p>"
    assert posted["translations"] == [{"language": "en", "title": "Financial analyst"}]
    assert posted["requiredSkills"] == ["excel", "ifrs"]
    assert posted["requiredLanguages"] == [{"language": "fr", "minLevel": "B2"}]
    assert posted["salary"] == {
        "min": "9000.00", "max": "12000.00", "currency": "MAD", "period": "MONTH"
    }  # fmt: skip
    found = await writable.client.data(SEARCH, {"q": "financial"}, as_=None)
    assert {"title": "Analyste financier"} in found["opportunities"]["nodes"]


async def test_a_draft_stays_with_its_author(writable: WritableGraph) -> None:
    draft = {**NEW_JOB, "title": "Brouillon interne", "publish": False}
    posted = (await writable.client.data(POST, {"input": draft}, as_="company2"))[
        "postOpportunity"
    ]
    mine = await writable.client.data(READ, {"id": posted["id"]}, as_="company2")
    theirs = await writable.client.data(READ, {"id": posted["id"]}, as_="company")
    assert mine["opportunity"]["status"] == "DRAFT"
    assert theirs["opportunity"] is None


@pytest.mark.parametrize(
    ("role", "code"),
    [
        pytest.param(None, "UNAUTHENTICATED", id="anonymous"),
        pytest.param("reader", "FORBIDDEN", id="no-write-scope"),
    ],
)
async def test_posting_needs_the_write_scope(
    writable: WritableGraph, role: str | None, code: str
) -> None:
    assert await writable.client.error_codes(POST, {"input": NEW_JOB}, as_=role) == [
        code
    ]


@pytest.mark.parametrize(
    ("mutation", "variables"),
    [
        pytest.param(UPDATE, {"input": {"title": "Hijacked"}}, id="update"),
        pytest.param(CLOSE, {}, id="close"),
    ],
)
@pytest.mark.parametrize("role", ["company", "company2", "university", "diaspora"])
async def test_another_partners_opportunity_is_refused_and_unchanged(
    writable: WritableGraph, mutation: str, variables: dict[str, Any], role: str
) -> None:
    # The training belongs to Institut Beta (`university2`).
    target = opportunity(writable, "training")
    codes = await writable.client.error_codes(
        mutation, {"id": target, **variables}, as_=role
    )
    assert codes == ["FORBIDDEN"]
    after = await writable.client.data(READ, {"id": target}, as_=None)
    assert after["opportunity"] == {
        "title": "Formation cloud", "status": "PUBLISHED", "partner": {"slug": "beta"}
    }  # fmt: skip


async def test_owner_updates_and_closes_its_opportunity(
    writable: WritableGraph,
) -> None:
    target = opportunity(writable, "mentoring")
    updated = await writable.client.data(
        UPDATE,
        {
            "id": target,
            "input": {"title": "Mentorat carrière", "requiredSkills": ["cv"]},
        },
        as_="diaspora",
    )
    assert updated["updateOpportunity"]["title"] == "Mentorat carrière"
    assert updated["updateOpportunity"]["requiredSkills"] == ["cv"]

    closed = await writable.client.data(CLOSE, {"id": target}, as_="diaspora")
    assert closed["closeOpportunity"]["status"] == "CLOSED"
    public = await writable.client.data(READ, {"id": target}, as_=None)
    assert public["opportunity"] is None


SALARY = {"currency": "MAD", "period": "MONTH"}
BAD_PATCHES = [
    ("blank-title", {"title": "   "}, "input.title"),
    ("bad-url", {"applyUrl": "javascript:alert(1)"}, "input.applyUrl"),
    ("bad-country", {"country": "Morocco"}, "input.country"),
    ("min-above-max", {"salary": {**SALARY, "min": "5", "max": "1"}}, "input.salary"),
    (
        "bad-currency",
        {"salary": {**SALARY, "min": "5", "currency": "dirham"}},
        "input.salary.currency",
    ),
    (
        "bad-language",
        {"translations": [{"language": "english", "title": "x"}]},
        "input.translations[0].language",
    ),
    ("too-many-skills", {"requiredSkills": ["s"] * 31}, "input.requiredSkills"),
    ("salary-nan", {"salary": {**SALARY, "min": "NaN"}}, "input.salary"),
]


@pytest.mark.parametrize(
    ("patch", "argument"),
    [pytest.param(patch, argument, id=name) for name, patch, argument in BAD_PATCHES],
)
async def test_bad_input_is_refused_with_its_argument(
    writable: WritableGraph, patch: dict[str, Any], argument: str
) -> None:
    target = opportunity(writable, "remote_intern")
    body = await writable.client.post(
        UPDATE, {"id": target, "input": patch}, as_="company"
    )
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": argument}
    after = await writable.client.data(READ, {"id": target}, as_=None)
    assert after["opportunity"]["title"] == "Remote data intern"


async def test_unknown_opportunity_is_not_found(writable: WritableGraph) -> None:
    missing = to_global_id("Opportunity", 999_999)
    assert await writable.client.error_codes(CLOSE, {"id": missing}, as_="company") == [
        "NOT_FOUND"
    ]
