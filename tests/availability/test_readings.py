"""Issue 19: each YAML reading the calculator relies on is decided, visible and located.

Numbers are derived by hand in each docstring.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.availability import compute
from spofcheck.model import Architecture
from spofcheck.model.availability import Method
from spofcheck.parse.yaml_arch import load_yaml_architecture


def _load(tmp_path: Path, text: str) -> Architecture:
    path = tmp_path / "architecture.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml_architecture(path, display_root=tmp_path)


def test_min_healthy_below_the_quorum_majority_is_a_located_error(tmp_path: Path) -> None:
    """3 replicas, quorum, min_healthy 1: the majority is 2. The model held 1 while the
    calculator used 2; now a located error, the model holds 2, and no figure is printed."""
    arch = _load(
        tmp_path,
        """version: 1
components:
  db:
    replicas: 3
    quorum: true
    min_healthy: 1
""",
    )
    (error,) = arch.errors
    assert error.line == 6
    assert "majority 2" in error.message
    assert arch.components["db"].min_healthy == 2
    result = compute(arch)
    assert result.value is None
    assert result.method is Method.NOT_COMPUTED


def test_a_declared_zone_without_region_takes_the_files_single_region(tmp_path: Path) -> None:
    arch = _load(
        tmp_path,
        """version: 1
regions:
  eu: {availability: 99.99}
zones:
  eu-a: {availability: 99.9}
components:
  web: {zones: [eu-a]}
""",
    )
    assert arch.errors == []
    assert arch.zones["eu-a"].region == "eu"


def test_a_regionless_zone_named_in_two_regions_is_an_error(tmp_path: Path) -> None:
    """Before, the zone belonged to whichever region each component named."""
    arch = _load(
        tmp_path,
        """version: 1
regions:
  eu: {}
  us: {}
zones:
  shared: {availability: 99.9}
components:
  web: {zones: [shared], region: eu}
  api: {zones: [shared], region: us}
""",
    )
    messages = [e.message for e in arch.errors]
    assert any("zone 'shared' has no region" in m and "'eu', 'us'" in m for m in messages)


def test_an_unplaced_standby_shares_the_primarys_zone(tmp_path: Path) -> None:
    """db: one primary in zone a (zone availability 0.99), a hot standby without zones,
    replica availability 0.9 each, failover always works.

    Read as sharing zone a: P = 0.99 * (1 - 0.1 * 0.1) = 0.99 * 0.99 = 0.9801.
    (Read as escaping the zone, as before: 0.9801 + 0.01 * 0.9 = 0.9891.)
    """
    arch = _load(
        tmp_path,
        """version: 1
zones:
  a: {availability: 99}
components:
  db:
    zones: [a]
    availability: 90
    standby: {mode: hot}
""",
    )
    assert arch.errors == []
    result = compute(arch)
    assert result.value == pytest.approx(0.9801, abs=1e-12)
    assert any("standby has no zones written; assumed" in n for n in result.notes)
