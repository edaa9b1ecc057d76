"""The analysis cache: a hit gives the same report; rules, settings or SLO changes miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.cache.location import cache_dir
from spofcheck.config import Config
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.report.json_format import render

REPO = Path(__file__).resolve().parents[2]
STACK = REPO / "fixtures" / "architectures" / "aws-three-tier-bad"


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "stack"
    shutil.copytree(STACK, copy)
    monkeypatch.chdir(tmp_path)
    return copy


def _scan(stack: Path, **request: object) -> str:
    result = run_scan(ScanRequest(paths=[stack], **request), load_catalogue())  # type: ignore[arg-type]
    return render(result.report)


def _entries() -> list[Path]:
    return sorted((cache_dir() / "results").rglob("*.json"))


def test_a_warm_scan_reads_the_stored_analysis_and_reports_the_same(stack: Path) -> None:
    cold = _scan(stack)
    assert len(_entries()) == 1
    stored = _entries()[0].stat().st_mtime_ns
    assert _scan(stack) == cold
    assert _entries()[0].stat().st_mtime_ns == stored


def test_another_slo_or_disabled_rule_is_another_entry(stack: Path) -> None:
    base = _scan(stack)
    with_slo = _scan(stack, slo=0.9999)
    without_ha001 = _scan(stack, config=Config(disable=["HA001"]))
    assert len(_entries()) == 3
    assert with_slo != base
    assert '"rule_id": "HA001"' in base
    assert '"rule_id": "HA001"' not in without_ha001


def test_an_edited_file_is_analyzed_again(stack: Path) -> None:
    before = _scan(stack)
    data = stack / "data.tf"
    data.write_text(
        data.read_text().replace(
            "multi_az                = false", "multi_az                = true"
        )
    )
    after = _scan(stack)
    assert after != before
    assert len(_entries()) == 2


def test_a_damaged_entry_is_a_miss(stack: Path) -> None:
    cold = _scan(stack)
    _entries()[0].write_text("{not json")
    assert _scan(stack) == cold


def test_no_cache_writes_no_analysis(stack: Path) -> None:
    _scan(stack, use_cache=False)
    assert _entries() == []
