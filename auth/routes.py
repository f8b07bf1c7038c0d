"""The authorization server's HTTP endpoints, and its engine and keys.

Handlers read each request on the event loop, then hand authlib's
synchronous work (secret hashing, SQL on a blocking engine) to a worker
thread, so the graph keeps its loop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from authlib.oauth2.rfc6749 import OAuth2Error
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from auth.forms import FormRequest, read_form_request
from auth.keys import SigningKeys
from auth.metadata import (
    INTROSPECTION_PATH,
    JWKS_PATH,
    METADATA_PATH,
    REVOCATION_PATH,
    TOKEN_PATH,
    authorization_server_metadata,
)
from auth.server import GatewayAuthorizationServer, OAuthResponse
from gateway.db.sync_engine import create_sync_engine
from gateway.settings import Settings

T = TypeVar("T")

# Each client authentication hashes with 64 MiB of memory (Argon2id); a cap
# on concurrent OAuth work keeps a burst of token requests from exhausting
# memory or the worker threads the rest of the app shares.
MAX_CONCURRENT_OAUTH_WORK = 8
# Metadata and keys change rarely; resource servers may cache them briefly.
PUBLIC_CACHE = "public, max-age=300"
JWKS_CACHE = "public, max-age=60"


class OAuthEndpoints:
    """Routes for the token, introspection, revocation and discovery endpoints."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = create_sync_engine(settings.sync_database_url)
        self.keys = SigningKeys(self.engine, settings.access_token_lifetime)
        self.server = GatewayAuthorizationServer(settings, self.engine, self.keys)
        self._metadata = authorization_server_metadata(settings)
        self._limiter = CapacityLimiter(MAX_CONCURRENT_OAUTH_WORK)
        self.routes = [
            Route(TOKEN_PATH, self.token, methods=["POST"]),
            Route(INTROSPECTION_PATH, self.introspect, methods=["POST"]),
            Route(REVOCATION_PATH, self.revoke, methods=["POST"]),
            Route(METADATA_PATH, self.metadata, methods=["GET"]),
            Route(JWKS_PATH, self.jwks, methods=["GET"]),
        ]

    async def start(self) -> None:
        """Make sure a signing key exists (the first instance to start makes it)."""
        await self._in_thread(self.keys.ensure_active)

    def close(self) -> None:
        """Close the blocking engine's connections."""
        self.engine.dispose()

    async def token(self, request: Request) -> Response:
        """POST /oauth/token: the client credentials grant (RFC 6749 §4.4)."""
        form = await self._read(request, TOKEN_PATH)
        if isinstance(form, OAuthResponse):
            return _http(form)
        return _http(await self._in_thread(self.server.create_token_response, form))

    async def introspect(self, request: Request) -> Response:
        """POST /oauth/introspect: is this token active (RFC 7662)."""
        return await self._endpoint(request, INTROSPECTION_PATH, "introspection")

    async def revoke(self, request: Request) -> Response:
        """POST /oauth/revoke: revoke an access token (RFC 7009)."""
        return await self._endpoint(request, REVOCATION_PATH, "revocation")

    async def metadata(self, request: Request) -> Response:
        """GET /.well-known/oauth-authorization-server (RFC 8414)."""
        return JSONResponse(self._metadata, headers={"Cache-Control": PUBLIC_CACHE})

    async def jwks(self, request: Request) -> Response:
        """GET /.well-known/jwks.json: the public signing keys (RFC 7517)."""
        jwks = await self._in_thread(self.keys.public_jwks)
        return JSONResponse(jwks, headers={"Cache-Control": JWKS_CACHE})

    async def _endpoint(self, request: Request, path: str, name: str) -> Response:
        form = await self._read(request, path)
        if isinstance(form, OAuthResponse):
            return _http(form)
        answer = await self._in_thread(self.server.create_endpoint_response, name, form)
        return _http(answer)

    async def _read(self, request: Request, path: str) -> FormRequest | OAuthResponse:
        try:
            return await read_form_request(request, f"{self.settings.issuer}{path}")
        except OAuth2Error as error:
            return self.server.refuse(error)

    async def _in_thread(self, function: Callable[..., T], *args: object) -> T:
        return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)


def _http(answer: OAuthResponse) -> Response:
    # authlib's headers already say application/json and, for tokens and
    # errors, Cache-Control: no-store (RFC 6749 §5.1).
    return Response(
        json.dumps(answer.body),
        status_code=answer.status,
        headers=dict(answer.headers),
    )
