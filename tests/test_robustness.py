"""Robustness at the command line: no input makes a scan crash, hang or lose other files.

Each case puts one broken input from `fixtures/invalid/` (or one generated here: a 10 MB
file, nesting 5,000 deep, symlink loops, special files) next to
`fixtures/invalid/neighbours/` (a valid Terraform stack and a valid YAML architecture,
each with a single-replica database), scans the tree in a child process with a timeout
and an address-space limit (tests/cli_kit.py), and checks: exit code 2; the JSON
report's error names the file, the line (and the key path for YAML); the text output
shows that error on one line; and the neighbours were still analyzed: their HA001
findings are reported at their lines. Expected lines are found in the fixture text.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli_kit import Scan, line_of, scan, seed_cache

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invalid"
NEIGHBOURS = FIXTURES / "neighbours"
TF_CASES = FIXTURES / "terraform"
YAML_CASES = FIXTURES / "yaml"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("robustness-cache")
    seed_cache(folder)
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A scan root holding the valid neighbours; each test adds its broken input."""
    root = tmp_path / "tree"
    shutil.copytree(NEIGHBOURS, root / "neighbours")
    return root


def _add_tf_case(tree: Path, name: str) -> Path:
    shutil.copytree(TF_CASES / name, tree / name)
    return tree / name / "main.tf"


def _assert_reported(result: Scan, file: str, line: int | None, key: str | None = None) -> str:
    """Exactly one error for `file`, at `line` (and `key`), shown on one text line."""
    errors = result.errors_for(file)
    assert len(errors) == 1, result.report["errors"]
    error = errors[0]
    assert (error.get("line"), error.get("key")) == (line, key)
    where = file if line is None else f"{file}:{line}"
    shown = f"  {where}: " + (f"[{key}] " if key else "") + error["message"]
    assert shown in result.stdout.splitlines(), result.stdout
    return str(error["message"])


def _assert_neighbours_analyzed(result: Scan) -> None:
    tf, yaml = NEIGHBOURS / "terraform" / "main.tf", NEIGHBOURS / "architecture.yaml"
    tf_line = line_of(tf, b'resource "aws_db_instance" "main"')
    yaml_line = line_of(yaml, b"  db:")
    found = [f["line"] for f in result.findings_for("neighbours/terraform/main.tf", "HA001")]
    assert found == [tf_line]
    found = [f["line"] for f in result.findings_for("neighbours/architecture.yaml", "HA001")]
    assert found == [yaml_line]


def _assert_error_exit(result: Scan) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    _assert_neighbours_analyzed(result)


def test_unclosed_block(tree: Path, cache: Path) -> None:
    """Lark notices at the end of the file; the message names the brace of line 1."""
    path = _add_tf_case(tree, "unclosed-block")
    last_line = len(path.read_text("utf-8").splitlines())
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "unclosed-block/main.tf", last_line)
    assert "'{' opened at line 1 is never closed" in message


def test_bad_expression(tree: Path, cache: Path) -> None:
    path = _add_tf_case(tree, "bad-expression")
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "bad-expression/main.tf", line_of(path, b"+*"))
    assert message.startswith("unexpected '*")


def test_file_that_is_not_utf8(tree: Path, cache: Path) -> None:
    path = _add_tf_case(tree, "not-utf8")
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "not-utf8/main.tf", line_of(path, b"\xe9"))
    assert "not valid UTF-8 (byte 0xe9" in message


def test_binary_file_with_a_tf_name(tree: Path, cache: Path) -> None:
    """The gzip stream after the valid block starts on line 4; its first NUL is there."""
    path = _add_tf_case(tree, "binary")
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "binary/main.tf", line_of(path, b"\0"))
    assert message == "binary file (contains NUL bytes)"


