"""Hostile CloudFormation templates in one pull request: each gives a located error,
the scan exits 2, and the ordinary template beside them is still analyzed.

- an unknown tag (`!Bogus`) is not a CloudFormation function: error at its line (6);
- two conditions naming each other (`A: !Condition B`, `B: !Not [!Condition A]`): error
  at the resource using them (line 6), the resource kept;
- a `!Sub` bomb: seven nested levels each repeating the next 10 times turn 10 characters
  into 10 × 10^6 = 10^7, over the 1,000,000-character limit: error at the resource;
- a 6 MB JSON template, over the 5 MB limit: error naming the file, nothing else read;
- an alias bomb (nine levels of 9 aliases, 9^9 ≈ 3.9e8 values, over the
  1,000,000-value limit): error, not a hang.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli_kit import Scan, scan, seed_cache

pytestmark = pytest.mark.slow  # one scan of six templates, ~40 s on a loaded machine

HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n'
FINE = HEAD + "Resources:\n  Ok:\n    Type: AWS::SQS::Queue\n"
UNKNOWN_TAG = (
    HEAD + "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Bogus 1\n"
)
CYCLE = (
    HEAD
    + "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n"
    + "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: A\n"
)


def _sub_bomb() -> str:
    names = "abcdefg"
    value = '"xxxxxxxxxx"'
    for name, inner in zip(reversed(names[:-1]), reversed(names[1:]), strict=True):
        value = f'!Sub ["{("${" + inner + "}") * 10}", {{{inner}: {value}}}]'
        del name
    return (
        HEAD
        + "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        + f'      QueueName: !Sub ["{"${a}" * 10}", {{a: {value}}}]\n'
    )


def _alias_bomb() -> str:
    lines = [HEAD.rstrip(), "x0: &a0 [lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"x{level}: &a{level} [{refs}]")
    lines += [
        "Resources:",
        "  Q:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      Tags: *a9",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    cache = tmp_path_factory.mktemp("cfn-cache")
    seed_cache(cache)
    tree = tmp_path_factory.mktemp("cfn-hostile")
    (tree / ".git").mkdir()
    files = {
        "fine.yaml": FINE,
        "tag.yaml": UNKNOWN_TAG,
        "cycle.yaml": CYCLE,
        "bomb.yaml": _sub_bomb(),
        "aliases.yaml": _alias_bomb(),
    }
    for name, text in files.items():
        (tree / name).write_text(text, encoding="utf-8")
    queues = {
        f"Q{i}": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q" * 200}}
        for i in range(28_000)
    }
    big = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": queues}
    (tree / "big.json").write_text(json.dumps(big), encoding="utf-8")
    assert (tree / "big.json").stat().st_size > 5 * 1024 * 1024
    return scan(tree, cache)


def _messages(result: Scan, file: str) -> list[tuple[int | None, str]]:
    return [(e.get("line"), e["message"]) for e in result.errors_for(file)]


def test_exit_2_and_the_ordinary_template_analyzed(result: Scan) -> None:
    assert result.returncode == 2
    stacks = {s["path"]: s for s in result.report["stacks"]}
    assert stacks["fine.yaml"]["components"] == 1


def test_unknown_tag_is_located(result: Scan) -> None:
    assert _messages(result, "tag.yaml") == [
        (6, "unknown tag !Bogus (not a CloudFormation function)")
    ]


def test_condition_cycle_is_located(result: Scan) -> None:
    [(line, message)] = _messages(result, "cycle.yaml")
    assert line == 6
    assert "depends on itself" in message


def test_sub_bomb_is_refused(result: Scan) -> None:
    [(line, message)] = _messages(result, "bomb.yaml")
    assert line == 3
    assert "longer than 1,000,000 characters" in message


def test_big_template_is_refused(result: Scan) -> None:
    [(_, message)] = _messages(result, "big.json")
    assert "over 5 MB" in message


def test_alias_bomb_is_refused(result: Scan) -> None:
    [(_, message)] = _messages(result, "aliases.yaml")
    assert "template too large" in message
    assert result.seconds < 60
