"""Partners read the schema: every type, field, argument and enum has a text."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

from gateway.settings import Settings
from schema import build_schema


def own_named_types(graphql_schema: GraphQLSchema) -> dict[str, object]:
    """Types this project defines: no introspection or federation types."""
    return {
        name: graphql_type
        for name, graphql_type in graphql_schema.type_map.items()
        if not name.startswith("_") and not name.startswith("link__")
    }


def test_every_type_has_a_description() -> None:
    types = own_named_types(build_schema(Settings())._schema)
    missing = [
        name
        for name, graphql_type in types.items()
        if isinstance(
            graphql_type,
            GraphQLObjectType
            | GraphQLInterfaceType
            | GraphQLInputObjectType
            | GraphQLEnumType,
        )
        and not graphql_type.description
    ]
    assert missing == []


def test_every_field_and_argument_has_a_description() -> None:
    types = own_named_types(build_schema(Settings())._schema)
    missing: list[str] = []
    for name, graphql_type in types.items():
        if not isinstance(
            graphql_type,
            GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType,
        ):
            continue
        for field_name, field in graphql_type.fields.items():
            if field_name.startswith("_"):
                continue  # federation's `_service` and `_entities`
            if not field.description:
                missing.append(f"{name}.{field_name}")
            for arg_name, arg in getattr(field, "args", {}).items():
                if not arg.description:
                    missing.append(f"{name}.{field_name}({arg_name})")
    assert missing == []
