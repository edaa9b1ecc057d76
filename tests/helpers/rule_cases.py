"""Helpers for rule tests: scan a fixture folder, or run one rule on a YAML snippet."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from spofcheck.api.pipeline import ScanRequest, ScanResult, run_scan
from spofcheck.availability.calculator import compute
from spofcheck.config import Config, load_config
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.engine.run import RuleSettings, run_rules
from spofcheck.model import Architecture, Finding
from spofcheck.parse.yaml_arch import load_yaml_architecture

CATALOGUE = load_catalogue()


def scan_folder(folder: Path, config: Config | None = None, **request: Any) -> ScanResult:
    """`spofcheck scan` of `folder` with `folder` as its root (its own .spofcheck.yaml, if any)."""
    config_file = folder / ".spofcheck.yaml"
    if config is None:
        config = load_config(config_file) if config_file.is_file() else Config()
    if config.slo is not None:
        request.setdefault("slo", config.slo / 100)  # as the CLI does: percent in config
    return run_scan(
        ScanRequest(
            paths=[folder],
            config=config,
            use_cache=False,
            fail_on=config.fail_on,
            root=folder,
            **request,
        ),
        CATALOGUE,
    )


def load_yaml(text: str, tmp_path: Path, name: str = "architecture.yaml") -> Architecture:
    """A YAML architecture document, written to `tmp_path` and parsed; errors fail loudly."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    arch = load_yaml_architecture(path, display_root=tmp_path)
    assert not arch.errors, [e.one_line() for e in arch.errors]
    return arch


def run_rule(
    rule_id: str,
    arch: Architecture,
    *,
    options: Mapping[str, Any] | None = None,
    availability: bool = False,
) -> list[Finding]:
    """The findings of one rule on `arch` (with the calculator's block when asked)."""
    block = compute(arch, slo=arch.slo) if availability else None
    settings = RuleSettings(only=frozenset({rule_id}), options={rule_id: dict(options or {})})
    return run_rules(arch, CATALOGUE, settings, availability=block).findings


def messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]
