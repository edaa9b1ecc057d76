"""Evaluation is bounded like Terraform's own: linear-time regexes (RE2), a per-stack
instance budget, and string builders that check the size before building.

Every scan runs in a child process with a timeout and an address-space limit
(tests/cli_kit.py: 120 s, 1 GiB); before these bounds each case below hung or
exhausted memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.parse.terraform.values import MAX_STACK_INSTANCES
from tests.helpers.cli_kit import line_of, scan, seed_cache

HOSTILE = Path(__file__).resolve().parents[2] / "fixtures" / "invalid" / "hostile"
DB = 'resource "aws_db_instance" "main" {\n  engine = local.v\n}\n'


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bounded-cache")
    seed_cache(folder)
    return folder


def _stack(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_catastrophic_backtracking_regex_finishes(tmp_path: Path, cache: Path) -> None:
    """`^(a+)+$` against 60 a's and a `!` takes Python's `re` about 2^60 steps; RE2 is
    linear. Terraform's `regex` fails on no match, so `try` gives the fallback."""
    fixture = HOSTILE / "regex-backtracking.tf"
    assert "a" * 60 + "!" in fixture.read_text("utf-8")
    tree = _stack(tmp_path / "t", {"main.tf": fixture.read_text("utf-8")})
    result = scan(tree, cache)
    assert result.returncode == 0, result.stderr
    assert result.seconds < 60
    assert [f["line"] for f in result.findings_for("main.tf", "HA001")] == [
        line_of(tree / "main.tf", b"aws_db_instance")
    ]


def test_backreference_is_refused_as_go_refuses_it(tmp_path: Path, cache: Path) -> None:
    """RE2 (like Go) has no backreferences: `can` is false, so count is 1 and HA001 fires
    (Python's `re` would match "aa", making count 0 and the database disappear)."""
    text = (
        'resource "aws_db_instance" "main" {\n'
        '  count  = can(regex("(a)\\\\1", "aa")) ? 0 : 1\n'
        '  engine = "postgres"\n'
        "}\n"
    )
    tree = _stack(tmp_path / "t", {"main.tf": text})
    result = scan(tree, cache)
    assert "Traceback" not in result.stderr
    assert len(result.findings_for("main.tf", "HA001")) == 1


def test_nested_count_ends_in_a_located_error(tmp_path: Path, cache: Path) -> None:
    """300 module instances x 300 resources = 90,300 instances > MAX_STACK_INSTANCES."""
    assert MAX_STACK_INSTANCES < 300 + 300 * 300
    tree = _stack(
        tmp_path / "t",
        {
            "main.tf": 'module "m" {\n  source = "./m"\n  count  = 300\n}\n',
            "m/main.tf": 'resource "aws_instance" "w" {\n  count = 300\n  ami   = "x"\n}\n',
        },
    )
    result = scan(tree, cache, "main.tf")
    assert result.returncode == 2
    errors = result.report["errors"]
    assert len(errors) == 1
    assert errors[0]["file"] == "m/main.tf"
    assert errors[0]["line"] == 1
    assert (
        f"more than {MAX_STACK_INSTANCES:,} resource and module instances" in errors[0]["message"]
    )


@pytest.mark.slow
def test_module_fan_out_ends_in_a_located_error(tmp_path: Path, cache: Path) -> None:
    """16 levels, each calling the next 4 times: 4^15 ≈ 10^9 module instances."""
    files = {}
    for level in range(16):
        calls = "".join(f'module "c{i}" {{\n  source = "../l{level + 1}"\n}}\n' for i in range(4))
        resource = 'resource "aws_sqs_queue" "q" {}\n'
        files[f"l{level}/main.tf"] = resource + (calls if level < 15 else "")
    tree = _stack(tmp_path / "t", files)
    result = scan(tree, cache)
    assert result.returncode == 2
    messages = [e["message"] for e in result.report["errors"]]
    assert len(messages) == 1
    assert "module fan-out or nested count" in messages[0]


def test_string_builders_check_the_size_first(tmp_path: Path, cache: Path) -> None:
    """m is 100,000 characters: replace(m, "x", m) would be 10^10 characters,
    jsonencode of 50,000 copies 5*10^9, a template of 11 copies 1.1*10^6 (over the
    10^6 limit); each becomes an invalid value, and the database is still reported."""
    word = "x" * 100
    local = (
        "locals {\n"
        f'  m = join("", [for i in range(1000) : "{word}"])\n'
        '  a = replace(local.m, "x", local.m)\n'
        '  b = replace(local.m, "/x/", local.m)\n'
        "  c = jsonencode([for i in range(50000) : local.m])\n"
        '  d = "' + "${local.m}" * 11 + '"\n'
        '  v = "postgres"\n'
        "}\n"
    )
    tree = _stack(tmp_path / "t", {"main.tf": local + DB})
    result = scan(tree, cache)
    assert result.returncode == 0, result.stderr
    assert len(result.findings_for("main.tf", "HA001")) == 1
