"""`spofcheck model` shows what the calculator uses (issue 19): effective min_healthy,
standby mode, replicas and zones, and each zone's region, in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spofcheck.availability import compute
from spofcheck.model import Architecture
from spofcheck.parse.yaml_arch import load_yaml_architecture
from spofcheck.report.model_format import render_json, render_text
from tests.helpers.availability_cases import arch, comp

DESIGN = """version: 1
regions:
  eu: {availability: 99}
zones:
  a: {availability: 90}
  b: {region: eu, availability: 90}
components:
  db:
    replicas: 3
    zones: [a, b, a]
    quorum: true
    availability: 90
    standby: {}
"""


def _load(tmp_path: Path, text: str) -> Architecture:
    path = tmp_path / "architecture.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml_architecture(path, display_root=tmp_path)


def test_text_shows_the_quorum_majority_the_default_mode_assumed_zones_and_regions(
    tmp_path: Path,
) -> None:
    text = render_text([_load(tmp_path, DESIGN)], [])
    assert "min_healthy=2 (majority of 3, from quorum)" in text
    assert "standby: mode=warm (default)" in text
    assert "replicas=1 zones=a (assumed: shares primary's zones) region=eu" in text
    assert "zone a: region=eu (inferred) availability=90%" in text
    assert "zone b: region=eu availability=90%" in text  # named: not inferred


def test_json_effective_block_and_zone_provenance(tmp_path: Path) -> None:
    doc = json.loads(render_json([_load(tmp_path, DESIGN)], []))
    (db,) = doc["components"]
    assert db["effective"]["min_healthy"] == 2
    assert db["effective"]["min_healthy_from"] == "quorum"
    standby = db["effective"]["standby"]
    assert standby["mode"] == "warm"
    assert standby["mode_default"] is True
    assert standby["zones"] == ["a"]
    assert standby["zones_assumed"] is True
    assert standby["region"] == "eu"
    assert standby["replicas"] == 1
    assert db["standby"]["mode_default"] is True
    assert doc["zones"]["a"] == {"region": "eu", "region_inferred": True, "availability": 0.9}
    assert doc["zones"]["b"]["region_inferred"] is False


def test_what_the_model_shows_is_what_the_calculator_computes(tmp_path: Path) -> None:
    """The figure recomputed by hand from the shown readings equals the calculator's.

    Region eu up (0.99). Primaries: a, b, a (0.9 each, zones at 0.9); need 2 of 3; the
    standby sits in zone a (shown as assumed), 0.9, failover always works, so the
    component is up iff at least 2 of the 4 replicas are usable.
    Zones up/down: a and b independent at 0.9.
      a up, b up (0.81): 4 replicas at 0.9: P(>=2) = 1 - 0.1^4 - 4*0.9*0.1^3 = 0.9963
      a up, b down (0.09): 3 replicas (a, a, standby): P(>=2) = 0.9^3 + 3*0.9^2*0.1 = 0.972
      a down, b up (0.09): 1 replica: 0
      both down: 0
    A = 0.99 * (0.81 * 0.9963 + 0.09 * 0.972) = 0.99 * 0.894483 = 0.88553817
    """
    loaded = _load(tmp_path, DESIGN)
    result = compute(loaded)
    assert result.value == pytest.approx(0.88553817, abs=1e-12)


def test_a_quorum_below_its_majority_from_another_parser_shows_the_majority() -> None:
    """A model built elsewhere (Terraform adapters, plugins) may hold quorum with
    min_healthy 1; the calculator needs 3 of 5, and the model output says 3, not 1."""
    design = arch([comp("store", 0.9, replicas=5, min_healthy=1, quorum=True)])
    assert "min_healthy=3 (majority of 5, from quorum)" in render_text([design], [])
    doc = json.loads(render_json([design], []))
    assert doc["components"][0]["effective"]["min_healthy"] == 3


def test_a_written_min_healthy_above_the_majority_is_shown_as_written(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "version: 1\ncomponents:\n  db: {replicas: 3, quorum: true, min_healthy: 3, "
        "standby: {mode: cold, zones: [z]}}\n",
    )
    text = render_text([loaded], [])
    assert "min_healthy=3 zones" in text
    assert "mode=cold failover=automatic (adds no capacity)" in text
    assert "(assumed" not in text
    assert "(default)" not in text
