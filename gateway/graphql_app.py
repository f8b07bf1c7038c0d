"""The GraphQL endpoint: Strawberry's ASGI app with our per-request context.

Per request: the bearer token (if any) is verified before the graph runs,
one database connection is opened lazily and given back at the end, and a
response that carries contact data is written to the audit log before it
leaves.
"""

from __future__ import annotations

import json
import logging

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from auth.audit import write_audit_record
from auth.caller import Caller
from auth.verify import AccessTokenVerifier, InvalidToken
from gateway.db.engine import RequestDatabase
from gateway.settings import Settings
from schema import GatewayContext, GatewaySchema

logger = logging.getLogger(__name__)

REALM = "alumni-gateway"


class GatewayGraphQL(GraphQL[GatewayContext, None]):
    """Serves the graph; one database connection per request at most."""

    def __init__(
        self, schema: GatewaySchema, engine: AsyncEngine, settings: Settings
    ) -> None:
        super().__init__(
            schema,
            graphql_ide=None if settings.production else "graphiql",
            allow_queries_via_get=True,
        )
        self.engine = engine
        self.settings = settings
        self.verifier = AccessTokenVerifier(settings, engine)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # The connection is opened by the first statement (the revocation
        # check, when a token came) and given back once the response is sent.
        database = RequestDatabase(self.engine)
        state = scope.setdefault("state", {})
        state["database"] = database
        if self.settings.sql_statement_header:
            send = _with_statement_header(send, database)
        try:
            if scope["method"] == "POST":
                body = await _read_body(scope, receive, self.settings.max_request_bytes)
                if isinstance(body, Response):
                    await body(scope, receive, send)
                    return
                receive = _replay(body, receive)
            try:
                state["caller"] = await self._authenticate(scope, database)
            except InvalidToken as exc:
                await _unauthenticated(exc.reason)(scope, receive, send)
                return
            await super().__call__(scope, receive, send)
        finally:
            await database.close()

    async def _authenticate(
        self, scope: Scope, database: RequestDatabase
    ) -> Caller | None:
        header = Request(scope).headers.get("authorization")
        if header is None:
            return None
        kind, _, token = header.partition(" ")
        if kind.lower() != "bearer" or not token.strip():
            raise InvalidToken("use `Authorization: Bearer <access token>`")
        return await self.verifier.verify(token.strip(), database)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GatewayContext:
        context = GatewayContext(
            request=request if isinstance(request, Request) else None,
            response=response if isinstance(response, Response) else None,
            db=request.state.database,
            settings=self.settings,
            caller=getattr(request.state, "caller", None),
        )
        request.state.context = context
        return context

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        context: GatewayContext | None = getattr(request.state, "context", None)
        if context is not None and context.contact_reads:
            try:
                await write_audit_record(self.engine, context)
            except Exception:
                # Contact data must not leave without its audit record.
                logger.error("audit write failed; response withheld", exc_info=True)
                return {
                    "data": None,
                    "errors": [
                        {
                            "message": "Internal server error",
                            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                        }
                    ],
                }
        if result.errors and context is not None and context.caller is None:
            _ask_for_credentials(context, result)
        return await super().process_result(request, result)


def _ask_for_credentials(context: GatewayContext, result: ExecutionResult) -> None:
    # An anonymous caller hit a field that needs a token: say how to
    # authenticate, as RFC 6750 asks, while keeping the partial data.
    codes = {(error.extensions or {}).get("code") for error in result.errors or []}
    if "UNAUTHENTICATED" in codes and context.response is not None:
        context.response.headers["WWW-Authenticate"] = f'Bearer realm="{REALM}"'


def _bad_request(status: int, message: str) -> Response:
    body = {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}],
    }
    return Response(json.dumps(body), status_code=status, media_type="application/json")


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | Response:
    """The request body, or the error response for one we will not run.

    Strawberry would answer a body that is not a JSON object, not UTF-8 or
    nested beyond Python's recursion limit with a bare 500; and a huge body
    would be read whole. Both are the caller's mistake: say so with a 4xx.
    """
    declared = Request(scope).headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return _bad_request(413, f"Request body is larger than {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return _bad_request(413, f"Request body is larger than {limit} bytes.")
        chunks.append(chunk)
        more = message.get("more_body", False)
    body = b"".join(chunks)
    content_type = Request(scope).headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() == "application/json":
        try:
            parsed = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _bad_request(400, "Request body is not valid UTF-8 JSON.")
        if not isinstance(parsed, dict):
            return _bad_request(400, "Request body must be a JSON object.")
    return body


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands over the body already read, then waits as usual."""
    sent = False

    async def replaying() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replaying


def _unauthenticated(reason: str) -> Response:
    body = {
        "data": None,
        "errors": [
            {
                "message": f"Invalid access token: {reason}.",
                "extensions": {"code": "UNAUTHENTICATED"},
            }
        ],
    }
    challenge = (
        f'Bearer realm="{REALM}", error="invalid_token", '
        f'error_description="{reason.replace(chr(34), chr(39))}"'
    )
    return Response(
        json.dumps(body),
        status_code=401,
        media_type="application/json",
        headers={"WWW-Authenticate": challenge},
    )


def _with_statement_header(send: Send, database: RequestDatabase) -> Send:
    """Wrap `send` to report the request's SQL statement count in a header."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers.append((b"x-sql-statements", str(database.statements).encode()))
            message = {**message, "headers": headers}
        await send(message)

    return sending


__all__ = ["GatewayGraphQL"]
