"""Reusable module folders nobody calls (issue 17): skipped unless asked, and said so.

Twins: each folder that is skipped has a neighbour, differing in one respect, that stays a
stack (a provider block, a backend, not below `modules/`, named on the command line)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from spofcheck.cli import main
from spofcheck.parse.discover import discover

CACHE = """
variable "nodes" {
  default = 1
}
resource "aws_elasticache_replication_group" "this" {
  replication_group_id = "c"
  description          = "cache"
  num_cache_clusters   = var.nodes
}
"""
WEB = 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n'


def _tf(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.tf").write_text(text)
    return folder


def _stacks(tmp_path: Path, *, include: bool = False) -> list[str]:
    found = discover([tmp_path], tmp_path, use_cache=False, include_modules=include)
    return [s.path.relative_to(tmp_path.resolve()).as_posix() for s in found.stacks]


def test_an_uncalled_module_below_modules_is_skipped_and_recorded(tmp_path: Path) -> None:
    _tf(tmp_path / "live", WEB)
    _tf(tmp_path / "modules" / "cache", CACHE)
    found = discover([tmp_path], tmp_path, use_cache=False)
    assert [s.path.name for s in found.stacks] == ["live"]
    assert [(m.path.name, m.analyzed) for m in found.uncalled_modules] == [("cache", False)]


def test_include_modules_analyzes_it_and_says_so(tmp_path: Path) -> None:
    _tf(tmp_path / "live", WEB)
    _tf(tmp_path / "modules" / "cache", CACHE)
    found = discover([tmp_path], tmp_path, use_cache=False, include_modules=True)
    assert [s.path.name for s in found.stacks] == ["live", "cache"]  # by path
    assert [m.analyzed for m in found.uncalled_modules] == [True]
    assert any("--include-modules" in n for n in found.stacks[1].notes)


def test_a_provider_block_keeps_a_folder_a_stack(tmp_path: Path) -> None:
    _tf(tmp_path / "modules" / "cache", 'provider "aws" {\n  region = "eu-west-1"\n}\n' + CACHE)
    assert _stacks(tmp_path) == ["modules/cache"]


def test_a_backend_keeps_a_folder_a_stack(tmp_path: Path) -> None:
    backend = 'terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n}\n'
    _tf(tmp_path / "modules" / "cache", backend + CACHE)
    assert _stacks(tmp_path) == ["modules/cache"]


def test_a_lock_file_or_tfvars_keeps_a_folder_a_stack(tmp_path: Path) -> None:
    locked = _tf(tmp_path / "modules" / "locked", CACHE)
    (locked / ".terraform.lock.hcl").write_text("# written by terraform init\n")
    valued = _tf(tmp_path / "modules" / "valued", CACHE)
    (valued / "prod.auto.tfvars").write_text("nodes = 3\n")
    assert _stacks(tmp_path) == ["modules/locked", "modules/valued"]


def test_backend_in_a_comment_or_string_changes_nothing(tmp_path: Path) -> None:
    """Parsed blocks decide, never text: the folder is still a module nobody calls."""
    text = '# terraform { backend "s3" {} }\nlocals {\n  x = "provider \\"aws\\" {}"\n}\n'
    _tf(tmp_path / "live", WEB)
    _tf(tmp_path / "modules" / "cache", text + CACHE)
    assert _stacks(tmp_path) == ["live"]


def test_a_folder_not_below_modules_stays_a_stack(tmp_path: Path) -> None:
    """No provider, a variable, but under `stacks/`: a root whose provider comes from the
    environment is common, so it is analyzed."""
    _tf(tmp_path / "stacks" / "cache", CACHE)
    assert _stacks(tmp_path) == ["stacks/cache"]


def test_a_module_folder_named_on_the_command_line_is_analyzed(tmp_path: Path) -> None:
    folder = _tf(tmp_path / "modules" / "cache", CACHE)
    assert [s.path for s in discover([folder], tmp_path, use_cache=False).stacks] == [
        folder.resolve()
    ]
    walked = discover([tmp_path / "modules"], tmp_path, use_cache=False)
    assert [s.path.name for s in walked.stacks] == ["cache"]  # `modules` is the folder asked


def test_a_called_module_is_still_analyzed_through_its_caller(tmp_path: Path) -> None:
    _tf(tmp_path / "live", 'module "cache" {\n  source = "../modules/cache"\n}\n')
    _tf(tmp_path / "modules" / "cache", CACHE)
    found = discover([tmp_path], tmp_path, use_cache=False)
    assert [s.path.name for s in found.stacks] == ["live"]
    assert found.uncalled_modules == []


def test_a_module_called_only_by_a_skipped_module_is_skipped_with_it(tmp_path: Path) -> None:
    _tf(tmp_path / "live", WEB)
    _tf(tmp_path / "modules" / "app", 'module "cache" {\n  source = "../cache"\n}\n')
    _tf(tmp_path / "modules" / "cache", CACHE)
    assert _stacks(tmp_path) == ["live"]
    assert _stacks(tmp_path, include=True) == ["live", "modules/app"]


def _scan(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["scan", "-f", "json", "--no-cache", *args])
    return result.exit_code, json.loads(result.output)


def test_the_coverage_block_says_which_was_done(tmp_path: Path) -> None:
    _tf(tmp_path / "live", WEB)
    _tf(tmp_path / "modules" / "cache", CACHE)
    _, skipped = _scan(str(tmp_path))
    assert skipped["coverage"]["uncalled_modules"] == [{"path": "modules/cache", "analyzed": False}]
    assert any(
        n.startswith("modules/cache: a reusable module nobody calls") for n in skipped["notes"]
    )
    assert [s["path"] for s in skipped["stacks"]] == ["live"]
    _, included = _scan(str(tmp_path), "--include-modules")
    assert included["coverage"]["uncalled_modules"] == [{"path": "modules/cache", "analyzed": True}]
    assert [s["path"] for s in included["stacks"]] == ["live", "modules/cache"]


def test_a_scan_that_skipped_everything_is_not_a_clean_pass(tmp_path: Path) -> None:
    """Never "0 findings" alone: exit 2 and an error naming the skipped folders."""
    _tf(tmp_path / "modules" / "cache", CACHE)
    code, doc = _scan(str(tmp_path))
    assert code == 2
    assert doc["gate"]["passed"] is False
    message = doc["errors"][0]["message"]
    assert message.startswith("nothing analyzed: every Terraform folder found is a reusable")
    assert "modules/cache" in message
    assert "--include-modules" in message
    code, doc = _scan(str(tmp_path), "--include-modules")
    assert doc["errors"] == []
    assert [s["path"] for s in doc["stacks"]] == ["modules/cache"]


def test_the_config_key_includes_them(tmp_path: Path) -> None:
    _tf(tmp_path / "modules" / "cache", CACHE)
    (tmp_path / "spofcheck.yaml").write_text("include_modules: true\n")
    _, doc = _scan(str(tmp_path), "--config", str(tmp_path / "spofcheck.yaml"))
    assert doc["coverage"]["uncalled_modules"] == [{"path": "modules/cache", "analyzed": True}]


def test_a_module_called_under_an_unknown_count_is_analyzed_through_its_caller(
    tmp_path: Path,
) -> None:
    """`count = var.on ? 1 : 0`: the call may create nothing, so the folder is not surely
    called; still it is called, and analyzed through the caller, never reported as a
    module nobody calls nor scanned on its own defaults. Called that way only by a
    skipped module, it is skipped and recorded with it."""
    switched = 'module "cache" {\n  source = "SOURCE"\n  count = var.on ? 1 : 0\n}\n'
    _tf(tmp_path / "live", switched.replace("SOURCE", "../modules/cache"))
    _tf(tmp_path / "modules" / "cache", CACHE)
    found = discover([tmp_path], tmp_path, use_cache=False)
    assert [s.path.name for s in found.stacks] == ["live"]
    assert found.uncalled_modules == []
    (tmp_path / "live" / "main.tf").write_text(WEB)
    _tf(tmp_path / "modules" / "app", switched.replace("SOURCE", "../cache"))
    found = discover([tmp_path], tmp_path, use_cache=False)
    assert [s.path.name for s in found.stacks] == ["live"]
    assert [m.path.name for m in found.uncalled_modules] == ["app", "cache"]
