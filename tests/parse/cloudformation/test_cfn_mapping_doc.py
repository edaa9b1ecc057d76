"""docs/adapters.md lists every CloudFormation type the mapping table translates, next to
the Terraform type it becomes, and every Terraform type named there has an adapter."""

from __future__ import annotations

import re
from pathlib import Path

from spofcheck.parse.cloudformation.mapping import TYPES, VARIANTS
from spofcheck.parse.terraform.adapters.registry import known_types

DOC = Path(__file__).resolve().parents[3] / "docs" / "adapters.md"
_ROW = re.compile(r"^\| `([a-z0-9_]+)` \| (.+) \|$")


def _rows() -> dict[str, set[str]]:
    text = DOC.read_text("utf-8").split("## CloudFormation equivalents", 1)[1]
    rows: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = _ROW.match(line)
        if match:
            rows[match.group(1)] = set(re.findall(r"`(AWS::[A-Za-z0-9:]+)`", match.group(2)))
    return rows


def test_doc_table_matches_the_mapping() -> None:
    expected: dict[str, set[str]] = {}
    for cfn, shape in TYPES.items():
        expected.setdefault(shape.terraform, set()).add(cfn)
    for cfn, (_, shape) in VARIANTS.items():
        expected.setdefault(shape.terraform, set()).add(cfn)
    assert _rows() == expected


def test_every_mapped_type_has_an_adapter_or_is_plumbing_by_name() -> None:
    """Plumbing types (VPCs, subnets, routes, groups…) have no handler of their own: the
    generic adapter classifies them; every other target is a known handler."""
    from spofcheck.parse.terraform.adapters.generic import classify

    handled = set(known_types())
    for shape in [*TYPES.values(), *(s for _, s in VARIANTS.values())]:
        name = shape.terraform
        assert name in handled or classify(name).value in ("config", "network"), name
