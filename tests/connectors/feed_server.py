"""A partner's feed host on loopback: a real HTTP server for connector tests.

`FeedServer` runs uvicorn on 127.0.0.1 on a free port in a background
thread. A test registers what each path answers, then reads what the
server saw:

    feed_server.serve("/jobs.json", body, "application/json")
    feed_server.route("/flaky", Reply(status=500), Reply(body=b"{}"))
    feed_server.redirect("/old", feed_server.url("/jobs.json"))
    ...
    assert [r.path for r in feed_server.requests] == ["/flaky", "/flaky"]
    assert feed_server.peak_concurrency == 2

Replies registered for a path are given in order, and the last one keeps
being given. Unknown paths answer 404. The `feed_server` fixture in
conftest.py hands each test a cleared server.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import uvicorn

ASGIMessage = dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """What the server answers to one request."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    # Seconds to wait before answering (to trip a client's read timeout).
    delay: float = 0.0
    # A Content-Length larger than the body: the body is sent, then the
    # connection is closed, as a partner's server dying mid-transfer does.
    declared_length: int | None = None
    # Send the body in pieces with no Content-Length (chunked encoding).
    chunked: bool = False


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    at: float  # time.monotonic() when it arrived


class FeedServer:
    """A real HTTP server on 127.0.0.1 whose answers tests register."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, list[Reply]] = {}
        self._requests: list[RecordedRequest] = []
        # Requests still running from before a reset (a slow reply a client
        # gave up on) belong to an older generation and are not counted.
        self._generation = 0
        self._in_flight = 0
        self._peak = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # Lifecycle.

    def start(self) -> FeedServer:
        """Listen on a free loopback port; returns once requests are served."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]

        config = uvicorn.Config(
            self,
            lifespan="off",
            access_log=False,
            # Leave logging alone: pytest captures uvicorn's records.
            log_config=None,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()

        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the feed server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the server thread to end."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # What tests register.

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>`."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The full URL of `path` on this server."""
        return f"{self.base_url}{path}"

    def route(self, path: str, *replies: Reply) -> None:
        """Answer `path` with `replies` in order, repeating the last one."""
        if not replies:
            raise ValueError("a route needs at least one reply")
        with self._lock:
            self._routes[path] = list(replies)

    def serve(
        self,
        path: str,
        body: bytes,
        content_type: str | None = "application/json",
        **reply: Any,
    ) -> None:
        """Answer `path` with `body` (200 unless `status=` says otherwise)."""
        self.route(path, Reply(body=body, content_type=content_type, **reply))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """Answer `path` with a redirect to `location` (absolute or relative)."""
        self.route(
            path,
            Reply(status=status, content_type=None, headers={"Location": location}),
        )

    def truncated(self, path: str, body: bytes, declared_length: int) -> None:
        """Promise `declared_length` bytes, send `body`, then hang up."""
        self.route(path, Reply(body=body, declared_length=declared_length))

    def oversized(self, path: str, size: int, *, declare_length: bool) -> None:
        """Answer `path` with `size` bytes, with or without Content-Length."""
        self.route(path, Reply(body=b"x" * size, chunked=not declare_length))

    def malformed_json(self, path: str) -> None:
        """Answer `path` with a JSON document that stops halfway."""
        self.serve(path, b'{"jobs": [{"id": 1, "title": "Data engin')

    def reset(self) -> None:
        """Forget routes, recorded requests and the concurrency peak."""
        with self._lock:
            self._routes.clear()
            self._requests.clear()
            self._generation += 1
            self._in_flight = self._peak = 0

    # What tests read.

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received since the last reset, in arrival order."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The requests received for `path`."""
        return [request for request in self.requests if request.path == path]

    @property
    def peak_concurrency(self) -> int:
        """Most requests in progress at once since the last reset."""
        with self._lock:
            return self._peak

    # The ASGI application.

    async def __call__(self, scope: ASGIMessage, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        generation, reply = self._arrive(scope)
        try:
            await self._answer(reply, send)
        finally:
            with self._lock:
                if generation == self._generation:
                    self._in_flight -= 1

    def _arrive(self, scope: ASGIMessage) -> tuple[int, Reply]:
        """Record the request and pick its reply."""
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        request = RecordedRequest(
            method=scope["method"],
            path=scope["path"],
            query=scope["query_string"].decode("latin-1"),
            headers=headers,
            at=time.monotonic(),
        )
        with self._lock:
            self._requests.append(request)
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)
            replies = self._routes.get(request.path)
            if not replies:
                reply = Reply(status=404, body=b"not found", content_type="text/plain")
            else:
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
            return self._generation, reply

    async def _answer(self, reply: Reply, send: Any) -> None:
        """Send `reply`, cutting it short or chunking it as it asks."""
        if reply.delay:
            await asyncio.sleep(reply.delay)

        headers = [(k.encode(), v.encode()) for k, v in reply.headers.items()]
        if reply.content_type is not None:
            headers.append((b"content-type", reply.content_type.encode()))
        if not reply.chunked:
            length = reply.declared_length or len(reply.body)
            headers.append((b"content-length", str(length).encode()))
        await send(
            {"type": "http.response.start", "status": reply.status, "headers": headers}
        )

        if reply.chunked:
            for start in range(0, len(reply.body), 1024):
                chunk = reply.body[start : start + 1024]
                await send(
                    {"type": "http.response.body", "body": chunk, "more_body": True}
                )
            await send({"type": "http.response.body", "body": b""})
        elif reply.declared_length is not None and reply.declared_length > len(
            reply.body
        ):
            # Returning before the body is complete makes uvicorn close the
            # connection, so the client sees fewer bytes than promised.
            await send(
                {"type": "http.response.body", "body": reply.body, "more_body": True}
            )
        else:
            await send({"type": "http.response.body", "body": reply.body})
