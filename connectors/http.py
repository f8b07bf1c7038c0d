"""Fetching partner feeds over HTTP: limits, retries and address checks.

`FeedClient.get` returns the raw bytes of one document; decoding them is
the formats' job. What can go wrong is raised as the connector errors:

- `FeedAddressRefused`: the URL, a redirect, or an address its host
  resolves to points where feeds may not come from (connectors.addresses).
- `FeedTooLarge`: the body is, or says it will be, over `feed_max_bytes`.
- `FeedUnavailable`: a 4xx other than 429, or the last try still timed
  out, failed to connect, answered 5xx or 429, or closed the connection
  before the whole body arrived.
- `FeedMalformed`: a compressed body that does not decompress.

A body cut short (fewer bytes than its Content-Length) counts as a network
failure, not a bad document: the partner's file may be fine and the next
try may get all of it, so it is retried and ends as `FeedUnavailable`.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from connectors.addresses import AddressPolicy, check_url, policy_for
from connectors.errors import (
    FeedAddressRefused,
    FeedMalformed,
    FeedTooLarge,
    FeedUnavailable,
)
from connectors.transport import CheckedTransport
from gateway.settings import Settings

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
ACCEPT = (
    "application/json, application/xml;q=0.9, text/xml;q=0.9, "
    "application/rss+xml;q=0.9, application/atom+xml;q=0.9, text/csv;q=0.8, "
    "*/*;q=0.5"
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_TIMEOUTS = {
    httpx.ConnectTimeout: "connecting timed out",
    httpx.ReadTimeout: "reading timed out",
    httpx.WriteTimeout: "sending timed out",
    httpx.PoolTimeout: "waiting for a free connection timed out",
}


def _user_agent() -> str:
    """`alumni-gateway-connector/<version>`, so partners can tell us apart."""
    try:
        release = version("alumni-gateway")
    except PackageNotFoundError:
        release = "0"
    return f"alumni-gateway-connector/{release}"


USER_AGENT = _user_agent()


@dataclass(frozen=True)
class Fetched:
    """One fetched document, undecoded."""

    url: str  # final URL after redirects
    body: bytes
    content_type: str | None
    status: int


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait between tries of one request."""

    # Exponential: initial, 2 x initial, 4 x initial ... up to `maximum`,
    # plus up to `initial` of random jitter so partners see no stampede.
    initial: float = 0.5
    maximum: float = 10.0
    # A partner's Retry-After is obeyed up to this long; a longer one
    # would stall the whole sync run.
    retry_after_cap: float = 60.0


class _Retryable(Exception):
    """A try that failed in a way the next try may not."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def parse_retry_after(
    value: str | None, *, now: datetime | None = None
) -> float | None:
    """Seconds a `Retry-After` header asks to wait (delta-seconds or HTTP-date).

    None when the header is missing or unreadable; 0 for a date past.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _where(url: httpx.URL) -> str:
    """`url` for messages: query strings often carry partners' API keys."""
    return str(url.copy_with(query=None, fragment=None))


