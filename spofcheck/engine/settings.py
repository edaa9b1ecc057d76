"""Rule settings from configuration, with rule keys resolved against the catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from spofcheck.engine.spec import RuleSpec
from spofcheck.model import Severity


@dataclass(frozen=True)
class RuleSettings:
    """What configuration says about rules: which run, at what severity, with which options."""

    disabled: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    honour_ignores: bool = True

    def enabled(self, rule_id: str) -> bool:
        if self.only and rule_id not in self.only:
            return False
        return rule_id not in self.disabled


def rule_keys(rules: Mapping[str, RuleSpec]) -> dict[str, str]:
    """Every way a user may name a rule (id or name, any case) -> its id."""
    return {key: spec.id for spec in rules.values() for key in (spec.id, spec.name.upper())}


def resolve(
    settings: RuleSettings, rules: Mapping[str, RuleSpec]
) -> tuple[RuleSettings, list[str]]:
    """Settings keyed by rule id, whatever the config wrote; notes for unknown rules."""
    keys = rule_keys(rules)
    notes: list[str] = []

    def ids(names: Iterable[str], where: str) -> frozenset[str]:
        return frozenset(_known(keys, name, where, notes) for name in names) - {""}

    def keyed(mapping: Mapping[str, Any], where: str) -> dict[str, Any]:
        resolved = {_known(keys, k, where, notes): v for k, v in sorted(mapping.items())}
        return {k: v for k, v in resolved.items() if k}

    return (
        replace(
            settings,
            disabled=ids(settings.disabled, "disable"),
            only=ids(settings.only, "only"),
            severity=keyed(settings.severity, "severity"),
            options=keyed(settings.options, "options"),
        ),
        notes,
    )


def _known(keys: Mapping[str, str], name: str, where: str, notes: list[str]) -> str:
    rule_id = keys.get(name.strip().upper(), "")
    if not rule_id:
        notes.append(f"configuration `{where}` names unknown rule {name}; ignored")
    return rule_id
