"""Signing keys: created once, rotated without breaking live tokens."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from auth.keys import KeyRotationConflict, SigningKeys, signing_keys
from auth.verify import InvalidToken
from gateway.db.sync_engine import create_sync_engine
from tests.auth.harness import Credentials, Gateway, header_of

INSTANCES = 4


def active_kids(engine: sa.Engine) -> list[str]:
    statement = sa.select(signing_keys.c.kid).where(signing_keys.c.retired_at.is_(None))
    with engine.connect() as connection:
        return list(connection.execute(statement).scalars())


def at_once(gateway: Gateway, work: Callable[[SigningKeys], Any]) -> list[Any]:
    """Run `work` in INSTANCES threads, each with its own engine, all at once."""
    barrier = threading.Barrier(INSTANCES)
    results: list[Any] = [None] * INSTANCES
    url = gateway.settings.sync_database_url

    def instance(index: int) -> None:
        engine = create_sync_engine(url)
        try:
            keys = SigningKeys(engine, gateway.settings.access_token_lifetime)
            barrier.wait()
            try:
                results[index] = work(keys)
            except Exception as exc:  # collected for the assertions
                results[index] = exc
        finally:
            engine.dispose()

    threads = [threading.Thread(target=instance, args=(i,)) for i in range(INSTANCES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


async def jwks_kids(gateway: Gateway) -> set[str]:
    response = await gateway.http.get("/.well-known/jwks.json")
    return {key["kid"] for key in response.json()["keys"]}


async def test_startup_creates_the_first_key_once(gateway: Gateway) -> None:
    await gateway.app.state.oauth.start()
    await gateway.app.state.oauth.start()

    assert len(active_kids(gateway.engine)) == 1
    assert await jwks_kids(gateway) == set(active_kids(gateway.engine))


def test_instances_starting_together_create_one_key(gateway: Gateway) -> None:
    results = at_once(gateway, lambda keys: keys.ensure_active())

    assert all(isinstance(kid, str) for kid in results), results
    assert len(set(results)) == 1
    assert active_kids(gateway.engine) == [results[0]]


def test_rotations_at_once_leave_one_active_key(gateway: Gateway) -> None:
    gateway.app.state.oauth.keys.ensure_active()

    results = at_once(gateway, lambda keys: keys.rotate())

    assert all(
        not isinstance(result, Exception) or isinstance(result, KeyRotationConflict)
        for result in results
    ), results
    assert len(active_kids(gateway.engine)) == 1


async def test_rotation_keeps_old_tokens_valid_and_signs_with_the_new_key(
    gateway: Gateway, company: Credentials
) -> None:
    old_token = await gateway.access_token(company)
    old_kid = header_of(old_token)["kid"]

    rotation = gateway.app.state.oauth.keys.rotate()

    assert rotation.retired_kid == old_kid
    assert await jwks_kids(gateway) == {old_kid, rotation.active_kid}
    await gateway.verify(old_token)
    new_token = await gateway.access_token(company)
    assert header_of(new_token)["kid"] == rotation.active_kid != old_kid
    await gateway.verify(new_token)
    introspected = await gateway.post_form(
        "/oauth/introspect", company, token=old_token
    )
    assert introspected.json()["active"] is True


async def test_retired_key_leaves_the_jwks_once_its_tokens_expired(
    gateway: Gateway, company: Credentials
) -> None:
    old_token = await gateway.access_token(company)
    rotation = gateway.app.state.oauth.keys.rotate()
    long_ago = datetime.now(UTC) - timedelta(
        seconds=gateway.settings.access_token_lifetime + 120
    )
    with gateway.engine.begin() as connection:
        connection.execute(
            sa.update(signing_keys)
            .where(signing_keys.c.kid == rotation.retired_kid)
            .values(retired_at=long_ago)
        )

    assert await jwks_kids(gateway) == {rotation.active_kid}
    with pytest.raises(InvalidToken):
        await gateway.verify(old_token)