def test_ten_megabyte_generated_file(tree: Path, cache: Path) -> None:
    """10 MB of valid HCL is refused by size, without parsing (which would take ~40 s)."""
    block = 'resource "aws_sqs_queue" "q%d" {\n  name = "queue-%d"\n}\n'
    folder = tree / "big"
    folder.mkdir()
    with (folder / "main.tf").open("w", encoding="utf-8") as handle:
        written, i = 0, 0
        while written < 10 * 1024 * 1024:
            written += handle.write(block % (i, i))
            i += 1
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "big/main.tf", 1)
    assert message.startswith("file is 10.")
    assert message.endswith("are not parsed")


def _deep_stack(tree: Path, opener: str, closer: str) -> None:
    folder = tree / "deep"
    folder.mkdir()
    value = f"{opener * 5000}1{closer * 5000}"
    body = f'resource "aws_sqs_queue" "deep" {{\n  tags = {value}\n}}\n'
    (folder / "main.tf").write_text(body, encoding="utf-8")


@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ("{a = ", "}"), ("max(", ")")])
def test_expression_nested_thousands_deep(
    tree: Path, cache: Path, opener: str, closer: str
) -> None:
    """Lists, objects and calls 5,000 deep: refused past the converter's depth limit."""
    _deep_stack(tree, opener, closer)
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "deep/main.tf", 2)
    assert "nested more than" in message


def test_parentheses_nested_thousands_deep_are_read(tree: Path, cache: Path) -> None:
    """Parentheses add no depth to the value, so 5,000 of them are simply read."""
    _deep_stack(tree, "(", ")")
    result = scan(tree, cache)
    assert result.report["errors"] == []
    assert "deep" in [s["path"] for s in result.report["stacks"]]
    _assert_neighbours_analyzed(result)


def test_yaml_alias_bomb(tree: Path, cache: Path) -> None:
    """a0 has 9 leaves and each level multiplies by 9: a4 expands to 9^5 = 59,049 leaves,
    a5 to 9^6 = 531,441, past the 100,000-node limit, so the error is on a5's line."""
    shutil.copy(YAML_CASES / "alias-bomb.yaml", tree)
    result = scan(tree, cache)
    _assert_error_exit(result)
    line = line_of(YAML_CASES / "alias-bomb.yaml", b"a5: &a5")
    message = _assert_reported(result, "alias-bomb.yaml", line)
    assert "refused" in message


def test_yaml_duplicate_key(tree: Path, cache: Path) -> None:
    shutil.copy(YAML_CASES / "duplicate-key.yaml", tree)
    result = scan(tree, cache)
    _assert_error_exit(result)
    line = line_of(YAML_CASES / "duplicate-key.yaml", b"  app:", occurrence=2)
    message = _assert_reported(result, "duplicate-key.yaml", line, "components.app")
    assert "duplicate key 'app'" in message


def test_unknown_component_reference(tree: Path, cache: Path) -> None:
    shutil.copy(YAML_CASES / "unknown-dependency.yaml", tree)
    result = scan(tree, cache)
    _assert_error_exit(result)
    line = line_of(YAML_CASES / "unknown-dependency.yaml", b"- dbb")
    key = "components.app.depends_on[0]"
    message = _assert_reported(result, "unknown-dependency.yaml", line, key)
    assert "unknown component 'dbb'" in message


def test_dependency_cycle_between_locals(tree: Path, cache: Path) -> None:
    """Each local of the cycle gets its own one-line error at its own line."""
    path = _add_tf_case(tree, "locals-cycle")
    result = scan(tree, cache)
    _assert_error_exit(result)
    lines = [e["line"] for e in result.errors_for("locals-cycle/main.tf")]
    assert lines == [line_of(path, b"primary   ="), line_of(path, b"secondary =")]
    assert all("reference cycle" in e["message"] for e in result.report["errors"])


def test_dependency_cycle_between_yaml_components_is_a_finding(tree: Path, cache: Path) -> None:
    """A cycle of valid components is a valid (bad) design: rule HA013 reports it at the
    first component of the cycle; it is not an input error, so no exit 2 for it."""
    shutil.copy(YAML_CASES / "dependency-cycle.yaml", tree)
    result = scan(tree, cache)
    assert result.report["errors"] == []
    assert result.returncode == 1  # the neighbours' high-severity HA001
    line = line_of(YAML_CASES / "dependency-cycle.yaml", b"  a: {")
    assert [f["line"] for f in result.findings_for("dependency-cycle.yaml", "HA013")] == [line]
    _assert_neighbours_analyzed(result)


