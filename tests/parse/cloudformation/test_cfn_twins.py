"""CloudFormation twins of the Terraform three-tier stacks give the same model, findings
and availability, modulo ids.

Each twin is written by hand from its Terraform stack. The id tables below pair every
serving or stateful component; the differences are the ones CloudFormation forces:
- no `count`: `aws_nat_gateway.nat` (count = 3, one per zone) is NatGateway1-3, so the
  three CloudFormation gateways are merged back (replicas added: 1 + 1 + 1 = 3, zones
  concatenated a, b, c) and the app's `any_of` over them is the one edge to the group;
- no way to declare an instance stopped (`aws_ec2_instance_state`): the bad stack's cold
  standby `aws_instance.app_standby` has no twin; it is dropped from the Terraform side,
  with its one HA004 finding, before comparing;
- ACM validation records: CloudFormation writes them itself (`DomainValidationOptions`),
  so `aws_route53_record.cert_validation` has no twin.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from spofcheck.api.pipeline import ScanRequest, ScanResult, run_scan
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.model import Architecture, Component, Relation

ARCHITECTURES = Path(__file__).resolve().parents[3] / "fixtures" / "architectures"

BAD = {
    "aws_route53_record.www": ["WwwRecord"],
    "aws_lb.web": ["WebLoadBalancer"],
    "aws_lb_target_group.app": ["AppTargetGroup"],
    "aws_autoscaling_group.app": ["AppGroup"],
    "aws_nat_gateway.main": ["NatGateway"],
    "aws_db_instance.main": ["Database"],
    "aws_elasticache_cluster.sessions": ["SessionCache"],
}
GOOD = {
    "aws_route53_record.www": ["WwwRecord"],
    "aws_lb.web": ["WebLoadBalancer"],
    "aws_lb_target_group.app": ["AppTargetGroup"],
    "aws_autoscaling_group.app": ["AppGroup"],
    "aws_nat_gateway.nat": ["NatGateway1", "NatGateway2", "NatGateway3"],
    "aws_db_instance.main": ["Database"],
    "aws_elasticache_replication_group.sessions": ["SessionCache"],
}
NO_TWIN = {"aws_instance.app_standby", "aws_route53_record.cert_validation"}
PLUMBING = {"config", "network"}
_FIELDS = [
    "kind",
    "scope",
    "min_healthy",
    "region",
    "availability",
    "health_check",
    "sticky_sessions",
    "standby",
    "quorum",
    "backups",
    "autoscaling",
    "unresolved",
    "modelled",
]
TWINS = [("aws-three-tier-bad", BAD), ("aws-three-tier-good", GOOD)]


@cache
def _scan(name: str) -> ScanResult:
    request = ScanRequest(paths=[ARCHITECTURES / name], use_cache=False)
    return run_scan(request, load_catalogue())


def _serving(arch: Architecture) -> set[str]:
    return {c for c, comp in arch.components.items() if comp.kind.value not in PLUMBING}


def _merged(members: list[Component]) -> dict[str, Any]:
    """One view of a group of twins: replicas added, zones concatenated, the rest equal."""
    views = [{f: m.model_dump(mode="json")[f] for f in _FIELDS} for m in members]
    assert all(v == views[0] for v in views), views
    zones = [z for m in members for z in m.zones]
    return {**views[0], "replicas": sum(m.replicas for m in members), "zones": zones}


def _view(component: Component) -> dict[str, Any]:
    return _merged([component])


def _edges(arch: Architecture, rename: dict[str, str]) -> set[tuple[str, tuple[str, ...]]]:
    """Request edges as (source, targets), ids renamed, dropped components left out."""
    found = set()
    for dep in arch.dependencies:
        if dep.relation is not Relation.REQUEST:
            continue
        targets = tuple(sorted({rename.get(t, t) for t in [*dep.any_of, *[dep.target or ""]] if t}))
        source = rename.get(dep.source, dep.source)
        kept = tuple(t for t in targets if t not in NO_TWIN)
        if source not in NO_TWIN and kept:
            found.add((source, kept))
    return found


@pytest.mark.parametrize(("name", "ids"), TWINS)
def test_twin_model_equals_terraform_model(name: str, ids: dict[str, list[str]]) -> None:
    terraform = _scan(name).stacks[0].arch
    twin = _scan(name + "-cfn").stacks[0].arch
    assert not twin.errors
    assert _serving(terraform) - NO_TWIN == set(ids)
    assert _serving(twin) == {c for group in ids.values() for c in group}
    for tf_id, cfn_ids in ids.items():
        expected = _view(terraform.components[tf_id])
        assert _merged([twin.components[c] for c in cfn_ids]) == expected, tf_id
    back = {c: tf_id for tf_id, group in ids.items() for c in group}
    assert _edges(twin, back) == _edges(terraform, {})
    assert [back[e] for e in twin.entrypoints] == terraform.entrypoints
    assert twin.zones == terraform.zones


@pytest.mark.parametrize(("name", "ids"), TWINS)
def test_twin_findings_and_availability_equal(name: str, ids: dict[str, list[str]]) -> None:
    terraform, twin = _scan(name), _scan(name + "-cfn")
    back = {c: tf_id for tf_id, group in ids.items() for c in group}
    expected = {(f.rule_id, f.component) for f in terraform.report.findings}
    expected = {(r, c) for r, c in expected if c not in NO_TWIN}
    assert {(f.rule_id, back[f.component]) for f in twin.report.findings} == expected
    tf_figure = terraform.report.availability
    twin_figure = twin.report.availability
    assert tf_figure is not None
    assert twin_figure is not None
    assert tf_figure.value is not None
    assert twin_figure.value == pytest.approx(tf_figure.value, abs=1e-12)
