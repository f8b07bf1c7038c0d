"""The GraphQL endpoint: Strawberry's ASGI app with our per-request context."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from gateway.db.engine import RequestDatabase
from gateway.settings import Settings
from schema import GatewayContext, GatewaySchema


class GatewayGraphQL(GraphQL[GatewayContext, None]):
    """Serves the graph; opens one database connection per request at most."""

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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # The connection is opened lazily by the first statement, and given
        # back here once the response is sent, whatever happened.
        database = RequestDatabase(self.engine)
        scope.setdefault("state", {})["database"] = database
        if self.settings.sql_statement_header:
            send = _with_statement_header(send, database)
        try:
            await super().__call__(scope, receive, send)
        finally:
            await database.close()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GatewayContext:
        return GatewayContext(
            request=request if isinstance(request, Request) else None,
            response=response if isinstance(response, Response) else None,
            db=request.state.database,
            settings=self.settings,
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
