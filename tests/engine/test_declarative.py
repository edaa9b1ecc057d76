"""Declarative rules: conditions on component fields and raw attributes, user rule folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main
from spofcheck.engine.catalogue import load_catalogue, load_rule_file
from spofcheck.engine.declarative import cause
from spofcheck.engine.spec import Condition, Match, Op
from spofcheck.errors import RuleError
from spofcheck.model import Component, Kind

DB = Component(
    id="aws_db_instance.main",
    kind=Kind.DATABASE,
    resource_type="aws_db_instance",
    attributes={
        "engine": "postgres",
        "storage_encrypted": False,
        "allocated_storage": 20,
        "instance_class": "${var.size}",
        "tags": {"team": "payments"},
        "blocks": [{"enabled": "false"}],
    },
)


def _cause(*conds: Condition, any_of: tuple[Condition, ...] = ()) -> str | None:
    return cause(Match(all=list(conds), any=list(any_of)), DB)


def c(field: str, op: str, value: object = None) -> Condition:
    return Condition(field=field, op=Op(op), value=value)


@pytest.mark.parametrize(
    ("cond", "fires"),
    [
        (c("attributes.engine", "equals", "postgres"), True),
        (c("attributes.engine", "not_equals", "postgres"), False),
        (c("attributes.engine", "in", ["mysql", "postgres"]), True),
        (c("attributes.engine", "not_in", ["mysql"]), True),
        (c("attributes.allocated_storage", "lt", 100), True),
        (c("attributes.allocated_storage", "gte", 100), False),
        (c("attributes.engine", "matches", "^post"), True),
        (c("attributes.tags.team", "equals", "payments"), True),
        (c("attributes.blocks.0.enabled", "equals", False), True),  # "false" is false
        (c("attributes.multi_az", "missing"), True),
        (c("attributes.engine", "exists"), True),
        (c("kind", "equals", "database"), True),
        (c("replicas", "lte", 1), True),
    ],
)
def test_operators(cond: Condition, fires: bool) -> None:
    assert (_cause(cond) is not None) is fires


def test_unknown_and_absent_values_keep_the_rule_quiet() -> None:
    """`instance_class` is only known at apply time; `multi_az` is not written."""
    assert _cause(c("attributes.instance_class", "equals", "db.t3.micro")) is None
    assert _cause(c("attributes.instance_class", "not_equals", "db.t3.micro")) is None
    assert _cause(c("attributes.multi_az", "equals", False)) is None


def test_any_fires_on_the_alternative_that_holds_even_if_another_is_undecided() -> None:
    found = _cause(
        any_of=(
            c("attributes.multi_az", "equals", False),
            c("attributes.storage_encrypted", "equals", False),
        )
    )
    assert found == "storage_encrypted = false"


def test_cause_names_every_condition_that_held() -> None:
    found = _cause(
        c("attributes.engine", "equals", "postgres"), c("attributes.multi_az", "missing")
    )
    assert found == 'engine = "postgres", multi_az is not set'


USER_RULE = """\
id: ORG001
name: unencrypted-database
title: Database storage is not encrypted
severity: high
applies_to: {kinds: [database]}
match:
  all:
    - {field: attributes.storage_encrypted, op: equals, value: false}
message: "{resource_type} stores data unencrypted ({cause})"
summary: Our policy requires encrypted database storage, always and everywhere.
rationale: Regulated data must never sit on disk in the clear, whatever the environment.
remediation: Set storage_encrypted = true.
inputs: [tf-aws]
examples:
  terraform:
    anti_pattern: 'resource "aws_db_instance" "x" { storage_encrypted = false }'
    best_practice: 'resource "aws_db_instance" "x" { storage_encrypted = true }'
"""
STACK = """\
provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  multi_az          = true
  storage_encrypted = false
}
"""


def _user_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "org-rules"
    rules.mkdir()
    (rules / "ORG001.yaml").write_text(USER_RULE, encoding="utf-8")
    stack = tmp_path / "stack"
    stack.mkdir()
    (stack / "main.tf").write_text(STACK, encoding="utf-8")
    return rules


def test_user_rule_from_rules_dir_fires_with_its_message_and_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = _user_rules(tmp_path)
    (tmp_path / ".git").mkdir()  # a repository: paths are relative to its root
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["scan", "stack", "--rules", str(rules), "-f", "json", "--no-cache"]
    )
    findings = [f for f in json.loads(result.output)["findings"] if f["rule_id"] == "ORG001"]
    assert findings == [
        {
            **findings[0],
            "component": "aws_db_instance.main",
            "file": "stack/main.tf",
            "line": 5,
            "severity": "high",
            "message": "aws_db_instance stores data unencrypted (storage_encrypted = false)",
        }
    ]


def test_user_rules_are_listed_and_explained(tmp_path: Path) -> None:
    rules = _user_rules(tmp_path)
    listed = CliRunner().invoke(main, ["rules", "--rules", str(rules)])
    assert "ORG001  unencrypted-database" in listed.output
    explained = CliRunner().invoke(main, ["explain", "ORG001", "--rules", str(rules)])
    assert explained.exit_code == 0
    assert "Set storage_encrypted = true." in explained.output


def test_a_user_rule_may_not_take_a_builtin_id(tmp_path: Path) -> None:
    (tmp_path / "HA001.yaml").write_text(USER_RULE.replace("ORG001", "HA001"), encoding="utf-8")
    with pytest.raises(RuleError, match="HA001 is defined twice"):
        load_catalogue([tmp_path])


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (("severity: high", "severity: severe"), "severity"),
        (("op: equals", "op: equal"), "match.all.0.op"),
        (("message: ", "note: "), "note"),
        (("name: unencrypted-database", 'name: "Unencrypted DB"'), "name"),
    ],
)
def test_a_broken_rule_file_names_the_file_and_key(
    tmp_path: Path, edit: tuple[str, str], key: str
) -> None:
    path = tmp_path / "ORG001.yaml"
    path.write_text(USER_RULE.replace(*edit), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    assert info.value.file == str(path)
    assert info.value.key == key


def test_a_declarative_rule_needs_a_message(tmp_path: Path) -> None:
    path = tmp_path / "ORG001.yaml"
    text = "\n".join(ln for ln in USER_RULE.splitlines() if not ln.startswith("message"))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match="message"):
        load_rule_file(path)


def test_a_rule_file_must_be_named_after_its_id(tmp_path: Path) -> None:
    path = tmp_path / "encryption.yaml"
    path.write_text(USER_RULE, encoding="utf-8")
    with pytest.raises(RuleError, match=r"ORG001\.yaml"):
        load_rule_file(path)


def test_missing_rule_dir_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["rules", "--rules", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "rule directory not found" in result.output
