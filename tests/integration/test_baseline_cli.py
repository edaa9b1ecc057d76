"""`spofcheck baseline` then `scan --baseline`: only new findings report and fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.throwaway import cli, web_stack, write

BASELINE = ".spofcheck-baseline.json"


def findings(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> list[dict[str, object]]:
    _, out, _ = cli(monkeypatch, cwd, "scan", "infra", "--format", "json", *args)
    found: list[dict[str, object]] = json.loads(out)["findings"]
    return found


def test_baselined_findings_survive_a_move_and_only_new_ones_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "infra/main.tf", web_stack("web"))
    before = findings(monkeypatch, tmp_path)
    spof = next(f for f in before if f["rule_id"] == "HA001")
    assert (spof["component"], spof["line"], spof["severity"]) == ("aws_instance.web", 24, "high")

    code, _, err = cli(monkeypatch, tmp_path, "baseline", "infra", "-o", BASELINE)
    assert code == 0, err
    recorded = json.loads((tmp_path / BASELINE).read_text("utf-8"))
    assert len(recorded["findings"]) == len(before)

    # Move everything down 20 lines: same findings on new lines, still baselined.
    write(tmp_path / "infra/main.tf", "# moved\n" * 20 + web_stack("web"))
    moved = next(f for f in findings(monkeypatch, tmp_path) if f["rule_id"] == "HA001")
    assert moved["line"] == 24 + 20
    code, out, _ = cli(monkeypatch, tmp_path, "scan", "infra", "--baseline", BASELINE)
    assert code == 0, out
    assert f"{len(before)} baselined" in out.splitlines()[-2]  # the summary, above the gate

    # A new single point of failure is reported, alone, and fails the gate.
    write(tmp_path / "infra/api.tf", web_stack("api"))
    new = findings(monkeypatch, tmp_path, "--baseline", BASELINE)
    assert {f["component"] for f in new} <= {"aws_instance.api", "aws_lb_target_group.api"}
    assert ("HA001", "aws_instance.api") in {(f["rule_id"], f["component"]) for f in new}
    code, _, _ = cli(monkeypatch, tmp_path, "scan", "infra", "--baseline", BASELINE)
    assert code == 1


def test_a_missing_baseline_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "infra/main.tf", web_stack())
    code, _, err = cli(monkeypatch, tmp_path, "scan", "infra", "--baseline", "missing.json")
    assert code == 2
    assert "missing.json: baseline file not found" in err
