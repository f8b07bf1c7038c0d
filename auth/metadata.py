"""Authorization server metadata, RFC 8414: where partners find everything."""

from __future__ import annotations

from typing import Any

from auth.clients import AUTH_METHODS, GRANT_TYPE
from auth.scopes import SCOPE_DESCRIPTIONS
from gateway.settings import Settings

# Paths are a contract with partners' clients and their configuration.
TOKEN_PATH = "/oauth/token"
INTROSPECTION_PATH = "/oauth/introspect"
REVOCATION_PATH = "/oauth/revoke"
METADATA_PATH = "/.well-known/oauth-authorization-server"
JWKS_PATH = "/.well-known/jwks.json"


def authorization_server_metadata(settings: Settings) -> dict[str, Any]:
    """The RFC 8414 document, with `scope_descriptions` for people reading it."""
    issuer = settings.issuer
    methods = list(AUTH_METHODS)
    return {
        "issuer": issuer,
        "token_endpoint": f"{issuer}{TOKEN_PATH}",
        "introspection_endpoint": f"{issuer}{INTROSPECTION_PATH}",
        "revocation_endpoint": f"{issuer}{REVOCATION_PATH}",
        "jwks_uri": f"{issuer}{JWKS_PATH}",
        "grant_types_supported": [GRANT_TYPE],
        # Required by RFC 8414; there is no authorization endpoint, so no
        # response type is supported.
        "response_types_supported": [],
        "token_endpoint_auth_methods_supported": methods,
        "introspection_endpoint_auth_methods_supported": methods,
        "revocation_endpoint_auth_methods_supported": methods,
        "scopes_supported": sorted(SCOPE_DESCRIPTIONS),
        # Not registered by RFC 8414 (§2 allows extra members): what each
        # scope lets a partner do, from the same table the CLI shows.
        "scope_descriptions": dict(sorted(SCOPE_DESCRIPTIONS.items())),
    }
