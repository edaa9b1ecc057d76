"""HA013: loops of hard request dependencies."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, messages, run_rule

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def _ha013(tmp_path: Path, body: str) -> list[str]:
    return messages(run_rule("HA013", load_yaml(HEAD + body, tmp_path)))


def test_one_finding_per_loop_with_its_shortest_cycle(tmp_path: Path) -> None:
    body = """\
  a: {kind: service, zones: [a, b], depends_on: [b]}
  b: {kind: service, zones: [a, b], depends_on: [c]}
  c: {kind: service, zones: [a, b], depends_on: [a, b]}
  x: {kind: service, zones: [a, b], depends_on: [y]}
  y: {kind: service, zones: [a, b], depends_on: [x]}
"""
    found = [m.split(":")[0] for m in _ha013(tmp_path, body)]
    assert found == ["hard dependency cycle a → b → c → a", "hard dependency cycle x → y → x"]


def test_soft_edges_and_any_of_alternatives_break_loops(tmp_path: Path) -> None:
    body = """\
  a: {kind: service, zones: [a, b], depends_on: [b]}
  b: {kind: service, zones: [a, b], depends_on: [{target: a, kind: soft}]}
  c: {kind: service, zones: [a, b], depends_on: [{any_of: [d, e]}]}
  d: {kind: service, zones: [a, b], depends_on: [c]}
  e: {kind: service, zones: [a, b]}
"""
    assert _ha013(tmp_path, body) == []
