"""The examples in every rule's docs do what the docs say: the anti-pattern fires the
rule, the best practice does not. Terraform examples get a provider block prepended;
Kubernetes examples are scanned as a folder holding one manifest file."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.engine.spec import RuleSpec
from tests.helpers.rule_cases import CATALOGUE, load_yaml, run_rule, scan_folder

PROVIDERS = {
    "aws_": 'provider "aws" {\n  region = "us-east-1"\n}\n',
    "google_": 'provider "google" {\n  region = "us-central1"\n}\n',
    "azurerm_": 'provider "azurerm" {\n  features {}\n}\n',
}


def _with(kind: str) -> list[RuleSpec]:
    return [s for s in CATALOGUE.values() if getattr(s.examples, kind) is not None]


@pytest.mark.parametrize("spec", _with("yaml"), ids=lambda s: s.id)
def test_yaml_examples(spec: RuleSpec, tmp_path: Path) -> None:
    pair = spec.examples.yaml
    assert pair is not None
    bad = load_yaml(pair.anti_pattern, tmp_path, "anti.yaml")
    good = load_yaml(pair.best_practice, tmp_path, "best.yaml")
    assert run_rule(spec.id, bad, availability=True), "the anti-pattern must fire"
    assert not run_rule(spec.id, good, availability=True), "the best practice must not"


@pytest.mark.parametrize("spec", _with("terraform"), ids=lambda s: s.id)
def test_terraform_examples(spec: RuleSpec, tmp_path: Path) -> None:
    pair = spec.examples.terraform
    assert pair is not None
    assert _fires(spec.id, pair.anti_pattern, tmp_path / "anti"), "the anti-pattern must fire"
    assert not _fires(spec.id, pair.best_practice, tmp_path / "best"), "the fix must not"


@pytest.mark.parametrize("spec", _with("kubernetes"), ids=lambda s: s.id)
def test_kubernetes_examples(spec: RuleSpec, tmp_path: Path) -> None:
    pair = spec.examples.kubernetes
    assert pair is not None
    assert _fires_on_manifest(spec.id, pair.anti_pattern, tmp_path / "anti"), "must fire"
    assert not _fires_on_manifest(spec.id, pair.best_practice, tmp_path / "best"), "must not"


def _fires_on_manifest(rule_id: str, manifest: str, folder: Path) -> bool:
    folder.mkdir()
    (folder / "manifests.yaml").write_text(manifest, encoding="utf-8")
    result = scan_folder(folder)
    assert not result.errors, [e.one_line() for e in result.errors]
    return any(f.rule_id == rule_id for f in result.report.findings)


def _fires(rule_id: str, code: str, folder: Path) -> bool:
    folder.mkdir()
    provider = next(p for prefix, p in PROVIDERS.items() if f'"{prefix}' in code)
    (folder / "main.tf").write_text(provider + "\n" + code, encoding="utf-8")
    result = scan_folder(folder)
    return any(f.rule_id == rule_id for f in result.report.findings)
