"""Forged, broken and revoked tokens never reach the graph."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from joserfc import jwt
from joserfc.jwk import ECKey

from gateway.db.models import OAuthClient, RevokedToken
from tests.conftest import GraphClient
from tests.tokens import KID, TokenMint

QUERY = "{ candidatePool(first: 1) { totalCount } }"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def claims_of(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def unsigned(mint: TokenMint) -> str:
    header = {"alg": "none", "typ": "at+jwt", "kid": KID}
    body = claims_of(mint.token("company"))
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(body).encode())}."


def hmac_with_public_key(mint: TokenMint) -> str:
    # The classic confusion attack: HS256 keyed with the published key.
    header = {"alg": "HS256", "typ": "at+jwt", "kid": KID}
    body = claims_of(mint.token("company"))
    signing_input = (
        f"{b64(json.dumps(header).encode())}.{b64(json.dumps(body).encode())}"
    )
    secret = json.dumps(mint.key.as_dict(private=False)).encode()
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def embedded_key(mint: TokenMint) -> str:
    attacker = ECKey.generate_key("P-256")
    header = {
        "alg": "ES256",
        "typ": "at+jwt",
        "kid": KID,
        "jwk": attacker.as_dict(private=False),
    }
    return jwt.encode(header, claims_of(mint.token("company")), attacker)


def other_key(mint: TokenMint, kid: str = KID) -> str:
    attacker = ECKey.generate_key("P-256")
    header = {"alg": "ES256", "typ": "at+jwt", "kid": kid}
    return jwt.encode(header, claims_of(mint.token("company")), attacker)


def tampered(mint: TokenMint) -> str:
    header, _, signature = mint.token("reader").split(".")
    body = {**claims_of(mint.token("reader")), "scope": "admin"}
    return f"{header}.{b64(json.dumps(body).encode())}.{signature}"


def plain_jwt_type(mint: TokenMint) -> str:
    header = {"alg": "ES256", "typ": "JWT", "kid": KID}
    return jwt.encode(header, claims_of(mint.token("company")), mint.key)


NOW = int(time.time())
FORGERIES = [
    ("garbage", lambda m: "not-a-token"),
    ("alg-none", unsigned),
    ("hs256-with-public-key", hmac_with_public_key),
    ("key-embedded-in-header", embedded_key),
    ("signed-by-another-key", other_key),
    ("unknown-kid", lambda m: other_key(m, kid="nobody")),
    ("payload-tampered", tampered),
    ("typ-not-at-jwt", plain_jwt_type),
    ("expired", lambda m: m.token("company", iat=NOW - 7200, exp=NOW - 3600)),
    ("not-yet-valid", lambda m: m.token("company", nbf=NOW + 3600)),
    ("wrong-issuer", lambda m: m.token("company", iss="https://evil.example")),
    ("wrong-audience", lambda m: m.token("company", aud="https://other.example")),
    ("no-partner", lambda m: m.token("company", partner_id=None)),
    ("unknown-partner-kind", lambda m: m.token("company", partner_kind="bank")),
    # Signed with the real key, but claiming more than the client holds.
    ("scope-beyond-client", lambda m: m.token("reader", scope="candidates:read admin")),
    ("kind-beyond-client", lambda m: m.token("reader", partner_kind="platform")),
    ("another-partner", lambda m: m.token("reader", partner_id=m.partners["atlas"][0])),
    ("unknown-client", lambda m: m.token("reader", client_id="nobody", sub="nobody")),
]


def assert_refused(response: Any) -> None:
    assert response.status_code == 401
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith('Bearer realm="alumni-gateway", error="invalid_token"')
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def post_with(graph: GraphClient, authorization: str) -> Any:
    return await graph.http.post(
        "/graphql", json={"query": QUERY}, headers={"Authorization": authorization}
    )


@pytest.mark.parametrize(
    "forge", [pytest.param(forge, id=name) for name, forge in FORGERIES]
)
async def test_forged_or_broken_token_is_refused(
    graph: GraphClient, forge: Any
) -> None:
    response = await post_with(graph, f"Bearer {forge(graph.mint)}")
    assert_refused(response)


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    "])
async def test_other_authorization_schemes_are_refused(
    graph: GraphClient, header: str
) -> None:
    assert_refused(await post_with(graph, header))


async def test_a_valid_token_is_accepted(graph: GraphClient) -> None:
    response = await post_with(graph, f"Bearer {graph.mint.token('company')}")
    assert response.status_code == 200
    assert "errors" not in response.json()


async def test_revoked_token_is_refused_at_once(graph: GraphClient) -> None:
    token = graph.mint.token("company")
    assert (await post_with(graph, f"Bearer {token}")).status_code == 200

    async with graph.engine.begin() as conn:
        await conn.execute(
            sa.insert(RevokedToken.__table__).values(
                jti=claims_of(token)["jti"],
                client_id="client-company",
                expires_at=datetime.now(UTC) + timedelta(hours=1),
            )
        )
    assert_refused(await post_with(graph, f"Bearer {token}"))


async def test_token_of_a_revoked_client_is_refused(graph: GraphClient) -> None:
    client_id = f"client-revoked-{uuid.uuid4().hex[:8]}"
    partner_id = graph.mint.partners["atlas"][0]
    async with graph.engine.begin() as conn:
        await conn.execute(
            sa.insert(OAuthClient.__table__).values(
                client_id=client_id,
                partner_id=partner_id,
                secret_hash="unused",
                scopes="candidates:read",
                revoked_at=datetime.now(UTC),
            )
        )
    token = graph.mint.token("company", client_id=client_id, sub=client_id)
    assert_refused(await post_with(graph, f"Bearer {token}"))


async def test_refusals_do_not_echo_the_token(graph: GraphClient) -> None:
    token = other_key(graph.mint)
    response = await post_with(graph, f"Bearer {token}")
    assert token not in response.text
    assert token not in response.headers["www-authenticate"]
