"""SQL statements per request grow with the query's depth, never its rows."""

from __future__ import annotations

import pytest
from graphql import FieldNode, parse
from graphql.language import OperationDefinitionNode, SelectionSetNode

from tests.conftest import GraphClient
from tests.factories import BULK_ALUMNI

NESTED_POOL = """
query Pool($first: Int!) {
  candidatePool(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id displayName nationality status graduationYear
        languages { language level }
        skills
        enrollments {
          status beginDate
          university { id name acronym }
          program { id name degreeLevel fieldOfStudy }
        }
      }
    }
  }
}
"""

NESTED_OPPORTUNITIES = """
query Jobs($first: Int!) {
  opportunities(first: $first) {
    totalCount
    nodes {
      id title(language: "en") availableLanguages requiredSkills
      requiredLanguages { language minLevel }
      partner { id name kind }
      salary { min max currency period }
    }
  }
}
"""

UNIVERSITIES_WITH_PROGRAMS = """
query Schools($first: Int!) {
  universities(first: $first) {
    nodes { id name programs { id name university { id name } } }
  }
}
"""


def depth_of(query: str) -> int:
    """Nesting depth of fields in the query's operation (leaves count)."""

    def walk(selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        return max(
            1 + walk(node.selection_set)
            for node in selection_set.selections
            if isinstance(node, FieldNode)
        )

    operation = parse(query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return walk(operation.selection_set)


async def test_candidate_pool_statements_do_not_grow_with_page_size(
    graph: GraphClient,
) -> None:
    small = await graph.data(NESTED_POOL, {"first": 10})
    statements_small = graph.statements
    large = await graph.data(NESTED_POOL, {"first": 100})
    statements_large = graph.statements

    assert len(small["candidatePool"]["edges"]) == 10
    assert len(large["candidatePool"]["edges"]) == 100
    assert BULK_ALUMNI >= 100
    assert statements_small == statements_large
    assert statements_large <= depth_of(NESTED_POOL) + 1


async def test_every_alumnus_on_a_full_page_has_its_nested_data(
    graph: GraphClient,
) -> None:
    data = await graph.data(NESTED_POOL, {"first": 100})
    for edge in data["candidatePool"]["edges"]:
        node = edge["node"]
        assert node["languages"], node["id"]
        assert node["skills"], node["id"]
        assert node["enrollments"], node["id"]
        for enrollment in node["enrollments"]:
            assert enrollment["university"]["name"]


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(NESTED_OPPORTUNITIES, id="opportunities"),
        pytest.param(UNIVERSITIES_WITH_PROGRAMS, id="universities"),
    ],
)
async def test_other_lists_cost_the_same_for_one_or_many_rows(
    graph: GraphClient, query: str
) -> None:
    await graph.data(query, {"first": 1})
    one = graph.statements
    await graph.data(query, {"first": 100})
    many = graph.statements
    # Several loaders can sit at one level here, so the bound is the
    # query's shape (one statement per loader), not its depth alone.
    assert one == many
