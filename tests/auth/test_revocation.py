"""POST /oauth/revoke (RFC 7009): effective at once, on every instance."""

from __future__ import annotations

import pytest

from auth.registry import revoke_client
from auth.scopes import ADMIN
from auth.verify import InvalidToken
from gateway.db.enums import PartnerKind
from tests.auth.harness import Credentials, Gateway


async def test_revoked_token_fails_verification_at_once(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)
    await gateway.verify(token)

    response = await gateway.post_form("/oauth/revoke", company, token=token)

    assert response.status_code == 200
    with pytest.raises(InvalidToken, match="token revoked"):
        await gateway.verify(token)


async def test_revocation_holds_on_another_instance(
    gateway: Gateway, company: Credentials, oauth_url: str
) -> None:
    token = await gateway.access_token(company)
    other = Gateway(oauth_url)
    try:
        await other.verify(token)

        await gateway.post_form("/oauth/revoke", company, token=token)

        with pytest.raises(InvalidToken):
            await other.verify(token)
        graph = await other.http.post(
            "/graphql",
            json={"query": "{ universities { totalCount } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert graph.status_code == 401
    finally:
        await other.close()


async def test_revoking_twice_is_fine(gateway: Gateway, company: Credentials) -> None:
    token = await gateway.access_token(company)

    first = await gateway.post_form("/oauth/revoke", company, token=token)
    second = await gateway.post_form("/oauth/revoke", company, token=token)

    assert first.status_code == second.status_code == 200


@pytest.mark.parametrize(
    "token",
    [pytest.param("no-such-token", id="garbage"), pytest.param("a.b.c", id="jwt-like")],
)
async def test_revoking_an_unknown_token_answers_200(
    gateway: Gateway, company: Credentials, token: str
) -> None:
    response = await gateway.post_form(
        "/oauth/revoke", company, token=token, token_type_hint="access_token"
    )

    assert response.status_code == 200


async def test_partner_cannot_revoke_another_clients_token(
    gateway: Gateway, company: Credentials
) -> None:
    rival = gateway.register()
    token = await gateway.access_token(rival)

    response = await gateway.post_form("/oauth/revoke", company, token=token)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"
    await gateway.verify(token)


async def test_admin_client_may_revoke_any_token(
    gateway: Gateway, company: Credentials
) -> None:
    admin = gateway.register(kind=PartnerKind.PLATFORM, scopes=ADMIN)
    token = await gateway.access_token(company)

    response = await gateway.post_form("/oauth/revoke", admin, token=token)

    assert response.status_code == 200
    with pytest.raises(InvalidToken):
        await gateway.verify(token)


async def test_unauthenticated_revocation_is_refused(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)

    response = await gateway.post_form("/oauth/revoke", None, token=token)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    await gateway.verify(token)


async def test_revoking_the_client_kills_its_tokens(
    gateway: Gateway, company: Credentials
) -> None:
    token = await gateway.access_token(company)

    revoke_client(gateway.engine, company.client_id)

    with pytest.raises(InvalidToken, match="client revoked"):
        await gateway.verify(token)
    refused = await gateway.token_response(company)
    assert refused.json()["error"] == "invalid_client"
