"""A resource switched on or off by an unknown condition is judged as it is when it
exists: its replicas are known, and the component is tagged `conditional`."""

from __future__ import annotations

import dataclasses

from spofcheck.parse.terraform.countswitch import CountSwitch
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
