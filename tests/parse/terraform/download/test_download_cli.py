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
