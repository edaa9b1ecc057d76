"""HA018: an estimate's high end against the declared RTO/RPO target, with the advice."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, messages, run_rule

HEAD = "version: 1\nzones: {a: {region: r1}, b: {region: r1}, w: {region: r2}}\n"


def _ha018(tmp_path: Path, text: str) -> list[str]:
    return messages(run_rule("HA018", load_yaml(HEAD + text, tmp_path)))


def test_manual_promotion_misses_a_short_rto(tmp_path: Path) -> None:
    """db in zone a, warm manual standby in zone b: losing a (or the instance) costs
    detection 30-60 s (ELB defaults 30 s x 2) + manual promotion 300-600 s = 330-660 s,
    above the 5-minute target; replication in-region defaults to sync: RPO 0. No region
    target is set, so the region loss (nothing elsewhere: unbounded) is not judged."""
    text = (
        "recovery: {rto: {instance: 5m, zone: 5m}}\n"
        "components:\n"
        "  db: {kind: database, zones: [a],\n"
        "       standby: {mode: warm, failover: manual, zones: [b]}}\n"
    )
    found = _ha018(tmp_path, text)
    assert found == [
        "instance failure: RTO up to 11m against 5m (detection 30s-1m, failover (manual) "
        "5m-10m); automate the promotion (standby.failover: automatic)",
        "zone failure: RTO up to 11m against 5m (detection 30s-1m, failover (manual) "
        "5m-10m); automate the promotion (standby.failover: automatic)",
    ]


def test_only_backups_miss_an_hour_rpo_and_rto(tmp_path: Path) -> None:
    """No standby, hourly backups: RPO up to 1 h (the interval) meets 1 h; the restore
    (30 min - 4 h) after detection misses a 1 h RTO."""
    text = (
        "recovery: {rto: 1h, rpo: 1h}\n"
        "components:\n"
        "  db: {kind: database, zones: [a], backups: {interval: 1h}}\n"
    )
    found = _ha018(tmp_path, text)
    assert found[0].startswith("instance failure: RTO up to 4h1m against 1h (")
    assert found[0].endswith("add a standby that takes over (hot or warm, automatic failover)")


def test_nothing_elsewhere_is_unbounded(tmp_path: Path) -> None:
    text = "recovery: {rto: 1h}\ncomponents:\n  api: {kind: service, replicas: 2, zones: [a, b]}\n"
    assert _ha018(tmp_path, text) == [
        "region failure: RTO unbounded against 1h (detection 30s-1m, nothing takes over "
        "0s-unbounded); add a standby that takes over (hot or warm, automatic failover)"
    ]


def test_quiet_without_targets_or_when_met(tmp_path: Path) -> None:
    met = (
        "recovery: {rto: {instance: 5m, zone: 5m}, rpo: {instance: 0, zone: 0}}\n"
        "components:\n"
        "  db: {kind: database, zones: [a], standby: {mode: hot, zones: [b]}}\n"
    )
    assert _ha018(tmp_path, met) == []
    none = "components:\n  db: {kind: database, zones: [a]}\n"
    assert _ha018(tmp_path, none) == []
