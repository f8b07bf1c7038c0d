"""A standard OAuth2 client against a real server on loopback.

authlib's own `AsyncOAuth2Client` discovers the token endpoint from the
metadata, gets a token with the client credentials grant and queries the
graph with it, as a partner's integration would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from auth.registry import create_client, create_partner
from gateway.db.enums import PartnerKind
from gateway.db.sync_engine import create_sync_engine
from gateway.settings import Settings

with warnings.catch_warnings():
    # authlib prefers the httpx2 package and warns when it finds httpx.
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import AsyncOAuth2Client

STARTUP_SECONDS = 60
UNIVERSITIES = "{ universities { totalCount } }"
# Needs candidates:read: answered only when the bearer token was honoured.
CANDIDATES = "{ candidatePool { totalCount } }"


@dataclass(frozen=True)
class Served:
    """A running `alumni-gateway serve` and a client registered on it."""

    base_url: str
    client_id: str
    client_secret: str
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(oauth_url: str, tmp_path: Path) -> Iterator[Served]:
    """`alumni-gateway serve` on a free loopback port, with one company client."""
    engine = create_sync_engine(Settings(database_url=oauth_url).sync_database_url)
    try:
        partner = create_partner(engine, name="Loopback SARL", kind=PartnerKind.COMPANY)
        issued = create_client(
            engine, partner=partner.slug, scopes="candidates:read opportunities:read"
        )
    finally:
        engine.dispose()

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": oauth_url,
        "PUBLIC_BASE_URL": base_url,
        "LOG_LEVEL": "INFO",
    }
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway", "serve", "--host", "127.0.0.1"]
            + ["--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_ready(base_url, process)
        yield Served(base_url, issued.client_id, issued.client_secret, log)
    finally:
        process.terminate()
        process.wait(10)


def _wait_until_ready(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("serve exited before it was ready")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail("serve did not become ready")


async def test_standard_client_gets_a_token_and_queries_the_graph(
    served: Served,
) -> None:
    async with httpx.AsyncClient(base_url=served.base_url) as http:
        metadata = (await http.get("/.well-known/oauth-authorization-server")).json()

    async with AsyncOAuth2Client(
        client_id=served.client_id,
        client_secret=served.client_secret,
        token_endpoint_auth_method="client_secret_basic",
        scope="candidates:read",
    ) as client:
        token = await client.fetch_token(
            metadata["token_endpoint"], grant_type="client_credentials"
        )
        graph = await client.post(
            f"{served.base_url}/graphql", json={"query": UNIVERSITIES}
        )
        pool = await client.post(
            f"{served.base_url}/graphql", json={"query": CANDIDATES}
        )
    async with httpx.AsyncClient(base_url=served.base_url) as http:
        anonymous = await http.post("/graphql", json={"query": CANDIDATES})

    assert token["token_type"] == "Bearer" and token["scope"] == "candidates:read"
    assert graph.status_code == 200, graph.text
    body = graph.json()
    assert "errors" not in body, body
    assert body["data"]["universities"]["totalCount"] == 0
    assert pool.json() == {"data": {"candidatePool": {"totalCount": 0}}}
    assert anonymous.json().get("errors"), anonymous.text
    log = served.log.read_text()
    assert f"issued access token to client {served.client_id}" in log
    assert served.client_secret not in log
    assert token["access_token"] not in log
