"""Every command reports what was not read as `scan` does: never a false green.

Three small stacks. Each has one public load balancer (`aws_lb.web`, the only serving
component), whose catalogue figure is the ELB SLA, 99.99%; so the figure over what was
read is 99.99% in all three. `opaque` also calls a registry module that is not installed,
`unsupported` also holds a resource type no adapter reads (`aws_appmesh_virtual_node`);
both figures are therefore upper bounds. `read` has nothing else: it stays exact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main
from tests.helpers.throwaway import cli, commit, init, write

LB = """
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-a", "subnet-b"]
}
"""
OPAQUE = 'module "db" {\n  source = "terraform-aws-modules/rds/aws"\n}\n' + LB
UNSUPPORTED = 'resource "aws_appmesh_virtual_node" "mesh" {\n  name = "orders"\n}\n' + LB
MODULE_LINE = (
    "coverage: 1 module not read: module.db — run `terraform init`, or `--download-modules`"
)
TYPE_LINE = (
    "coverage: 1 resource type without an adapter (modelled as unknown): "
    "aws_appmesh_virtual_node ×1"
)
GAPS = {"opaque": (OPAQUE, MODULE_LINE), "unsupported": (UNSUPPORTED, TYPE_LINE)}


def _stack(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "stack"
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_availability_text_is_an_upper_bound_naming_the_gap(tmp_path: Path, kind: str) -> None:
    text, line = GAPS[kind]
    code, out = _run("availability", str(_stack(tmp_path, text)), "--no-cache")
    assert code == 0
    assert out.splitlines()[0] == line
    assert "Availability: ≤ 99.99% (4 nines, exact, upper bound)" in out


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_availability_json_is_incomplete(tmp_path: Path, kind: str) -> None:
    text, _ = GAPS[kind]
    code, out = _run("availability", str(_stack(tmp_path, text)), "-f", "json", "--no-cache")
    doc = json.loads(out)
    assert code == 0
    assert doc["value"] == pytest.approx(0.9999)
    assert doc["complete"] is False
    assert doc["coverage"]["complete"] is False
    opaque = [m["address"] for m in doc["coverage"]["opaque_modules"]]
    types = [u["type"] for u in doc["coverage"]["unsupported_resources"]]
    if kind == "opaque":
        assert (opaque, types) == (["module.db"], [])
    else:
        assert (opaque, types) == ([], ["aws_appmesh_virtual_node"])


def test_availability_of_a_fully_read_stack_stays_exact(tmp_path: Path) -> None:
    folder = _stack(tmp_path, LB)
    code, out = _run("availability", str(folder), "--no-cache")
    assert code == 0
    assert "coverage:" not in out
    assert "Availability: 99.99% (4 nines, exact)" in out
    doc = json.loads(_run("availability", str(folder), "-f", "json", "--no-cache")[1])
    assert doc["complete"] is True
    assert doc["coverage"]["complete"] is True


def test_availability_fails_on_incomplete_when_the_config_asks(tmp_path: Path) -> None:
    folder = _stack(tmp_path, OPAQUE)
    (folder / ".spofcheck.yaml").write_text("fail_on_incomplete: true\n", encoding="utf-8")
    code, out = _run("availability", str(folder), "-f", "json", "--no-cache")
    reasons = json.loads(out)["gate"]["reasons"]
    assert code == 1
    assert [r["kind"] for r in reasons] == ["incomplete_coverage"]


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_model_names_what_was_not_read(tmp_path: Path, kind: str) -> None:
    text, line = GAPS[kind]
    folder = _stack(tmp_path, text)
    code, out = _run("model", str(folder), "--no-cache")
    assert code == 0
    assert f"  {line}" in out.splitlines()
    doc = json.loads(_run("model", str(folder), "-f", "json", "--no-cache")[1])
    assert doc["coverage"]["complete"] is False
    gap = "opaque_modules" if kind == "opaque" else "unsupported_resources"
    assert len(doc["coverage"][gap]) == 1


def test_model_of_a_fully_read_stack_has_no_coverage_line(tmp_path: Path) -> None:
    folder = _stack(tmp_path, LB)
    assert "coverage:" not in _run("model", str(folder), "--no-cache")[1]
    doc = json.loads(_run("model", str(folder), "-f", "json", "--no-cache")[1])
    assert doc["coverage"]["complete"] is True


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_whatif_over_an_incomplete_design_says_so(tmp_path: Path, kind: str) -> None:
    """With the only serving component down the figure is 0; over an unread part it is
    still only an upper bound (≤ 0%), and so is the figure without the scenario."""
    text, line = GAPS[kind]
    folder = _stack(tmp_path, text)
    code, out = _run("whatif", str(folder), "--fail", "component:aws_lb.web", "--no-cache")
    assert code == 1
    assert line in out.splitlines()
    assert "Availability given the scenario: ≤ 0% (without it: ≤ 99.99%)" in out
    assert out.rstrip().endswith("and the availability an upper bound.")
    doc = json.loads(_run("whatif", str(folder), "--fail", "component:aws_lb.web", "-f", "json")[1])
    assert doc["complete"] is False
    assert doc["availability"]["complete"] is False
    assert doc["coverage"]["complete"] is False


def test_whatif_entry_point_up_over_an_unread_module(tmp_path: Path) -> None:
    folder = _stack(tmp_path, OPAQUE)
    code, out = _run("whatif", str(folder), "--fail", "component:module.db", "--no-cache")
    assert code == 0
    assert "  aws_lb.web: up over what was read" in out.splitlines()
    (folder / ".spofcheck.yaml").write_text("fail_on_incomplete: true\n", encoding="utf-8")
    assert _run("whatif", str(folder), "--fail", "component:module.db", "--no-cache")[0] == 1


def test_whatif_over_a_fully_read_stack_is_plain(tmp_path: Path) -> None:
    folder = _stack(tmp_path, LB)
    code, out = _run("whatif", str(folder), "--fail", "component:aws_lb.web", "--no-cache")
    assert code == 1
    assert "coverage:" not in out
    assert "Incomplete" not in out
    assert "Availability given the scenario: 0% (without it: 99.99%)" in out
    doc = json.loads(_run("whatif", str(folder), "--fail", "component:aws_lb.web", "-f", "json")[1])
    assert doc["complete"] is True


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_recovery_target_over_an_incomplete_design_is_unknown(tmp_path: Path, kind: str) -> None:
    """The load balancer is a managed regional service: no instance to lose, so the
    estimate over what was read is 0s and would meet a 1h RTO; the unread part may not."""
    text, line = GAPS[kind]
    folder = _stack(tmp_path, text)
    code, out = _run("recovery", str(folder), "--rto", "1h", "--no-cache")
    assert code == 1
    rows = out.splitlines()
    assert line in rows
    assert "instance    0s   0s   1h / -            -           unknown" in rows
    assert not any(r.endswith(" met") for r in rows)
    doc = json.loads(_run("recovery", str(folder), "--rto", "1h", "-f", "json")[1])
    stack = doc["stacks"][0]
    assert [(d["meets"], d["complete"]) for d in stack["disruptions"]] == [(None, False)] * 3
    assert stack["coverage"]["complete"] is False


def test_recovery_without_a_target_stays_green_but_says_incomplete(tmp_path: Path) -> None:
    code, out = _run("recovery", str(_stack(tmp_path, OPAQUE)), "--no-cache")
    assert code == 0
    assert "no target" in out
    assert "Incomplete: part of the design was not read" in out


def test_recovery_target_over_a_fully_read_stack_is_met(tmp_path: Path) -> None:
    folder = _stack(tmp_path, LB)
    code, out = _run("recovery", str(folder), "--rto", "1h", "--no-cache")
    assert code == 0
    assert "instance    0s   0s   1h / -            -           met" in out.splitlines()
    assert "coverage:" not in out


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_diagram_headline_is_an_upper_bound_naming_the_gap(tmp_path: Path, kind: str) -> None:
    text, line = GAPS[kind]
    folder = _stack(tmp_path, text)
    target = tmp_path / "out.mmd"
    result = CliRunner().invoke(main, ["diagram", str(folder), "-o", str(target), "--no-cache"])
    assert result.exit_code == 0
    drawn = target.read_text(encoding="utf-8")
    assert (
        "availability ≤ 99.99% (~4.32 min down per 30-day month; upper bound: part not read)"
        in (drawn)
    )
    gap = line.removeprefix("coverage: ").replace("`", "'")  # Mermaid comments drop backticks
    assert f"%% coverage incomplete: {gap}" in drawn
    assert f"spofcheck: {line}" in result.stderr


def test_diagram_of_a_fully_read_stack_has_a_plain_headline(tmp_path: Path) -> None:
    target = tmp_path / "out.mmd"
    result = CliRunner().invoke(
        main, ["diagram", str(_stack(tmp_path, LB)), "-o", str(target), "--no-cache"]
    )
    assert result.exit_code == 0
    drawn = target.read_text(encoding="utf-8")
    assert "availability 99.99% (~4.32 min down per 30-day month) · no SLO set" in drawn
    assert "coverage" not in drawn


def _diff_repo(tmp_path: Path, head: str) -> Path:
    """A repository whose last commit holds the load balancer alone; the working tree
    holds `head`."""
    repo = init(tmp_path / "repo")
    write(repo / "stack" / "main.tf", LB)
    commit(repo, "base: the load balancer alone")
    write(repo / "stack" / "main.tf", head)
    return repo


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_diff_says_the_head_figure_is_an_upper_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Adding an unread part leaves 99.99% → 99.99% over what was read: "no change" is
    only true of the read part, and the text must say so."""
    text, line = GAPS[kind]
    repo = _diff_repo(tmp_path, text)
    code, out, _ = cli(monkeypatch, repo, "diff", "stack", "--base", "HEAD", "--no-cache")
    assert code == 0
    assert line in out.splitlines()
    assert (
        "availability 99.99% → 99.99%: no change "
        "(head: upper bound, part of the design was not read)"
    ) in out.splitlines()
    code, out, _ = cli(monkeypatch, repo, "diff", "stack", "--base", "HEAD", "-f", "json")
    doc = json.loads(out)
    assert (doc["availability"]["base_complete"], doc["availability"]["complete"]) == (
        True,
        False,
    )
    assert doc["coverage"]["complete"] is False
    write(repo / ".spofcheck.yaml", "fail_on_incomplete: true\n")
    assert cli(monkeypatch, repo, "diff", "stack", "--base", "HEAD", "--no-cache")[0] == 1


