"""The graph is a valid Apollo Federation v2 subgraph."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from gateway.settings import Settings
from schema import build_schema
from tests.conftest import GraphClient

FEDERATION_TOOLS = Path(__file__).resolve().parents[1] / "federation"
ENTITIES = ("Alumnus", "Enrollment", "Opportunity", "Partner", "Program", "University")


@pytest.fixture(scope="module")
def sdl() -> str:
    return build_schema(Settings()).as_str()


@pytest.fixture(scope="module")
def composer() -> Path:
    """Apollo's composition library, installed from the npm registry once."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("Node.js and npm are needed to compose the supergraph")
    if not (FEDERATION_TOOLS / "node_modules" / "@apollo" / "composition").is_dir():
        install = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(FEDERATION_TOOLS)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if install.returncode != 0:
            pytest.skip(
                f"npm could not install @apollo/composition: {install.stderr[-300:]}"
            )
    return FEDERATION_TOOLS / "compose.mjs"


def test_every_entity_carries_a_key(sdl: str) -> None:
    for entity in ENTITIES:
        assert f'type {entity} implements Node @key(fields: "id")' in sdl


def test_sdl_links_federation_v2(sdl: str) -> None:
    assert '@link(url: "https://specs.apollo.dev/federation/v2.' in sdl


async def test_service_field_returns_the_printed_sdl(
    graph: GraphClient, sdl: str
) -> None:
    data = await graph.data("{ _service { sdl } }")
    assert data["_service"]["sdl"].strip() == sdl.strip()


def test_sdl_composes_into_a_supergraph_with_apollo_composition(
    composer: Path, sdl: str
) -> None:
    result = subprocess.run(
        ["node", str(composer)], input=sdl, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    composed = json.loads(result.stdout)
    assert composed["errors"] == []
    assert composed["ok"]
    for entity in ENTITIES:
        assert entity in composed["types"]
