"""A resource switched on or off by an unknown condition is judged as it is when it
exists: its replicas are known, and the component is tagged `conditional`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from spofcheck.model import Architecture, Kind
from spofcheck.parse.terraform.countswitch import CountSwitch
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.resources import Resource
from tests.helpers.adapter_kit import model, res

EPH = ('startswith(var.env, "eph-")', False)


def database(address: str, line: int, switch: CountSwitch | None) -> Resource:
    """A single-AZ aws_db_instance whose count the loader read as `switch` (one instance)."""
    body = {"engine": "postgres", "multi_az": False}
    return dataclasses.replace(res(address, body, line=line), count_switch=switch)


def test_a_switched_database_has_one_known_replica_and_is_conditional() -> None:
    """`startswith(var.env, "eph-") ? 0 : 1`: when it exists, one instance, so replicas is
    1 and not unresolved (HA001 can judge it); it exists only under that condition."""
    switch = CountSwitch(frozenset({EPH}), negated=False, size=1)
    arch = model(database("aws_db_instance.ledger", 1, switch))
    db = arch.components["aws_db_instance.ledger"]
    assert (db.replicas, "replicas" in db.unresolved) == (1, False)
    assert "conditional" in db.tags


def test_a_database_inside_a_switched_module_is_conditional() -> None:
    inner = dataclasses.replace(
        database("module.reports.aws_db_instance.this", 1, None), module_switched=True
    )
    db = model(inner).components["module.reports.aws_db_instance.this"]
    assert (db.replicas, "conditional" in db.tags) == (1, True)


def test_complementary_variants_always_exist_so_their_host_is_not_conditional() -> None:
    """`eph ? 0 : 1` beside `eph ? 1 : 0`: exactly one of the two exists, always."""
    off = CountSwitch(frozenset({EPH}), negated=False, size=1)
    on = CountSwitch(frozenset({(EPH[0], True)}), negated=False, size=1)
    arch = model(database("aws_db_instance.a", 1, off), database("aws_db_instance.b", 20, on))
    host = arch.components["aws_db_instance.a"]
    assert (host.replicas, "conditional" in host.tags) == (1, False)


def test_an_unswitched_database_is_not_conditional() -> None:
    db = model(database("aws_db_instance.plain", 1, None)).components["aws_db_instance.plain"]
    assert "conditional" not in db.tags


def _services(tmp_path: Path, first: str, second: str) -> Architecture:
    """Two one-task services behind one target group, counted `<first> ? 1 : 0` and
    `<second> ? 1 : 0`, read from HCL by the loader (the variables have no value)."""
    services = "".join(
        f'resource "aws_ecs_service" "{name}" {{\n  count = {test} ? 1 : 0\n'
        "  desired_count = 1\n  load_balancer {\n"
        "    target_group_arn = aws_lb_target_group.api.arn\n  }\n}\n"
        for name, test in (("a", first), ("b", second))
    )
    variables = "".join(f'variable "{v}" {{\n  type = {t}\n}}\n' for v, t in _VARIABLES)
    (tmp_path / "main.tf").write_text(
        variables + 'resource "aws_lb_target_group" "api" {\n  port = 80\n}\n' + services,
        encoding="utf-8",
    )
    return model(*load_module(tmp_path, display_root=tmp_path).resources)


_VARIABLES = (("create", "bool"), ("x", "bool"), ("n", "number"))


def test_variants_that_may_both_be_off_are_one_conditional_single_task(tmp_path: Path) -> None:
    """`create && x` / `create && !x`: never both, possibly neither. If either exists it
    runs one task: one component, replicas 1 (known), tagged conditional."""
    arch = _services(tmp_path, "var.create && var.x", "var.create && !var.x")
    host = arch.components["aws_ecs_service.a"]
    assert (host.kind, host.replicas, "replicas" in host.unresolved) == (Kind.SERVICE, 1, False)
    assert {"conditional", "variant:aws_ecs_service.b"} <= set(host.tags)


def test_switches_that_may_coexist_are_two_conditional_components(tmp_path: Path) -> None:
    """`var.n > 0` / `var.n == 0` may both be false (n = -1): two services, each one task
    when it exists."""
    arch = _services(tmp_path, "var.n > 0", "var.n == 0")
    found = [arch.components[f"aws_ecs_service.{n}"] for n in ("a", "b")]
    assert [(c.kind, c.replicas, "conditional" in c.tags) for c in found] == [
        (Kind.SERVICE, 1, True),
        (Kind.SERVICE, 1, True),
    ]
