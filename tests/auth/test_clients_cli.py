"""`alumni-gateway partners|clients|keys`, run as operators run them."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from auth.registry import RegistryError, create_client, create_partner
from gateway.cli import app as cli_app
from gateway.db.enums import PartnerKind
from gateway.db.models import OAuthClient, University, table_of
from gateway.db.sync_engine import create_sync_engine
from gateway.settings import Settings
from tests.auth.harness import Credentials, Gateway, run_cli

COMMANDS = [
    ("partners", "create"),
    ("partners", "list"),
    ("clients", "create"),
    ("clients", "list"),
    ("clients", "revoke"),
    ("clients", "rotate-secret"),
    ("keys", "rotate"),
]


def cli_json(*args: str, database_url: str) -> Any:
    """The JSON a command prints on success."""
    result = run_cli(*args, "--json", database_url=database_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def rows(database_url: str, statement: sa.Select[Any]) -> list[sa.Row[Any]]:
    engine = create_sync_engine(Settings(database_url=database_url).sync_database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(statement).all())
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_access_command_has_help(command: tuple[str, str]) -> None:
    result = CliRunner().invoke(cli_app, [*command, "--help"])

    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_partners_create_and_list(oauth_url: str) -> None:
    created = cli_json(
        "partners",
        "create",
        "--name",
        "Atlas Recrutement",
        "--kind",
        "company",
        "--country",
        "ma",
        database_url=oauth_url,
    )
    school = cli_json(
        "partners",
        "create",
        *("--name", "Université Ibn Zohr", "--kind", "university"),
        *("--city", "Agadir"),
        database_url=oauth_url,
    )
    listed = cli_json("partners", "list", database_url=oauth_url)

    assert created["slug"] == "atlas-recrutement"
    assert created["country"] == "MA" and created["university_id"] is None
    assert school["slug"] == "universite-ibn-zohr"
    universities = table_of(University)
    (university,) = rows(oauth_url, sa.select(universities))
    assert school["university_id"] == university.id
    assert (university.name, university.city) == ("Université Ibn Zohr", "Agadir")
    assert university.sector == "public"
    assert [p["slug"] for p in listed] == ["atlas-recrutement", "universite-ibn-zohr"]


async def test_private_institute_links_an_existing_university(
    gateway: Gateway, oauth_url: str
) -> None:
    universities = table_of(University)
    with gateway.engine.begin() as connection:
        university_id = connection.execute(
            sa.insert(universities)
            .values(name="ESCA", names={}, sector="private", city="Casablanca")
            .returning(universities.c.id)
        ).scalar_one()

    partner = cli_json(
        "partners",
        "create",
        *("--name", "ESCA Ecole de Management", "--kind", "private_institute"),
        *("--university", str(university_id), "--slug", "esca"),
        database_url=oauth_url,
    )

    assert partner["university_id"] == university_id
    created = cli_json(
        "clients",
        "create",
        *("--partner", "esca", "--scopes", "enrollment:read candidates:read"),
        database_url=oauth_url,
    )
    token = await gateway.access_token(
        Credentials(created["client_id"], created["client_secret"], "esca", 0)
    )
    assert (await gateway.verify(token)).university_id == university_id


async def test_client_secret_is_shown_once_and_stored_as_argon2id(
    gateway: Gateway, oauth_url: str
) -> None:
    partner = gateway.register().partner

    created = cli_json(
        "clients",
        "create",
        *("--partner", partner, "--scopes", "candidates:read", "--name", "ATS"),
        database_url=oauth_url,
    )
    listed = run_cli("clients", "list", "--json", database_url=oauth_url)

    assert set(created) == {"client_id", "client_secret", "scopes", "partner"}
    assert created["scopes"] == ["candidates:read"] and created["partner"] == partner
    assert listed.returncode == 0, listed.stderr
    assert created["client_secret"] not in listed.stdout
    assert "argon2" not in listed.stdout
    clients = table_of(OAuthClient)
    (stored,) = rows(
        oauth_url,
        sa.select(clients.c.secret_hash).where(
            clients.c.client_id == created["client_id"]
        ),
    )
    # The CLI runs with the real costs (RFC 9106 low-memory profile).
    assert stored.secret_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert created["client_secret"] not in stored.secret_hash
    credentials = Credentials(created["client_id"], created["client_secret"], "", 0)
    assert (await gateway.token_response(credentials)).status_code == 200


async def test_revoke_and_rotate_secret(gateway: Gateway, oauth_url: str) -> None:
    kept, dropped = gateway.register(), gateway.register()
    token = await gateway.access_token(dropped)

    rotated = cli_json(
        "clients", "rotate-secret", kept.client_id, database_url=oauth_url
    )
    revoked = run_cli("clients", "revoke", dropped.client_id, database_url=oauth_url)

    assert revoked.returncode == 0, revoked.stderr
    assert (await gateway.token_response(kept)).json()["error"] == "invalid_client"
    new = Credentials(kept.client_id, rotated["client_secret"], kept.partner, 0)
    assert (await gateway.token_response(new)).status_code == 200
    assert (await gateway.token_response(dropped)).status_code == 401
    introspected = await gateway.post_form("/oauth/introspect", new, token=token)
    assert introspected.json() == {"active": False}


async def test_keys_rotate(gateway: Gateway, oauth_url: str) -> None:
    first = gateway.app.state.oauth.keys.ensure_active()

    result = run_cli("keys", "rotate", database_url=oauth_url)

    assert result.returncode == 0, result.stderr
    assert f"retired key {first}" in result.stdout
    jwks = (await gateway.http.get("/.well-known/jwks.json")).json()
    assert first in {key["kid"] for key in jwks["keys"]}
    assert len(jwks["keys"]) == 2


# The rules, checked where they live (fast, in-process); the CLI's part,
# one line and a non-zero exit, is checked below on two of them.
RULES = [
    pytest.param(
        {"name": "X", "kind": PartnerKind.UNIVERSITY},
        "--city is required",
        id="school-without-city",
    ),
    pytest.param(
        {"name": "X", "kind": PartnerKind.COMPANY, "city": "Fès"},
        "apply to university and private_institute",
        id="city-for-a-company",
    ),
    pytest.param(
        {"name": "X", "kind": PartnerKind.PRIVATE_INSTITUTE, "university_id": 999},
        "no university with id 999",
        id="unknown-university",
    ),
    pytest.param(
        {"name": "X", "kind": PartnerKind.COMPANY, "country": "Morocco"},
        "not an ISO 3166-1 alpha-2 code",
        id="bad-country",
    ),
    pytest.param(
        {"name": "X", "kind": PartnerKind.COMPANY, "slug": "Not A Slug"},
        "lower-case letters, digits and dashes",
        id="bad-slug",
    ),
]


@pytest.mark.parametrize(("fields", "reason"), RULES)
def test_partner_rules(gateway: Gateway, fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(RegistryError, match=re.escape(reason)):
        create_partner(gateway.engine, **fields)


def test_a_slug_is_taken_once(gateway: Gateway) -> None:
    taken = gateway.register().partner

    with pytest.raises(RegistryError, match="already exists"):
        create_partner(gateway.engine, name="Y", kind=PartnerKind.COMPANY, slug=taken)


@pytest.mark.parametrize(
    ("scopes", "reason"),
    [
        pytest.param(
            "enrollment:read",
            "not allowed for company partners: enrollment:read",
            id="not-for-companies",
        ),
        pytest.param("read:all", "unknown scope(s): read:all", id="unknown"),
        pytest.param(" ", "at least one scope", id="none"),
    ],
)
def test_client_scope_rules(gateway: Gateway, scopes: str, reason: str) -> None:
    partner = gateway.register().partner

    with pytest.raises(RegistryError, match=re.escape(reason)):
        create_client(gateway.engine, partner=partner, scopes=scopes)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        pytest.param(
            ("clients", "create", "--partner", "{partner}", "--scopes", "admin"),
            "error: scope(s) not allowed for company partners: admin",
            id="scope-not-for-companies",
        ),
        pytest.param(
            ("clients", "rotate-secret", "f" * 32),
            f"error: no client {'f' * 32}",
            id="unknown-client",
        ),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    gateway: Gateway, oauth_url: str, args: tuple[str, ...], reason: str
) -> None:
    partner = gateway.register().partner
    args = tuple(arg.replace("{partner}", partner) for arg in args)

    result = run_cli(*args, database_url=oauth_url)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [reason]
