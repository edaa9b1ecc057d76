"""locals: declared in any order and any file; cycles are reported and left unknown."""

from __future__ import annotations

from loader_kit import load, resource

from spofcheck.parse.terraform.resources import Unknown


def test_locals_resolve_whatever_the_declaration_order() -> None:
    uses = resource(load("locals"), "probe.uses")
    assert uses.attributes["name"] == "shop-svc"
    assert uses.attributes["upper"] == "SHOP-SVC"
    assert uses.attributes["region"] == "eu-west-1"


def test_a_cycle_is_an_error_per_local_and_its_value_is_unknown() -> None:
    """loop_a (b.tf line 3) and loop_b (line 9) refer to each other."""
    result = load("locals")
    assert isinstance(resource(result, "probe.uses").attributes["loop_a"], Unknown)
    assert [(e.file, e.line) for e in result.errors] == [("locals/b.tf", 3), ("locals/b.tf", 9)]
    assert all("reference cycle (local.loop_a, local.loop_b)" in e.message for e in result.errors)
