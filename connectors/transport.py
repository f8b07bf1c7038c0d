"""An httpx transport that connects only to addresses the policy allows.

Checking a host's addresses and then letting the HTTP library resolve the
name again leaves a gap: a hostile DNS server can answer "public" to the
check and "127.0.0.1" to the connect (DNS rebinding). Here the check and
the connect use the same answer: the network backend resolves the name
once, judges every address, and opens the socket to an address it judged.
TLS still verifies the certificate against the host name, because the
connection keeps its origin; only the socket is pointed at the address.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
)

import httpcore
import httpx

from connectors.addresses import AddressPolicy, IPAddress, parse_ip
from connectors.errors import FeedAddressRefused

Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

# httpcore's errors and the httpx errors callers already handle, most
# specific first.
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextlib.contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """Raise httpcore's errors as the matching httpx errors."""
    try:
        yield
    except Exception as exc:
        for core_error, httpx_error in _ERRORS:
            if isinstance(exc, core_error):
                raise httpx_error(str(exc)) from exc
        raise


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's order."""
    literal = parse_ip(host)
    if literal is not None:
        return [literal]

    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = parse_ip(str(sockaddr[0]))
        if address is not None and address not in addresses:
            addresses.append(address)
    return addresses


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, judges every address, then connects to a judged one."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver) -> None:
        self._policy = policy
        self._resolve = resolve
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await self._resolve(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")

        # One refused address refuses the host: a name that points both
        # outside and inside is an attempt, not a misconfiguration.
        for address in addresses:
            reason = self._policy(address)
            if reason is not None:
                raise FeedAddressRefused(
                    f"{host} resolves to {address}, a {reason} address"
                )

        error: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise FeedAddressRefused("feeds are never read from local sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _ResponseStream(httpx.AsyncByteStream):
    """A response body from httpcore, with its errors raised as httpx's."""

    def __init__(self, stream: AsyncIterable[bytes] | Iterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, AsyncIterable)
        with _as_httpx_errors():
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class CheckedTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over connections opened only to allowed addresses.

    No proxy, no Unix sockets, no environment settings: every connection
    goes straight to an address `policy` allowed.
    """

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolve: Resolver = resolve_host,
        limits: httpx.Limits | None = None,
    ) -> None:
        limits = limits or httpx.Limits()
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_CheckedBackend(policy, resolve),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` over a checked connection."""
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors():
            core_response = await self._pool.handle_async_request(core_request)

        return httpx.Response(
            status_code=core_response.status,
            headers=core_response.headers,
            stream=_ResponseStream(core_response.stream),
            extensions=core_response.extensions,
        )

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self._pool.aclose()
