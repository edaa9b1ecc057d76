"""Comparing two reports: new and fixed by fingerprint, availability deltas, the gates."""

from __future__ import annotations

import pytest

from spofcheck.diff.compare import compare, diff_exit_code
from spofcheck.diff.gate import AvailabilityDrop, DiffGate, DropUnit, parse_drop
from spofcheck.errors import ConfigError
from spofcheck.model import Finding, ParseError, Severity
from tests.helpers.report_cases import finding, report, stack


def test_new_and_fixed_match_by_fingerprint_not_by_line() -> None:
    base = report([finding(component="kept", line=3), finding(component="gone")])
    head = report([finding(component="kept", line=23), finding(component="added")])
    result = compare(base, head, base_ref="main")
    assert [f.component for f in result.new] == ["added"]
    assert [f.component for f in result.fixed] == ["gone"]
    assert result.unchanged == 1


def test_suppressed_findings_are_neither_new_nor_fixed() -> None:
    base = report([])
    head = report([finding(suppressed=True, reason="accepted risk")])
    assert compare(base, head, base_ref="main").new == []


def test_availability_delta_per_stack_and_overall() -> None:
    """0.9991 - 0.9997 = -0.0006 of a 43,200-minute month = -25.92 minutes."""
    base = report(stacks=[stack("infra", 4, 0.9997)], availability={"value": 0.9997})
    head = report(stacks=[stack("infra", 4, 0.9991)], availability={"value": 0.9991})
    result = compare(base, head, base_ref="main")
    assert result.delta == pytest.approx(-0.0006)
    (change,) = result.stacks
    assert (change.path, change.base, change.head) == ("infra", 0.9997, 0.9991)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("0.05", 0.05, DropUnit.POINTS),
        ("0.05%", 0.05, DropUnit.POINTS),
        ("0.05pp", 0.05, DropUnit.POINTS),
        ("20min", 20.0, DropUnit.MINUTES),
        ("20 m", 20.0, DropUnit.MINUTES),
        (".5", 0.5, DropUnit.POINTS),
    ],
)
def test_parse_drop(text: str, amount: float, unit: DropUnit) -> None:
    assert parse_drop(text) == AvailabilityDrop(amount=amount, unit=unit)


@pytest.mark.parametrize("text", ["", "-1", "5h", "abc", "1.2.3"])
def test_parse_drop_rejects_nonsense(text: str) -> None:
    with pytest.raises(ConfigError, match="invalid availability drop"):
        parse_drop(text)


def test_drop_limits_in_points_and_minutes() -> None:
    """A -0.0006 change is 0.06 points, or 25.92 min/month."""
    delta = -0.0006
    assert AvailabilityDrop(amount=0.05).exceeded_by(delta)
    assert not AvailabilityDrop(amount=0.06).exceeded_by(delta)
    assert AvailabilityDrop(amount=25, unit=DropUnit.MINUTES).exceeded_by(delta)
    assert not AvailabilityDrop(amount=26, unit=DropUnit.MINUTES).exceeded_by(delta)
    assert not AvailabilityDrop(amount=0).exceeded_by(+0.001)  # gains never trip it


def test_exit_codes() -> None:
    base = report([], stacks=[stack("infra", 4, 0.9997)])
    head = report([finding(severity=Severity.MEDIUM)], stacks=[stack("infra", 4, 0.9991)])

    def code(gate: DiffGate) -> int:
        return diff_exit_code(compare(base, head, base_ref="main", gate=gate))

    assert code(DiffGate(fail_on_new=Severity.HIGH)) == 0
    assert code(DiffGate(fail_on_new=Severity.MEDIUM)) == 1
    tight = AvailabilityDrop(amount=20, unit=DropUnit.MINUTES)
    assert code(DiffGate(fail_on_new=Severity.HIGH, max_drop=tight)) == 1
    broken = compare(base, report(errors=[ParseError(file="a.tf", message="x")]), base_ref="m")
    assert diff_exit_code(broken) == 2


def test_the_verdict_names_each_reason_the_diff_fails() -> None:
    """0.9997 → 0.9991 loses 25.92 min/month (> 20), and one new medium finding."""
    base = report([], stacks=[stack("infra", 4, 0.9997)])
    head = report([finding(severity=Severity.MEDIUM)], stacks=[stack("infra", 4, 0.9991)])
    tight = AvailabilityDrop(amount=20, unit=DropUnit.MINUTES)
    gate = DiffGate(fail_on_new=Severity.MEDIUM, max_drop=tight)
    verdict = compare(base, head, base_ref="main", gate=gate).verdict
    assert not verdict.passed
    assert [(r.kind.value, r.message) for r in verdict.reasons] == [
        ("new_findings", "1 new finding at or above medium"),
        ("availability_drop", "availability dropped by more than 20 min/month"),
    ]


def _renamed(component: str, former: str) -> Finding:
    """A finding whose component had the id `former` before (engine/former.py)."""
    f = finding(component=component)
    return f.model_copy(update={"former_fingerprints": [f"fp-HA001-{former}"]})


def test_a_split_renames_findings_without_adding_or_fixing_any() -> None:
    """Base: the resource, one finding. Head: two instances with the same rule's finding,
    each naming the resource as its former id: 0 new, 0 fixed, 2 unchanged, 2 renamed."""
    base = report([finding(component="r")])
    head = report([_renamed('r["a"]', "r"), _renamed('r["b"]', "r")])
    result = compare(base, head, base_ref="main")
    assert (result.new, result.fixed) == ([], [])
    assert (result.unchanged, result.renamed) == (2, 2)


def test_folding_back_pairs_the_other_way_round() -> None:
    base = report([_renamed('r["a"]', "r")])
    head = report([finding(component="r")])
    result = compare(base, head, base_ref="main")
    assert (result.new, result.fixed, result.renamed) == ([], [], 1)


def test_another_rule_on_an_instance_is_still_new() -> None:
    base = report([finding(component="r")])
    added = finding("HA002", component='r["a"]').model_copy(
        update={"former_fingerprints": ["fp-HA002-r"]}
    )
    result = compare(base, report([added]), base_ref="main")
    assert [f.rule_id for f in result.new] == ["HA002"]
    assert [f.component for f in result.fixed] == ["r"]
    assert result.renamed == 0
