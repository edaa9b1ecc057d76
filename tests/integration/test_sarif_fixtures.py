"""Every fixture's SARIF validates against the SARIF 2.1.0 schema and locates results well."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.engine.spec import RuleSpec
from spofcheck.report import formatter
from tests.helpers.report_cases import sarif_schema

REPO = Path(__file__).resolve().parents[2]
SUFFIXES = (".tf", ".tf.json", ".tofu", ".tofu.json", ".yaml", ".yml", ".json")
FIXTURE_DIRS = sorted(
    {
        p.parent.relative_to(REPO).as_posix()
        for p in (REPO / "fixtures").rglob("*")
        if p.is_file() and p.name.endswith(SUFFIXES)
    }
)


@pytest.fixture(scope="module")
def rules() -> dict[str, RuleSpec]:
    return load_catalogue()


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(sarif_schema())


def test_there_are_fixtures_to_check() -> None:
    assert len(FIXTURE_DIRS) > 10


@pytest.mark.slow
@pytest.mark.parametrize("fixture", FIXTURE_DIRS)
def test_fixture_sarif_is_valid(
    fixture: str,
    rules: dict[str, RuleSpec],
    validator: jsonschema.Draft7Validator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    report = run_scan(ScanRequest(paths=[Path(fixture)]), rules).report
    document = json.loads(formatter("sarif")(report))
    validator.validate(document)
    run = document["runs"][0]
    assert isinstance(run["results"], list)
    descriptors = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.findings)
    for finding, result in zip(report.findings, run["results"], strict=True):
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule_id
        _check_location(result["locations"][0], fixture)
        region = result["locations"][0].get("physicalLocation", {}).get("region")
        assert (region or {}).get("startLine") == finding.line  # the real line, or none
    for note in run["invocations"][0]["toolExecutionNotifications"]:
        for location in note.get("locations", []):
            _check_location(location, fixture)


def _check_location(location: dict[str, Any], fixture: str) -> None:
    physical = location.get("physicalLocation")
    if physical is None:
        return
    artifact = physical["artifactLocation"]
    assert artifact["uriBaseId"] == "%SRCROOT%"
    uri = artifact["uri"]
    assert not uri.startswith(("/", "file:")), uri
    assert uri.startswith(("fixtures/", "../")), uri
    region = physical.get("region")
    if region is not None:
        assert region["startLine"] >= 1
        assert region.get("endLine", region["startLine"]) >= region["startLine"]
