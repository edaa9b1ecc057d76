"""Every rule fixture folder produces exactly the findings its `expected.yaml` lists.

Layout: `fixtures/rules/<RULE>/<input>-<fail|pass>[-<case>]/` holds a small Terraform
folder or a YAML architecture, and `expected.yaml` with the findings of <RULE> that a
scan of the folder must report (rule, component, file relative to the folder, line);
a `pass` folder expects none. Findings of other rules are not this test's business.
A `pass` folder is the near-identical fix of its `fail` twin (same files, few lines
changed), so the pair pins down exactly what the rule reacts to.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from spofcheck.engine.spec import Input
from tests.helpers.rule_cases import scan_folder

RULES = Path(__file__).resolve().parents[2] / "fixtures" / "rules"
MAX_CHANGED_LINES = 8
_INPUTS = sorted((i.value for i in Input), key=len, reverse=True)


def fixture_folders() -> list[Path]:
    return sorted(p.parent for p in RULES.glob("*/*/expected.yaml"))


def parse_name(folder: Path) -> tuple[str, str, str]:
    """(input, fail|pass, case) from `tf-aws-fail-elb`."""
    name = folder.name
    source = next((i for i in _INPUTS if name.startswith(i + "-")), None)
    assert source is not None, f"{folder}: name must start with one of {_INPUTS}"
    outcome, _, case = name[len(source) + 1 :].partition("-")
    assert outcome in ("fail", "pass"), f"{folder}: expected <input>-fail or <input>-pass"
    return source, outcome, case


def _expected(folder: Path) -> set[tuple[str, str, str, int]]:
    data = YAML(typ="safe").load((folder / "expected.yaml").read_text("utf-8")) or {}
    rows = data.get("findings") or []
    return {(r["rule"], r["component"], r["file"], int(r["line"])) for r in rows}


@pytest.mark.parametrize("folder", fixture_folders(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_reports_exactly_the_expected_findings(folder: Path) -> None:
    rule = folder.parent.name
    _source, outcome, _case = parse_name(folder)
    result = scan_folder(folder)
    assert not result.errors, [e.one_line() for e in result.errors]
    found = {
        (f.rule_id, f.component, f.file or "", f.line or 0)
        for f in result.report.findings
        if f.rule_id == rule
    }
    expected = _expected(folder)
    assert all(row[0] == rule for row in expected), "expected.yaml may only list its rule"
    assert found == expected
    if outcome == "fail":
        assert expected, f"{folder}: a fail fixture must expect at least one finding"


def test_every_fail_fixture_has_a_near_identical_pass_twin() -> None:
    folders = fixture_folders()
    assert folders, "no rule fixtures found"
    by_key = {(f.parent.name, *_pair_key(f)): f for f in folders}
    for (rule, source, outcome, case), folder in sorted(by_key.items()):
        twin = by_key.get((rule, source, "pass" if outcome == "fail" else "fail", case))
        assert twin is not None, f"{folder} has no {source} twin"
        assert _changed_lines(folder, twin) <= MAX_CHANGED_LINES, (folder, twin)


def _pair_key(folder: Path) -> tuple[str, str, str]:
    return parse_name(folder)


def _files(folder: Path) -> dict[str, list[str]]:
    return {
        p.relative_to(folder).as_posix(): p.read_text("utf-8").splitlines()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "expected.yaml"
    }


def _changed_lines(a: Path, b: Path) -> int:
    left, right = _files(a), _files(b)
    assert left.keys() == right.keys(), f"{a} and {b} must hold the same files"
    changed = 0
    for name in left:
        diff = difflib.unified_diff(left[name], right[name], lineterm="", n=0)
        changed += sum(
            1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))
        )
    return changed
