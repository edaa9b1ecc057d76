"""SARIF 2.1.0: schema-valid, every rule described, results located relative to %SRCROOT%."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from spofcheck.model import Report, Severity
from spofcheck.report import formatter
from spofcheck.report.sarif import FINGERPRINT_KEY
from tests.helpers.report_cases import ROOT, RULES, finding, full_report, report, sarif_schema


def sarif(r: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(formatter("sarif")(r))
    return data


def run_of(r: Report) -> dict[str, Any]:
    run: dict[str, Any] = sarif(r)["runs"][0]
    return run


@pytest.mark.parametrize("r", [report(), full_report()], ids=["clean", "full"])
def test_output_validates_against_the_sarif_schema(r: Report) -> None:
    jsonschema.Draft7Validator(sarif_schema()).validate(sarif(r))


def test_a_clean_scan_still_has_an_empty_results_array() -> None:
    run = run_of(report())
    assert run["results"] == []
    assert sarif(report())["version"] == "2.1.0"


def test_driver_describes_every_rule_with_help_and_remediation() -> None:
    driver = run_of(report())["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("spofcheck", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["HA001", "HA002", "HA003"]
    for descriptor, meta in zip(driver["rules"], RULES, strict=True):
        assert descriptor["name"] == meta.name
        assert descriptor["shortDescription"]["text"] == meta.title
        assert descriptor["fullDescription"]["text"] == meta.summary
        assert meta.remediation in descriptor["help"]["text"]
        assert meta.remediation in descriptor["help"]["markdown"]
        assert "[SRE book](https://sre.google/sre-book/)" in descriptor["help"]["markdown"]
        assert descriptor["helpUri"] == meta.docs
        assert "redundancy" in descriptor["properties"]["tags"]
    levels = [r["defaultConfiguration"]["level"] for r in driver["rules"]]
    assert levels == ["error", "error", "warning"]  # high, high, medium


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.HIGH, "error"),
        (Severity.MEDIUM, "warning"),
        (Severity.LOW, "note"),
        (Severity.INFO, "note"),
    ],
)
def test_result_level_follows_severity(severity: Severity, level: str) -> None:
    (result,) = run_of(report([finding(severity=severity)]))["results"]
    assert result["level"] == level


def test_result_location_is_relative_to_srcroot_with_its_lines() -> None:
    run = run_of(report([finding(line=12, end_line=30)]))
    (result,) = run["results"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "infra/main.tf", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 12, "endLine": 30}
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    assert result["ruleId"] == "HA001"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "HA001"
    assert result["message"]["text"] == "aws_db_instance.main is a single point of failure"


def test_an_unknown_line_gives_a_file_level_location_not_line_one() -> None:
    (result,) = run_of(report([finding(line=None, end_line=None)]))["results"]
    physical = result["locations"][0]["physicalLocation"]
    assert "region" not in physical


def test_a_module_outside_the_root_is_reported_with_a_relative_path() -> None:
    outside = ROOT.rsplit("/", 1)[0] + "/modules/db/main.tf"
    (result,) = run_of(report([finding(file=outside)]))["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "../modules/db/main.tf"


def test_no_absolute_path_anywhere_in_the_output() -> None:
    text = formatter("sarif")(full_report())
    assert ROOT.rsplit("/", 1)[0] not in text
    assert "file://" not in text


def test_paths_are_percent_encoded_uris() -> None:
    (result,) = run_of(report([finding(file="infra/my stack/main.tf")]))["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "infra/my%20stack/main.tf"


def test_fingerprint_is_kept_under_its_own_name() -> None:
    (result,) = run_of(report([finding()]))["results"]
    assert result["partialFingerprints"] == {FINGERPRINT_KEY: "fp-HA001-aws_db_instance.main"}
    assert FINGERPRINT_KEY == "spofcheck/v1"


def test_suppressed_findings_carry_an_in_source_suppression_with_the_reason() -> None:
    r = report([finding(suppressed=True, reason="bastion only")])
    (result,) = run_of(r)["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": "bastion only"}]


def test_parse_errors_are_tool_execution_notifications() -> None:
    run = run_of(full_report())
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    errors = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert errors[0]["message"]["text"] == "unclosed block"
    location = errors[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "infra/broken.tf"
    assert location["region"] == {"startLine": 3}


def test_a_finding_of_a_rule_missing_from_the_catalogue_gets_a_descriptor() -> None:
    r = report([finding("XX900", component="c")], rules=[])
    run = run_of(r)
    assert [d["id"] for d in run["tool"]["driver"]["rules"]] == ["XX900"]
    jsonschema.Draft7Validator(sarif_schema()).validate(sarif(r))


def test_output_is_deterministic() -> None:
    assert formatter("sarif")(full_report()) == formatter("sarif")(full_report())


def test_the_message_names_the_component_once() -> None:
    """Code scanning shows the message as the alert's title, without the component."""
    named = finding(message="aws_db_instance.main is a single point of failure")
    bare = finding(component="aws_nat_gateway.a", message="runs in one zone")
    results = run_of(report([named, bare]))["results"]
    texts = sorted(r["message"]["text"] for r in results)
    assert texts == [
        "aws_db_instance.main is a single point of failure",
        "aws_nat_gateway.a: runs in one zone",
    ]
