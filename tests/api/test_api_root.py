"""Results do not depend on the working directory: one root, the repository's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from spofcheck.cli import main

SHOP = """\
version: 1
name: shop
zones: {a: {}, b: {}}
components:
  lb: {kind: load_balancer, scope: regional, depends_on: [web]}
  web: {kind: service, zones: [a, b], depends_on: [db]}
  db: {kind: database, zones: [a]}
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository with one stack in stacks/shop; `.git` marks its root."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shop = repo / "stacks" / "shop"
    shop.mkdir(parents=True)
    (shop / "architecture.yaml").write_text(SHOP, encoding="utf-8")
    return repo


def invoke(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, [*args, "--no-cache"], catch_exceptions=False)


def test_a_baseline_recorded_at_the_root_matches_a_scan_run_inside_the_stack(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: recorded as `baseline stacks/shop` from the root, every finding came back
    as new from `scan .` inside stacks/shop, because the fingerprint hashed a cwd path."""
    baseline = checkout / "baseline.json"
    recorded = invoke(checkout, monkeypatch, "baseline", "stacks/shop", "-o", str(baseline))
    assert recorded.exit_code == 0, recorded.output
    assert json.loads(baseline.read_text("utf-8"))["findings"]
    shop = checkout / "stacks" / "shop"
    result = invoke(shop, monkeypatch, "scan", ".", "--baseline", str(baseline), "-f", "json")
    document = json.loads(result.stdout)
    assert document["findings"] == []
    assert document["summary"]["baselined"] == len(
        json.loads(baseline.read_text("utf-8"))["findings"]
    )


def test_json_and_sarif_are_byte_identical_from_three_directories(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the root (`./stacks/shop/`), from the stack (`.`) and from an unrelated folder
    (an absolute path): same bytes, same fingerprints, paths from the repository root."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shop = checkout / "stacks" / "shop"
    runs = [(checkout, "./stacks/shop/"), (shop, "."), (elsewhere, str(shop))]
    outputs = {}
    for fmt in ("json", "sarif"):
        outputs[fmt] = {invoke(cwd, monkeypatch, "scan", p, "-f", fmt).stdout for cwd, p in runs}
        assert len(outputs[fmt]) == 1, fmt
    document = json.loads(outputs["json"].pop())
    assert {f["file"] for f in document["findings"]} == {"stacks/shop/architecture.yaml"}
    assert {f["stack"] for f in document["findings"]} == {"stacks/shop/architecture.yaml"}


def test_a_config_file_above_the_repository_root_does_not_apply(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `.spofcheck.yaml` in the folder holding the checkout (think $HOME or /tmp) that
    disables HA001 must not silence the single database."""
    (checkout.parent / ".spofcheck.yaml").write_text("disable: [HA001]\n", encoding="utf-8")
    result = invoke(checkout, monkeypatch, "scan", "stacks/shop", "-f", "json")
    fired = {(f["rule_id"], f["component"]) for f in json.loads(result.stdout)["findings"]}
    assert ("HA001", "db") in fired