def test_diff_of_fully_read_sides_has_no_bound_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _diff_repo(tmp_path, LB.replace('"web"', '"web2"', 1))
    write(repo / ".spofcheck.yaml", "fail_on_incomplete: true\n")
    code, out, _ = cli(monkeypatch, repo, "diff", "stack", "--base", "HEAD", "--no-cache")
    assert code == 0
    assert "upper bound" not in out
    assert "coverage:" not in out


def test_an_slo_met_only_over_what_was_read_says_so(tmp_path: Path) -> None:
    """99.99% ≥ 99.9%: the read part meets the SLO; the unread module may not, so the
    verdict is "met over what was read" in `availability` and `scan` alike. The gate
    still passes (as scan's always has); `fail_on_incomplete` is the switch to fail it."""
    folder = _stack(tmp_path, OPAQUE)
    code, out = _run("availability", str(folder), "--slo", "99.9", "--no-cache")
    assert code == 0
    assert "SLO:          99.9%, met over what was read: margin +0.09 pp" in out
    code, out = _run("scan", str(folder), "--slo", "99.9", "--no-cache")
    assert code == 0
    assert "(SLO 99.9%: met over what was read)" in out


def test_an_slo_met_by_a_fully_read_stack_is_plainly_met(tmp_path: Path) -> None:
    code, out = _run("availability", str(_stack(tmp_path, LB)), "--slo", "99.9", "--no-cache")
    assert code == 0
    assert "SLO:          99.9%, met: margin +0.09 pp" in out


