"""The GraphQL graph: one package per domain, assembled by `build_schema`."""

from schema.build import GatewaySchema, build_schema
from schema.common.context import GatewayContext

__all__ = ["GatewayContext", "GatewaySchema", "build_schema"]
