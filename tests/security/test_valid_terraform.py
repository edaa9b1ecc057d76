"""Terraform that `terraform validate` accepts is accepted (issue 17): nothing valid may
drop a whole file or turn into an input error, or a pull request could hide a stack
behind a parse failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.parse.terraform.hcl import parse_hcl
from spofcheck.parse.terraform.syntax import FileSyntax
from tests.helpers.cli_kit import line_of, scan, seed_cache

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "invalid" / "hostile"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("valid-cache")
    seed_cache(folder)
    return folder


@pytest.mark.parametrize(
    "text",
    [
        "x = (var.a\n  .b)\n",
        "x = (var.a\n  .b\n  .c)\n",
        "x = [var.a\n  .b]\n",
        "x = (var.a\n  .*.b)\n",
        "x = (var.a # why\n  .b)\n",
    ],
)
def test_newline_before_a_dot_inside_brackets_parses(text: str) -> None:
    parsed = parse_hcl(text)
    assert isinstance(parsed, FileSyntax), parsed
    assert "x" in parsed.attributes


def test_newline_before_a_dot_outside_brackets_is_still_an_error() -> None:
    """Outside brackets a newline ends the attribute: Terraform refuses `.b` on line 2."""
    assert not isinstance(parse_hcl("x = var.a\n  .b\n"), FileSyntax)


def test_the_whole_file_is_analyzed(tmp_path: Path, cache: Path) -> None:
    """Before: `unexpected '.'`, the file (and its database) dropped, exit 2."""
    path = tmp_path / "t" / "main.tf"
    path.parent.mkdir()
    path.write_text((FIXTURES / "newline-before-dot.tf").read_text("utf-8"), encoding="utf-8")
    result = scan(tmp_path / "t", cache)
    assert result.report["errors"] == []
    found = [f["line"] for f in result.findings_for("main.tf", "HA001")]
    assert found == [line_of(path, b'resource "aws_db_instance"')]


def test_self_depends_on_is_not_a_cycle(tmp_path: Path, cache: Path) -> None:
    """Before: `aws_db_instance.main is part of a reference cycle`, exit 2."""
    path = tmp_path / "t" / "main.tf"
    path.parent.mkdir()
    path.write_text((FIXTURES / "self-depends-on.tf").read_text("utf-8"), encoding="utf-8")
    result = scan(tmp_path / "t", cache)
    assert result.report["errors"] == []
    assert result.returncode == 0


def test_self_reference_in_an_argument_is_still_a_cycle(tmp_path: Path, cache: Path) -> None:
    """Terraform refuses `name = aws_sqs_queue.q.arn` inside aws_sqs_queue.q."""
    path = tmp_path / "t" / "main.tf"
    path.parent.mkdir()
    path.write_text('resource "aws_sqs_queue" "q" {\n  name = aws_sqs_queue.q.arn\n}\n')
    result = scan(tmp_path / "t", cache)
    assert [e["line"] for e in result.report["errors"]] == [1]
    assert "reference cycle" in result.report["errors"][0]["message"]
