"""Settings between the request and the run: rule choices checked once, the gate policy,
and the progress callback type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from spofcheck.engine.settings import RuleSettings
from spofcheck.engine.spec import RuleSpec
from spofcheck.model import AppliedSettings, Report
from spofcheck.paths import display_path

if TYPE_CHECKING:
    from spofcheck.api.gate import GatePolicy
    from spofcheck.api.pipeline import ScanRequest

# progress(stage, done, total, current stack): "discovered", "parsed", "analyzing", "analyzed".
Progress = Callable[[str, int, int, str], None]


def quiet(stage: str, done: int, total: int, current: str) -> None:
    """The progress callback that says nothing (libraries and non-terminals)."""


def rule_settings(request: ScanRequest, rules: Mapping[str, RuleSpec]) -> RuleSettings:
    """The config's and command line's rule choices, keyed by rule id and checked once:
    an unknown rule or option, or an option of the wrong type, is a located ConfigError."""
    from spofcheck.engine.options import validate_options
    from spofcheck.engine.settings import rule_id_of, select

    config = request.config
    file = str(config.path) if config.path is not None else None
    severity = {
        rule_id_of(name, rules, key=f"severity.{name}", file=file): level
        for name, level in sorted(config.severity.items())
    }
    disabled = select(config.disable, rules, key="disable", file=file)
    return RuleSettings(
        disabled=disabled | select(request.disable, rules, key="--skip"),
        only=select(request.only, rules, key="--only"),
        severity=severity,
        options=validate_options(config.options, rules, file=file),
        honour_ignores=request.honour_ignores,
    )


def gate_policy(request: ScanRequest) -> GatePolicy:
    from spofcheck.api.gate import GatePolicy

    return GatePolicy(
        fail_on=request.fail_on,
        slo=request.slo,
        min_availability=request.min_availability,
        fail_on_incomplete=request.fail_on_incomplete,
    )


def decide(report: Report, request: ScanRequest) -> Report:
    """`report` with its gate decided under `request` (again after a baseline is applied)."""
    from spofcheck.api.gate import scan_gate

    return report.model_copy(update={"gate": scan_gate(report, gate_policy(request))})


def applied_settings(root: Path, config: Path | None, settings: RuleSettings) -> AppliedSettings:
    """What the report says about its configuration: file, rules off, severities."""
    return AppliedSettings(
        config_file=display_path(config, root) if config is not None else None,
        disabled=sorted(settings.disabled),
        severity=dict(sorted(settings.severity.items())),
    )
