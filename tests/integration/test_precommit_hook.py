"""The hook as users install it: `pre-commit try-repo` on throwaway repositories.

try-repo installs spofcheck with pip into pre-commit's own environment (this needs the
package index) and runs the hook from .pre-commit-hooks.yaml on the repository's files.
It sees only what git tracks, so the test points it at a commit of the working tree as
it is (tracked and new, non-ignored files): the code the rest of the suite tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.throwaway import commit, copy_fixture, env, git, init, web_stack, write

REPO = Path(__file__).resolve().parents[2]
PRE_COMMIT = (sys.executable, "-m", "pre_commit")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs a git checkout"),
]


def snapshot(target: Path) -> Path:
    """A one-commit repository holding the working tree's files."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(listed.split("\0")) - {""}):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    init(target)
    commit(target, "snapshot of the working tree")
    return target


def try_repo(hook_repo: Path, project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(hook_repo), "spofcheck", "--all-files", "--color", "never"],
        cwd=project,
        env=env(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def project(path: Path, *, bad: bool) -> Path:
    """Bad: one instance behind a public load balancer. Good: the well-built fixture."""
    init(path)
    if bad:
        write(path / "infra/main.tf", web_stack())
        write(path / "infra/variables.tf", 'variable "unused" {\n  default = 1\n}\n')
    else:
        copy_fixture("aws-three-tier-good", path / "infra")
    write(path / "docs/compose.yaml", "version: '3'\nservices:\n  web: {}\n")  # not ours
    commit(path, "a stack")
    return path


def test_try_repo_fails_on_a_bad_stack_and_passes_on_a_good_one(tmp_path: Path) -> None:
    hook_repo = snapshot(tmp_path / "spofcheck")
    home = tmp_path / "pre-commit-home"

    bad = try_repo(hook_repo, project(tmp_path / "bad", bad=True), home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "spofcheck...." in bad.stdout
    assert "Failed" in bad.stdout
    assert "infra/main.tf:24: high     HA001 aws_instance.web:" in bad.stdout
    assert bad.stdout.count("infra/main.tf\n") == 1  # two .tf files, one stack, one scan

    good = try_repo(hook_repo, project(tmp_path / "good", bad=False), home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
