"""Root/module decisions come from parsed `module` blocks: text that only looks like a
call cannot take a stack out of the scan (a gate bypass on pull requests).

Each case scans a small repository in a child process (tests/cli_kit.py: timeout and
address-space limit). `infra/prod` holds one single-instance database, which HA001
reports at the line of its block.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.cli_kit import Scan, line_of, scan, seed_cache

PROD = 'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = false\n}\n'


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gate-cache")
    seed_cache(folder)
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "infra" / "prod").mkdir(parents=True)
    (root / "infra" / "prod" / "main.tf").write_text(PROD, encoding="utf-8")
    (root / "docs-example").mkdir()
    return root


def _prod_ha001(result: Scan, repo: Path) -> list[int]:
    return [f["line"] for f in result.findings_for("infra/prod/main.tf", "HA001")]


def _expected(repo: Path) -> list[int]:
    return [line_of(repo / "infra/prod/main.tf", b'resource "aws_db_instance"')]


def test_a_comment_naming_a_source_does_not_demote_a_stack(repo: Path, cache: Path) -> None:
    """Reproducer: before the fix this scan printed `0 findings · 0 components`, exit 0."""
    hostile = Path(__file__).resolve().parents[2] / "fixtures/invalid/hostile/comment-source"
    shutil.copy(hostile / "notes.tf", repo / "docs-example" / "notes.tf")
    result = scan(repo, cache)
    assert _prod_ha001(result, repo) == _expected(repo)
    assert result.report["notes"] == []


def test_a_string_naming_a_source_does_not_demote_a_stack(repo: Path, cache: Path) -> None:
    """A heredoc is data: its line `source = "../infra/prod"` is no module call."""
    text = 'locals {\n  doc = <<EOT\nsource = "../infra/prod"\nEOT\n}\n'
    (repo / "docs-example" / "main.tf").write_text(text, encoding="utf-8")
    result = scan(repo, cache)
    assert _prod_ha001(result, repo) == _expected(repo)


def test_a_call_with_count_zero_does_not_demote_a_stack(repo: Path, cache: Path) -> None:
    """`count = 0` creates no instance: analyzing prod only through it would analyze nothing."""
    text = 'module "x" {\n  source = "../infra/prod"\n  count  = 0\n}\n'
    (repo / "docs-example" / "main.tf").write_text(text, encoding="utf-8")
    result = scan(repo, cache)
    assert _prod_ha001(result, repo) == _expected(repo)
    assert sorted(s["path"] for s in result.report["stacks"]) == ["docs-example", "infra/prod"]


def test_a_real_call_analyzes_the_module_through_its_caller_and_says_so(
    repo: Path, cache: Path
) -> None:
    """One stack (the caller); the module's finding is still reported, and a note names the
    folder and the call (docs-example/main.tf line 1)."""
    text = 'module "x" {\n  source = "../infra/prod"\n}\n'
    (repo / "docs-example" / "main.tf").write_text(text, encoding="utf-8")
    result = scan(repo, cache)
    assert _prod_ha001(result, repo) == _expected(repo)
    assert [s["path"] for s in result.report["stacks"]] == ["docs-example"]
    assert result.report["notes"] == [
        'infra/prod: analyzed as module "x" called from docs-example/main.tf:1, '
        "not as a stack of its own"
    ]


def test_folders_calling_each_other_are_still_analyzed(repo: Path, cache: Path) -> None:
    """A ring (prod calls docs-example, docs-example calls prod) has no uncalled folder;
    one of them becomes the root, so prod's database is still reported."""
    call = 'module "{name}" {{\n  source = "{source}"\n}}\n'
    (repo / "docs-example" / "main.tf").write_text(
        call.format(name="p", source="../infra/prod"), encoding="utf-8"
    )
    (repo / "infra" / "prod" / "calls.tf").write_text(
        call.format(name="d", source="../../docs-example"), encoding="utf-8"
    )
    result = scan(repo, cache)
    assert _prod_ha001(result, repo) == _expected(repo)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        '# see source = "../infra/prod"\n',
        'module "x" {\n  source = "../infra/prod"\n  count  = 0\n}\n',
    ],
)
def test_the_pre_commit_hook_keeps_the_stack_too(
    repo: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook maps a changed module folder to its callers with the same rule: a comment
    or a zero-instance call is no caller, so the changed stack is scanned itself."""
    from spofcheck.parse.changed import hook_paths

    (repo / "docs-example" / "main.tf").write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    assert hook_paths([Path("infra/prod/main.tf")], repo) == [Path("infra/prod/main.tf")]
