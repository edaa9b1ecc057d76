"""HA009: capacity left after losing the busiest zone, against the declared need."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.rule_cases import load_yaml, messages, run_rule

HEAD = "version: 1\nzones: {a: {}, b: {}, c: {}}\ncomponents:\n"


def _ha009(tmp_path: Path, body: str) -> list[str]:
    return messages(run_rule("HA009", load_yaml(HEAD + body, tmp_path)))


def test_four_in_two_zones_needing_three(tmp_path: Path) -> None:
    """Zones a, b, a, b: losing a leaves 2 < 3."""
    body = "  api: {kind: service, replicas: 4, zones: [a, b], min_healthy: 3}\n"
    assert _ha009(tmp_path, body) == [
        "losing zone a (holding 2 of 4 replicas) leaves 2, fewer than min_healthy 3: N+0 at "
        "zone level where N+1 was meant"
    ]


@pytest.mark.parametrize(
    "body",
    [
        # six over three zones needing four: losing any zone leaves 4
        "  api: {kind: service, replicas: 6, zones: [a, b, c], min_healthy: 4}\n",
        # the default need of one replica survives any zone
        "  api: {kind: service, replicas: 2, zones: [a, b]}\n",
        # everything in one zone is HA002's finding
        "  api: {kind: service, replicas: 4, zones: [a, a, a, a], min_healthy: 3}\n",
        # one replica failure already breaks it: HA001's finding
        "  api: {kind: service, replicas: 3, zones: [a, b, c], min_healthy: 3}\n",
    ],
)
def test_quiet_cases(tmp_path: Path, body: str) -> None:
    assert _ha009(tmp_path, body) == []


def test_a_quorum_needs_its_majority(tmp_path: Path) -> None:
    """Five members in a, a, b, b, c (majority 3): losing a leaves 3, enough."""
    body = "  zk: {kind: coordination, quorum: true, replicas: 5, zones: [a, a, b, b, c]}\n"
    assert _ha009(tmp_path, body) == []
    body = "  zk: {kind: coordination, quorum: true, replicas: 5, zones: [a, a, a, b, c]}\n"
    assert _ha009(tmp_path, body) == [
        "losing zone a (holding 3 of 5 replicas) leaves 2, fewer than the quorum's majority "
        "of 3: N+0 at zone level where N+1 was meant"
    ]
