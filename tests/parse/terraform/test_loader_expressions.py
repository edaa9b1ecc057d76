"""Operators, references, templates, for expressions and unknown propagation."""

from __future__ import annotations

from typing import Any

import pytest

from spofcheck.parse.terraform.resources import LoadResult, Ref, Unknown
from tests.helpers.loader_kit import load, resource


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load("expressions")


def _attrs(result: LoadResult, name: str) -> dict[str, Any]:
    return dict(resource(result, f"probe.{name}").attributes)


def test_arithmetic_follows_precedence_and_associativity(result: LoadResult) -> None:
    """1 + 2*3 = 7; 10 - 4 - 3 = 3 (left to right); 7 / 2 = 3.5; (1 + 2) * 3 = 9."""
    ops = _attrs(result, "operators")
    assert (ops["add"], ops["sub"], ops["div"], ops["paren"]) == (7, 3, 3.5, 9)
    assert ops["mod"] == -1  # -7 % 3: the sign follows the dividend, as in Go
    assert ops["neg"] == -5
    assert ops["numeric"] == 4  # "3" + 1: numeric strings convert


def test_comparison_equality_and_logic(result: LoadResult) -> None:
    ops = _attrs(result, "operators")
    assert ops["cmp"] == [True, False, True, False]
    assert ops["eq"] == [True, False, True, True]  # "1" == 1 is false: no type mixing
    assert ops["logic"] == [False, True, False]


def test_locals_and_conditionals(result: LoadResult) -> None:
    """env = "prod" -> is_prod -> replicas 3, prefix "prod-app"."""
    ops = _attrs(result, "operators")
    assert (ops["cond"], ops["replicas"], ops["prefix"]) == ("big", 3, "prod-app")


def test_indexing_attributes_and_splats(result: LoadResult) -> None:
    access = _attrs(result, "access")
    assert (access["index"], access["short"], access["attr"], access["key"]) == ("b", "c", 4, 1)
    assert access["splat"] == [1, 2]
    assert access["legacy"] == [1, 2]


def test_for_expressions(result: LoadResult) -> None:
    """by_zone drops "b" (if clause); grouped collects duplicates with `...`."""
    access = _attrs(result, "access")
    assert access["full_zone"] == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    assert access["by_zone"] == {"a": 0, "c": 2}
    assert access["grouped"] == {"a": ["a", "a"], "b": ["b"]}


def test_builtin_names_and_resource_attributes(result: LoadResult) -> None:
    access = _attrs(result, "access")
    assert (access["workspace"], access["module"]) == ("default", ".")
    assert access["configured"] == "10.0.0.0/16"  # set in aws_vpc.main: its value
    computed = access["computed"]
    assert isinstance(computed, Ref)
    assert (computed.address, computed.key, computed.attribute) == ("aws_vpc.main", None, "id")


def test_templates(result: LoadResult) -> None:
    access = _attrs(result, "access")
    assert access["template"] == "prod-app.prod:3"
    assert access["single"] == 3  # "${x}" alone keeps x's type


def test_unknown_propagates_with_its_references(result: LoadResult) -> None:
    unknowns = _attrs(result, "unknowns")
    for name in ("plain", "derived", "sum", "indexed", "directive", "missing", "file"):
        assert isinstance(unknowns[name], Unknown), name
    assert unknowns["plain"].expr == "var.secret"
    assert unknowns["diff_branch"].refs == {"aws_vpc.main"}
    assert type(unknowns["missing"]) is Unknown  # an invalid lookup leaves as a plain Unknown


def test_known_results_despite_unknown_operands(result: LoadResult) -> None:
    """Both branches "y"; false && x; true || x; a list keeps its known element."""
    unknowns = _attrs(result, "unknowns")
    assert unknowns["same_branch"] == "y"
    assert unknowns["short_and"] is False
    assert unknowns["short_or"] is True
    assert isinstance(unknowns["list"][0], Unknown)
    assert unknowns["list"][1] == 1
    assert resource(result, "probe.unknowns").references == {"aws_vpc.main"}


def test_attributes_left_out_of_a_configured_block_are_computed(result: LoadResult) -> None:
    """access_logs { bucket = "logs" } is configured; prefix_arn is not: the provider
    computes it, so it is Unknown from aws_lb.front — and try() must not skip it."""
    probe = _attrs(result, "computed_in_blocks")
    assert probe["configured"] == "logs"
    for name in ("computed", "try_computed"):
        assert isinstance(probe[name], Unknown)
        assert probe[name].refs == {"aws_lb.front"}


def test_equality_between_different_kinds_is_known_despite_unknown_parts(
    result: LoadResult,
) -> None:
    probe = _attrs(result, "computed_in_blocks")
    assert probe["not_null"] is True  # {a = unknown} != null
    assert probe["is_null"] is False  # [unknown] == null


def test_lifecycle_names_attributes_as_text(result: LoadResult) -> None:
    front = resource(result, "aws_lb.front")
    assert front.attributes["lifecycle"] == [{"ignore_changes": ["tags", "access_logs"]}]
    assert front.attributes["access_logs"] == [{"bucket": "logs"}]
    assert type(front.attributes["access_logs"][0]) is dict  # plain dicts leave the loader


def test_null_in_the_configuration_leaves_the_value_to_the_provider(result: LoadResult) -> None:
    """availability_zone = null: the attribute is optional and computed, so reading it
    from another resource is a Ref, not a known null."""
    assert resource(result, "aws_instance.placed_by_aws").attributes["availability_zone"] is None
    zone = _attrs(result, "null_config")["zone"]
    assert isinstance(zone, Ref)
    assert (zone.address, zone.attribute) == ("aws_instance.placed_by_aws", "availability_zone")
