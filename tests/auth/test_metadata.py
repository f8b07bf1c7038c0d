"""GET /.well-known/oauth-authorization-server (RFC 8414) and the JWKS."""

from __future__ import annotations

from authlib.oauth2.rfc8414 import AuthorizationServerMetadata

from auth.scopes import SCOPE_DESCRIPTIONS
from tests.auth.harness import Credentials, Gateway, header_of

PUBLIC_EC_MEMBERS = {"kty", "crv", "x", "y", "kid", "alg", "use"}


async def test_metadata_names_every_endpoint_and_method(gateway: Gateway) -> None:
    response = await gateway.http.get("/.well-known/oauth-authorization-server")

    assert response.status_code == 200
    issuer = gateway.settings.issuer
    assert response.json() == {
        "issuer": issuer,
        "token_endpoint": f"{issuer}/oauth/token",
        "introspection_endpoint": f"{issuer}/oauth/introspect",
        "revocation_endpoint": f"{issuer}/oauth/revoke",
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
        "grant_types_supported": ["client_credentials"],
        "response_types_supported": [],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
        ],
        "introspection_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
        ],
        "revocation_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
        ],
        "scopes_supported": sorted(SCOPE_DESCRIPTIONS),
        "scope_descriptions": SCOPE_DESCRIPTIONS,
    }


async def test_metadata_passes_authlibs_rfc_8414_checks(gateway: Gateway) -> None:
    document = (
        await gateway.http.get("/.well-known/oauth-authorization-server")
    ).json()
    metadata = AuthorizationServerMetadata(document)

    # authlib insists on a response type; without an authorization
    # endpoint there is none to name, which RFC 8414 leaves open.
    for key in metadata.REGISTRY_KEYS:
        if key != "response_types_supported":
            getattr(metadata, f"validate_{key}")()


async def test_metadata_endpoints_are_the_ones_served(
    gateway: Gateway, company: Credentials
) -> None:
    document = (
        await gateway.http.get("/.well-known/oauth-authorization-server")
    ).json()
    issuer = gateway.settings.issuer

    token_path = document["token_endpoint"].removeprefix(issuer)
    response = await gateway.token_response(company)
    assert response.request.url.path == token_path
    jwks = await gateway.http.get(document["jwks_uri"].removeprefix(issuer))
    kid = header_of(response.json()["access_token"])["kid"]
    assert kid in {key["kid"] for key in jwks.json()["keys"]}


async def test_jwks_publishes_public_members_only(
    gateway: Gateway, company: Credentials
) -> None:
    await gateway.access_token(company)

    response = await gateway.http.get("/.well-known/jwks.json")

    assert response.status_code == 200
    (key,) = response.json()["keys"]
    assert set(key) == PUBLIC_EC_MEMBERS
    assert key["kty"] == "EC" and key["crv"] == "P-256"
    assert key["alg"] == "ES256" and key["use"] == "sig"
    private = gateway.app.state.oauth.keys.active_key().as_dict(private=True)
    assert private["d"] not in response.text
