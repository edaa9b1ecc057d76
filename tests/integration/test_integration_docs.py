"""The snippets in docs/integrations/ work as written (bar `pip install`).

GitLab jobs' script lines and the GitHub diff job's `run:` steps run in throwaway
repositories with the CI system's variables set; the pre-commit configs are validated
by pre-commit itself; the workflow only passes inputs the action declares.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.helpers.throwaway import commit, copy_fixture, env, git, init, web_stack, write

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "integrations"
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text("utf-8")
    return [body for lang, body in _FENCE.findall(text) if lang == language]


def load(text: str) -> Any:
    return YAML(typ="safe").load(textwrap.dedent(text))


def bash(script: str, cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}:{env()['PATH']}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env(**{**variables, "PATH": path}),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def without_install(lines: list[str]) -> str:
    return "\n".join(line for line in lines if not line.startswith("pip install"))


def merge_request(tmp_path: Path, *, adds_spof: bool) -> Path:
    """`origin` holds main (the well-built three-tier stack); the clone's branch either
    adds a single instance behind a public load balancer, or only a comment."""
    origin = init(tmp_path / "origin")
    copy_fixture("aws-three-tier-good", origin / "infra")
    commit(origin, "main")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "change")
    if adds_spof:
        write(clone / "web/main.tf", web_stack())
    else:
        write(clone / "infra/notes.tf", "# reviewed\n")
    commit(clone, "change")
    return clone


def project(path: Path, *, bad: bool) -> Path:
    init(path)
    if bad:
        write(path / "infra/main.tf", web_stack())
    else:
        copy_fixture("aws-three-tier-good", path / "infra")
    return path


# --- GitLab ---------------------------------------------------------------------------


def gitlab_jobs() -> dict[str, Any]:
    jobs: dict[str, Any] = load(blocks("gitlab-ci.md", "yaml")[0])
    return jobs


@pytest.mark.slow
@pytest.mark.parametrize(("bad", "code"), [(True, 1), (False, 0)])
def test_gitlab_scan_job(tmp_path: Path, bad: bool, code: int) -> None:
    job = gitlab_jobs()["spofcheck"]
    root = project(tmp_path / "project", bad=bad)
    done = bash(without_install(job["script"]), root, **job["variables"])
    assert done.returncode == code, done.stdout + done.stderr
    for artifact in job["artifacts"]["paths"]:
        assert (root / artifact).is_file()
    junit = ET.fromstring((root / job["artifacts"]["reports"]["junit"]).read_bytes())
    assert junit.get("failures") != "0" if code else junit.get("failures") == "0"
    assert "findings" in done.stdout  # the text report in the job log


@pytest.mark.slow
@pytest.mark.parametrize(("adds_spof", "code"), [(True, 1), (False, 0)])
def test_gitlab_merge_request_diff_job(tmp_path: Path, adds_spof: bool, code: int) -> None:
    job = gitlab_jobs()["spofcheck-diff"]
    clone = merge_request(tmp_path, adds_spof=adds_spof)
    variables = {**job["variables"], "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    done = bash(without_install(job["script"]), clone, **variables)
    assert done.returncode == code, done.stdout + done.stderr
    assert "spofcheck diff: origin/main → working tree" in done.stdout
    if code:
        assert "HA001 aws_instance.web" in done.stdout


# --- GitHub ---------------------------------------------------------------------------


def test_workflow_passes_only_declared_inputs() -> None:
    workflow = load(blocks("github-actions.md", "yaml")[0])
    action = load((REPO / "action.yml").read_text("utf-8"))
    (step,) = [s for s in workflow["jobs"]["spofcheck"]["steps"] if "spofcheck/" in s["uses"]]
    assert set(step["with"]) <= set(action["inputs"])
    assert "security-events" in workflow["permissions"]


@pytest.mark.slow
def test_github_diff_job(tmp_path: Path) -> None:
    job = load(blocks("github-actions.md", "yaml")[1])["diff"]
    runs = [s["run"] for s in job["steps"] if "run" in s]
    clone = merge_request(tmp_path, adds_spof=True)
    summary = tmp_path / "summary.md"
    done = bash(
        without_install(runs), clone, GITHUB_BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary)
    )
    assert done.returncode == 1, done.stdout + done.stderr
    text = summary.read_text("utf-8")
    assert text.startswith("## spofcheck diff against `origin/main`")
    assert "`aws_instance.web`" in text


# --- pre-commit -----------------------------------------------------------------------


@pytest.mark.parametrize("index", [0, 2])
def test_pre_commit_configs_are_valid(tmp_path: Path, index: int) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(blocks("pre-commit.md", "yaml")[index], "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_local_hook_matches_the_published_one() -> None:
    (local,) = load(blocks("pre-commit.md", "yaml")[2])["repos"][0]["hooks"]
    (published,) = load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    for key in ("id", "entry", "files", "require_serial"):
        assert local[key] == published[key]


def test_hook_manifest_is_valid_and_selects_the_documented_files() -> None:
    manifest = REPO / ".pre-commit-hooks.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = load(manifest.read_text("utf-8"))
    files = re.compile(hook["files"])
    chosen = ["a/main.tf", "a/main.tf.json", "a/x.tofu", "a/x.tofu.json", "a/p.tfvars"]
    chosen += ["a/p.tfvars.json", "arch.yaml", "arch.yml"]
    for name in chosen:
        assert files.search(name), name
    for name in ["plan.json", "README.md", "main.tf.bak", "x.yaml.orig"]:
        assert not files.search(name), name
