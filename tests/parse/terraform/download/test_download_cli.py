"""The flag and the config key reach the loader; without either, nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main
from tests.helpers.download_kit import db_module, git_repo


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    repo = git_repo(tmp_path / "repo", {"main.tf": db_module("fetched").decode()})
    folder = tmp_path / "stack"
    folder.mkdir()
    (folder / "main.tf").write_text(f'module "db" {{ source = "git::file://{repo}" }}\n')
    return folder


def _coverage(args: list[str]) -> dict[str, object]:
    result = CliRunner().invoke(main, ["scan", "--format", "json", *args])
    return dict(json.loads(result.output)["coverage"])


def test_flag_downloads(stack: Path) -> None:
    assert _coverage(["--download-modules", str(stack)])["opaque_modules"] == []


def test_config_key_downloads(stack: Path) -> None:
    (stack / ".spofcheck.yaml").write_text("download_modules: true\n")
    assert _coverage([str(stack)])["opaque_modules"] == []


def test_without_either_the_module_stays_opaque(stack: Path) -> None:
    cov = _coverage([str(stack)])
    assert cov["complete"] is False
    assert [m["address"] for m in cov["opaque_modules"]] == ["module.db"]  # type: ignore[attr-defined]


def test_downloaded_files_are_named_the_same_under_any_cache_dir(
    stack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The module's findings point into the tool's store; the store's folder differs per
    user and runner, so the output names the package by its content hash instead (the
    same bytes wherever the cache lives), never by an absolute cache path."""
    outputs = []
    for where in ("one", "two/deeper"):
        monkeypatch.setenv("SPOFCHECK_CACHE_DIR", str(tmp_path / where))
        args = ["scan", "--format", "json", "--download-modules", str(stack)]
        outputs.append(CliRunner().invoke(main, args).output)
    assert outputs[0] == outputs[1]
    files = {f["file"] for f in json.loads(outputs[0])["findings"]}
    assert len(files) == 1
    (shown,) = files
    assert shown.startswith("spofcheck-cache/modules/")
    assert shown.endswith("/main.tf")
    assert str(tmp_path) not in outputs[0]