class FeedClient:
    """One per sync run (or shared by a batch of runs).

    Use it as `async with FeedClient(settings) as feeds: await feeds.get(url)`.
    `address_policy` and `backoff` exist for tests; `transport` replaces the
    address-checking transport, and with it the checks of host names (IP
    literals and URL rules are still checked here).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        address_policy: AddressPolicy | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self._settings = settings
        self._policy = address_policy or policy_for(settings)
        self._backoff = backoff or Backoff()
        self._jitter = wait_exponential(
            multiplier=self._backoff.initial, max=self._backoff.maximum
        ) + wait_random(0, self._backoff.initial)
        self._host_limits: dict[str, asyncio.Semaphore] = {}
        self._http = httpx.AsyncClient(
            transport=transport or CheckedTransport(self._policy),
            timeout=httpx.Timeout(
                settings.feed_read_timeout, connect=settings.feed_connect_timeout
            ),
            # Each hop is checked before it is requested, so httpx must
            # not follow any by itself.
            follow_redirects=False,
            # No proxies or .netrc credentials from the environment.
            trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        )

    async def __aenter__(self) -> FeedClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the pooled connections."""
        await self._http.aclose()

    async def get(self, url: str) -> Fetched:
        """Fetch `url`, following at most five redirects, each one checked."""
        try:
            current = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise FeedAddressRefused(f"not a usable feed URL: {exc}") from exc

        for _ in range(MAX_REDIRECTS + 1):
            check_url(
                current,
                allow_http=self._settings.allow_private_feed_hosts,
                policy=self._policy,
            )
            outcome = await self._fetch_with_retries(current)
            if isinstance(outcome, Fetched):
                return outcome
            current = outcome
        raise FeedUnavailable(
            f"{_where(httpx.URL(url))} redirected more than {MAX_REDIRECTS} times"
        )

    async def _fetch_with_retries(self, url: httpx.URL) -> Fetched | httpx.URL:
        """One hop: the document, or where a redirect points."""
        attempts = self._settings.feed_max_attempts
        retrying = AsyncRetrying(
            stop=stop_after_attempt(attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Retryable),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    outcome = await self._fetch_once(url)
        except _Retryable as exc:
            raise FeedUnavailable(
                f"{_where(url)}: {exc.reason} (tried {attempts} times)"
            ) from exc
        return outcome

    def _wait(self, state: RetryCallState) -> float:
        """Seconds before the next try: Retry-After if given, else backoff."""
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Retryable) and error.retry_after is not None:
            delay = min(error.retry_after, self._backoff.retry_after_cap)
        else:
            delay = self._jitter(state)
        return delay

    async def _fetch_once(self, url: httpx.URL) -> Fetched | httpx.URL:
        """One try at one hop, within the host's concurrency limit.

        The read timeout bounds each wait for bytes; the transfer as a whole
        has its own deadline, so a feed dripping bytes cannot hold the
        connector's run (and its lock) open for long. That is not retried.
        """
        limit = self._host_limits.setdefault(
            url.host, asyncio.Semaphore(self._settings.feed_per_host_concurrency)
        )
        deadline = self._settings.feed_total_timeout
        async with limit:
            try:
                async with asyncio.timeout(deadline):
                    async with self._http.stream("GET", url) as response:
                        logger.debug("GET %s -> %d", url.host, response.status_code)
                        return await self._read(url, response)
            except TimeoutError as exc:
                raise FeedUnavailable(
                    f"{_where(url)}: the transfer took longer than {deadline:g} s"
                ) from exc
            except httpx.TimeoutException as exc:
                reason = _TIMEOUTS.get(type(exc), "timed out")
                logger.debug("GET %s -> %s", url.host, reason)
                raise _Retryable(reason) from exc
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                logger.debug("GET %s -> %s", url.host, type(exc).__name__)
                raise _Retryable(f"connection failed ({exc})") from exc
            except httpx.HTTPError as exc:
                raise FeedUnavailable(f"{_where(url)}: {exc}") from exc

    async def _read(
        self, url: httpx.URL, response: httpx.Response
    ) -> Fetched | httpx.URL:
        """The body of a success, the target of a redirect, or an error."""
        status = response.status_code
        if status == 429 or status >= 500:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise _Retryable(f"answered HTTP {status}", retry_after=retry_after)
        if status in _REDIRECT_STATUSES:
            return self._redirect_target(url, response)
        if not 200 <= status < 300:
            raise FeedUnavailable(f"{_where(url)} answered HTTP {status}")

        cap = self._settings.feed_max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > cap:
            raise FeedTooLarge(
                f"{_where(url)} declares {declared} bytes; the cap is {cap}"
            )

        # The cap counts decompressed bytes, so a small gzip bomb stops too.
        # Limitation: httpx inflates each network chunk whole, so memory can
        # briefly exceed the cap by one chunk's expansion (about 1000:1).
        body = bytearray()
        try:
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > cap:
                    raise FeedTooLarge(f"{_where(url)} sent more than {cap} bytes")
        except httpx.RemoteProtocolError as exc:
            raise _Retryable(
                "the connection closed before the whole body arrived"
            ) from exc
        except httpx.DecodingError as exc:
            raise FeedMalformed(f"{_where(url)}: body does not decompress") from exc

        return Fetched(
            url=str(url),
            body=bytes(body),
            content_type=response.headers.get("Content-Type"),
            status=status,
        )

    def _redirect_target(self, url: httpx.URL, response: httpx.Response) -> httpx.URL:
        """Where a redirect points, relative locations resolved."""
        location = response.headers.get("Location")
        if not location:
            raise FeedUnavailable(
                f"{_where(url)} redirected ({response.status_code}) without a Location"
            )
        try:
            return url.join(location)
        except httpx.InvalidURL as exc:
            raise FeedUnavailable(f"{_where(url)} redirected to a broken URL") from exc
