"""Fixtures for connector tests: a partner's feed host on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.connectors.feed_server import FeedServer


@pytest.fixture(scope="session")
def _running_feed_server() -> Iterator[FeedServer]:
    """One loopback feed server for the whole session."""
    with FeedServer() as server:
        yield server


@pytest.fixture
def feed_server(_running_feed_server: FeedServer) -> FeedServer:
    """The loopback feed server, with no routes and no requests recorded."""
    _running_feed_server.reset()
    return _running_feed_server
