"""POST /oauth/token: the client credentials grant and its refusals."""

from __future__ import annotations

import base64
import logging
from urllib.parse import quote_plus

import pytest

from auth.scopes import ALLOWED_SCOPES
from gateway.db.enums import PartnerKind
from tests.auth.harness import (
    FORM,
    Credentials,
    Gateway,
    basic_header,
    claims_of,
    header_of,
    now,
)

# Secrets other issuers hand out; RFC 6749 §2.3.1 says how to send them.
AWKWARD_SECRETS = [
    pytest.param("a+b/c=d&e%f: g", id="plus-slash-equals-amp-percent-colon-space"),
    pytest.param("%41%2B+==", id="looks-already-encoded"),
    pytest.param("clé:été/€+", id="non-ascii"),
]


async def test_client_secret_basic_gets_a_bearer_token(
    gateway: Gateway, company: Credentials
) -> None:
    response = await gateway.token_response(company)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == gateway.settings.access_token_lifetime
    assert body["scope"] == "candidates:read opportunities:read"
    assert "refresh_token" not in body
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"


async def test_client_secret_post_gets_a_bearer_token(
    gateway: Gateway, company: Credentials
) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": company.client_id,
        "client_secret": company.client_secret,
    }
    response = await gateway.http.post("/oauth/token", data=form)

    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "Bearer"


@pytest.mark.parametrize("secret", AWKWARD_SECRETS)
@pytest.mark.parametrize(
    "method", ["basic-form-urlencoded", "basic-raw", "post"], ids=str
)
async def test_secrets_with_reserved_characters_authenticate(
    gateway: Gateway, secret: str, method: str
) -> None:
    client = gateway.register(secret=secret)
    if method == "post":
        form = {"client_id": client.client_id, "client_secret": secret}
        response = await gateway.http.post(
            "/oauth/token", data={"grant_type": "client_credentials", **form}
        )
    else:
        headers = basic_header(client, encode=method == "basic-form-urlencoded")
        response = await gateway.http.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, headers=headers
        )

    assert response.status_code == 200, response.text


async def test_basic_credentials_plus_means_space_when_form_encoded(
    gateway: Gateway,
) -> None:
    client = gateway.register(secret="two words")
    encoded = base64.b64encode(f"{client.client_id}:two+words".encode()).decode()

    response = await gateway.http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {encoded}"},
    )

    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "case",
    ["wrong-secret", "unknown-client", "revoked-client", "no-credentials"],
)
async def test_bad_client_credentials_are_invalid_client_with_basic_challenge(
    gateway: Gateway, company: Credentials, case: str
) -> None:
    credentials = company
    if case == "wrong-secret":
        credentials = Credentials(company.client_id, "not-the-secret", "", 0)
    elif case == "unknown-client":
        credentials = Credentials("0" * 32, company.client_secret, "", 0)
    elif case == "revoked-client":
        from auth.registry import revoke_client

        revoke_client(gateway.engine, company.client_id)
    headers = {} if case == "no-credentials" else basic_header(credentials)

    response = await gateway.http.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, headers=headers
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic ")
    assert response.headers["cache-control"] == "no-store"


async def test_wrong_secret_in_the_form_is_invalid_client(
    gateway: Gateway, company: Credentials
) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": company.client_id,
        "client_secret": company.client_secret + "x",
    }
    response = await gateway.http.post("/oauth/token", data=form)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "grant_type=client_credentials&grant_type=client_credentials",
            id="grant_type-twice",
        ),
        pytest.param(
            "grant_type=password&grant_type=client_credentials",
            id="grant_type-twice-first-unsupported",
        ),
        pytest.param(
            "grant_type=client_credentials&scope=candidates:read&scope=admin",
            id="scope-twice",
        ),
    ],
)
async def test_repeated_parameters_are_invalid_request(
    gateway: Gateway, company: Credentials, body: str
) -> None:
    response = await gateway.http.post(
        "/oauth/token", content=body, headers={**FORM, **basic_header(company)}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "grant_type=client_credentials&trace=1&trace=2", id="unknown-twice"
        ),
        pytest.param(
            "grant_type=client_credentials&client_id=&client_secret=",
            id="empty-credentials-beside-basic",
        ),
        pytest.param("grant_type=client_credentials&scope=", id="empty-scope"),
    ],
)
async def test_unknown_and_empty_parameters_are_ignored(
    gateway: Gateway, company: Credentials, body: str
) -> None:
    response = await gateway.http.post(
        "/oauth/token", content=body, headers={**FORM, **basic_header(company)}
    )

    assert response.status_code == 200, response.text


