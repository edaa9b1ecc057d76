"""The defaults table of docs/recovery.md, generated from spofcheck/data/recovery.yaml."""

from __future__ import annotations

from spofcheck.recovery.defaults import table


def defaults_table() -> str:
    rows = ["| key | low–high | source |", "|---|---|---|"]
    for key, entry in table().items():
        if "low" in entry:
            span = f"{entry['low']:g}–{entry['high']:g} s"
        else:
            span = f"interval {entry['interval']:g} s × threshold {entry['threshold']}"
        rows.append(f"| `{key}` | {span} | {entry['source']} |")
    return "\n".join(rows)
