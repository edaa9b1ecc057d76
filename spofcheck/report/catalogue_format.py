"""Render the rule catalogue (`spofcheck rules`, `spofcheck explain`, docs/rules/)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from spofcheck.engine.spec import RuleSpec


def render_catalogue(rules: Mapping[str, RuleSpec], fmt: str) -> str:
    specs = [rules[r] for r in sorted(rules)]
    if fmt == "json":
        data = [s.model_dump(mode="json", exclude_none=True) for s in specs]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return rules_index_markdown(specs)
    width = max((len(s.name) for s in specs), default=0)
    lines = [f"{s.id}  {s.name:<{width}}  {s.severity.value:<8}  {s.title}" for s in specs]
    return "\n".join(lines) + "\n"


def rules_index_markdown(specs: list[RuleSpec]) -> str:
    lines = ["| id | name | default severity | what it finds |", "|---|---|---|---|"]
    for s in specs:
        summary = " ".join(s.summary.split())
        lines.append(f"| [{s.id}]({s.id}.md) | {s.name} | {s.severity.value} | {summary} |")
    return "\n".join(lines) + "\n"


def render_rule(spec: RuleSpec) -> str:
    """One rule for the terminal: the same sections as its docs page."""
    lines = [
        f"{spec.id} {spec.name} ({spec.severity.value})",
        spec.title,
        "",
        " ".join(spec.summary.split()),
        "",
        "Why it matters",
        _indent(spec.rationale),
        "How to fix it",
        _indent(spec.remediation),
        *_options(spec),
        *_examples(spec),
    ]
    if spec.references:
        lines.append("References")
        lines.extend(f"  - {r.title}: {r.url}" for r in spec.references)
    lines.append(f"\nDocs: {spec.docs_url}")
    return "\n".join(lines) + "\n"


def _options(spec: RuleSpec) -> list[str]:
    if not spec.options:
        return []
    lines = ["Options (set under `options: {" + spec.id + ": {...}}` in .spofcheck.yaml)"]
    for name in sorted(spec.options):
        doc = " ".join(spec.option_docs.get(name, "").split())
        lines.append(f"  {name} (default {json.dumps(spec.options[name])}): {doc}")
    return [*lines, ""]


def _examples(spec: RuleSpec) -> list[str]:
    lines: list[str] = []
    pairs = [("YAML", spec.examples.yaml), ("Terraform", spec.examples.terraform)]
    for label, pair in pairs:
        if pair is None:
            continue
        lines += [f"Example ({label}): fires on", _indent(pair.anti_pattern)]
        lines += ["  and stays quiet on", _indent(pair.best_practice)]
    return lines


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.strip().splitlines()) + "\n"
