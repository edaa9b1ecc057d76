"""Mutually exclusive `count` variants (`x ? 1 : 0` beside `x ? 0 : 1`) are one component."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from spofcheck.model import Architecture, Kind
from spofcheck.parse.terraform.countswitch import CountSwitch
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.resources import Resource
from tests.helpers.adapter_kit import model, ref, requests, res

X, NOT_X = ("var.x", True), ("var.x", False)
ON = ("var.enabled", True)
TG = "aws_lb_target_group.api"


def variant(
    address: str, line: int, literals: set[tuple[str, bool]], negated: bool = False, **attrs: Any
) -> Resource:
    """An ECS service behind the target group, its count `literals ? 1 : 0` (unknown), or
    `literals ? 0 : 1` when `negated`."""
    body = {"desired_count": 1, "load_balancer": [{"target_group_arn": ref(TG, "arn")}]}
    service = res(address, body | attrs, line=line, count_unknown=True)
    switch = CountSwitch(frozenset(literals), negated, 1)
    return dataclasses.replace(service, count_switch=switch)


def group() -> Resource:
    return res(TG, {"port": 80, "protocol": "HTTP", "target_type": "ip"}, line=1)


def test_complementary_variants_are_one_component_with_a_known_count() -> None:
    """x / !x: exactly one service exists with one task. The first in file order (line
    10, though its address sorts last) hosts it; the target group needs it alone, not
    either of two, and the single task is a known count (HA001 can judge it)."""
    arch = model(
        group(),
        variant("aws_ecs_service.z_first", 10, {X}),
        variant("aws_ecs_service.a_second", 30, {NOT_X}),
    )
    host = arch.components["aws_ecs_service.z_first"]
    other = arch.components["aws_ecs_service.a_second"]
    assert (host.kind, host.replicas, "replicas" in host.unresolved) == (Kind.SERVICE, 1, False)
    assert "variant:aws_ecs_service.a_second" in host.tags
    assert other.kind is Kind.CONFIG
    assert {"part-of:aws_ecs_service.z_first", "variant-of:aws_ecs_service.z_first"} <= set(
        other.tags
    )
    assert (TG, "aws_ecs_service.z_first") in requests(arch)
    assert not [d for d in arch.request_dependencies() if d.any_of]


def test_variants_that_differ_leave_that_value_unknown() -> None:
    """One runs 1 task, the other 3: which exists is unknown, so the count is too."""
    arch = model(
        group(),
        variant("aws_ecs_service.small", 10, {X}),
        variant("aws_ecs_service.large", 30, {NOT_X}, desired_count=3),
    )
    assert "replicas" in arch.components["aws_ecs_service.small"].unresolved


def test_exclusive_but_not_complementary_variants_fold_with_an_unknown_count() -> None:
    """enabled && x / enabled && !x: never both, but neither when `enabled` is false, so
    the one component may have no task at all: its count is unknown."""
    arch = model(
        group(),
        variant("aws_ecs_service.a", 10, {ON, X}),
        variant("aws_ecs_service.b", 30, {ON, NOT_X}),
    )
    assert arch.components["aws_ecs_service.b"].kind is Kind.CONFIG
    assert "replicas" in arch.components["aws_ecs_service.a"].unresolved
    assert (TG, "aws_ecs_service.a") in requests(arch)


def test_resources_that_may_coexist_stay_two_components() -> None:
    """Same condition twice (both exist together), or x / !x in different modules."""
    same = model(
        group(),
        variant("aws_ecs_service.a", 10, {X}),
        variant("aws_ecs_service.b", 30, {X}),
    )
    assert same.components["aws_ecs_service.b"].kind is Kind.SERVICE
    apart = model(
        group(),
        variant("aws_ecs_service.a", 10, {X}),
        variant("module.m.aws_ecs_service.b", 30, {NOT_X}),
    )
    assert apart.components["module.m.aws_ecs_service.b"].kind is Kind.SERVICE


def test_a_conjunction_and_its_negation_are_one_component_with_a_known_count() -> None:
    """`enabled && x ? 1 : 0` beside `enabled && x ? 0 : 1`: always exactly one."""
    arch = model(
        group(),
        variant("aws_ecs_service.a", 10, {ON, X}),
        variant("aws_ecs_service.b", 30, {ON, X}, negated=True),
    )
    host = arch.components["aws_ecs_service.a"]
    assert (host.replicas, "replicas" in host.unresolved) == (1, False)
    assert arch.components["aws_ecs_service.b"].kind is Kind.CONFIG


def test_three_way_variants_fold_into_the_first_with_an_unknown_count() -> None:
    """x && y / x && !y / !x: never two at once, so one component; with three the count
    is not derived (left unknown), and each other one is listed as a variant."""
    y, not_y = ("var.y", True), ("var.y", False)
    arch = model(
        group(),
        variant("aws_ecs_service.a", 10, {X, y}),
        variant("aws_ecs_service.b", 20, {X, not_y}),
        variant("aws_ecs_service.c", 30, {NOT_X}),
    )
    host = arch.components["aws_ecs_service.a"]
    assert {"variant:aws_ecs_service.b", "variant:aws_ecs_service.c"} <= set(host.tags)
    assert "replicas" in host.unresolved
    assert requests(arch) >= {(TG, "aws_ecs_service.a")}
    assert not [d for d in arch.request_dependencies() if d.any_of]


def test_a_cluster_counts_one_member_for_two_member_variants() -> None:
    """`large ? 0 : 1` / `large ? 1 : 0` cluster instances: the cluster has exactly one
    member, a writer with no standby, not a writer and a hot standby."""
    members = [
        dataclasses.replace(
            res(
                f"aws_rds_cluster_instance.{name}",
                {"cluster_identifier": ref("aws_rds_cluster.db"), "instance_class": "db.r6g"},
                line=line,
                count_unknown=True,
            ),
            count_switch=CountSwitch(frozenset({literal}), False, 1),
        )
        for name, line, literal in (("small", 10, NOT_X), ("large", 20, X))
    ]
    cluster = res("aws_rds_cluster.db", {"engine": "aurora-postgresql"}, line=1)
    db = model(cluster, *members).components["aws_rds_cluster.db"]
    assert (db.replicas, db.standby, "replicas" in db.unresolved) == (1, None, False)


def test_a_suppression_on_either_spelling_applies_to_the_one_component() -> None:
    host = variant("aws_ecs_service.a", 10, {X})
    other = dataclasses.replace(
        variant("aws_ecs_service.b", 30, {NOT_X}), ignores={"HA001": "batch worker"}
    )
    arch = model(group(), host, other)
    assert arch.components["aws_ecs_service.a"].ignore == {"HA001": "batch worker"}


def _loaded(tmp_path: Path, first: str, second: str) -> Architecture:
    """Two one-task services behind one target group, counted `<first> ? 1 : 0` and
    `<second> ? 1 : 0`, read from HCL by the loader (the variables have no value)."""
    services = "".join(
        f'resource "aws_ecs_service" "{name}" {{\n  count = {test} ? 1 : 0\n'
        "  desired_count = 1\n  load_balancer {\n"
        f"    target_group_arn = {TG}.arn\n  }}\n}}\n"
        for name, test in (("a", first), ("b", second))
    )
    (tmp_path / "main.tf").write_text(
        'variable "names" {\n  type = list(string)\n}\n'
        'variable "n" {\n  type = number\n}\n'
        'variable "mode" {\n  type = string\n}\n'
        'variable "id" {\n  type = string\n}\n'
        'resource "aws_lb_target_group" "api" {\n  port = 80\n}\n' + services,
        encoding="utf-8",
    )
    result = load_module(tmp_path, display_root=tmp_path)
    return model(*result.resources)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("length(var.names) > 0", "length(var.names) == 0"),
        ("length(var.names) > 0", "length(var.names) < 1"),
        ("length(var.names) != 0", "length(var.names) == 0"),
        ("length(var.names) >= 1", "length(var.names) <= 0"),
        ("0 < length(var.names)", "length(var.names) == 0"),
        ("var.id != null", "var.id == null"),
        ("var.n > 2", "var.n <= 2"),
        ("var.n < 2", "2 <= var.n"),
    ],
)
def test_complementary_comparisons_are_one_component_with_a_known_count(
    tmp_path: Path, first: str, second: str
) -> None:
    """Each pair is a comparison and its exact opposite, over the same left-hand text:
    exactly one of the two services exists, with its one task (a known count)."""
    arch = _loaded(tmp_path, first, second)
    host = arch.components["aws_ecs_service.a"]
    assert (host.kind, host.replicas, "replicas" in host.unresolved) == (Kind.SERVICE, 1, False)
    assert arch.components["aws_ecs_service.b"].kind is Kind.CONFIG
    assert "variant:aws_ecs_service.b" in host.tags


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ('var.mode == "a"', 'var.mode == "b"'),  # both false when mode is "c"
        ("var.n > 0", "var.n == 0"),  # both false when n is -1
        ("var.n > 0", "var.n < 1"),  # both true when n is 0.5
        ("length(var.names) > 1", "length(var.names) == 0"),  # both false at length 1
        ("length(var.names) > 0", "length(var.names) > 0"),  # both true together
    ],
)
def test_comparisons_that_may_both_hold_or_fail_stay_two_components(
    tmp_path: Path, first: str, second: str
) -> None:
    arch = _loaded(tmp_path, first, second)
    assert arch.components["aws_ecs_service.a"].kind is Kind.SERVICE
    assert arch.components["aws_ecs_service.b"].kind is Kind.SERVICE
