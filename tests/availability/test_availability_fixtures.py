"""The calculator on the architecture fixtures, read by the YAML parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.availability import compute
from spofcheck.model import Architecture
from spofcheck.parse.yaml_arch import load_yaml_architecture

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURES = sorted((ROOT / "fixtures" / "architectures").glob("*/architecture.yaml"))


def load(name: str) -> Architecture:
    path = ROOT / "fixtures" / "architectures" / name / "architecture.yaml"
    return load_yaml_architecture(path, display_root=ROOT)


@pytest.mark.parametrize("path", ARCHITECTURES, ids=lambda p: p.parent.name)
def test_every_yaml_architecture_gets_an_exact_value(path: Path) -> None:
    arch = load_yaml_architecture(path, display_root=ROOT)
    result = compute(arch)
    assert result.value is not None, result.notes
    assert 0.0 < result.value <= 1.0
    assert compute(arch).to_json() == result.to_json()  # deterministic


def test_seed_q3_single_points_of_failure() -> None:
    """Q3: dns -> lb -> app (3 replicas over zone-a, zone-b) -> db; the cache is soft.
    No figure is declared, so the catalogue defaults apply: dns 99.99%, load balancer
    99.99%, service 99.5% per replica, database 99.5%; zones are not given an
    availability (not modelled).
    A = 0.9999 * 0.9999 * (1 - 0.005^3) * 0.995 = 0.99480088...
    """
    result = compute(load("seed-q3-spof"))
    expected = 0.9999 * 0.9999 * (1 - 0.005**3) * 0.995
    assert result.value is not None
    assert abs(result.value - expected) < 1e-9
    assert result.defaults_used == ["app", "db", "dns", "lb"]
    assert [c.id for c in result.components][:2] == ["db", "dns"]  # the biggest levers


def test_news_site_fix_raises_availability() -> None:
    before = compute(load("seed-news-before")).value
    after = compute(load("seed-news-after")).value
    assert before is not None
    assert after is not None
    assert after > before
