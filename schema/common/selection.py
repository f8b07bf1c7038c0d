"""Read only the columns a query asks for.

Partners usually want a handful of fields from wide rows; fetching and
decoding the rest is pure cost on the hottest path, the candidate pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

Selection = SelectedField | FragmentSpread | InlineFragment


def _names(selections: Iterable[Selection], path: tuple[str, ...]) -> set[str]:
    """Field names found at `path` below `selections`, through fragments."""
    found: set[str] = set()
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            found |= _names(selection.selections, path)
        elif not path:
            found.add(selection.name)
        elif selection.name == path[0]:
            found |= _names(selection.selections, path[1:])
    return found


def connection_node_fields(info: Any) -> set[str]:
    """GraphQL field names selected on the nodes of the current connection."""
    top = info.selected_fields
    return _names(top, (info.field_name, "edges", "node")) | _names(
        top, (info.field_name, "nodes")
    )


def node_fields(info: Any) -> set[str]:
    """GraphQL field names selected on the object the current field returns."""
    return _names(info.selected_fields, (info.field_name,))


def columns_for(
    fields: set[str],
    field_columns: Mapping[str, tuple[sa.ColumnElement[Any], ...]],
    always: Iterable[sa.ColumnElement[Any]],
) -> list[sa.ColumnElement[Any]]:
    """The columns needed to answer `fields`, plus the ones always needed.

    A field missing from `field_columns` (a fragment on another type,
    `__typename`) needs no column of its own.
    """
    chosen: dict[str, sa.ColumnElement[Any]] = {}
    for column in always:
        chosen[str(column.key)] = column
    for name in fields:
        for column in field_columns.get(name, ()):
            chosen.setdefault(str(column.key), column)
    return list(chosen.values())
