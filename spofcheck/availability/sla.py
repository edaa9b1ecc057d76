"""Default availability figures per component kind and per cloud resource configuration.

Figures come from `spofcheck/data/sla.yaml`, each with the published SLA it is taken from.
Keys: `kind:<kind>` for a generic component of that kind (YAML defaults), and
`<resource_type>` or `<resource_type>:<variant>` for a Terraform resource configuration
(e.g. `aws_db_instance:single-az`, `aws_db_instance:multi-az`). Lookup falls back from the
variant to the bare resource type, then to the kind.

A figure also says how it is meant to be modelled (`scope`): per instance (zone and region
events separate), regional (one logical replica exposed to region events only) or global.
Parsers that take a figure from here should set `Component.availability_source` to
`default_source(figure)`, so the calculator can say which figures are defaults.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ruamel.yaml import YAML

from spofcheck.cache.store import open_store
from spofcheck.model import Scope


@dataclass(frozen=True)
class Figure:
    """One SLA figure: per-replica availability as a fraction, and where it comes from."""

    availability: float
    source: str
    scope: Scope = Scope.INSTANCE


FALLBACK = Figure(0.995, "spofcheck default: no published figure for this kind")
DEFAULT_PREFIX = "default: "


def _figure(entry: dict[str, Any]) -> Figure:
    scope = Scope(str(entry.get("scope", Scope.INSTANCE.value)))
    # via Decimal so that 99.99 becomes 0.9999, not 0.9998999999999999
    fraction = float(Decimal(str(entry["availability"])) / 100)
    return Figure(fraction, str(entry["source"]), scope)


@cache
def _entries() -> MappingProxyType[str, Figure]:
    text = resources.files("spofcheck").joinpath("data/sla.yaml").read_text("utf-8")
    raw = _parsed(text)
    return MappingProxyType({str(key): _figure(entry) for key, entry in raw.items()})


def _parsed(text: str) -> dict[str, Any]:
    """The YAML, through a JSON copy in the cache dir keyed by its hash: every scan reads
    this file, and the pure-Python YAML parser takes ~0.09 s for it where JSON takes 1 ms."""
    name = f"{hashlib.sha256(text.encode()).hexdigest()}.json"
    store = open_store()
    payload = store.get("sla", name) if store else None
    try:
        cached = json.loads(payload) if payload is not None else None
    except ValueError:
        cached = None
    if isinstance(cached, dict):
        return cached
    raw = YAML(typ="safe").load(text) or {}
    if store is not None:
        store.put("sla", name, json.dumps(raw).encode("utf-8"))
    return dict(raw)


def entries() -> MappingProxyType[str, Figure]:
    """Every SLA figure by key (read-only), for documentation and tests."""
    return _entries()


def lookup(*keys: str) -> Figure:
    """The first SLA figure found among `keys` (most specific first), else FALLBACK."""
    table = _entries()
    for key in keys:
        if key in table:
            return table[key]
        base = key.split(":", 1)[0]
        if base != key and base in table:
            return table[base]
    return FALLBACK


def default_source(figure: Figure) -> str:
    """What a parser stores in `Component.availability_source` for a catalogue figure."""
    return DEFAULT_PREFIX + figure.source


@cache
def _known_sources() -> frozenset[str]:
    return frozenset({FALLBACK.source, *(f.source for f in _entries().values())})


def is_default_source(source: str) -> bool:
    """True when an `availability_source` says the figure is a catalogue default.

    Accepts the model's bare `"default"`, `default_source(...)` strings, and a catalogue
    source text stored as is (a parser that copied `figure.source`).
    """
    text = source.strip()
    return text == "default" or text.startswith("default:") or text in _known_sources()
