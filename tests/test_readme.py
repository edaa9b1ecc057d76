"""The README's commands are the product's front door: CI runs them as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")


def readme_command(name: str) -> str:
    match = re.search(rf"<!-- readme-command: {name} -->\n```sh\n(.+?)\n```", README)
    assert match, f"README lost its {name} command"
    return match.group(1)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert readme_command("tests") in ci


def test_quickstart_scans_a_terraform_stack_and_a_yaml_architecture() -> None:
    """Run the quick start's scan as written, minus the install (the suite is installed)."""
    scan = readme_command("quickstart").split(" && ")[-1]
    args = shlex.split(scan)
    assert args[0] == ".venv/bin/spofcheck"
    result = subprocess.run(
        [sys.executable, "-m", "spofcheck", *args[1:]],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    shown = re.search(
        r"What the first command prints \(abridged\):\n\n```text\n(.+?)```", README, re.S
    )
    assert shown
    for line in shown.group(1).splitlines():
        if line != "…":
            assert line in result.stdout.splitlines(), line


def test_every_relative_link_in_the_docs_exists() -> None:
    pages = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").rglob("*.md"))]
    missing = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                missing.append(f"{page.relative_to(REPO)} -> {target}")
    assert missing == []
