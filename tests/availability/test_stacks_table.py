"""`spofcheck availability` over several stacks: one table row per stack, then notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.availability.table import render_table
from spofcheck.cli import main
from spofcheck.model.availability import AvailabilityResult, Basis, Method

QUORUM = "version: 1\ncomponents:\n  db: {replicas: 3, availability: 90, quorum: true}\n"
# one primary in zone a (99%), a hot standby without zones: assumed in zone a
STANDBY = (
    "version: 1\nzones:\n  a: {availability: 99}\ncomponents:\n"
    "  db: {zones: [a], availability: 90, standby: {mode: hot}}\n"
)


@pytest.fixture
def two_stacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in (("b", STANDBY), ("a", QUORUM)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "architecture.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_several_stacks_print_one_row_each_then_their_notes(two_stacks: Path) -> None:
    """a: 2 of 3 at 0.9 = 0.972 (97.2%); b: 0.99 * (1 - 0.1^2) = 0.9801 (98.01%).
    SLO 98%: a is not met, b is."""
    result = CliRunner().invoke(main, ["availability", "b", "a", "--slo", "98"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "stack                method  basis         availability  SLO  verdict",
        "a/architecture.yaml  exact   entry points  97.2%         98%  NOT met",
        "b/architecture.yaml  exact   entry points  98.01%        98%  met",
        "",
        "b/architecture.yaml:",
        "  - availability: db standby has no zones written; assumed in the primaries' zones (a)",
    ]


def test_the_json_keeps_one_block_per_stack(two_stacks: Path) -> None:
    result = CliRunner().invoke(main, ["availability", "a", "b", "-f", "json"])
    doc = json.loads(result.output)
    assert [s["path"] for s in doc["stacks"]] == ["a/architecture.yaml", "b/architecture.yaml"]
    assert set(doc["stacks"][0]) == {"name", "path", "availability"}
    assert doc["stacks"][1]["availability"]["value"] == pytest.approx(0.9801, abs=1e-12)


def test_bounds_and_unread_parts_are_spelled_out_and_explained() -> None:
    bounded = AvailabilityResult(
        value=0.999, lower=0.999, upper=0.9995, method=Method.BOUNDS, reason="too many states"
    )
    partial = AvailabilityResult(value=0.9998, complete=False)
    lines = render_table([("x", bounded), ("y", partial)]).splitlines()
    assert lines[1].split() == ["x", "bounds", "entry", "points", "99.9%", "to", "99.95%", "—", "—"]
    assert lines[2].split() == ["y", "exact", "entry", "points", "≤", "99.98%", "—", "—"]
    assert "  - bounds: too many states" in lines
    assert "  - upper bound: part of the design was not read or is unknown" in lines


def test_the_basis_column_tells_a_serving_figure_from_an_entry_point_one() -> None:
    serving = AvailabilityResult(value=0.99, basis=Basis.SERVING)
    weakest = AvailabilityResult(value=0.98, basis=Basis.EACH_ENTRYPOINT)
    unknown = AvailabilityResult(value=None, method=Method.NOT_COMPUTED, basis=Basis.SERVING)
    lines = render_table([("a", serving), ("b", weakest), ("c", unknown)]).splitlines()
    assert lines[0].split()[2] == "basis"
    assert [line.split()[2] for line in lines[1:4]] == ["serving", "weakest", "—"]
