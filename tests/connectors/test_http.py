"""The feed fetch layer against a real HTTP server on loopback.

Every request goes to loopback. Refused addresses (10.0.0.1,
169.254.169.254, ...) must be refused before any connection is opened; the
tests check that the server saw nothing after the refusal, and their
clients resolve through `loopback_resolver`, which fails the test rather
than let a connection leave the machine should a check ever break.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from connectors.addresses import (
    AddressPolicy,
    IPAddress,
    check_url,
    parse_ip,
    policy_for,
    public_only,
    refusal_reason,
)
from connectors.errors import (
    FeedAddressRefused,
    FeedMalformed,
    FeedTooLarge,
    FeedUnavailable,
)
from connectors.http import USER_AGENT, Backoff, FeedClient, parse_retry_after
from connectors.transport import CheckedTransport, Resolver
from gateway.settings import Settings
from tests.connectors.feed_server import FeedServer, Reply

FAST = Backoff(initial=0.01, maximum=0.05, retry_after_cap=2.0)
JOBS = b'{"jobs": [{"id": "42", "title": "Data engineer"}]}'


def feed_settings(**overrides: Any) -> Settings:
    """Settings for loopback feeds with small limits."""
    values: dict[str, Any] = {
        "allow_private_feed_hosts": True,
        "feed_connect_timeout": 2.0,
        "feed_read_timeout": 2.0,
        "feed_max_bytes": 4096,
        "feed_max_attempts": 3,
        "feed_per_host_concurrency": 2,
    }
    return Settings(**(values | overrides))


def loopback_resolver(names: dict[str, str]) -> Resolver:
    """A DNS stand-in that can only ever send the client to loopback.

    Host names resolve through `names` (as a hostile DNS server may
    answer); should a check the tests rely on ever stop working, the test
    fails here instead of a packet leaving the machine.
    """

    async def resolve(host: str, port: int) -> list[IPAddress]:
        address = parse_ip(names.get(host, host))
        assert address is not None, f"the test tried to resolve {host}"
        assert address.is_loopback, f"the test tried to connect to {address}"
        return [address]

    return resolve


def client(
    *,
    names: dict[str, str] | None = None,
    policy: AddressPolicy | None = None,
    **overrides: Any,
) -> FeedClient:
    """A FeedClient for loopback tests, with tiny backoff."""
    settings = feed_settings(**overrides)
    policy = policy or policy_for(settings)
    transport = CheckedTransport(policy, resolve=loopback_resolver(names or {}))
    return FeedClient(
        settings, transport=transport, address_policy=policy, backoff=FAST
    )


def only_127_0_0_1(address: IPAddress) -> str | None:
    """A policy that lets the test server through and nothing else."""
    if address == ipaddress.IPv4Address("127.0.0.1"):
        return None
    return public_only(address) or "not the test server's"


# Success.


async def test_get_returns_body_content_type_status_and_url(
    feed_server: FeedServer,
) -> None:
    feed_server.serve("/jobs.json", JOBS, "application/json; charset=utf-8")

    # The production transport and resolver, on a loopback literal.
    async with FeedClient(feed_settings()) as feeds:
        fetched = await feeds.get(feed_server.url("/jobs.json"))

    assert fetched.body == JOBS
    assert fetched.content_type == "application/json; charset=utf-8"
    assert fetched.status == 200
    assert fetched.url == feed_server.url("/jobs.json")


async def test_get_announces_the_connector_and_what_it_accepts(
    feed_server: FeedServer,
) -> None:
    feed_server.serve("/jobs.json", JOBS)

    async with client() as feeds:
        await feeds.get(feed_server.url("/jobs.json"))

    [request] = feed_server.requests
    assert request.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("alumni-gateway-connector/")
    assert "application/json" in request.headers["accept"]


async def test_malformed_documents_are_returned_undecoded(
    feed_server: FeedServer,
) -> None:
    feed_server.malformed_json("/broken.json")

    async with client() as feeds:
        fetched = await feeds.get(feed_server.url("/broken.json"))

    assert fetched.body.startswith(b'{"jobs": [')


async def test_body_that_does_not_decompress_is_malformed(
    feed_server: FeedServer,
) -> None:
    feed_server.serve("/jobs.json", b"not gzip", headers={"Content-Encoding": "gzip"})

    async with client() as feeds:
        with pytest.raises(FeedMalformed):
            await feeds.get(feed_server.url("/jobs.json"))


# Retries.


async def test_server_error_is_retried_until_the_feed_answers(
    feed_server: FeedServer,
) -> None:
    feed_server.route("/jobs.json", Reply(status=500), Reply(body=JOBS))

    async with client() as feeds:
        fetched = await feeds.get(feed_server.url("/jobs.json"))

    assert fetched.body == JOBS
    assert len(feed_server.requests) == 2


async def test_persistent_server_error_is_unavailable_after_the_last_try(
    feed_server: FeedServer,
) -> None:
    feed_server.route("/jobs.json", Reply(status=503))

    async with client(feed_max_attempts=3) as feeds:
        with pytest.raises(FeedUnavailable, match="HTTP 503.*3 times"):
            await feeds.get(feed_server.url("/jobs.json"))

    assert len(feed_server.requests) == 3


async def test_too_many_requests_waits_as_long_as_retry_after_says(
    feed_server: FeedServer,
) -> None:
    feed_server.route(
        "/jobs.json",
        Reply(status=429, headers={"Retry-After": "1"}),
        Reply(body=JOBS),
    )

    async with client() as feeds:
        await feeds.get(feed_server.url("/jobs.json"))

    first, second = feed_server.requests
    assert second.at - first.at >= 0.95


async def test_retry_after_longer_than_the_cap_is_shortened(
    feed_server: FeedServer,
) -> None:
    feed_server.route(
        "/jobs.json",
        Reply(status=503, headers={"Retry-After": "3600"}),
        Reply(body=JOBS),
    )
    backoff = Backoff(initial=0.01, maximum=0.05, retry_after_cap=0.3)

    async with FeedClient(feed_settings(), backoff=backoff) as feeds:
        await feeds.get(feed_server.url("/jobs.json"))

    first, second = feed_server.requests
    assert 0.25 <= second.at - first.at < 2


NOW = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("120", 120.0, id="delta-seconds"),
        pytest.param(" 7 ", 7.0, id="spaces"),
        pytest.param("Sat, 01 Mar 2025 12:00:30 GMT", 30.0, id="http-date"),
        pytest.param("Sat, 01 Mar 2025 11:00:00 GMT", 0.0, id="date-in-the-past"),
        pytest.param("-5", None, id="negative"),
        pytest.param("1.5", None, id="fraction"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(None, None, id="missing"),
    ],
)
def test_retry_after_is_read_as_seconds_or_a_date(
    header: str | None, seconds: float | None
) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
async def test_client_errors_are_not_retried(
    feed_server: FeedServer, status: int
) -> None:
    feed_server.route("/jobs.json", Reply(status=status))

    async with client() as feeds:
        with pytest.raises(FeedUnavailable, match=f"HTTP {status}"):
            await feeds.get(feed_server.url("/jobs.json"))

    assert len(feed_server.requests) == 1


async def test_slow_feed_is_unavailable_after_read_timeouts(
    feed_server: FeedServer,
) -> None:
    feed_server.route("/jobs.json", Reply(body=JOBS, delay=1.0))

    async with client(feed_read_timeout=0.2, feed_max_attempts=2) as feeds:
        with pytest.raises(FeedUnavailable, match="reading timed out"):
            await feeds.get(feed_server.url("/jobs.json"))

    assert len(feed_server.requests) == 2


async def test_a_transfer_past_its_deadline_stops_without_retries(
    feed_server: FeedServer,
) -> None:
    # Each wait is within the read timeout; the whole transfer is not.
    feed_server.route("/jobs.json", Reply(body=JOBS, delay=1.0))

    async with client(
        feed_read_timeout=5, feed_total_timeout=0.3, feed_max_attempts=3
    ) as feeds:
        with pytest.raises(FeedUnavailable, match="took longer than 0.3 s"):
            await feeds.get(feed_server.url("/jobs.json"))

    assert len(feed_server.requests) == 1


async def test_refused_connection_is_unavailable_after_the_last_try() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on `port` now.

    async with client(feed_max_attempts=2) as feeds:
        with pytest.raises(FeedUnavailable, match="connection failed.*2 times"):
            await feeds.get(f"http://127.0.0.1:{port}/jobs.json")


# Size.


async def test_declared_oversized_body_is_refused_before_reading(
    feed_server: FeedServer,
) -> None:
    feed_server.oversized("/big.json", 5000, declare_length=True)

    async with client(feed_max_bytes=4096) as feeds:
        with pytest.raises(FeedTooLarge, match="declares 5000 bytes"):
            await feeds.get(feed_server.url("/big.json"))


async def test_undeclared_oversized_body_stops_at_the_cap(
    feed_server: FeedServer,
) -> None:
    feed_server.oversized("/big.json", 50_000, declare_length=False)

    async with client(feed_max_bytes=4096) as feeds:
        with pytest.raises(FeedTooLarge, match="more than 4096 bytes"):
            await feeds.get(feed_server.url("/big.json"))


async def test_body_at_the_cap_is_accepted(feed_server: FeedServer) -> None:
    feed_server.oversized("/big.json", 4096, declare_length=False)

    async with client(feed_max_bytes=4096) as feeds:
        fetched = await feeds.get(feed_server.url("/big.json"))

    assert len(fetched.body) == 4096


async def test_truncated_body_is_retried_then_unavailable(
    feed_server: FeedServer,
) -> None:
    feed_server.truncated("/jobs.json", JOBS[:10], declared_length=len(JOBS))

    async with client(feed_max_attempts=2) as feeds:
        with pytest.raises(FeedUnavailable, match="before the whole body"):
            await feeds.get(feed_server.url("/jobs.json"))

    assert len(feed_server.requests) == 2


async def test_truncated_body_then_a_whole_one_succeeds(
    feed_server: FeedServer,
) -> None:
    feed_server.route(
        "/jobs.json",
        Reply(body=JOBS[:10], declared_length=len(JOBS)),
        Reply(body=JOBS),
    )

    async with client() as feeds:
        fetched = await feeds.get(feed_server.url("/jobs.json"))

    assert fetched.body == JOBS


# Redirects.


async def test_redirect_chain_is_followed_to_the_document(
    feed_server: FeedServer,
) -> None:
    feed_server.redirect("/a", feed_server.url("/b"), status=301)
    feed_server.redirect("/b", "/c?page=2", status=307)
    feed_server.redirect("/c", "d", status=308)
    feed_server.serve("/d", JOBS)

    async with client() as feeds:
        fetched = await feeds.get(feed_server.url("/a"))

    assert fetched.url == feed_server.url("/d")
    assert fetched.body == JOBS
    assert [r.path for r in feed_server.requests] == ["/a", "/b", "/c", "/d"]


async def test_endless_redirects_are_unavailable(feed_server: FeedServer) -> None:
    feed_server.redirect("/loop", "/loop")

    async with client() as feeds:
        with pytest.raises(FeedUnavailable, match="redirected more than 5 times"):
            await feeds.get(feed_server.url("/loop"))

    assert len(feed_server.requests) == 6


async def test_redirect_without_location_is_unavailable(
    feed_server: FeedServer,
) -> None:
    feed_server.route("/moved", Reply(status=302))

    async with client() as feeds:
        with pytest.raises(FeedUnavailable, match="without a Location"):
            await feeds.get(feed_server.url("/moved"))


@pytest.mark.parametrize(
    "location",
    [
        pytest.param("http://10.0.0.1/jobs.json", id="rfc1918"),
        pytest.param("http://169.254.169.254/latest/meta-data/", id="metadata"),
        pytest.param("http://[::1]/jobs.json", id="ipv6-loopback"),
        pytest.param("http://[::ffff:127.0.0.1]/jobs.json", id="ipv4-mapped"),
        pytest.param("http://[fd00::1]/jobs.json", id="unique-local"),
        pytest.param("http://127.0.0.2/jobs.json", id="other-loopback"),
        pytest.param("http://0.0.0.0/jobs.json", id="unspecified"),
    ],
)
async def test_redirect_to_a_refused_address_is_refused_before_connecting(
    feed_server: FeedServer, location: str
) -> None:
    feed_server.redirect("/jobs.json", location)

    async with client(policy=only_127_0_0_1) as feeds:
        with pytest.raises(FeedAddressRefused):
            await feeds.get(feed_server.url("/jobs.json"))

    assert [r.path for r in feed_server.requests] == ["/jobs.json"]


async def test_redirect_to_a_name_resolving_inside_is_refused_before_connecting(
    feed_server: FeedServer,
) -> None:
    # 127.0.0.2 stands for an inside address: refused by the policy, and
    # still on loopback should the check ever fail.
    names = {"feeds.example": "127.0.0.1", "inside.example": "127.0.0.2"}
    feed_server.redirect("/jobs.json", "http://inside.example/latest/")

    async with client(names=names, policy=only_127_0_0_1) as feeds:
        with pytest.raises(FeedAddressRefused, match="resolves to 127.0.0.2"):
            await feeds.get(f"http://feeds.example:{feed_server.port}/jobs.json")

    assert [r.path for r in feed_server.requests] == ["/jobs.json"]


async def test_connection_goes_to_the_address_that_was_checked(
    feed_server: FeedServer,
) -> None:
    feed_server.serve("/jobs.json", JOBS)

    names = {"feeds.example": "127.0.0.1"}

    async with client(names=names, policy=only_127_0_0_1) as feeds:
        fetched = await feeds.get(f"http://feeds.example:{feed_server.port}/jobs.json")

    assert fetched.body == JOBS
    [request] = feed_server.requests
    assert request.headers["host"] == f"feeds.example:{feed_server.port}"


# Address rules.


async def test_plain_http_is_refused_without_the_private_hosts_setting(
    feed_server: FeedServer,
) -> None:
    feed_server.serve("/jobs.json", JOBS)

    async with client(allow_private_feed_hosts=False) as feeds:
        with pytest.raises(FeedAddressRefused, match="must use https"):
            await feeds.get(feed_server.url("/jobs.json"))

    assert feed_server.requests == []


async def test_loopback_is_refused_without_the_private_hosts_setting(
    feed_server: FeedServer,
) -> None:
    # The production resolver: localhost is named in /etc/hosts.
    settings = feed_settings(allow_private_feed_hosts=False)
    async with FeedClient(settings, backoff=FAST) as feeds:
        with pytest.raises(FeedAddressRefused, match="loopback"):
            await feeds.get(f"https://127.0.0.1:{feed_server.port}/jobs.json")
        with pytest.raises(FeedAddressRefused, match="localhost resolves to"):
            await feeds.get(f"https://localhost:{feed_server.port}/jobs.json")

    assert feed_server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://partner:secret@jobs.example.com/feed", id="userinfo"),
        pytest.param("ftp://jobs.example.com/feed.xml", id="ftp"),
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param("gopher://jobs.example.com/", id="gopher"),
        pytest.param("jobs.example.com/feed", id="no-scheme"),
        pytest.param("https:///feed", id="no-host"),
    ],
)
async def test_unusable_urls_are_refused(url: str) -> None:
    async with client() as feeds:
        with pytest.raises(FeedAddressRefused):
            await feeds.get(url)


def test_https_to_http_downgrade_is_refused_where_http_is_not_allowed() -> None:
    with pytest.raises(FeedAddressRefused, match="must use https"):
        check_url(
            httpx.URL("http://jobs.example.com/feed"),
            allow_http=False,
            policy=public_only,
        )


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        pytest.param("10.0.0.1", "private", id="10/8"),
        pytest.param("172.16.5.4", "private", id="172.16/12"),
        pytest.param("192.168.1.1", "private", id="192.168/16"),
        pytest.param("127.0.0.1", "loopback", id="loopback"),
        pytest.param("169.254.169.254", "link-local", id="cloud-metadata"),
        pytest.param("0.0.0.0", "unspecified", id="unspecified"),
        pytest.param("224.0.0.251", "multicast", id="multicast"),
        pytest.param("100.64.0.1", "not globally routable", id="shared-space"),
        pytest.param("::1", "loopback", id="ipv6-loopback"),
        pytest.param("::", "unspecified", id="ipv6-unspecified"),
        pytest.param("fd00::1", "private", id="unique-local"),
        pytest.param("fe80::1", "link-local", id="ipv6-link-local"),
        pytest.param("ff02::1", "multicast", id="ipv6-multicast"),
        pytest.param("fec0::1", "site-local", id="site-local"),
        pytest.param("::ffff:127.0.0.1", "loopback", id="mapped-loopback"),
        pytest.param("::ffff:169.254.169.254", "link-local", id="mapped-metadata"),
        pytest.param("::ffff:10.0.0.1", "private", id="mapped-private"),
        pytest.param("2002:a00:1::", "private", id="6to4-private"),
        pytest.param("64:ff9b::a9fe:a9fe", "link-local", id="nat64-metadata"),
    ],
)
def test_addresses_inside_the_network_are_refused(address: str, reason: str) -> None:
    found = refusal_reason(ipaddress.ip_address(address))
    assert found is not None
    assert found.startswith(reason)


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


# Concurrency.


async def test_requests_to_one_host_respect_the_concurrency_limit(
    feed_server: FeedServer,
) -> None:
    feed_server.route("/jobs.json", Reply(body=JOBS, delay=0.15))

    async with client(feed_per_host_concurrency=2) as feeds:
        await asyncio.gather(
            *(feeds.get(feed_server.url("/jobs.json")) for _ in range(6))
        )

    assert len(feed_server.requests) == 6
    assert feed_server.peak_concurrency == 2


async def test_each_host_has_its_own_concurrency_limit(
    feed_server: FeedServer,
) -> None:
    names = {"a.example": "127.0.0.1", "b.example": "127.0.0.1"}
    feed_server.route("/jobs.json", Reply(body=JOBS, delay=0.15))
    urls = [f"http://{h}:{feed_server.port}/jobs.json" for h in names] * 3

    async with client(names=names, feed_per_host_concurrency=1) as feeds:
        await asyncio.gather(*(feeds.get(url) for url in urls))

    assert feed_server.peak_concurrency == 2


# What is said about it.


async def test_one_debug_line_per_request_without_query_or_body(
    feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.route("/jobs.json", Reply(status=500), Reply(body=JOBS))

    with caplog.at_level(logging.DEBUG, logger="connectors"):
        async with client() as feeds:
            await feeds.get(feed_server.url("/jobs.json?api_key=s3cret"))

    lines = [r.getMessage() for r in caplog.records if r.name == "connectors.http"]
    assert lines == ["GET 127.0.0.1 -> 500", "GET 127.0.0.1 -> 200"]
    assert all(
        r.levelno == logging.DEBUG
        for r in caplog.records
        if r.name == "connectors.http"
    )


async def test_errors_leave_query_strings_out(feed_server: FeedServer) -> None:
    feed_server.route("/jobs.json", Reply(status=403))

    async with client() as feeds:
        with pytest.raises(FeedUnavailable) as raised:
            await feeds.get(feed_server.url("/jobs.json?api_key=s3cret"))

    assert "s3cret" not in str(raised.value)
    assert "/jobs.json" in str(raised.value)
