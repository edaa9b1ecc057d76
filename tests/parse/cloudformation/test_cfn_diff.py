"""`spofcheck diff --base` compares a template with its committed version: turning
`MultiAZ` off is a new HA002 on that database (and, with no standby left, HA001)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BASE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MultiAZ: true
      BackupRetentionPeriod: 7
      DeletionProtection: true
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_diff_base_on_a_template(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.com")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "stack.yaml").write_text(BASE, "utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    (tmp_path / "stack.yaml").write_text(BASE.replace("MultiAZ: true", "MultiAZ: false"), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "spofcheck", "diff", "--base", "HEAD", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "new findings (2)" in done.stdout, done.stdout + done.stderr
    assert "stack.yaml:3: medium   HA002 Db" in done.stdout