async def test_two_authentication_methods_at_once_are_invalid_request(
    gateway: Gateway, company: Credentials
) -> None:
    form = {"grant_type": "client_credentials", "client_secret": company.client_secret}
    response = await gateway.http.post(
        "/oauth/token", data=form, headers=basic_header(company)
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


@pytest.mark.parametrize(
    ("form", "content_type", "error"),
    [
        pytest.param({}, FORM["content-type"], "invalid_request", id="no-grant-type"),
        pytest.param(
            {"grant_type": "password"},
            FORM["content-type"],
            "unsupported_grant_type",
            id="password-grant",
        ),
        pytest.param(
            {"grant_type": "client_credentials"},
            "application/json",
            "invalid_request",
            id="json-body",
        ),
    ],
)
async def test_malformed_requests_get_their_rfc_error(
    gateway: Gateway,
    company: Credentials,
    form: dict[str, str],
    content_type: str,
    error: str,
) -> None:
    body = "&".join(f"{key}={quote_plus(value)}" for key, value in form.items())
    headers = {"content-type": content_type, **basic_header(company)}

    response = await gateway.http.post("/oauth/token", content=body, headers=headers)

    assert response.status_code == 400, response.text
    assert response.json()["error"] == error


@pytest.mark.parametrize(
    "scope",
    [
        pytest.param("enrollment:read", id="allowed-kind-but-not-client"),
        pytest.param("candidates:read admin", id="one-outside"),
        pytest.param("no-such-scope", id="unknown"),
    ],
)
async def test_scope_outside_the_client_is_invalid_scope(
    gateway: Gateway, company: Credentials, scope: str
) -> None:
    response = await gateway.token_response(company, scope=scope)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_requested_scope_narrows_the_token(
    gateway: Gateway, company: Credentials
) -> None:
    response = await gateway.token_response(company, scope="opportunities:read")

    assert response.json()["scope"] == "opportunities:read"
    token = response.json()["access_token"]
    assert claims_of(token)["scope"] == "opportunities:read"
    assert (await gateway.verify(token)).scopes == {"opportunities:read"}


async def test_token_header_and_claims_are_exactly_rfc_9068_plus_partner(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)
    kid = gateway.app.state.oauth.keys.ensure_active()

    assert header_of(token) == {"alg": "ES256", "typ": "at+jwt", "kid": kid}
    claims = claims_of(token)
    assert set(claims) == {
        "iss",
        "aud",
        "sub",
        "client_id",
        "scope",
        "iat",
        "exp",
        "jti",
        "partner_id",
        "partner_kind",
    }
    assert claims["iss"] == gateway.settings.issuer
    assert claims["aud"] == gateway.settings.token_audience
    assert claims["sub"] == claims["client_id"] == company.client_id
    assert claims["scope"] == "candidates:read opportunities:read"
    assert claims["exp"] - claims["iat"] == gateway.settings.access_token_lifetime
    assert abs(claims["iat"] - now()) < 60
    assert claims["partner_id"] == company.partner_id
    assert claims["partner_kind"] == "company"


async def test_token_passes_the_graphs_verifier(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)

    caller = await gateway.verify(token)

    assert caller.client_id == company.client_id
    assert caller.partner_id == company.partner_id
    assert caller.partner_kind is PartnerKind.COMPANY
    assert caller.university_id is None
    assert caller.token_id == claims_of(token)["jti"]


@pytest.mark.parametrize(
    "kind", [PartnerKind.UNIVERSITY, PartnerKind.PRIVATE_INSTITUTE], ids=str
)
async def test_school_tokens_name_their_university(
    gateway: Gateway, kind: PartnerKind
) -> None:
    school = gateway.register(kind=kind, scopes=" ".join(ALLOWED_SCOPES[kind]))

    token = await gateway.access_token(school)

    claims = claims_of(token)
    assert claims["partner_kind"] == kind.value
    assert isinstance(claims["university_id"], int)
    assert (await gateway.verify(token)).university_id == claims["university_id"]


async def test_every_token_has_its_own_jti(
    gateway: Gateway, company: Credentials
) -> None:
    first = await gateway.access_token(company)
    second = await gateway.access_token(company)

    assert claims_of(first)["jti"] != claims_of(second)["jti"]


async def test_one_info_line_per_token_with_client_id_and_scopes_only(
    gateway: Gateway, company: Credentials, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.app.state.oauth.keys.ensure_active()
    with caplog.at_level(logging.DEBUG):
        token = await gateway.access_token(company)

    info = [
        record.getMessage()
        for record in caplog.records
        if record.levelno == logging.INFO and record.name.startswith("auth")
    ]
    assert info == [
        f"issued access token to client {company.client_id} "
        "(scopes: candidates:read opportunities:read)"
    ]
    everything = caplog.text
    assert company.client_secret not in everything
    assert token not in everything
    assert token.split(".")[2] not in everything
