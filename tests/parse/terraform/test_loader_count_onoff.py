"""An unknown count that only switches a resource or a module call on or off leaves the
shape known: when it exists, it has the switch's N instances (fixtures/loader/count_onoff)."""

from __future__ import annotations

import pytest

from spofcheck.parse.terraform.resources import LoadResult
from tests.helpers.loader_kit import load, resource


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load("count_onoff")


def test_a_switched_resource_has_its_size_in_instances(result: LoadResult) -> None:
    """`startswith(var.env, "eph-") ? 0 : 2`: two instances keyed 0 and 1, each with its
    own count.index (azs[0], azs[1]); the count is known, the existence is not."""
    pair = resource(result, "aws_instance.pair")
    assert not pair.count_unknown
    assert [i.key for i in pair.instances] == [0, 1]
    zones = [i.attributes["availability_zone"] for i in pair.instances]
    assert zones == ["eu-west-1a", "eu-west-1b"]
    assert pair.count_switch is not None
    assert (pair.count_switch.size, pair.conditional) == (2, True)


def test_references_to_a_switched_resource_stay_unknown(result: LoadResult) -> None:
    """`length(aws_instance.pair) > 0 ? 1 : 0` is not read as "pair exists": the reader
    is itself a switch of size 1 on that condition, not a known single instance."""
    reader = resource(result, "aws_instance.reader")
    assert reader.count_switch is not None
    ((text, holds),) = reader.count_switch.literals
    assert (text, holds, len(reader.instances)) == ("length(aws_instance.pair) >= 1", True, 1)


def test_a_count_that_is_no_switch_stays_unknown(result: LoadResult) -> None:
    sized = resource(result, "aws_instance.sized")
    assert (sized.count_unknown, sized.conditional, len(sized.instances)) == (True, False, 1)


def test_a_switched_module_leaves_the_shapes_inside_known(result: LoadResult) -> None:
    """module "pair" has `count = var.enabled ? 1 : 0`: inside, `count = 2` gives two
    instances (keys "0/0", "0/1") with a known count; both are conditional."""
    inner = resource(result, "module.pair.aws_instance.this")
    assert (inner.count_unknown, [i.key for i in inner.instances]) == (False, ["0/0", "0/1"])
    assert (inner.module_switched, inner.conditional) == (True, True)


def test_a_switch_inside_a_switched_module_is_still_read(result: LoadResult) -> None:
    """`var.extra ? 1 : 0` with extra = `var.size > 2` (unknown) inside the switched
    module: a switch of its own, one instance when on."""
    maybe = resource(result, "module.pair.aws_instance.maybe")
    assert maybe.count_switch is not None
    assert (maybe.count_unknown, len(maybe.instances)) == (False, 1)


def test_a_module_count_that_is_no_switch_marks_everything_inside(result: LoadResult) -> None:
    """module "many" has `count = var.size`: nothing inside is counted or switched."""
    for name in ("this", "maybe"):
        inner = resource(result, f"module.many.aws_instance.{name}")
        assert (inner.count_unknown, inner.conditional) == (True, False)


def test_the_caller_does_not_read_a_switched_module_as_present(result: LoadResult) -> None:
    """`count = length(module.pair)` stays unknown: the module may not exist."""
    assert resource(result, "aws_instance.per_module").count_unknown
