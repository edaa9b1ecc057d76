"""`helm template` output scans with located findings; the chart's sources are not input.

`fixtures/kubernetes/helm/chart` is a small chart written for these tests, and
`rendered.yaml` is what `helm template shop chart --namespace shop` makes of it (Helm
cannot be installed here, so the rendering was done by hand, documents in Helm's order:
Services, then Deployments, then the Ingress, each with its `# Source:` comment).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers.throwaway import env

HELM = Path(__file__).resolve().parents[3] / "fixtures" / "kubernetes" / "helm"

# By hand from rendered.yaml: shop-web runs 1 replica behind the Ingress (HA001 at its
# `metadata:` line, 45); shop-api runs 3 replicas with no zone spread guarantee (HA002,
# medium) and no PodDisruptionBudget (HA019), both at its `metadata:` line, 25. The
# web Deployment's API_URL names shop-api's Service, so shop-api is on the request path.
EXPECTED = {
    ("HA001", "Deployment/shop/shop-web", 45),
    ("HA002", "Deployment/shop/shop-api", 25),
    ("HA019", "Deployment/shop/shop-api", 25),
}


def _scan(args: list[str], stdin: str | None, cwd: Path, tmp: Path) -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, "-m", "spofcheck", "scan", *args, "--format", "json"],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env(SPOFCHECK_CACHE_DIR=str(tmp / "cache")),
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    report: dict[str, object] = json.loads(run.stdout)
    return report


def _found(report: dict[str, object]) -> set[tuple[str, str, int]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {(f["rule_id"], f["component"], f["line"]) for f in findings}


def test_rendered_output_on_stdin_gives_located_findings(tmp_path: Path) -> None:
    stream = (HELM / "rendered.yaml").read_text("utf-8")
    name = "charts/storefront/rendered.yaml"
    report = _scan(["-", "--stdin-name", name], stream, tmp_path, tmp_path)
    assert _found(report) == EXPECTED
    findings = report["findings"]
    assert isinstance(findings, list)
    assert {f["file"] for f in findings} == {name}


def test_a_folder_of_rendered_output_reads_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "rendered"
    folder.mkdir()
    (folder / "all.yaml").write_text((HELM / "rendered.yaml").read_text("utf-8"), "utf-8")
    assert _found(_scan(["rendered"], None, tmp_path, tmp_path)) == EXPECTED


def test_chart_sources_are_not_mistaken_for_manifests(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "spofcheck", "scan", str(HELM / "chart")],
        capture_output=True,
        text=True,
        check=False,
        env=env(SPOFCHECK_CACHE_DIR=str(tmp_path / "cache")),
        timeout=120,
    )
    assert run.returncode == 2
    assert "nothing to analyze" in run.stderr + run.stdout
