"""Each stack's analysis (availability and findings) cached under its model and the rules.

With parsed files and stack models cached, a re-scan of an unchanged repository still
spent most of its time running rules and the calculator and importing networkx for
them (generated 5,029-resource monorepo: 0.5 of 1.2 s). Both are pure functions of the
stack's model (whose key already hashes every input file and spofcheck's own code), the
rule catalogue, the rule settings and the SLO override; the key hashes exactly those.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spofcheck.cache.store import open_store
from spofcheck.model import Finding

if TYPE_CHECKING:
    from spofcheck.availability.result import AvailabilityResult
    from spofcheck.engine.settings import RuleSettings
    from spofcheck.engine.spec import RuleSpec

# Bump when the stored shape changes (2: availability `basis` and per-entry figures;
# 3: findings' `former_fingerprints`).
RESULT_CACHE_VERSION = 3


@dataclass(frozen=True)
class Analysis:
    availability: AvailabilityResult | None
    findings: list[Finding]
    notes: list[str]


def analysis_key(
    model_digest: str,
    rules: Mapping[str, RuleSpec],
    settings: RuleSettings,
    slo: float | None,
) -> str:
    """Hash of what an analysis depends on besides the model (named by its digest)."""
    digest = hashlib.sha256(f"{RESULT_CACHE_VERSION}\0{model_digest}\0{slo!r}\0".encode())
    for rule_id in sorted(rules):
        digest.update(rules[rule_id].model_dump_json().encode("utf-8") + b"\0")
    digest.update(_settings_text(settings).encode("utf-8"))
    return digest.hexdigest()


def _settings_text(settings: RuleSettings) -> str:
    data = {
        "disabled": sorted(settings.disabled),
        "only": sorted(settings.only),
        "severity": {k: str(v) for k, v in sorted(settings.severity.items())},
        "options": settings.options,
        "honour_ignores": settings.honour_ignores,
    }
    return json.dumps(data, sort_keys=True, default=str)


def get(key: str) -> Analysis | None:
    """The stored analysis, or None: missing, unverified (store.py) or wrong-shaped."""
    store = open_store()
    payload = store.get("results", f"{key}.json") if store else None
    if payload is None:
        return None
    try:
        data: dict[str, Any] = json.loads(payload)
        return _decode(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _decode(data: Mapping[str, Any]) -> Analysis:
    availability = None
    if data["availability"] is not None:
        from spofcheck.availability.result import AvailabilityResult

        availability = AvailabilityResult.model_validate(data["availability"])
    findings = [Finding.model_validate(f) for f in data["findings"]]
    return Analysis(availability, findings, [str(n) for n in data["notes"]])


def put(key: str, analysis: Analysis) -> bool:
    availability = analysis.availability
    data = {
        "availability": availability.model_dump(mode="json") if availability else None,
        "findings": [f.model_dump(mode="json") for f in analysis.findings],
        "notes": analysis.notes,
    }
    store = open_store()
    payload = json.dumps(data, sort_keys=True).encode("utf-8")
    return store.put("results", f"{key}.json", payload) if store else False
