"""Relay connections with keyset cursors.

A cursor is the sort key of the last row a partner saw, so the next page is
an index range scan whatever the depth, and rows inserted meanwhile never
shift a page the way OFFSET would.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

import sqlalchemy as sa
import strawberry

from schema.common.errors import BadUserInput
from schema.common.ids import MAX_PK
from schema.common.selection import node_fields

NodeT = TypeVar("NodeT")


@strawberry.type(description="Where a page sits in the whole result.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True when more items follow this page."
    )
    has_previous_page: bool = strawberry.field(
        description="True when this page was asked for with `after`."
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first item on this page."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item; pass it as `after` for the next page."
    )


@strawberry.type(description="One item of a page, with its cursor.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of results with the means to fetch the next.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="Items of this page.")
    page_info: PageInfo = strawberry.field(description="Paging state.")
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Items of this page without their cursors.")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="How many items match the filter across all pages "
        "(costs one more query: ask only when shown)."
    )
    async def total_count(self) -> int:
        return await self.count_total()


@dataclass(frozen=True)
class Keyset:
    """The sort order of one connection and how to encode its cursors.

    `columns` are the ORDER BY columns; the last must be unique (the id),
    and all sort in the same direction so a row-value comparison works on
    both PostgreSQL and SQLite.
    """

    name: str
    columns: tuple[sa.ColumnElement[Any], ...]
    descending: bool = False

    def order_by(self) -> list[sa.ColumnElement[Any]]:
        """ORDER BY clauses for this keyset."""
        return [col.desc() if self.descending else col.asc() for col in self.columns]

    def after(self, cursor: str) -> sa.ColumnElement[bool]:
        """The predicate selecting rows strictly after `cursor`."""
        values = self.decode(cursor)
        row = sa.tuple_(*self.columns)
        bound = sa.tuple_(
            *(sa.literal(v, c.type) for v, c in zip(values, self.columns, strict=True))
        )
        return row < bound if self.descending else row > bound

    def encode(self, row: Any) -> str:
        """The cursor of a result row (which must carry the keyset columns)."""
        values = [_plain(getattr(row, str(col.key))) for col in self.columns]
        raw = json.dumps([self.name, *values], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> list[Any]:
        """Values of a cursor made by `encode`; anything else is BAD_USER_INPUT."""
        padded = cursor + "=" * (-len(cursor) % 4)
        try:
            payload = json.loads(base64.urlsafe_b64decode(padded))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise BadUserInput("after", "malformed cursor") from None
        if (
            not isinstance(payload, list)
            or len(payload) != len(self.columns) + 1
            or payload[0] != self.name
        ):
            raise BadUserInput("after", "cursor belongs to another list")
        try:
            return [
                _restore(value, col.type.python_type)
                for value, col in zip(payload[1:], self.columns, strict=True)
            ]
        except (TypeError, ValueError):
            raise BadUserInput("after", "malformed cursor") from None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _restore(value: Any, python_type: type) -> Any:
    if python_type is datetime:
        if not isinstance(value, str):
            raise TypeError(value)
        restored = datetime.fromisoformat(value)
        if restored.tzinfo is None:
            raise ValueError(value)
        return restored
    if python_type is int and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_PK
    ):
        raise TypeError(value)
    if python_type is str and not isinstance(value, str):
        raise TypeError(value)
    return value


FirstArgument = Annotated[
    int | None,
    strawberry.argument(description="Page size, 0 to 100 (default 20)."),
]
AfterArgument = Annotated[
    str | None,
    strawberry.argument(description="`endCursor` of the previous page."),
]


def page_size(info: Any, first: int | None) -> int:
    """The page size for `first` under the gateway's settings."""
    settings = info.context.settings
    return check_page_size(
        first, default=settings.default_page_size, maximum=settings.max_page_size
    )


def check_page_size(first: int | None, *, default: int, maximum: int) -> int:
    """The page size to use, or BAD_USER_INPUT when `first` is out of range."""
    if first is None:
        return default
    if first < 0:
        raise BadUserInput("first", "must be zero or more")
    if first > maximum:
        raise BadUserInput("first", f"must be at most {maximum}")
    return first


def build_connection(
    rows: Sequence[Any],
    *,
    keyset: Keyset,
    first: int,
    after: str | None,
    count_total: Callable[[], Awaitable[int]],
) -> Connection[Any]:
    """A connection from `first + 1` fetched rows (the extra one means "more")."""
    page = rows[:first]
    edges = [Edge(cursor=keyset.encode(row), node=row) for row in page]
    page_info = PageInfo(
        has_next_page=len(rows) > first,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=page_info, count_total=count_total)


async def fetch_page(
    info: Any,
    statement: sa.Select[Any],
    count_statement: sa.Select[Any],
    *,
    keyset: Keyset,
    first: int,
    after: str | None,
) -> Connection[Any]:
    """Run a keyset page query and wrap it in a connection.

    When the query asks for `totalCount`, the count rides along in the page
    statement as an uncorrelated scalar subquery (evaluated once by both
    PostgreSQL and SQLite), so a page costs one round trip, not two.
    """
    wants_total = "totalCount" in node_fields(info)
    if after is not None:
        statement = statement.where(keyset.after(after))
    statement = statement.order_by(*keyset.order_by()).limit(first + 1)
    if wants_total:
        statement = statement.add_columns(
            count_statement.scalar_subquery().label("total_count")
        )
    rows = await info.context.db.fetch_all(statement)

    async def count_total() -> int:
        if rows and wants_total:
            return int(rows[0].total_count)
        # An empty page carries no count: ask for it on its own.
        return int(await info.context.db.fetch_scalar(count_statement))

    return build_connection(
        rows, keyset=keyset, first=first, after=after, count_total=count_total
    )
