"""Terraform's kubernetes provider reads like manifests: same facts, same rules."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import scan_folder

FOLDER = Path(__file__).resolve().parents[4] / "fixtures" / "kubernetes" / "terraform"


def test_kubernetes_resources_give_the_manifest_findings() -> None:
    """The Service (line 6) is sticky; the Deployment (line 22) runs 3 pods with a
    liveness probe only, no zone spread, and an HPA floor of 1; the budget (line 68)
    keeps 100% of them, so no drain may evict one."""
    result = scan_folder(FOLDER)
    assert not result.errors, [e.one_line() for e in result.errors]
    found = {(f.rule_id, f.component, f.line) for f in result.report.findings}
    assert found == {
        ("HA002", "kubernetes_deployment_v1.web", 22),
        ("HA003", "kubernetes_service_v1.web", 6),
        ("HA005", "kubernetes_deployment_v1.web", 22),
        ("HA017", "kubernetes_deployment_v1.web", 22),
        ("HA020", "kubernetes_pod_disruption_budget_v1.web", 68),
    }


def test_the_model_matches_what_a_manifest_would_give() -> None:
    arch = scan_folder(FOLDER).stacks[0].arch
    web = arch.components["kubernetes_deployment_v1.web"]
    assert (web.replicas, web.autoscaling and web.autoscaling.min) == (3, 1)
    assert web.drain_budget is not None
    assert web.drain_budget.max_unavailable == 0
    edges = {(d.source, tuple(d.targets)) for d in arch.request_dependencies()}
    assert ("kubernetes_service_v1.web", ("kubernetes_deployment_v1.web",)) in edges
    assert arch.entrypoints == ["kubernetes_service_v1.web"]


def test_helm_release_is_opaque() -> None:
    helm = scan_folder(FOLDER).stacks[0].arch.components["helm_release.redis"]
    assert "module" in helm.unresolved
    assert helm.availability_source.startswith("not modelled")
