"""Throwaway git repositories and CLI runs for the integration tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main

GIT_ENV = {
    "GIT_AUTHOR_NAME": "spofcheck tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "spofcheck tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def env(**extra: str) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    values.update(GIT_ENV)
    values.update(extra)
    return values


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env(HOME=str(repo)),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    return repo


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def spofcheck(cwd: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, in its own process (its own working directory)."""
    return subprocess.run(
        [sys.executable, "-m", "spofcheck", *args],
        cwd=cwd,
        env=env(**extra_env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


DB_TF = """\
resource "aws_db_instance" "main" {{
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  multi_az                = {multi_az}
  backup_retention_period = 7
  deletion_protection     = true
}}
"""


def db_stack(multi_az: bool) -> str:
    """One RDS instance: multi_az = false fires HA002 (high); true gives no finding."""
    return DB_TF.format(multi_az=str(multi_az).lower())


def cli(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (no interpreter start-up): exit code, stdout, stderr."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
