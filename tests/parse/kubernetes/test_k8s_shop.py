"""The shop: the acceptance set for Kubernetes input (fixtures/kubernetes/shop-bad|good).

shop-bad holds an Ingress, three Services behind it (web, cart, orders), a
single-replica Deployment (web), a sticky Service (cart), a liveness-only Deployment
(orders) whose budget blocks every drain, and a two-member etcd that orders reaches
through an address in its environment. shop-good is its well-built twin.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spofcheck.api.diagrams import DiagramRequest, write_diagrams
from tests.helpers.rule_cases import scan_folder

SHOP = Path(__file__).resolve().parents[3] / "fixtures" / "kubernetes"
GOLDEN = Path(__file__).resolve().parent / "golden"

# (rule, component, file, line): each line is the object's `metadata:` line in its file.
EXPECTED_BAD = {
    ("HA001", "Deployment/shop/web", "web.yaml", 13),  # replicas left out: one pod
    ("HA001", "StatefulSet/shop/etcd", "etcd.yaml", 14),  # 2 members, majority 2
    ("HA002", "Deployment/shop/cart", "cart.yaml", 14),  # spread not guaranteed
    ("HA002", "Deployment/shop/orders", "orders.yaml", 13),
    ("HA002", "StatefulSet/shop/etcd", "etcd.yaml", 14),
    ("HA003", "Service/shop/cart", "cart.yaml", 4),  # sessionAffinity: ClientIP
    ("HA005", "Deployment/shop/orders", "orders.yaml", 13),  # liveness probe only
    ("HA007", "StatefulSet/shop/etcd", "etcd.yaml", 14),  # two members
    ("HA019", "Deployment/shop/cart", "cart.yaml", 14),  # 3 replicas, no budget
    ("HA019", "StatefulSet/shop/etcd", "etcd.yaml", 14),
    ("HA020", "PodDisruptionBudget/shop/orders", "orders.yaml", 35),  # minAvailable 3 of 3
}


def _findings(name: str) -> set[tuple[str, str, str, int]]:
    result = scan_folder(SHOP / name)
    assert not result.errors, [e.one_line() for e in result.errors]
    return {(f.rule_id, f.component, f.file or "", f.line or 0) for f in result.report.findings}


def test_the_bad_shop_gives_exactly_the_expected_findings() -> None:
    assert _findings("shop-bad") == EXPECTED_BAD


def test_the_severities_say_what_is_pinned_and_what_is_only_not_guaranteed() -> None:
    result = scan_folder(SHOP / "shop-bad")
    severity = {(f.rule_id, f.component): f.severity.value for f in result.report.findings}
    assert severity[("HA002", "Deployment/shop/cart")] == "medium"
    assert severity[("HA005", "Deployment/shop/orders")] == "medium"
    assert severity[("HA001", "Deployment/shop/web")] == "high"


def test_the_well_built_twin_is_quiet() -> None:
    """HPA-managed web without `replicas` (minReplicas 3) and a PDB next to that HPA are
    the known false positives of other linters: nothing here."""
    assert _findings("shop-good") == set()


def test_availability_of_the_bad_shop() -> None:
    """Per pod 99.5% (kubernetes:pod), the Ingress 99.99% (kind:load_balancer, regional),
    Services 100% (kube-proxy). No zone is known, so replicas fail independently:

      web    1 pod                         0.995
      cart   3 pods, any 1                 1 - 0.005^3 = 0.999999875
      orders 3 pods, any 1                 0.999999875
      etcd   2 members, both needed        0.995^2 = 0.990025
      A = 0.9999 × 0.995 × 0.999999875^2 × 0.990025 = 0.98497611...
    """
    block = scan_folder(SHOP / "shop-bad").report.availability
    assert block is not None
    assert block.value is not None
    expected = 0.9999 * 0.995 * (1 - 0.005**3) ** 2 * 0.995**2
    assert block.value == pytest.approx(expected, abs=1e-12)


def test_availability_of_the_good_shop() -> None:
    """web, cart and orders: 3 pods each, any one serves: (1 - 0.005^3)^3; etcd 3
    members, a majority of 2: p^3 + 3 p^2 (1 - p) with p = 0.995 = 0.99992525;
    A = 0.9999 × (1 - 1.25e-7)^3 × 0.99992525 = 0.99982488..."""
    block = scan_folder(SHOP / "shop-good").report.availability
    assert block is not None
    assert block.value is not None
    p = 0.995
    expected = 0.9999 * (1 - 0.005**3) ** 3 * (p**3 + 3 * p**2 * (1 - p))
    assert block.value == pytest.approx(expected, abs=1e-12)


def test_the_diagram_of_the_bad_shop(tmp_path: Path) -> None:
    result = scan_folder(SHOP / "shop-bad")
    target = tmp_path / "shop-bad.mmd"
    write_diagrams(result.stacks, DiagramRequest(target=target))
    text = target.read_text("utf-8")
    golden = GOLDEN / "shop-bad.mmd"
    if os.environ.get("SPOFCHECK_REGENERATE") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_rendered_output_on_stdin_is_the_same_as_the_folder() -> None:
    """`helm template … | spofcheck scan - --stdin-name rendered.yaml`: the same
    findings, all located in the one named stream."""
    stream = "".join(
        "---\n" + p.read_text("utf-8") for p in sorted((SHOP / "shop-bad").glob("*.yaml"))
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "spofcheck",
            "scan",
            "-",
            "--stdin-name",
            "rendered.yaml",
            "--format",
            "json",
        ],
        input=stream,
        capture_output=True,
        text=True,
        check=False,
        cwd=SHOP,
    )
    assert run.returncode == 1, run.stderr
    import json

    report = json.loads(run.stdout)
    found = {(f["rule_id"], f["component"], f["file"]) for f in report["findings"]}
    assert found == {(r, c, "rendered.yaml") for r, c, _f, _l in EXPECTED_BAD}
