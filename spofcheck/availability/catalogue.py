"""Default availability figures per component kind and per cloud resource configuration.

Figures come from `spofcheck/data/sla.yaml`, each with the published SLA it is taken from.
Keys: `kind:<kind>` for a generic component of that kind (YAML defaults), and
`<resource_type>` or `<resource_type>:<variant>` for a Terraform resource configuration
(e.g. `aws_db_instance:single-az`, `aws_db_instance:multi-az`). Lookup falls back from the
variant to the bare resource type, then to the kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ruamel.yaml import YAML


@dataclass(frozen=True)
class Figure:
    """One catalogue entry: per-replica availability as a fraction, and where it comes from."""

    availability: float
    source: str


FALLBACK = Figure(0.995, "spofcheck default: no published figure for this kind")


@cache
def _entries() -> dict[str, Figure]:
    text = resources.files("spofcheck").joinpath("data/sla.yaml").read_text("utf-8")
    raw = YAML(typ="safe").load(text) or {}
    return {
        str(key): Figure(float(entry["availability"]) / 100.0, str(entry["source"]))
        for key, entry in raw.items()
    }


def lookup(*keys: str) -> Figure:
    """The first catalogue entry found among `keys` (most specific first), else FALLBACK."""
    entries = _entries()
    for key in keys:
        if key in entries:
            return entries[key]
        base = key.split(":", 1)[0]
        if base != key and base in entries:
            return entries[base]
    return FALLBACK
