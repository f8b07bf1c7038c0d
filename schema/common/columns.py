"""Column helpers for the read paths."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def enum_as_text(column: sa.Column[Any]) -> sa.ColumnElement[str]:
    """Read an enum column as its plain stored string, under the same key.

    Strawberry serialises a Python enum member by scanning every member of
    the GraphQL enum, but a plain value with one dictionary lookup; on the
    candidate pool that is the difference between ~25 µs and ~1 µs a field.
    """
    return sa.type_coerce(column, sa.String()).label(column.key)
