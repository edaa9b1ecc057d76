"""Unknown counts that switch a resource on or off: the condition the loader records."""

from __future__ import annotations

from spofcheck.parse.terraform.countswitch import CountSwitch
from tests.helpers.loader_kit import load, resource

X = ("var.x", True)
NOT_X = ("var.x", False)
ENABLED = ("var.enabled", True)


def switch(address: str) -> CountSwitch | None:
    return resource(load("count_switch"), f"aws_instance.{address}").count_switch


def test_a_condition_choosing_one_or_none_is_a_switch() -> None:
    """`var.x ? 1 : 0` is on when x holds; `var.x ? 0 : 1` and `!var.x ? 1 : 0` when it
    does not (a negated single condition is the opposite literal)."""
    assert switch("on_when_x") == CountSwitch(frozenset({X}), negated=False, size=1)
    assert switch("off_when_x") == CountSwitch(frozenset({NOT_X}), negated=False, size=1)
    assert switch("on_when_not_x") == switch("off_when_x")


def test_known_parts_of_a_conjunction_drop_out() -> None:
    """`var.create` defaults to true: `var.create && var.x` is just x."""
    assert switch("created_and_x") == switch("on_when_x")


def test_a_negated_conjunction_stays_negated() -> None:
    both = CountSwitch(frozenset({ENABLED, X}), negated=False, size=2)
    assert switch("both") == both
    assert switch("not_both") == CountSwitch(frozenset({ENABLED, X}), negated=True, size=2)


def test_a_local_holding_a_negation_is_read_through() -> None:
    """local.off = !var.x; `local.off ? 0 : 1` is on when x holds."""
    assert switch("through_local") == switch("on_when_x")


def test_a_local_holding_a_conjunction_is_read_as_its_parts() -> None:
    """local.create_on = var.create && var.enabled && !var.x, with create = true: on when
    enabled holds and x does not (so it excludes `on_when_x`)."""
    found = switch("through_a_conjunction_local")
    assert found == CountSwitch(frozenset({ENABLED, NOT_X}), negated=False, size=1)
    on_when_x = switch("on_when_x")
    assert on_when_x is not None
    assert found.excludes(on_when_x)


def test_not_equal_is_the_negation_of_equal() -> None:
    is_a, not_a = switch("mode_is_a"), switch("mode_is_not_a")
    assert is_a == CountSwitch(frozenset({('var.mode == "a"', True)}), negated=False, size=1)
    assert not_a == CountSwitch(frozenset({('var.mode == "a"', False)}), negated=False, size=1)


def test_other_counts_are_no_switch() -> None:
    """A length, an unknown size, and a count the loader knows (create = true: 1)."""
    assert switch("counted") is None
    assert switch("sized_by_var") is None
    known = resource(load("count_switch"), "aws_instance.known")
    assert (known.count_switch, known.count_unknown, len(known.instances)) == (None, False, 1)


def test_exclusion_and_complement() -> None:
    """x / !x: never both, always one. enabled && x / !(enabled && x): the same.
    enabled && x / enabled && !x: never both, but both may be off (enabled false).
    x / x: both at once."""
    on, off = CountSwitch(frozenset({X}), False, 1), CountSwitch(frozenset({NOT_X}), False, 1)
    both = CountSwitch(frozenset({ENABLED, X}), False, 1)
    not_both = CountSwitch(frozenset({ENABLED, X}), True, 1)
    enabled_not_x = CountSwitch(frozenset({ENABLED, NOT_X}), False, 1)
    assert on.excludes(off)
    assert on.complements(off)
    assert off.complements(on)
    assert both.excludes(not_both)
    assert not_both.excludes(both)
    assert both.complements(not_both)
    assert both.excludes(enabled_not_x)
    assert not both.complements(enabled_not_x)
    assert not on.excludes(on)
    assert not on.complements(on)
    assert not not_both.excludes(not_both)
