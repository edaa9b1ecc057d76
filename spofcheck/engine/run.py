"""Run the catalogue over one architecture and stamp id, severity and location on results."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.engine.declarative import cause
from spofcheck.engine.former import former_ids
from spofcheck.engine.settings import RuleSettings, resolve
from spofcheck.engine.spec import RuleSpec
from spofcheck.engine.suppress import ignore_reason, suppression_notes
from spofcheck.engine.template import render
from spofcheck.errors import RuleError
from spofcheck.model import Architecture, AvailabilityResult, Component, Finding

# RuleSettings lives in settings.py; the pipeline imports it from here.
__all__ = ["RuleRun", "RuleSettings", "fingerprint", "run_rules"]


@dataclass
class RuleRun:
    """Findings of one architecture, plus notes about suppressions that did not apply."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_rules(
    arch: Architecture,
    rules: Mapping[str, RuleSpec],
    settings: RuleSettings,
    *,
    availability: AvailabilityResult | None = None,
) -> RuleRun:
    """Every enabled rule over `arch`; findings sorted, suppressions applied."""
    settings, config_notes = resolve(settings, rules)
    ctx = CheckContext(arch=arch, availability=availability)
    run = RuleRun(notes=config_notes)
    used: set[tuple[str, str]] = set()
    for rule_id in sorted(rules):
        spec = rules[rule_id]
        if not settings.enabled(rule_id):
            continue
        for violation in _violations(spec, ctx, settings):
            finding = _stamp(spec, violation, arch, settings)
            if finding.suppressed:
                used.add((finding.component, rule_id))
            run.findings.append(finding)
    run.notes.extend(suppression_notes(arch, rules, settings, used))
    run.findings.sort(key=Finding.sort_key)
    return run


def _violations(spec: RuleSpec, ctx: CheckContext, settings: RuleSettings) -> Iterator[Violation]:
    if spec.match is not None:
        for component in ctx.components():
            found = cause(spec.match, component) if _applies(spec, component) else None
            if found is not None:
                yield Violation(component.id, _format(spec.message or "", component, found))
        return
    from spofcheck.checks import check_named

    check = check_named(spec.check or "")
    if check is None:
        raise RuleError(f"rule {spec.id} names unknown check {spec.check!r}")
    options = {**spec.options, **settings.options.get(spec.id, {})}
    for violation in check(ctx, options):
        target = ctx.arch.components.get(violation.component)
        if target is None or _applies(spec, target):
            yield violation


def _applies(spec: RuleSpec, component: Component) -> bool:
    scope = spec.applies_to
    if scope.kinds and component.kind not in scope.kinds:
        return False
    if scope.providers and component.provider not in scope.providers:
        return False
    return not scope.resource_types or component.resource_type in scope.resource_types


def _format(template: str, component: Component, found: str) -> str:
    values = {
        "component": component.id,
        "kind": component.kind.value,
        "resource_type": component.resource_type or component.kind.value,
        "cause": found,
    }
    return render(template, values)


def _stamp(
    spec: RuleSpec, violation: Violation, arch: Architecture, settings: RuleSettings
) -> Finding:
    component = arch.components.get(violation.component)
    location = violation.location or (component.source if component else None)
    severity = settings.severity.get(spec.id) or violation.severity or spec.severity
    reason = ignore_reason(component, spec) if component else ""
    suppressed = settings.honour_ignores and bool(reason.strip())
    return Finding(
        rule_id=spec.id,
        rule_name=spec.name,
        severity=severity,
        component=violation.component,
        message=violation.message,
        file=location.file if location else None,
        line=location.line if location else None,
        end_line=location.end_line if location else None,
        remediation=spec.remediation.strip(),
        docs=spec.docs_url,
        fingerprint=fingerprint(spec.id, arch.root, violation.component, violation.key),
        former_fingerprints=[
            fingerprint(spec.id, arch.root, former, violation.key)
            for former in former_ids(violation.component, component)
        ],
        stack=arch.root,
        suppressed=suppressed,
        suppression_reason=reason.strip() or None if suppressed else None,
    )


def fingerprint(rule_id: str, root: str, component: str, key: str = "") -> str:
    """Stable across edits: rule, stack and component, never line numbers."""
    text = "\0".join((rule_id, root, component, key))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
