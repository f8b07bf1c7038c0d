"""Limits on what one GraphQL request may ask for, checked before it runs.

Depth, aliases and tokens bound the query's text; this bounds the work it
asks for: every field counts once per row the pages around it may return
(their `first`, or the default page size) and per `_entities` reference.
Lists that are not paged (an alumnus's languages) count as one row: they are
short by nature.
It also refuses text no database can store the same way (NUL characters,
lone surrogates) before it reaches SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
)
from graphql.language import DocumentNode, ValueNode
from strawberry.extensions import SchemaExtension

# Root and nested fields that return pages; their size is `first`.
PAGED_FIELDS = frozenset(
    {
        "auditRecords",
        "candidatePool",
        "connectors",
        "opportunities",
        "students",
        "universities",
    }
)


def _value(node: ValueNode, variables: Mapping[str, Any]) -> Any:
    if isinstance(node, VariableNode):
        return variables.get(node.name.value)
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, ListValueNode):
        return [_value(item, variables) for item in node.values]
    return None


def _cost(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    pages: tuple[int, int],
    seen: frozenset[str] = frozenset(),
) -> int:
    """Rows the selection may produce, nested lists multiplied."""
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:
                continue
            total += _cost(
                fragments[name].selection_set, fragments, variables, pages,
                seen | {name},
            )  # fmt: skip
        elif isinstance(selection, InlineFragmentNode):
            total += _cost(selection.selection_set, fragments, variables, pages, seen)
        elif isinstance(selection, FieldNode):
            total += _field_cost(selection, fragments, variables, pages, seen)
    return total


def _field_cost(
    field: FieldNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    pages: tuple[int, int],
    seen: frozenset[str],
) -> int:
    arguments = {arg.name.value: arg.value for arg in field.arguments or ()}
    name = field.name.value
    rows = 1
    if name in PAGED_FIELDS:
        first = _value(arguments["first"], variables) if "first" in arguments else None
        default, maximum = pages
        # Out-of-range sizes are refused by the field itself (BAD_USER_INPUT);
        # here they count as the largest page they could be.
        rows = min(first, maximum) if isinstance(first, int) and first >= 0 else default
    elif name == "_entities" and "representations" in arguments:
        references = _value(arguments["representations"], variables)
        rows = len(references) if isinstance(references, list) else 1
    inner = _cost(field.selection_set, fragments, variables, pages, seen)
    return rows * max(inner, 1)


def operation_cost(
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any],
    pages: tuple[int, int],
) -> int:
    """The estimated field values of the operation that will run.

    `pages` is (default page size, largest page size).
    """
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    operations = [
        d for d in document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    chosen = [
        op
        for op in operations
        if operation_name is None or (op.name and op.name.value == operation_name)
    ]
    return max(
        (_cost(op.selection_set, fragments, variables, pages) for op in chosen),
        default=0,
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _literal_strings(document: DocumentNode) -> Iterator[str]:
    stack: list[Any] = list(document.definitions)
    while stack:
        node = stack.pop()
        if isinstance(node, StringValueNode):
            yield node.value
            continue
        for key in getattr(node, "keys", ()):
            child = getattr(node, key, None)
            if isinstance(child, tuple | list):
                stack.extend(c for c in child if hasattr(c, "keys"))
            elif hasattr(child, "keys") and not isinstance(child, str):
                stack.append(child)
        if isinstance(node, ObjectValueNode):
            stack.extend(field.value for field in node.fields)


def is_storable(text: str) -> bool:
    """False for NUL characters and lone surrogates, which no backend stores."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class RequestLimits(SchemaExtension):
    """Refuses too costly operations and unstorable text before execution."""

    def __init__(self, *, max_cost: int, pages: tuple[int, int]) -> None:
        """`pages` is (default page size, largest page size)."""
        super().__init__()
        self.max_cost = max_cost
        self.pages = pages

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.result:
            variables = context.variables or {}
            error = self._check(document, context.operation_name, variables)
            if error is not None:
                # A result set before execution replaces it: nothing runs.
                context.result = ExecutionResult(data=None, errors=[error])
        yield

    def _check(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: Mapping[str, Any],
    ) -> GraphQLError | None:
        for text in (*_strings(variables), *_literal_strings(document)):
            if not is_storable(text):
                return GraphQLError(
                    "Text must not contain NUL characters or lone surrogates.",
                    extensions={"code": "BAD_USER_INPUT"},
                )
        cost = operation_cost(document, operation_name, variables, self.pages)
        if cost > self.max_cost:
            return GraphQLError(
                f"This operation may return about {cost} values; the limit is "
                f"{self.max_cost}. Ask for smaller pages, fewer fields or aliases.",
                extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost},
            )
        return None
