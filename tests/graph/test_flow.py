"""One request graph: diagrams and checks read the same edges, junctions and entry points."""

from __future__ import annotations

from pathlib import Path

from spofcheck.diagram.select import Selection, arch_links, entry_points, neighbourhood
from spofcheck.diagram.select import request_graph as drawn_graph
from spofcheck.graph.flow import downstream, reach, request_flow, roots, upstream
from tests.helpers.rule_cases import load_yaml

DOC = """\
version: 1
zones: {a: {}, b: {}}
components:
  dns: {kind: dns, scope: global, depends_on: [{any_of: [lb_a, lb_b]}]}
  lb_a: {kind: load_balancer, zones: [a], depends_on: [app]}
  lb_b: {kind: load_balancer, zones: [b], depends_on: [app]}
  app: {kind: service, zones: [a, b], depends_on: [db, {target: recs, kind: soft}]}
  db: {kind: database, zones: [a, b]}
  recs: {kind: service, zones: [a]}
  lonely: {kind: service, zones: [a]}
"""


def test_reach_contracts_any_of_groups_into_edges_to_each_alternative(tmp_path: Path) -> None:
    view = reach(request_flow(load_yaml(DOC, tmp_path)))
    assert sorted(view.successors("dns")) == ["lb_a", "lb_b"]
    assert sorted(view.successors("app")) == ["db", "recs"]  # soft edges carry requests too


def test_roots_are_the_components_nobody_calls_that_call_something(tmp_path: Path) -> None:
    """`lonely` calls nothing and nobody calls it: no door for requests."""
    assert roots(request_flow(load_yaml(DOC, tmp_path))) == ["dns"]


def test_up_and_downstream_leave_junctions_out(tmp_path: Path) -> None:
    flow = request_flow(load_yaml(DOC, tmp_path))
    assert upstream(flow, "app") == {"dns", "lb_a", "lb_b"}
    assert downstream(flow, "lb_a") == {"app", "db", "recs"}


def test_the_diagram_reads_the_same_graph(tmp_path: Path) -> None:
    """The diagram's focus neighbourhood, inferred entry points and drawn reachability
    are the graph layer's, not a second graph with its own `any_of` rules."""
    parsed = load_yaml(DOC, tmp_path)
    arch = parsed.model_copy(update={"entrypoints": [], "entrypoints_declared": False})
    links = tuple(arch_links(arch, show_all=False))
    selection = Selection(tuple(sorted(arch.components)), links)
    assert entry_points(arch, selection, infer=True) == ("dns",)
    assert neighbourhood(arch, "lb_b", show_all=False) == {"dns", "lb_b", "app", "db", "recs"}
    drawn = drawn_graph(selection.components, links)
    assert set(drawn.edges) == set(reach(request_flow(arch)).edges)
