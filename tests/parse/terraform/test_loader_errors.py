"""Broken input: each problem is one located error and the rest of the folder still loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spofcheck.parse.terraform.hcl import MAX_FILE_BYTES
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.resources import LoadResult, is_known
from tests.helpers.loader_kit import load


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load("errors")


def _errors(result: LoadResult) -> dict[str, tuple[int | None, str]]:
    return {e.file: (e.line, e.message) for e in result.errors}


def test_good_files_next_to_broken_ones_are_loaded(result: LoadResult) -> None:
    addresses = sorted(r.address for r in result.resources)
    assert addresses == ["aws_sqs_queue.ok", "aws_sqs_queue.parens"]
    assert result.by_address()["aws_sqs_queue.parens"].attributes["delay"] == 2


def test_malformed_expression(result: LoadResult) -> None:
    """`delay = 5 +* 2` on line 3: the `*` at column 14 is unexpected."""
    assert _errors(result)["errors/bad_syntax.tf"] == (3, "unexpected '* 2' at column 14")


def test_unclosed_block_names_where_it_opened(result: LoadResult) -> None:
    line, message = _errors(result)["errors/unclosed.tf"]
    assert line == 6  # the end of the file, where Lark notices
    assert message == "unexpected end of file: '{' opened at line 1 is never closed"


def test_not_utf8_and_binary(result: LoadResult) -> None:
    errors = _errors(result)
    assert errors["errors/latin1.tf"] == (2, "not valid UTF-8 (byte 0xe9 at line 2)")
    assert errors["errors/binary.tf"] == (3, "binary file (contains NUL bytes)")


def test_nesting_thousands_deep_is_an_error_not_a_crash(result: LoadResult) -> None:
    line, message = _errors(result)["errors/deep.tf"]
    assert line == 2
    assert "nested more than" in message


def test_every_message_is_one_line(result: LoadResult) -> None:
    assert len(result.errors) == 5
    assert all("\n" not in e.one_line() for e in result.errors)


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    (tmp_path / "big.tf").write_bytes(b"# filler\n" * (10 * 1024 * 1024 // 9))
    (tmp_path / "ok.tf").write_text('resource "a" "b" {}\n')
    result = load_module(tmp_path, display_root=tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("big.tf", 1)]
    assert f"over {MAX_FILE_BYTES // 1_000_000} MB" in result.errors[0].message
    assert [r.address for r in result.resources] == ["a.b"]


def test_deeply_nested_json_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "deep.tf.json").write_text('{"locals": {"x": ' + "[" * 5000 + "]" * 5000 + "}}")
    result = load_module(tmp_path, display_root=tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("deep.tf.json", 1)]


def test_long_chains_of_locals_do_not_exhaust_the_stack(tmp_path: Path) -> None:
    """local.l0 = [local.l1], ... 1500 deep: evaluation order is iterative, values are cut."""
    lines = [f"  l{i} = [local.l{i + 1}]" for i in range(1500)] + ["  l1500 = 1"]
    body = "locals {\n" + "\n".join(lines) + '\n}\nresource "a" "b" {\n  v = local.l0\n}\n'
    (tmp_path / "main.tf").write_text(body)
    result = load_module(tmp_path, display_root=tmp_path)
    assert [r.address for r in result.resources] == ["a.b"]


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "loop.tf").symlink_to(tmp_path / "loop.tf")
    (tmp_path / "dir").symlink_to(tmp_path / "dir")
    (tmp_path / "main.tf").write_text('module "m" {\n  source = "./dir"\n}\n')
    result = load_module(tmp_path, display_root=tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("loop.tf", None), ("main.tf", 1)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.tf"
    secret.write_text('resource "a" "b" {}\n')
    secret.chmod(0)
    result = load_module(tmp_path, display_root=tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("secret.tf", None)]


def test_empty_folder(tmp_path: Path) -> None:
    result = load_module(tmp_path, display_root=tmp_path)
    assert (result.resources, result.errors, result.files) == ([], [], [])


def _locals(lines: list[str], value: str) -> str:
    body = "\n".join(f"  {line}" for line in lines)
    return f'locals {{\n{body}\n}}\nresource "a" "b" {{\n  v = {value}\n}}\n'


@pytest.mark.parametrize(
    ("first", "step"),
    [
        ('l0 = ["x", "x"]', "l{i} = [local.l{j}, local.l{j}]"),  # 2**60 nodes as a tree
        ('l0 = "xx"', 'l{i} = "${{local.l{j}}}${{local.l{j}}}"'),  # a 2**61-character string
        ('l0 = ["x", "x"]', "l{i} = concat(local.l{j}, local.l{j})"),  # a 2**61-element list
    ],
)
def test_exponential_locals_are_cut_not_built(tmp_path: Path, first: str, step: str) -> None:
    """The HCL "billion laughs": each local doubles the previous one, 60 times."""
    lines = [first] + [step.format(i=i, j=i - 1) for i in range(1, 61)]
    (tmp_path / "main.tf").write_text(_locals(lines, "local.l60"))
    result = load_module(tmp_path, display_root=tmp_path)
    (probe,) = result.resources
    assert not is_known(probe.attributes["v"])


def test_nested_for_over_huge_ranges_stops_at_the_work_budget(tmp_path: Path) -> None:
    """100,000 x 100,000 iterations would take hours: the budget (1,000,000) cuts it."""
    value = "[for a in range(100000) : [for b in range(100000) : a]]"
    (tmp_path / "main.tf").write_text(_locals([], value).replace("locals {\n\n}\n", ""))
    result = load_module(tmp_path, display_root=tmp_path)
    assert not is_known(result.resources[0].attributes["v"])
    assert any("evaluation stopped early" in note for note in result.notes)


def test_nul_byte_in_a_module_source_is_a_missing_folder(tmp_path: Path) -> None:
    """Found by fuzzing: "./a\\u0000b" used to raise ValueError out of path resolution."""
    (tmp_path / "main.tf").write_text('module "m" {\n  source = "./a\\u0000b"\n}\n')
    result = load_module(tmp_path, display_root=tmp_path)
    assert [(e.file, e.line) for e in result.errors] == [("main.tf", 1)]
    assert "not found" in result.errors[0].message