def test_dependency_cycle_between_resources(tree: Path, cache: Path) -> None:
    """Terraform refuses resources that reference each other; so does the loader."""
    path = _add_tf_case(tree, "resource-cycle")
    result = scan(tree, cache)
    _assert_error_exit(result)
    errors = result.errors_for("resource-cycle/main.tf")
    assert [e["line"] for e in errors] == [
        line_of(path, b'"aws_sqs_queue" "a"'),
        line_of(path, b'"aws_sqs_queue" "b"'),
    ]
    assert all("reference cycle" in e["message"] for e in errors)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loops_in_the_scanned_tree(tree: Path, cache: Path) -> None:
    """Two .tf links pointing at each other, a folder linking to its parent, a link to
    itself: the files are located errors, the folders are not followed."""
    folder = tree / "loops"
    (folder / "sub").mkdir(parents=True)
    (folder / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n', encoding="utf-8")
    (folder / "a.tf").symlink_to("b.tf")
    (folder / "b.tf").symlink_to("a.tf")
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "self").symlink_to("self")
    result = scan(tree, cache)
    _assert_error_exit(result)
    for name in ("a.tf", "b.tf"):
        message = _assert_reported(result, f"loops/{name}", None)
        assert message == "cannot read file: Too many levels of symbolic links"
    assert result.errors_for("loops/main.tf") == []


def test_module_source_pointing_to_a_missing_folder(tree: Path, cache: Path) -> None:
    path = _add_tf_case(tree, "missing-module-source")
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "missing-module-source/main.tf", line_of(path, b"module"))
    assert message == 'module "network": source folder "./modules/network" not found'


def test_empty_folder_alone_is_an_error(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = scan(tmp_path / "empty", cache)
    assert result.returncode == 2
    assert [(e["file"], e.get("line")) for e in result.report["errors"]] == [(".", None)]
    assert result.report["errors"][0]["message"].startswith("nothing to analyze")
    assert f"  .: {result.report['errors'][0]['message']}" in result.stdout.splitlines()


def test_empty_folder_next_to_stacks_is_not_an_error(tree: Path, cache: Path) -> None:
    (tree / "empty").mkdir()
    result = scan(tree, cache, "empty", "neighbours")
    assert result.report["errors"] == []
    _assert_neighbours_analyzed(result)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions, so nothing is unreadable",
)
def test_unreadable_file(tree: Path, cache: Path) -> None:
    path = _add_tf_case(tree, "bad-expression")
    path.chmod(0)
    try:
        result = scan(tree, cache)
    finally:
        path.chmod(0o644)
    _assert_error_exit(result)
    message = _assert_reported(result, "bad-expression/main.tf", None)
    assert message == "cannot read file: Permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_and_device_with_tf_names(tree: Path, cache: Path) -> None:
    """Opening a FIFO blocks until a writer comes, /dev/zero never ends: both would hang
    the scan; both are refused as not regular files without being read."""
    folder = tree / "special"
    folder.mkdir()
    (folder / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n', encoding="utf-8")
    os.mkfifo(folder / "pipe.tf")
    result = scan(tree, cache)
    _assert_error_exit(result)
    message = _assert_reported(result, "special/pipe.tf", None)
    assert message == "cannot read file: not a regular file (a named pipe)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_link_to_an_endless_device(tree: Path, cache: Path) -> None:
    """/dev/zero is outside the scanned tree: the link is refused without being opened."""
    folder = tree / "special"
    folder.mkdir()
    (folder / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n', encoding="utf-8")
    (folder / "zero.tf").symlink_to("/dev/zero")
    result = scan(tree, cache)
    _assert_error_exit(result)
    errors = result.errors_for("special/zero.tf")
    assert len(errors) == 1
    assert "resolves outside the repository" in errors[0]["message"]
