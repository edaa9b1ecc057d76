"""HA014: only what the description writes about call guards is judged."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Severity
from tests.helpers.rule_cases import load_yaml, run_rule

HEAD = """\
version: 1
zones: {e1: {region: east}, w1: {region: west}}
components:
"""


def _ha014(tmp_path: Path, body: str) -> list[tuple[str, Severity, int | None]]:
    findings = run_rule("HA014", load_yaml(HEAD + body, tmp_path))
    return [(f.component, f.severity, f.line) for f in findings]


def test_silence_about_guards_is_not_a_defect(tmp_path: Path) -> None:
    body = """\
  app: {kind: service, zones: [e1], depends_on: [pay, db]}
  pay: {kind: external}
  db: {kind: database, zones: [w1]}
"""
    assert _ha014(tmp_path, body) == []


def test_explicit_no_timeout_is_reported_at_the_dependency_line(tmp_path: Path) -> None:
    body = """\
  app:
    kind: service
    zones: [e1]
    depends_on:
      - {target: db, timeout: false}
  db: {kind: database, zones: [e1]}
"""
    assert _ha014(tmp_path, body) == [("app", Severity.MEDIUM, 8)]


def test_once_guards_are_modelled_cross_region_calls_without_any_are_low(tmp_path: Path) -> None:
    body = """\
  app:
    kind: service
    zones: [e1]
    depends_on:
      - {target: cache, timeout: true}
      - db
      - {any_of: [db, db_local]}
      - {target: recs, kind: soft}
  cache: {kind: cache, zones: [e1]}
  db: {kind: database, zones: [w1]}
  db_local: {kind: database, zones: [e1]}
  recs: {kind: external}
"""
    assert _ha014(tmp_path, body) == [("app", Severity.LOW, 9)]
