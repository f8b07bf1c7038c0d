"""Partners manage their own connectors through the graph, and only those."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from gateway.db.models import SyncRun
from schema.common.ids import pk_of
from tests.conftest import WritableGraph

ADD = """
mutation Add($input: ConnectorInput!) {
  addConnector(input: $input) { id kind url intervalMinutes isEnabled }
}
"""
LIST = "{ connectors { totalCount nodes { id kind url } } }"
UPDATE = """
mutation Update($id: ID!, $input: ConnectorPatch!) {
  updateConnector(id: $id, input: $input) { id intervalMinutes isEnabled }
}
"""
REQUEST = """
mutation Sync($id: ID!) { requestConnectorSync(id: $id) { id syncRequestedAt } }
"""
RUNS = """
query($id: ID!) { node(id: $id) { ... on Connector { kind runs {
  status created updated unchanged closed rejected errorCode
  rejects { position reason externalId } } } } }
"""
FEED = {
    "kind": "greenhouse",
    "url": "https://boards-api.greenhouse.io/v1/boards/atlas/jobs",
}


async def add(writable: WritableGraph, role: str, url: str) -> str:
    data = await writable.client.data(ADD, {"input": {**FEED, "url": url}}, as_=role)
    return str(data["addConnector"]["id"])


async def test_a_partner_adds_and_lists_its_own_connectors(
    writable: WritableGraph,
) -> None:
    connector = await add(writable, "company", FEED["url"] + "?a=1")

    mine = await writable.client.data(LIST, as_="company")
    theirs = await writable.client.data(LIST, as_="company2")
    assert connector in {n["id"] for n in mine["connectors"]["nodes"]}
    assert connector not in {n["id"] for n in theirs["connectors"]["nodes"]}


@pytest.mark.parametrize(
    ("feed", "argument"),
    [
        pytest.param({**FEED, "kind": "monster"}, "input", id="unknown-kind"),
        pytest.param(
            {**FEED, "url": "http://example.com/feed"}, "input", id="plain-http"
        ),
        pytest.param({**FEED, "url": "https://127.0.0.1/feed"}, "input", id="loopback"),
        pytest.param({**FEED, "intervalMinutes": 1}, "input", id="interval-too-short"),
    ],
)
async def test_unusable_feeds_are_refused(
    writable: WritableGraph, feed: dict[str, object], argument: str
) -> None:
    body = await writable.client.post(ADD, {"input": feed}, as_="company")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    ("role", "code"),
    [
        pytest.param(None, "UNAUTHENTICATED", id="anonymous"),
        pytest.param("reader", "FORBIDDEN", id="no-manage-scope"),
    ],
)
async def test_managing_connectors_needs_the_scope(
    writable: WritableGraph, role: str | None, code: str
) -> None:
    assert await writable.client.error_codes(ADD, {"input": FEED}, as_=role) == [code]
    assert await writable.client.error_codes(LIST, as_=role) == [code]


async def test_another_partners_connector_cannot_be_changed_or_read(
    writable: WritableGraph,
) -> None:
    connector = await add(writable, "company", FEED["url"] + "?b=1")

    for mutation, extra in ((UPDATE, {"input": {"isEnabled": False}}), (REQUEST, {})):
        codes = await writable.client.error_codes(
            mutation, {"id": connector, **extra}, as_="company2"
        )
        assert codes == ["NOT_FOUND"]
    seen = await writable.client.data(RUNS, {"id": connector}, as_="company2")
    assert seen["node"] is None


async def test_owner_pauses_and_requests_a_sync(writable: WritableGraph) -> None:
    connector = await add(writable, "company", FEED["url"] + "?c=1")

    paused = await writable.client.data(
        UPDATE, {"id": connector, "input": {"isEnabled": False}}, as_="company"
    )
    requested = await writable.client.data(REQUEST, {"id": connector}, as_="company")
    assert paused["updateConnector"]["isEnabled"] is False
    assert requested["requestConnectorSync"]["syncRequestedAt"] is not None


async def test_owner_reads_its_sync_runs_with_counts_and_rejects(
    writable: WritableGraph,
) -> None:
    connector = await add(writable, "company", FEED["url"] + "?d=1")
    connector_pk = pk_of(connector, "Connector")
    async with writable.client.engine.begin() as conn:
        await conn.execute(
            sa.insert(SyncRun.__table__).values(
                connector_id=connector_pk,
                partner_id=writable.known.partners["atlas"],
                status="succeeded",
                started_at=datetime.now(UTC),
                created=3,
                updated=1,
                unchanged=5,
                closed=0,
                rejected=1,
                rejects=[
                    {"position": "jobs[2]", "reason": "no title", "external_id": "9"}
                ],
            )
        )

    data = await writable.client.data(RUNS, {"id": connector}, as_="company")
    [run] = data["node"]["runs"]
    assert run == {
        "status": "SUCCEEDED", "created": 3, "updated": 1, "unchanged": 5,
        "closed": 0, "rejected": 1, "errorCode": None,
        "rejects": [{"position": "jobs[2]", "reason": "no title", "externalId": "9"}],
    }  # fmt: skip
