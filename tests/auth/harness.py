"""A gateway on a fresh database, with partners and clients made to order.

Every OAuth test drives the real app over ASGI and registers its partners
the way operators do (`auth.registry`, what the CLI calls).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

import httpx
import sqlalchemy as sa
from joserfc import jws, jwt
from joserfc.jwk import ECKey
from starlette.applications import Starlette

from auth.caller import Caller
from auth.client_secrets import hash_client_secret
from auth.registry import create_client, create_partner
from auth.verify import AccessTokenVerifier
from gateway.app import create_app
from gateway.db.engine import RequestDatabase
from gateway.db.enums import PartnerKind
from gateway.db.models import OAuthClient, table_of
from gateway.settings import Settings

FORM = {"content-type": "application/x-www-form-urlencoded"}
COMPANY_SCOPES = "candidates:read opportunities:read"
CLI_TIMEOUT = 60

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Credentials:
    """A registered client: what its operator was shown once."""

    client_id: str
    client_secret: str
    partner: str
    partner_id: int


class Gateway:
    """One app instance on one database, driven in-process over ASGI."""

    def __init__(self, database_url: str) -> None:
        self.settings = Settings(database_url=database_url)
        self.app: Starlette = create_app(self.settings)
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://gateway.test",
        )

    @property
    def engine(self) -> sa.Engine:
        """The app's blocking engine (the authorization server's)."""
        engine: sa.Engine = self.app.state.oauth.engine
        return engine

    async def close(self) -> None:
        """Close the client and both of the app's engines."""
        await self.http.aclose()
        self.app.state.oauth.close()
        await self.app.state.engine.dispose()

    def register(
        self,
        kind: PartnerKind = PartnerKind.COMPANY,
        scopes: str = COMPANY_SCOPES,
        secret: str | None = None,
    ) -> Credentials:
        """A new partner of `kind` with one client; `secret` replaces its own."""
        number = next(_numbers)
        school = kind in (PartnerKind.UNIVERSITY, PartnerKind.PRIVATE_INSTITUTE)
        partner = create_partner(
            self.engine,
            name=f"Partner {number}",
            kind=kind,
            slug=f"partner-{number}",
            city="Rabat" if school else None,
        )
        issued = create_client(self.engine, partner=partner.slug, scopes=scopes)
        if secret is not None:
            self.set_secret(issued.client_id, secret)
        return Credentials(
            issued.client_id, secret or issued.client_secret, partner.slug, partner.id
        )

    def set_secret(self, client_id: str, secret: str) -> None:
        """Give a client a secret of the test's choosing (reserved characters)."""
        clients = table_of(OAuthClient)
        with self.engine.begin() as connection:
            connection.execute(
                sa.update(clients)
                .where(clients.c.client_id == client_id)
                .values(secret_hash=hash_client_secret(secret))
            )

    async def token_response(
        self, credentials: Credentials, **form: str
    ) -> httpx.Response:
        """POST /oauth/token with client_secret_basic, as most clients do."""
        data = {"grant_type": "client_credentials", **form}
        return await self.http.post(
            "/oauth/token", data=data, headers=basic_header(credentials)
        )

    async def access_token(self, credentials: Credentials, **form: str) -> str:
        """A token for `credentials`, which must be granted."""
        response = await self.token_response(credentials, **form)
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    async def verify(self, token: str) -> Caller:
        """What the graph makes of `token`: the lead's verifier, fresh caches."""
        verifier = AccessTokenVerifier(self.settings, self.app.state.engine)
        database = RequestDatabase(self.app.state.engine)
        try:
            return await verifier.verify(token, database)
        finally:
            await database.close()

    async def post_form(
        self, path: str, credentials: Credentials | None, **form: str
    ) -> httpx.Response:
        """POST a form to an OAuth endpoint, authenticated with Basic if given."""
        headers = basic_header(credentials) if credentials else {}
        return await self.http.post(path, data=form, headers=headers)


def basic_header(credentials: Credentials, *, encode: bool = True) -> dict[str, str]:
    """`Authorization: Basic`, form-urlencoding both parts as RFC 6749 §2.3.1
    says, or raw as many clients send them."""
    client_id, secret = credentials.client_id, credentials.client_secret
    if encode:
        client_id, secret = quote_plus(client_id), quote_plus(secret)
    pair = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def header_of(token: str) -> dict[str, Any]:
    """The JOSE header of a compact JWT, unverified."""
    return dict(jws.extract_compact(token.encode()).headers())


def claims_of(token: str) -> dict[str, Any]:
    """The claims of a compact JWT, unverified (tests check them exactly)."""
    payload = jws.extract_compact(token.encode()).payload
    claims: dict[str, Any] = json.loads(payload)
    return claims


def signed(claims: dict[str, Any], key: ECKey, kid: str | None = None) -> str:
    """A token signed by `key` with the gateway's header, for forgeries."""
    header = {"alg": "ES256", "typ": "at+jwt", "kid": kid or key.kid}
    return jwt.encode(header, claims, key)


def run_cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run `alumni-gateway ARGS` in a child process against `database_url`."""
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
    )


def now() -> int:
    """The current time as JWT claims count it."""
    return int(time.time())
