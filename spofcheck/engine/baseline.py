"""Baselines: record today's findings, then report and fail only on new ones.

Findings match by fingerprint (rule, stack and component, never line numbers), so a
baseline survives resources moving around in their files. The file lists each entry's
rule, component, file and message too, for the people reviewing it; only the
fingerprint is used for matching (with the fingerprints a finding had under its
component's former ids as a fallback: engine/former.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, ValidationError

from spofcheck.errors import ConfigError
from spofcheck.model import Finding, Frozen, Report
from spofcheck.paths import relative_file

BASELINE_VERSION = 1
DEFAULT_NAME = ".spofcheck-baseline.json"


class BaselineEntry(Frozen):
    fingerprint: str
    rule_id: str
    component: str
    file: str | None = None
    message: str = ""


class Baseline(Frozen):
    version: int = BASELINE_VERSION
    findings: list[BaselineEntry] = Field(default_factory=list)

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.findings)


def _entry_key(entry: BaselineEntry) -> tuple[str, str, str, str]:
    return (entry.file or "", entry.rule_id, entry.component, entry.fingerprint)


def build_baseline(report: Report) -> Baseline:
    """Today's active findings, one entry per fingerprint, sorted for stable diffs."""
    entries = {
        f.fingerprint: BaselineEntry(
            fingerprint=f.fingerprint,
            rule_id=f.rule_id,
            component=f.component,
            file=relative_file(f.file, report.root) if f.file else None,
            message=f.message,
        )
        for f in report.active_findings
        if f.fingerprint
    }
    return Baseline(findings=sorted(entries.values(), key=_entry_key))


def render_baseline(baseline: Baseline) -> str:
    data = baseline.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a ConfigError naming the file."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(
            "baseline file not found (create it with `spofcheck baseline PATH -o FILE`)",
            file=str(path),
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read baseline: {exc}", file=str(path)) from exc
    from spofcheck.parse.jsonload import JSONInputError, loads

    try:
        data = loads(text)
    except JSONInputError as exc:
        raise ConfigError(exc.message, file=str(path), line=exc.line) from None
    return _validate(data, path)


def _validate(data: object, path: Path) -> Baseline:
    try:
        baseline = Baseline.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ConfigError(first["msg"], file=str(path), key=key or None) from exc
    if baseline.version != BASELINE_VERSION:
        raise ConfigError(
            f"unsupported baseline version {baseline.version} (expected {BASELINE_VERSION})",
            file=str(path),
            key="version",
        )
    return baseline


def apply_baseline(report: Report, baseline: Baseline, *, source: str | None = None) -> Report:
    """The report without findings the baseline records; counts them in `baselined`.

    A finding matches an entry by its fingerprint; failing that, by the fingerprint it had
    under a former id of its component (an unsplit resource address, a folded replica's or
    variant's address: engine/former.py), counted in `baselined_by_former_id` with a note
    asking to record the baseline again. Suppressed findings stay (they are reported as
    suppressed either way). Entries that no longer match anything are fixed problems: a
    note says the baseline can shrink.
    """
    known = baseline.fingerprints
    kept: list[Finding] = []
    exact: set[str] = set()
    former: set[str] = set()
    renamed = 0
    for f in report.findings:
        if f.suppressed:
            kept.append(f)
        elif f.fingerprint in known:
            exact.add(f.fingerprint)
        elif hits := known.intersection(f.former_fingerprints):
            former |= hits
            renamed += 1
        else:
            kept.append(f)
    notes = [*report.notes, *_notes(len(known - exact - former), renamed, source)]
    update = {
        "findings": kept,
        "baselined": len(report.findings) - len(kept),
        "baselined_by_former_id": renamed,
        "notes": sorted(notes),
    }
    return report.model_copy(update=update)


def _notes(stale: int, renamed: int, source: str | None) -> list[str]:
    where = f" in {source}" if source else ""
    notes = []
    if stale:
        notes.append(
            f"{stale} baseline entr{'y' if stale == 1 else 'ies'}{where} no longer match a "
            "finding (fixed); run `spofcheck baseline` again to drop them"
        )
    if renamed:
        notes.append(
            f"{renamed} finding{'' if renamed == 1 else 's'} matched baseline entries{where} "
            "by a former component id (a resource since split into instances, or a copy or "
            "variant since folded into its primary); run `spofcheck baseline` again to "
            "record their current ids"
        )
    return notes
