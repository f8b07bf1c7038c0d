"""The Relay `Node` interface and the registry `node(id)` resolves through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
import strawberry

from schema.common.context import GatewayContext, RowLoader
from schema.common.ids import from_global_id, to_global_id

# typename -> the per-request loader class that fetches it by primary key
_LOADERS: dict[str, type[RowLoader[int, Any]]] = {}


@strawberry.interface(description="An object with a stable global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id; use it with `node(id:)` or `_entities`."
    )


def register_node(typename: str, loader_cls: type[RowLoader[int, Any]]) -> None:
    """Make objects of `typename` reachable through `node(id)`."""
    _LOADERS[typename] = loader_cls


async def load_node(context: GatewayContext, global_id: str) -> Any | None:
    """The object behind a global id, or None when the caller may not see it."""
    typename, pk = from_global_id(global_id)
    loader_cls = _LOADERS.get(typename)
    if loader_cls is None:
        return None
    return await context.loader(loader_cls).load(pk)


def typename_column(typename: str) -> sa.ColumnElement[str]:
    """A constant column telling which GraphQL type a row stands for.

    Rows are served to Strawberry as they come from SQLAlchemy Core; this
    column lets interface and union resolution tell them apart cheaply.
    """
    return sa.literal_column(f"'{typename}'").label("typename")


def row_is(typename: str) -> Callable[..., bool]:
    """An `is_type_of` for a type whose rows carry `typename_column`."""

    def is_type_of(cls: Any, obj: Any, _info: Any) -> bool:
        return getattr(obj, "typename", None) == typename

    return classmethod(is_type_of)  # type: ignore[return-value]


def global_id_resolver(typename: str) -> Callable[..., strawberry.ID]:
    """A resolver giving the global id of a row by its `id` column."""

    def resolve_id(root: strawberry.Parent[Any]) -> strawberry.ID:
        return strawberry.ID(to_global_id(typename, root.id))

    return resolve_id
