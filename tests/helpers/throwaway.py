"""Throwaway git repositories and CLI runs for the integration tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main

REPO = Path(__file__).resolve().parents[2]
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
    """One RDS instance: multi_az = false fires HA002; true gives no finding."""
    return DB_TF.format(multi_az=str(multi_az).lower())


WEB_TF = """\
resource "aws_lb" "{name}" {{
  name               = "{name}"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-a", "subnet-b"]
}}

resource "aws_lb_target_group" "{name}" {{
  name     = "{name}"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-1"
}}

resource "aws_lb_listener" "{name}" {{
  load_balancer_arn = aws_lb.{name}.arn
  port              = 80
  default_action {{
    type             = "forward"
    target_group_arn = aws_lb_target_group.{name}.arn
  }}
}}

resource "aws_instance" "{name}" {{
  ami               = "ami-123"
  instance_type     = "t3.micro"
  availability_zone = "us-east-1a"
}}

resource "aws_lb_target_group_attachment" "{name}" {{
  target_group_arn = aws_lb_target_group.{name}.arn
  target_id        = aws_instance.{name}.id
}}
"""


def web_stack(name: str = "web") -> str:
    """One instance behind an internet-facing load balancer: HA001, a high finding on
    `aws_instance.<name>` at line 24 (a single point of failure an entry point needs)."""
    return WEB_TF.format(name=name)


def copy_fixture(name: str, target: Path) -> Path:
    """A fixture architecture's files, e.g. aws-three-tier-good (no finding at medium or
    above, by the rules issue's contract) or aws-three-tier-bad."""
    shutil.copytree(REPO / "fixtures" / "architectures" / name, target)
    return target


def cli(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (no interpreter start-up): exit code, stdout, stderr."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
