"""`scan --format json` is a contract scripts rely on: keys, types, paths, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BAD_TF = "fixtures/architectures/aws-three-tier-bad"
SEED_Q3 = "fixtures/architectures/seed-q3-spof"


def scan(*args: str, seed: str = "0", cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "spofcheck", "scan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def bad_json() -> dict[str, object]:
    result = scan(BAD_TF, SEED_Q3, "--format", "json", "--no-cache")
    assert result.returncode == 1, result.stderr
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def test_top_level_keys_of_the_contract_come_first(bad_json: dict[str, object]) -> None:
    assert list(bad_json)[:4] == ["version", "findings", "availability", "errors"]


def test_each_finding_has_the_contract_fields(bad_json: dict[str, object]) -> None:
    findings = bad_json["findings"]
    assert isinstance(findings, list)
    assert findings
    for finding in findings:
        assert set(finding) >= {
            "rule_id",
            "severity",
            "component",
            "message",
            "file",
            "line",
            "remediation",
        }
        assert finding["severity"] in {"critical", "high", "medium", "low", "info"}
        assert isinstance(finding["line"], int)
        assert finding["line"] >= 1
        assert not Path(finding["file"]).is_absolute()
        assert (REPO / finding["file"]).is_file()


def test_the_single_database_is_reported_at_its_block(bad_json: dict[str, object]) -> None:
    """The bad stack's database block starts on line 1 of data.tf (see the fixture)."""
    findings = bad_json["findings"]
    assert isinstance(findings, list)
    spof = [
        f for f in findings if f["rule_id"] == "HA001" and f["component"] == "aws_db_instance.main"
    ]
    assert [(f["file"], f["line"]) for f in spof] == [(f"{BAD_TF}/data.tf", 1)]


def test_availability_block_is_a_fraction_with_a_method(bad_json: dict[str, object]) -> None:
    block = bad_json["availability"]
    assert isinstance(block, dict)
    assert 0 < block["value"] < 1
    assert block["method"] == "exact"
    assert set(block) >= {"value", "slo", "meets_slo", "method"}


def test_findings_are_sorted_by_file_line_rule_component(bad_json: dict[str, object]) -> None:
    findings = bad_json["findings"]
    assert isinstance(findings, list)
    keys = [(f["file"], f["line"], f["rule_id"], f["component"]) for f in findings]
    assert keys == sorted(keys)


@pytest.mark.slow
def test_output_is_byte_identical_across_hash_seeds_and_runs() -> None:
    first = scan(BAD_TF, SEED_Q3, "--format", "json", "--no-cache", seed="1")
    second = scan(SEED_Q3, BAD_TF, "--format", "json", seed="4242")
    assert first.stdout == second.stdout
    assert first.returncode == second.returncode == 1


def test_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    """Run from inside the fixture folder: files are still reported from the checkout's
    root (this repository), not from the working directory."""
    result = scan(".", "--format", "json", cwd=REPO / BAD_TF)
    files = {f["file"] for f in json.loads(result.stdout)["findings"]}
    names = {"app.tf", "data.tf", "main.tf", "network.tf", "variables.tf", "dns.tf"}
    assert files
    assert files <= {f"{BAD_TF}/{name}" for name in names}


@pytest.mark.slow
def test_a_broken_file_is_reported_and_the_rest_still_analyzed(tmp_path: Path) -> None:
    stack = tmp_path / "stack"
    stack.mkdir()
    (stack / "ok.tf").write_text('resource "aws_db_instance" "db" {\n  multi_az = false\n}\n')
    (stack / "broken.tf").write_text('resource "aws_instance" "x" {\n  ami = \n')
    other = tmp_path / "other"
    other.mkdir()
    (other / "arch.yaml").write_text(
        "version: 1\ncomponents:\n  db: {kind: database, replicas: 1}\n"
    )
    result = scan(str(tmp_path), "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    doc = json.loads(result.stdout)
    assert [(e["file"], e["line"] is not None) for e in doc["errors"]] == [
        ("stack/broken.tf", True)
    ]
    components = {f["component"] for f in doc["findings"]} | {
        f["component"] for f in doc["suppressed"]
    }
    assert {"aws_db_instance.db", "db"} <= components
    assert "Traceback" not in result.stderr