def test_an_upper_bound_below_the_slo_is_a_miss(tmp_path: Path) -> None:
    """≤ 99.99% cannot reach 99.999%: a miss whatever the unread part holds."""
    folder = _stack(tmp_path, OPAQUE)
    code, out = _run("availability", str(folder), "--slo", "99.999", "--no-cache")
    assert code == 1
    assert "SLO:          99.999%, NOT met" in out


def test_availability_over_several_stacks_marks_the_incomplete_one(tmp_path: Path) -> None:
    """Two stacks, both 99.99% over what was read; only `op` has an unread module."""
    for name, text in (("op", OPAQUE), ("ok", LB)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(text, encoding="utf-8")
    args = ["availability", str(tmp_path / "op"), str(tmp_path / "ok"), "--no-cache"]
    code, out = _run(*args, "--slo", "99.9")
    rows = [" ".join(r.split()) for r in out.splitlines()]
    assert code == 0
    assert rows[0] == " ".join(MODULE_LINE.split())
    assert "ok exact entry points 99.99% 99.9% met" in rows
    assert "op exact entry points ≤ 99.99% 99.9% met over what was read" in rows
    doc = json.loads(_run(*args, "-f", "json")[1])
    assert [(s["path"], s["availability"]["complete"]) for s in doc["stacks"]] == [
        ("ok", True),
        ("op", False),
    ]
    assert [m["address"] for m in doc["coverage"]["opaque_modules"]] == ["module.db"]


@pytest.mark.parametrize("kind", sorted(GAPS))
def test_the_python_api_bounds_the_figure_as_the_commands_do(tmp_path: Path, kind: str) -> None:
    import spofcheck
    from spofcheck.api.availability import compute_all
    from spofcheck.api.simple import build_request, resolve_config

    folder = _stack(tmp_path, GAPS[kind][0])
    scanned = spofcheck.scan(folder, use_cache=False)
    assert scanned.availability is not None
    assert scanned.availability.complete is False
    assert scanned.report.coverage.complete is False
    request = build_request([folder], resolve_config([folder], None), use_cache=False)
    computed = compute_all(request)
    assert [r.complete for _, r in computed.stacks] == [False]
    # the same unread parts (unknown values are listed per rule that ran, so may differ)
    for gap in ("opaque_modules", "unsupported_resources"):
        assert getattr(computed.coverage, gap) == getattr(scanned.report.coverage, gap)


@pytest.mark.parametrize(
    "command",
    [
        ("availability",),
        ("whatif", "--fail", "component:module.db"),
    ],
)
def test_the_fail_on_incomplete_flag_fails_an_incomplete_design(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    opaque = _stack(tmp_path, OPAQUE)
    assert _run(*command, str(opaque), "--no-cache")[0] == 0
    assert _run(*command, str(opaque), "--fail-on-incomplete", "--no-cache")[0] == 1


def test_the_fail_on_incomplete_flag_passes_a_fully_read_design(tmp_path: Path) -> None:
    folder = _stack(tmp_path, LB)
    assert _run("availability", str(folder), "--fail-on-incomplete", "--no-cache")[0] == 0
    whatif = ("whatif", str(folder), "--each", "zone", "--fail-on-incomplete", "--no-cache")
    assert _run(*whatif)[0] == 0


REASON = (
    "✗ gate failed: incomplete coverage (1 unread module, 1 stack analyzed in part) and "
    "--fail-on-incomplete is set"
)


@pytest.mark.parametrize("before_double_dash", [False, True])
def test_the_hook_takes_the_fail_on_incomplete_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before_double_dash: bool
) -> None:
    """As pre-commit runs it (`hook -- ARGS FILES`) and as an older entry did (`hook ARGS
    FILES`): the flag is a flag, so the file name after it is still read as a file."""
    _stack(tmp_path, OPAQUE)
    monkeypatch.chdir(tmp_path)
    lead = () if before_double_dash else ("--",)
    code, out = _run("hook", *lead, "stack/main.tf")
    assert code == 0
    assert REASON not in out
    code, out = _run("hook", *lead, "--fail-on-incomplete", "stack/main.tf")
    assert code == 1
    assert REASON in out.splitlines()


def test_the_hook_can_turn_the_configs_fail_on_incomplete_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _stack(tmp_path, OPAQUE)
    (folder / ".spofcheck.yaml").write_text("fail_on_incomplete: true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("hook", "--", "stack/main.tf")[0] == 1
    assert _run("hook", "--", "--no-fail-on-incomplete", "stack/main.tf")[0] == 0
