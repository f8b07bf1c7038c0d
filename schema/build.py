"""Assemble the root types of every domain into one federated schema."""

from __future__ import annotations

import logging
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.federation.schema import FederationAny
from strawberry.types import ExecutionContext

from auth.errors import AuthError
from gateway.settings import Settings
from schema.alumni.queries import AlumniQuery
from schema.alumni.types import Alumnus, Enrollment
from schema.audit.queries import AuditQuery
from schema.common.context import Info
from schema.common.errors import BadUserInput, GatewayError
from schema.common.limits import RequestLimits
from schema.common.node import Node, load_node
from schema.connectors.operations import ConnectorMutation, ConnectorQuery
from schema.enrollment import EnrollmentMutation, EnrollmentQuery
from schema.opportunities.mutations import OpportunityMutation
from schema.opportunities.queries import OpportunityQuery
from schema.opportunities.types import Opportunity
from schema.partners.types import Partner
from schema.universities.queries import UniversityQuery
from schema.universities.types import Program, University

logger = logging.getLogger(__name__)


@strawberry.type(description="Everything a partner can read.")
class Query(
    UniversityQuery,
    AlumniQuery,
    OpportunityQuery,
    ConnectorQuery,
    AuditQuery,
    EnrollmentQuery,
):
    @strawberry.field(description="Any object by its global id; null if not visible.")
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")],
    ) -> Node | None:
        return await load_node(info.context, id)  # type: ignore[no-any-return]


@strawberry.type(description="Everything a partner can change: only its own data.")
class Mutation(OpportunityMutation, ConnectorMutation, EnrollmentMutation):
    pass


ENTITY_TYPES = (University, Program, Alumnus, Enrollment, Partner, Opportunity)
ENTITY_NAMES = frozenset(entity.__name__ for entity in ENTITY_TYPES)


class GatewaySchema(strawberry.federation.Schema):
    """The federated schema, with stable error codes and masked internals."""

    def entities_resolver(
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        """`_entities`, refusing malformed representations one by one.

        A router sends `{__typename, id}`; anything else (unknown type, no
        id, extra keys) is the caller's mistake and must not reach the
        reference resolvers, where it would surface as an internal error.
        """
        results: list[Any] = []
        for index, representation in enumerate(representations):
            if (
                not isinstance(representation, dict)
                or representation.get("__typename") not in ENTITY_NAMES
                or not isinstance(representation.get("id"), str)
            ):
                results.append(
                    BadUserInput(
                        f"representations[{index}]",
                        "needs `__typename` of an entity and a string `id`",
                    )
                )
                continue
            clean = {
                "__typename": representation["__typename"],
                "id": representation["id"],
            }
            results.extend(super().entities_resolver(info, [clean]))  # type: ignore[list-item]
        return results

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        for error in errors:
            _classify(error)


def _classify(error: GraphQLError) -> None:
    """Give every error an `extensions.code`; mask and log unexpected ones."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    if isinstance(original, GatewayError | AuthError):
        extensions.setdefault("code", original.code)
    elif original is not None and not isinstance(original, GraphQLError):
        # A bug or an outage, not the caller's doing: log it once with the
        # trace, and tell the caller nothing about the internals.
        logger.error(
            "unexpected error resolving %s",
            ".".join(map(str, error.path or [])) or "operation",
            exc_info=original,
        )
        error.message = "Internal server error"
        extensions["code"] = "INTERNAL_SERVER_ERROR"
    elif "code" not in extensions:
        extensions["code"] = _code_of_request_error(error)
    error.extensions = extensions


def _code_of_request_error(error: GraphQLError) -> str:
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$"):
        # Variables are coerced before execution: a bad value, not a bad query.
        return "BAD_USER_INPUT"
    if error.path:
        return "INTERNAL_SERVER_ERROR"
    return "GRAPHQL_VALIDATION_FAILED"


def build_schema(settings: Settings) -> GatewaySchema:
    """The gateway's schema with the query limits from `settings`."""
    # Factories, not instances: Strawberry builds extensions per request.
    # The parser and validation caches live at module level, keyed by size,
    # so they still span requests.
    extensions: list[Any] = [
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_query_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        lambda: RequestLimits(
            max_cost=settings.max_query_cost,
            pages=(settings.default_page_size, settings.max_page_size),
        ),
    ]
    return GatewaySchema(
        query=Query,
        mutation=Mutation,
        types=list(ENTITY_TYPES),
        extensions=extensions,
    )
