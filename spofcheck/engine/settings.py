"""Rule settings from configuration, with rule keys resolved against the catalogue."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import ConfigError, did_you_mean
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


def select(
    patterns: Iterable[str],
    rules: Mapping[str, RuleSpec],
    *,
    key: str,
    file: str | None = None,
) -> frozenset[str]:
    """Rule ids named by `patterns`: ids or names in any case, or globs (`HA0*`).

    A pattern that names no rule is a ConfigError with a suggestion: a typo in
    `--skip` must not leave the rule running unnoticed.
    """
    keys = rule_keys(rules)
    chosen: set[str] = set()
    for pattern in patterns:
        wanted = pattern.strip().upper()
        matched = {rule_id for name, rule_id in keys.items() if fnmatch.fnmatchcase(name, wanted)}
        if not matched:
            hint = did_you_mean(pattern, [*rules, *(s.name for s in rules.values())])
            raise ConfigError(f"unknown rule {pattern!r}{hint}", file=file, key=key)
        chosen |= matched
    return frozenset(chosen)


def rule_id_of(
    name: str, rules: Mapping[str, RuleSpec], *, key: str, file: str | None = None
) -> str:
    """The id of the rule `name` (id or name, any case); ConfigError if there is none."""
    rule_id = rule_keys(rules).get(name.strip().upper())
    if rule_id is None:
        hint = did_you_mean(name, [*rules, *(s.name for s in rules.values())])
        raise ConfigError(f"unknown rule {name!r}{hint}", file=file, key=key)
    return rule_id
