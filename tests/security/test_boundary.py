"""Nothing outside the scan boundary (the repository root, or folders given with
`--allow-outside`) is read, whatever a pull request commits: symlinks, module sources,
`.terraform/modules/modules.json` entries and `var_files` in its configuration.

"Outside" is a sibling folder `runner/` holding a marker string; a scan of `repo/`
(which has a `.git`) must never show that string, and must name the link it refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers.cli_kit import Scan, run_cli, scan, seed_cache

MARKER = "RUNNER_SECRET_7f3a"
APP = (
    'resource "aws_sqs_queue" "q" {\n  name = var.name\n}\nvariable "name" {\n  default = "q"\n}\n'
)

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("boundary-cache")
    seed_cache(folder)
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    runner = tmp_path / "runner"
    runner.mkdir()
    (runner / "secret.tfvars").write_text(f'name = "{MARKER}"\n', encoding="utf-8")
    (runner / "main.tf").write_text(
        f'resource "aws_db_instance" "{MARKER}" {{\n  engine = "{MARKER}"\n}}\n', encoding="utf-8"
    )
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "app").mkdir()
    (root / "app" / "main.tf").write_text(APP, encoding="utf-8")
    return root


def _assert_not_leaked(result: Scan) -> None:
    """Neither the content nor the path of the target shows (the PR's own text may)."""
    assert MARKER not in json.dumps(result.report)
    assert MARKER not in result.stdout + result.stderr
    assert "runner/secret" not in json.dumps(result.report["errors"])
    assert "Traceback" not in result.stderr


def _refused(result: Scan, file: str) -> str:
    errors = result.errors_for(file)
    assert len(errors) == 1, result.report["errors"]
    assert "resolves outside the repository" in errors[0]["message"]
    return str(errors[0]["message"])


def test_committed_tfvars_symlink_is_not_followed(repo: Path, cache: Path) -> None:
    (repo / "app" / "terraform.tfvars").symlink_to(repo.parent / "runner" / "secret.tfvars")
    result = scan(repo, cache)
    _assert_not_leaked(result)
    _refused(result, "app/terraform.tfvars")
    assert result.returncode == 2


def test_module_source_leaving_the_repository_is_refused(repo: Path, cache: Path) -> None:
    call = 'module "x" {\n  source = "../../runner"\n}\n'
    (repo / "app" / "call.tf").write_text(call, encoding="utf-8")
    result = scan(repo, cache)
    _assert_not_leaked(result)
    errors = result.errors_for("app/call.tf")
    assert [e["line"] for e in errors] == [1]
    assert "resolves outside the repository" in errors[0]["message"]


def test_modules_json_pointing_outside_is_ignored(repo: Path, cache: Path) -> None:
    """The installed-module entry is dropped: the call stays an opaque module (coverage)."""
    (repo / "app" / "call.tf").write_text(
        'module "x" {\n  source = "registry.example/x/y"\n}\n', encoding="utf-8"
    )
    manifest = repo / "app" / ".terraform" / "modules"
    manifest.mkdir(parents=True)
    entry = {"Key": "x", "Source": "registry.example/x/y", "Dir": str(repo.parent / "runner")}
    (manifest / "modules.json").write_text(json.dumps({"Modules": [entry]}), encoding="utf-8")
    result = scan(repo, cache)
    _assert_not_leaked(result)
    opaque = result.report["coverage"]["opaque_modules"]
    assert [m["address"] for m in opaque] == ["module.x"]


def test_config_var_files_outside_are_refused(repo: Path, cache: Path) -> None:
    secret = repo.parent / "runner" / "secret.tfvars"
    (repo / ".spofcheck.yaml").write_text(f"var_files: [{secret}]\n", encoding="utf-8")
    result = scan(repo, cache)
    assert MARKER not in json.dumps(result.report) + result.stdout  # the path is the PR's text
    errors = [e for e in result.report["errors"] if "resolves outside" in e["message"]]
    assert len(errors) == 1
    assert result.returncode == 2


def test_symlinked_architecture_yaml_is_not_read(repo: Path, cache: Path) -> None:
    outside = repo.parent / "runner" / "arch.yaml"
    outside.write_text(f"version: 1\ncomponents:\n  {MARKER}: {{}}\n", encoding="utf-8")
    (repo / "arch.yaml").symlink_to(outside)
    result = scan(repo, cache)
    _assert_not_leaked(result)
    _refused(result, "arch.yaml")


def test_allow_outside_widens_the_boundary(repo: Path, cache: Path) -> None:
    (repo / "app" / "terraform.tfvars").symlink_to(repo.parent / "runner" / "secret.tfvars")
    env = {**os.environ, "SPOFCHECK_CACHE_DIR": str(cache)}
    out = repo.parent / "allowed.json"
    allowed = str(repo.parent / "runner")
    done = run_cli(
        ["scan", ".", "--allow-outside", allowed, "-f", "json", "-o", str(out)], repo, env
    )
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(out.read_text("utf-8"))["errors"] == []
