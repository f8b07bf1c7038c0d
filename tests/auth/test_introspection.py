"""POST /oauth/introspect (RFC 7662): active for the owner, nothing for others."""

from __future__ import annotations

from typing import Any

import pytest
from joserfc.jwk import ECKey

from auth.registry import revoke_client
from auth.scopes import ADMIN
from gateway.db.enums import PartnerKind
from tests.auth.harness import (
    FORM,
    Credentials,
    Gateway,
    basic_header,
    claims_of,
    now,
    signed,
)

INACTIVE = {"active": False}


async def introspect(
    gateway: Gateway, caller: Credentials | None, token: str
) -> dict[str, Any]:
    response = await gateway.post_form("/oauth/introspect", caller, token=token)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    answer: dict[str, Any] = response.json()
    return answer


async def test_own_active_token_is_described(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)
    claims = claims_of(token)

    answer = await introspect(gateway, company, token)

    assert answer == {
        "active": True,
        "token_type": "Bearer",
        "scope": "candidates:read opportunities:read",
        "client_id": company.client_id,
        "sub": company.client_id,
        "aud": gateway.settings.token_audience,
        "iss": gateway.settings.issuer,
        "exp": claims["exp"],
        "iat": claims["iat"],
        "jti": claims["jti"],
        "partner_id": company.partner_id,
        "partner_kind": "company",
    }


async def test_client_secret_post_may_introspect(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)
    form = {
        "token": token,
        "client_id": company.client_id,
        "client_secret": company.client_secret,
    }

    response = await gateway.http.post("/oauth/introspect", data=form)

    assert response.json()["active"] is True


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("not-a-token", id="garbage"),
        pytest.param("a.b.c", id="three-garbage-parts"),
        pytest.param("", id="empty"),
    ],
)
async def test_unknown_tokens_are_inactive(
    gateway: Gateway, company: Credentials, token: str
) -> None:
    assert await introspect(gateway, company, token) == INACTIVE


async def test_revoked_token_is_inactive(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)
    await gateway.post_form("/oauth/revoke", company, token=token)

    assert await introspect(gateway, company, token) == INACTIVE


async def test_token_of_a_revoked_client_is_inactive(
    gateway: Gateway, company: Credentials
) -> None:
    admin = gateway.register(kind=PartnerKind.PLATFORM, scopes=ADMIN)
    token = await gateway.access_token(company)
    revoke_client(gateway.engine, company.client_id)

    assert await introspect(gateway, admin, token) == INACTIVE


async def test_expired_token_is_inactive(
    gateway: Gateway, company: Credentials
) -> None:
    claims = claims_of(await gateway.access_token(company))
    claims.update(iat=now() - 7200, exp=now() - 3600)
    expired = signed(claims, gateway.app.state.oauth.keys.active_key())

    assert await introspect(gateway, company, expired) == INACTIVE


@pytest.mark.parametrize("same_kid", [True, False], ids=["same-kid", "own-kid"])
async def test_token_signed_by_another_key_is_inactive(
    gateway: Gateway, company: Credentials, same_kid: bool
) -> None:
    claims = claims_of(await gateway.access_token(company))
    stranger = ECKey.generate_key("P-256", auto_kid=True)
    kid = gateway.app.state.oauth.keys.ensure_active() if same_kid else None

    forged = signed(claims, stranger, kid)

    assert await introspect(gateway, company, forged) == INACTIVE


async def test_token_for_another_audience_is_inactive(
    gateway: Gateway, company: Credentials
) -> None:
    claims = claims_of(await gateway.access_token(company))
    claims["aud"] = "https://elsewhere.example/graphql"
    other = signed(claims, gateway.app.state.oauth.keys.active_key())

    assert await introspect(gateway, company, other) == INACTIVE


async def test_another_clients_token_is_inactive_to_a_partner(
    gateway: Gateway, company: Credentials
) -> None:
    rival = gateway.register()
    token = await gateway.access_token(rival)

    assert await introspect(gateway, company, token) == INACTIVE


async def test_admin_client_may_introspect_any_token(
    gateway: Gateway, company: Credentials
) -> None:
    admin = gateway.register(kind=PartnerKind.PLATFORM, scopes=ADMIN)
    token = await gateway.access_token(company)

    answer = await introspect(gateway, admin, token)

    assert answer["active"] is True
    assert answer["client_id"] == company.client_id


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param(None, id="no-credentials"),
        pytest.param("wrong-secret", id="wrong-secret"),
    ],
)
async def test_unauthenticated_caller_is_refused(
    gateway: Gateway, company: Credentials, credentials: str | None
) -> None:
    token = await gateway.access_token(company)
    caller = None
    if credentials == "wrong-secret":
        caller = Credentials(company.client_id, "nope", "", 0)

    response = await gateway.post_form("/oauth/introspect", caller, token=token)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert "active" not in response.json()


async def test_missing_token_parameter_is_invalid_request(
    gateway: Gateway, company: Credentials
) -> None:
    response = await gateway.post_form("/oauth/introspect", company)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_repeated_token_parameter_is_invalid_request(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)
    response = await gateway.http.post(
        "/oauth/introspect",
        content=f"token={token}&token=other",
        headers={**FORM, **basic_header(company)},
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
