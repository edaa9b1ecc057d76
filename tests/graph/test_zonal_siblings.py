"""Per-zone siblings fold into one any_of group; anything less regular stays as written."""

from __future__ import annotations

from pathlib import Path

from spofcheck.graph.build import build_graph, is_junction, request_graph
from spofcheck.graph.queries import critical_sets
from spofcheck.graph.zonal import fold_zonal_siblings
from tests.helpers.rule_cases import load_yaml

HEAD = "version: 1\nzones: {a: {}, b: {}, c: {}}\ncomponents:\n"
NATS = """\
  nat_a: {kind: nat, zones: [a]}
  nat_b: {kind: nat, zones: [b]}
  nat_c: {kind: nat, zones: [c]}
"""


def _critical_for(tmp_path: Path, body: str, node: str) -> set[str]:
    arch = load_yaml(HEAD + body, tmp_path)
    folded = fold_zonal_siblings(request_graph(build_graph(arch)))
    return {n for n in critical_sets(folded)[node] if not is_junction(n)}


def test_one_nat_per_zone_is_a_group(tmp_path: Path) -> None:
    body = "  app: {kind: service, zones: [a, b, c], depends_on: [nat_a, nat_b, nat_c]}\n"
    assert _critical_for(tmp_path, body + NATS, "app") == {"app"}


def test_a_single_nat_for_every_zone_stays_critical(tmp_path: Path) -> None:
    body = "  app: {kind: service, zones: [a, b, c], depends_on: [nat_a]}\n"
    assert _critical_for(tmp_path, body + NATS, "app") == {"app", "nat_a"}


def test_siblings_sharing_a_zone_or_outside_the_spread_are_not_folded(tmp_path: Path) -> None:
    """Two gateways in zone a, or a gateway in a zone the app does not use, are not one
    per zone of the app: each stays a plain hard dependency."""
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [nat_a, nat_a2, nat_c]}
  nat_a: {kind: nat, zones: [a]}
  nat_a2: {kind: nat, zones: [a]}
  nat_c: {kind: nat, zones: [c]}
"""
    assert _critical_for(tmp_path, body, "app") == {"app", "nat_a", "nat_a2", "nat_c"}


def test_different_kinds_are_different_groups(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [a, b], depends_on: [nat_a, cache_b]}
  nat_a: {kind: nat, zones: [a]}
  cache_b: {kind: cache, zones: [b]}
"""
    assert _critical_for(tmp_path, body, "app") == {"app", "nat_a", "cache_b"}
