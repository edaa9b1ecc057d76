"""HA007: quorum sizes. Majority of n is n // 2 + 1; tolerated failures n - majority."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.rule_cases import load_yaml, messages, run_rule

HEAD = "version: 1\nzones: {a: {}, b: {}, c: {}}\ncomponents:\n"


def _quorum(tmp_path: Path, n: int, **options: object) -> list[str]:
    body = f"  etcd: {{kind: coordination, quorum: true, replicas: {n}, zones: [a, b, c]}}\n"
    return messages(run_rule("HA007", load_yaml(HEAD + body, tmp_path), options=options))


@pytest.mark.parametrize("n", [3, 5, 7])
def test_odd_quorums_of_three_or_more_pass(tmp_path: Path, n: int) -> None:
    assert _quorum(tmp_path, n) == []


def test_two_members_tolerate_nothing(tmp_path: Path) -> None:
    """n = 2: majority 2, tolerated 0."""
    [message] = _quorum(tmp_path, 2)
    assert "a majority is 2, so it tolerates 0 failures" in message


def test_six_members_tolerate_what_five_do(tmp_path: Path) -> None:
    """n = 6: majority 4, tolerated 2, the same as n = 5."""
    assert _quorum(tmp_path, 6) == [
        "runs an even quorum of 6 members: it tolerates 2 failures, no more than 5 members "
        "would, and a partition into two halves of 3 leaves neither side a majority"
    ]


def test_min_members_is_an_option(tmp_path: Path) -> None:
    assert _quorum(tmp_path, 3, min_members=5) != []


def test_without_quorum_replica_counts_do_not_matter(tmp_path: Path) -> None:
    body = "  web: {kind: service, replicas: 2, zones: [a, b]}\n"
    assert run_rule("HA007", load_yaml(HEAD + body, tmp_path)) == []
