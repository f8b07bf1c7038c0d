"""`alumni-gateway partners|clients|keys`: partner access, for operators.

Command and option names are a contract, like the rest of the CLI. Secrets
are printed once, to stdout, and never logged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Annotated, Any

import sqlalchemy as sa
import typer

from auth.keys import KeyRotationConflict, SigningKeys
from auth.registry import (
    IssuedCredentials,
    RegistryError,
    create_client,
    create_partner,
    list_clients,
    list_partners,
    revoke_client,
    rotate_client_secret,
)
from gateway.db.enums import PartnerKind
from gateway.db.sync_engine import create_sync_engine

partners_app = typer.Typer(
    help="Partners: the organisations that use the gateway.", no_args_is_help=True
)
clients_app = typer.Typer(
    help="OAuth2 clients: partners' machine credentials.", no_args_is_help=True
)
keys_app = typer.Typer(help="The keys that sign access tokens.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@contextmanager
def _database() -> Iterator[tuple[sa.Engine, int]]:
    """Migrate, then yield a blocking engine and the token lifetime."""
    # gateway.cli imports this module to register the commands, so its
    # helpers are looked up when a command runs.
    from gateway.cli import CliError, _settings, _upgrade

    settings = _settings()
    _upgrade(settings)
    engine = create_sync_engine(settings.sync_database_url)
    try:
        yield engine, settings.access_token_lifetime
    except (RegistryError, KeyRotationConflict) as exc:
        raise CliError(str(exc)) from exc
    finally:
        engine.dispose()


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _print_credentials(issued: IssuedCredentials, as_json: bool) -> None:
    if as_json:
        _print_json(asdict(issued))
        return
    typer.echo(f"client_id      {issued.client_id}")
    typer.echo(f"client_secret  {issued.client_secret}")
    typer.echo(f"scopes         {' '.join(issued.scopes)}")
    typer.echo(f"partner        {issued.partner}")
    typer.echo("Store the secret now: it is shown only this once.", err=True)


@partners_app.command("create")
def partners_create(
    name: Annotated[str, typer.Option(help="The partner's name.")],
    kind: Annotated[PartnerKind, typer.Option(help="What kind of organisation.")],
    slug: Annotated[
        str | None, typer.Option(help="Stable short name; default: from the name.")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO 3166-1 alpha-2 country code.")
    ] = None,
    university: Annotated[
        int | None,
        typer.Option(
            help="Schools: id of an existing university this partner speaks for.",
            min=1,
        ),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option(help="Schools: city of the university created with it."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Register a partner. University and private_institute partners speak for
    one university: created with it (--city) or an existing one (--university)."""
    with _database() as (engine, _):
        partner = create_partner(
            engine,
            name=name,
            kind=kind,
            slug=slug,
            country=country.upper() if country else None,
            university_id=university,
            city=city,
        )
    if as_json:
        _print_json(asdict(partner))
        return
    school = f", university {partner.university_id}" if partner.university_id else ""
    typer.echo(f"partner {partner.slug} (id {partner.id}, {partner.kind}{school})")


@partners_app.command("list")
def partners_list(as_json: JsonOption = False) -> None:
    """List every partner."""
    with _database() as (engine, _):
        found = list_partners(engine)
    if as_json:
        _print_json([asdict(partner) for partner in found])
        return
    for p in found:
        school = f" university={p.university_id}" if p.university_id else ""
        typer.echo(f"{p.id:>5}  {p.slug:<30} {p.kind:<18}{school}  {p.name}")


@clients_app.command("create")
def clients_create(
    partner: Annotated[str, typer.Option(help="Slug of the partner it belongs to.")],
    scopes: Annotated[
        str, typer.Option(help='Space-separated scopes, e.g. "candidates:read".')
    ],
    name: Annotated[str, typer.Option(help="A label for people.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Create a client; prints its id and its secret, once."""
    with _database() as (engine, _):
        issued = create_client(engine, partner=partner, scopes=scopes, name=name)
    _print_credentials(issued, as_json)


@clients_app.command("list")
def clients_list(
    partner: Annotated[
        str | None, typer.Option(help="Only the clients of this partner (slug).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List clients, revoked ones included. Secrets are never shown."""
    with _database() as (engine, _):
        found = list_clients(engine, partner)
    if as_json:
        _print_json([asdict(client) for client in found])
        return
    for c in found:
        state = "revoked" if c.revoked_at else "active"
        typer.echo(f"{c.client_id}  {c.partner:<30} {state:<8} {' '.join(c.scopes)}")


@clients_app.command("revoke")
def clients_revoke(
    client_id: Annotated[str, typer.Argument(help="The client to revoke.")],
) -> None:
    """Revoke a client: it gets no new tokens and its tokens stop working."""
    with _database() as (engine, _):
        changed = revoke_client(engine, client_id)
    typer.echo(f"client {client_id} {'revoked' if changed else 'was already revoked'}")


@clients_app.command("rotate-secret")
def clients_rotate_secret(
    client_id: Annotated[str, typer.Argument(help="The client to give a new secret.")],
    as_json: JsonOption = False,
) -> None:
    """Give a client a new secret, shown once; the old one stops working."""
    with _database() as (engine, _):
        issued = rotate_client_secret(engine, client_id)
    _print_credentials(issued, as_json)


@keys_app.command("rotate")
def keys_rotate() -> None:
    """Sign new tokens with a new key; the old key stays published until the
    tokens it signed have expired."""
    with _database() as (engine, lifetime):
        rotation = SigningKeys(engine, lifetime).rotate()
    typer.echo(f"active key {rotation.active_kid}")
    if rotation.retired_kid:
        typer.echo(f"retired key {rotation.retired_kid} (published {lifetime} s more)")
