"""`spofcheck baseline` then `scan --baseline`: only new findings report and fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from throwaway import cli, db_stack, write


def findings(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> list[dict[str, object]]:
    _, out, _ = cli(monkeypatch, cwd, "scan", "infra", "--format", "json", *args)
    found: list[dict[str, object]] = json.loads(out)["findings"]
    return found


def test_baselined_findings_survive_a_move_and_only_new_ones_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "infra/main.tf", db_stack(multi_az=False))
    before = findings(monkeypatch, tmp_path)
    assert {f["rule_id"] for f in before} >= {"HA002"}
    assert {f["line"] for f in before} == {1}

    code, _, err = cli(monkeypatch, tmp_path, "baseline", "infra", "-o", ".spofcheck-baseline.json")
    assert code == 0, err
    recorded = json.loads((tmp_path / ".spofcheck-baseline.json").read_text("utf-8"))
    assert len(recorded["findings"]) == len(before)

    # Move the resource down 20 lines: same findings, new lines, still baselined.
    write(tmp_path / "infra/main.tf", "# moved\n" * 20 + db_stack(multi_az=False))
    assert {f["line"] for f in findings(monkeypatch, tmp_path)} == {21}
    code, out, _ = cli(
        monkeypatch, tmp_path, "scan", "infra", "--baseline", ".spofcheck-baseline.json"
    )
    assert code == 0, out
    assert f"{len(before)} baselined" in out.splitlines()[-1]

    # A new problem is reported, alone, and fails the gate.
    write(tmp_path / "infra/reports.tf", db_stack(multi_az=False).replace('"main"', '"reports"'))
    new = findings(monkeypatch, tmp_path, "--baseline", ".spofcheck-baseline.json")
    assert {f["component"] for f in new} == {"aws_db_instance.reports"}
    assert "HA002" in {f["rule_id"] for f in new}  # high: fails the default gate
    code, _, _ = cli(
        monkeypatch, tmp_path, "scan", "infra", "--baseline", ".spofcheck-baseline.json"
    )
    assert code == 1


def test_a_missing_baseline_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "infra/main.tf", db_stack(multi_az=True))
    code, _, err = cli(monkeypatch, tmp_path, "scan", "infra", "--baseline", "missing.json")
    assert code == 2
    assert "missing.json: baseline file not found" in err
