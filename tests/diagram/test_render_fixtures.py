"""Every architecture fixture renders; structure checked on the DOT, the SVG parsed as XML.

Goldens (`tests/diagram/golden/`) hold the DOT and Mermaid of the YAML seed designs, so
a change to what a diagram says shows up in review. Refresh them deliberately:
`SPOFCHECK_REGENERATE=1 pytest tests/diagram/test_render_fixtures.py`, then read the diff.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanRequest, StackResult, run_scan
from spofcheck.diagram import render_diagram
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.model import Architecture, Finding, Relation, Severity
from tests.helpers.dot_structure import DotGraph, parse_dot, plain

REPO = Path(__file__).resolve().parents[2]
ARCHITECTURES = REPO / "fixtures" / "architectures"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = (
    sorted(p.name for p in ARCHITECTURES.iterdir() if p.is_dir()) if ARCHITECTURES.is_dir() else []
)
SEEDS = [name for name in FIXTURES if name.startswith("seed-")]
SVG = "{http://www.w3.org/2000/svg}"
RED = "#fde4e4"
AMBER_FILL = "#fff4d6"


@cache
def _scan(name: str) -> StackResult:
    result = run_scan(
        ScanRequest(paths=[ARCHITECTURES / name], use_cache=False), load_catalogue([])
    )
    if not result.stacks:
        pytest.skip(f"spofcheck finds nothing to analyze in {name} (yet): {result.errors}")
    assert len(result.stacks) == 1, f"{name}: one stack per fixture folder"
    stack = result.stacks[0]
    assert not stack.arch.errors, [e.one_line() for e in stack.arch.errors]
    return stack


def _block(stack: StackResult) -> dict[str, object] | None:
    return stack.availability.to_json() if stack.availability is not None else None


def _component(attrs: dict[str, str]) -> str:
    return attrs.get("tooltip", "").replace('\\"', '"').split(" · uses ")[0]


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 4, f"expected the seed and Terraform fixtures in {ARCHITECTURES}"


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_structure_on_the_dot(name: str) -> None:
    stack = _scan(name)
    output = render_diagram(
        stack.arch, findings=stack.findings, availability=_block(stack), fmt="dot"
    )
    graph = parse_dot(str(output.content))
    drawn = {_component(a): k for k, a in graph.nodes.items() if "tooltip" in a}
    assert plain(graph.graph_label).startswith(stack.arch.name or "architecture")
    _regions_hold_their_components(stack.arch, graph, drawn)
    _spofs_are_red(stack.findings, graph, drawn)
    _any_of_groups_have_junctions(stack.arch, graph, drawn)
    for entry in stack.arch.entrypoints:
        assert ("clients", drawn[entry]) in {(a, b) for a, b, _ in graph.edges}


def _regions_hold_their_components(
    arch: Architecture, graph: DotGraph, drawn: dict[str, str]
) -> None:
    for cid, key in drawn.items():
        component = arch.components.get(cid)
        if component is not None and component.region and component.scope.value != "global":
            assert graph.path_of(key)[0].startswith(f"region {component.region}"), cid


def _spofs_are_red(findings: list[Finding], graph: DotGraph, drawn: dict[str, str]) -> None:
    """Red means what the legend says, a single point of failure (HA001); any other finding,
    however severe, is amber unless the component is also a SPOF."""
    active = [f for f in findings if not f.suppressed and f.severity is not Severity.INFO]
    red = {f.component for f in active if f.rule_id == "HA001"}
    for cid in red & set(drawn):
        assert graph.nodes[drawn[cid]]["fillcolor"] == RED, cid
    for cid in ({f.component for f in active} - red) & set(drawn):
        assert graph.nodes[drawn[cid]]["fillcolor"] == AMBER_FILL, cid


def _any_of_groups_have_junctions(
    arch: Architecture, graph: DotGraph, drawn: dict[str, str]
) -> None:
    groups = {
        (d.source, tuple(d.any_of))
        for d in arch.dependencies
        if d.any_of and d.relation is Relation.REQUEST and d.source in drawn
    }
    junctions = [k for k, a in graph.nodes.items() if a.get("shape") == "diamond"]
    assert len(junctions) == len(groups)
    for junction in junctions:
        sources = [a for a, b, _ in graph.edges if b == junction]
        targets = sorted(b for a, b, _ in graph.edges if a == junction)
        assert len(sources) == 1
        assert any(
            drawn[s] == sources[0] and sorted(drawn[t] for t in alts) == targets
            for s, alts in groups
        )


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz `dot` not installed: no SVG")
@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_renders_to_svg(name: str) -> None:
    stack = _scan(name)
    kwargs = {"findings": stack.findings, "availability": _block(stack)}
    source = str(render_diagram(stack.arch, fmt="dot", **kwargs).content)  # type: ignore[arg-type]
    output = render_diagram(stack.arch, fmt="svg", **kwargs)  # type: ignore[arg-type]
    assert not output.fallback, output.notes
    root = ET.fromstring(output.content)
    assert root.tag == f"{SVG}svg"
    classes = [g.get("class") for g in root.iter(f"{SVG}g")]
    graph = parse_dot(source)
    assert classes.count("node") == len(graph.nodes)
    assert classes.count("edge") == len(graph.edges)
    assert classes.count("cluster") == len(graph.clusters()) - 1


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_seed_goldens(name: str, fmt: str) -> None:
    """Without findings or availability, so only the parser and the diagram code matter."""
    content = str(render_diagram(_scan(name).arch, fmt=fmt).content)
    golden = GOLDEN / f"{name}.{'mmd' if fmt == 'mermaid' else fmt}"
    if os.environ.get("SPOFCHECK_REGENERATE") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(content, encoding="utf-8")
    assert golden.is_file(), f"no golden yet: run with SPOFCHECK_REGENERATE=1 ({golden})"
    assert content == golden.read_text(encoding="utf-8")
