"""HA021: survivors plus the standby that takes over, after a zone or region loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.rule_cases import load_yaml, messages, run_rule

HEAD = (
    "version: 1\nzones: {e1: {region: east}, e2: {region: east}, w1: {region: west}}\ncomponents:\n"
)


def _ha021(tmp_path: Path, body: str) -> list[str]:
    return messages(run_rule("HA021", load_yaml(HEAD + body, tmp_path)))


def test_seed_q9_warm_standby_at_a_quarter_of_the_primary(tmp_path: Path) -> None:
    """20 primaries over e1/e2 (region east), 5 warm in w1, need 14: losing east leaves
    0 + 5 = 5; losing e1 alone leaves 10 + 5 = 15 >= 14, so the region is the finding."""
    body = (
        "  app: {kind: service, replicas: 20, zones: [e1, e2], min_healthy: 14,\n"
        "        standby: {mode: warm, failover: automatic, replicas: 5, zones: [w1]}}\n"
    )
    assert _ha021(tmp_path, body) == [
        "after losing region east: 5 of 14 needed (0 of 20 primaries left, 5 warm standby "
        "replicas take over)"
    ]


def test_zone_loss_with_standby_in_the_next_zone(tmp_path: Path) -> None:
    """4 primaries in e1, 1 hot standby in e2, need 3: losing e1 leaves 0 + 1 = 1."""
    body = (
        "  db: {kind: database, replicas: 4, zones: [e1], min_healthy: 3,\n"
        "       standby: {mode: hot, failover: automatic, replicas: 1, zones: [e2]}}\n"
    )
    assert _ha021(tmp_path, body) == [
        "after losing zone e1: 1 of 3 needed (0 of 4 primaries left, 1 hot standby "
        "replicas take over)"
    ]


@pytest.mark.parametrize(
    "body",
    [
        # the standby covers the need: 0 + 14 >= 14
        "  app: {kind: service, replicas: 20, zones: [e1], min_healthy: 14,\n"
        "        standby: {mode: warm, failover: automatic, replicas: 14, zones: [w1]}}\n",
        # a manual standby adds nothing when it matters: HA006's finding
        "  app: {kind: service, replicas: 20, zones: [e1], min_healthy: 14,\n"
        "        standby: {mode: warm, failover: manual, replicas: 5, zones: [w1]}}\n",
        # primaries and standby lost together: HA002's or HA008's finding
        "  app: {kind: service, replicas: 2, zones: [e1], min_healthy: 2,\n"
        "        standby: {mode: warm, failover: automatic, replicas: 1, zones: [e1]}}\n",
        # no standby: HA009's territory
        "  app: {kind: service, replicas: 4, zones: [e1, w1], min_healthy: 3}\n",
    ],
)
def test_quiet_cases(tmp_path: Path, body: str) -> None:
    assert _ha021(tmp_path, body) == []
