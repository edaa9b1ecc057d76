"""locals: declared in any order and any file; cycles are reported and left unknown."""

from __future__ import annotations

from spofcheck.parse.terraform.resources import Unknown
from tests.helpers.loader_kit import load, resource


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


def test_resources_that_refer_to_each_other_are_errors_at_their_blocks() -> None:
    """Terraform refuses a.name <-> b.name; each resource is reported at its first line."""
    result = load("cycles")
    cycle = "reference cycle (aws_sqs_queue.a, aws_sqs_queue.b)"
    assert [(e.file, e.line) for e in result.errors] == [
        ("cycles/main.tf", 1),
        ("cycles/main.tf", 5),
    ]
    assert all(cycle in e.message for e in result.errors)
    a = resource(result, "aws_sqs_queue.a")
    assert isinstance(a.attributes["name"], Unknown)


def test_a_loop_through_a_module_call_is_not_reported() -> None:
    """c.name reads module.m.constant, which does not depend on the module's input."""
    result = load("cycles")
    assert resource(result, "aws_sqs_queue.c").attributes["name"] == "fixed"
