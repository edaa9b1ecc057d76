"""Suppressions: which findings an ignore with a reason hides, and ignores that did nothing."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from spofcheck.engine.settings import RuleSettings, rule_keys
from spofcheck.engine.spec import RuleSpec
from spofcheck.model import Architecture, Component


def ignore_reason(component: Component, spec: RuleSpec) -> str:
    """The reason an ignore of this rule gives on this component ("" when none).

    Ignores may name a rule by id (`HA003`, any case) or by name (`sticky-sessions`).
    """
    for key, reason in component.ignore.items():
        if _ignore_key(key) in (spec.id, spec.name.upper()):
            return visible(reason)
    return ""


def visible(reason: str) -> str:
    """`reason` trimmed, or "" when it holds no visible character: a zero-width space,
    a bidi mark or a control character is not a reason a reviewer can read."""
    text = reason.strip()
    if any(unicodedata.category(c)[0] in "LNPS" for c in text):
        return text
    return ""


def _ignore_key(key: str) -> str:
    return key.strip().upper()


def suppression_notes(
    arch: Architecture,
    rules: Mapping[str, RuleSpec],
    settings: RuleSettings,
    used: set[tuple[str, str]],
) -> Iterator[str]:
    """Ignores that did nothing: no reason, an unknown rule, or no finding to suppress.

    An ignore belongs to its block: the instances of a `for_each` block split into several
    components share it, so it is judged (and reported) once, used when any of them used it.
    """
    if not settings.honour_ignores:
        return
    by_key = rule_keys(rules)
    used_at = {(_where(arch.components[c]), r) for c, r in used if c in arch.components}
    seen: set[tuple[str, str]] = set()
    for cid in sorted(arch.components):
        component = arch.components[cid]
        where = _where(component)
        for key, reason in sorted(component.ignore.items()):
            if (where, key) in seen:
                continue
            seen.add((where, key))
            rule_id = by_key.get(_ignore_key(key))
            if rule_id is None:
                yield f"{where}: ignore of unknown rule {key} on {cid}; not applied"
            elif not visible(reason):
                yield f"{where}: ignore of {rule_id} on {cid} has no reason; not applied"
            elif (where, rule_id) not in used_at and settings.enabled(rule_id):
                hint = _folded_into(arch, component)
                yield f"{where}: ignore of {rule_id} on {cid} matched no finding (unused){hint}"


def _folded_into(arch: Architecture, component: Component) -> str:
    """Where a folded copy's findings went: an ignore on a read replica never carries to
    its primary by itself (it would hide the primary's own problem), so say where to look."""
    for tag in component.tags:
        host = arch.components.get(tag.removeprefix("part-of:"))
        if tag.startswith("part-of:") and host is not None and _copy_of(component, host):
            return (
                f"; it is folded into {host.id}, whose findings stand for it: write the "
                "ignore there if it applies to that component"
            )
    return ""


def _copy_of(component: Component, host: Component) -> bool:
    return host.standby is not None and component.id in host.standby.members


def _where(component: Component) -> str:
    if component.source is None:
        return component.id
    return f"{component.source.file}:{component.source.line}"
