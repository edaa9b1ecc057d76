"""`spofcheck diff` across two commits of a throwaway repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers.throwaway import cli, commit, copy_fixture, db_stack, git, init, spofcheck, write

SHOP = """\
version: 1
name: shop
slo: 99.9
components:
  lb: {{kind: load_balancer, scope: regional, availability: 99.99, depends_on: [app]}}
  app: {{kind: service, replicas: 2, availability: 99.5, health_check: true, depends_on: [db]}}
  db:
    kind: database
    availability: 99.95
    backups: true
{standby}
entrypoints: [lb]
"""
STANDBY = "    standby: {mode: hot, failover: automatic}"

# Availability of the YAML stack, derived by hand (no zones: only replicas fail):
#   lb 0.9999 (one regional replica); app 2 replicas, 1 needed: 1 - 0.005^2 = 0.999975;
#   db with a hot automatic standby: 1 - 0.0005^2 = 0.99999975; without: 0.9995.
BASE = 0.9999 * 0.999975 * 0.99999975  # 0.99987475253...
HEAD = 0.9999 * 0.999975 * 0.9995  # 0.99937506499...
DELTA_MIN = (HEAD - BASE) * 43_200  # -21.5865 minutes per 30-day month


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commit 1: the YAML DB has a standby; infra/ is the well-built three-tier fixture.
    Commit 2: the standby is gone, infra/ becomes the badly built one, a stack is added."""
    repo = init(tmp_path / "repo")
    write(repo / "model/shop.yaml", SHOP.format(standby=STANDBY))
    copy_fixture("aws-three-tier-good", repo / "infra")
    commit(repo, "base")
    write(repo / "model/shop.yaml", SHOP.format(standby=""))
    shutil.rmtree(repo / "infra")
    copy_fixture("aws-three-tier-bad", repo / "infra")
    copy_fixture("aws-three-tier-good", repo / "added")
    commit(repo, "head")
    return repo


def test_diff_reports_the_new_findings_and_the_availability_delta(
    repo: Path, tmp_path: Path
) -> None:
    before = (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"))
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = spofcheck(repo, "diff", "--base", "HEAD~1", "--format", "json", TMPDIR=str(temp))
    assert done.returncode == 1, done.stderr  # new high findings, default gate: high
    data = json.loads(done.stdout)
    new = sorted((f["rule_id"], f["component"], f["file"]) for f in data["new"])
    assert ("HA001", "db", "model/shop.yaml") in new
    assert ("HA001", "aws_db_instance.main", "infra/data.tf") in new  # the single database
    assert data["fixed"] == []
    shop = next(s for s in data["stacks"] if s["path"] == "model/shop.yaml")
    assert shop["base"] == pytest.approx(BASE, abs=1e-12)
    assert shop["head"] == pytest.approx(HEAD, abs=1e-12)
    added = next(s for s in data["stacks"] if s["path"] == "added")
    assert added["base"] is None  # a stack new in this change is not a drop
    # The user's tree, index and HEAD are untouched, and the temp copy is gone.
    assert (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")) == before
    assert list(temp.iterdir()) == []


def test_text_output_shows_the_change_in_minutes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = cli(monkeypatch, repo, "diff", "--base", "HEAD~1", "model/shop.yaml")
    assert f"{DELTA_MIN:.0f}" == "-22"
    # truncated, never rounded up into a nine: 99.98747…% → 99.98%, 99.93750…% → 99.93%
    assert "availability 99.98% → 99.93%: −22 min/month (SLO 99.9%: met)" in out
    assert "model/shop.yaml:" in out
    assert "HA001 db:" in out


@pytest.mark.parametrize(
    ("gate", "code"),
    [
        (["--fail-on-new", "critical"], 0),
        (["--fail-on-new", "critical", "--max-availability-drop", "21min"], 1),
        (["--fail-on-new", "critical", "--max-availability-drop", "22min"], 0),
        (["--fail-on-new", "critical", "--max-availability-drop", "0.02"], 1),  # 0.05 points
        (["--fail-on-new", "critical", "--max-availability-drop", "0.05"], 0),
    ],
)
def test_gates(repo: Path, monkeypatch: pytest.MonkeyPatch, gate: list[str], code: int) -> None:
    """The YAML stack loses 21.59 min/month = 0.04997 percentage points."""
    args = ["diff", "--base", "HEAD~1", "model/shop.yaml", *gate]
    exit_code, out, err = cli(monkeypatch, repo, *args)
    assert exit_code == code, out + err


def test_runs_from_a_subfolder_and_on_paths_new_in_the_change(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = cli(monkeypatch, repo / "infra", "diff", "--base", "HEAD~1", "--format", "json")
    data = json.loads(out)
    new = {(f["rule_id"], f["file"]) for f in data["new"]}
    assert ("HA001", "infra/data.tf") in new  # relative to the repository root, as in the tree
    assert all(file.startswith("infra/") for _, file in new)  # model/ and added/ not scanned
    exit_code, out, err = cli(monkeypatch, repo, "diff", "--base", "HEAD~1", "added", "-f", "json")
    assert exit_code == 0, err  # nothing at high or above in the well-built stack
    added = json.loads(out)
    assert added["fixed"] == []
    assert all(f["severity"] not in ("critical", "high") for f in added["new"])


def test_an_unknown_ref_is_a_usage_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, _, err = cli(monkeypatch, repo, "diff", "--base", "no-such-branch")
    assert exit_code == 2
    assert "unknown git ref 'no-such-branch'" in err


def test_outside_a_git_repository_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "plain/main.tf", db_stack(multi_az=True))
    exit_code, _, err = cli(monkeypatch, tmp_path / "plain", "diff", "--base", "HEAD")
    assert exit_code == 2
    assert "not inside a git repository" in err


def test_fixed_findings_in_a_module_outside_the_scanned_folder_name_working_tree_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from infra/, the module in ../modules/db is outside the scanned folder: its
    base-side paths name the working tree's file, never the temporary copy."""
    repo = init(tmp_path / "repo")
    write(repo / "infra/main.tf", 'module "db" {\n  source = "../modules/db"\n}\n')
    write(repo / "modules/db/main.tf", db_stack(multi_az=False))
    commit(repo, "single-AZ database")
    write(repo / "modules/db/main.tf", db_stack(multi_az=True))
    commit(repo, "multi-AZ database")
    _, text, _ = cli(monkeypatch, repo / "infra", "diff", "--base", "HEAD~1")
    assert "fixed findings" in text
    fixed = next(line for line in text.splitlines() if "HA002" in line)
    assert fixed.startswith("  modules/db/main.tf:1: ")
    assert "HA002 module.db.aws_db_instance.main:" in fixed
    _, data, _ = cli(monkeypatch, repo / "infra", "diff", "--base", "HEAD~1", "-f", "json")
    fixed = {f["file"] for f in json.loads(data)["fixed"]}
    assert fixed == {"modules/db/main.tf"}


def test_the_hint_for_a_missing_remote_branch_is_a_command_that_works(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--base origin/main` missing: `git fetch origin origin/main` fails, so the hint must
    say `git fetch origin main`, and name Actions' `fetch-depth: 0`."""
    import subprocess

    subprocess.run(["git", "remote", "add", "origin", str(repo)], cwd=repo, check=True)
    exit_code, _, err = cli(monkeypatch, repo, "diff", "--base", "origin/main")
    assert exit_code == 2
    assert "git fetch origin main " in err
    assert "fetch-depth: 0" in err


def test_a_change_that_splits_a_resource_adds_no_finding_of_a_rule_it_already_had(
    tmp_path: Path,
) -> None:
    """Base: both target groups of fixtures/baseline/split sticky, so they read alike and
    stay one component, `aws_lb_target_group.pool`, with HA003 and HA005. Head: the
    fixture as written, "admin" not sticky, so the resource splits. HA003 on ["shop"] and
    HA005 on both instances are the base's findings under their new ids (3 renamed);
    HA001 on the instance and the 4 findings on the databases are the same in both (5
    unchanged by fingerprint)."""
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "baseline" / "split" / "main.tf"
    text = fixture.read_text("utf-8")
    repo = init(tmp_path / "repo")
    write(repo / "infra/main.tf", text.replace('enabled = each.key == "shop"', "enabled = true"))
    commit(repo, "base")
    write(repo / "infra/main.tf", text)
    commit(repo, "head")
    done = spofcheck(repo, "diff", "--base", "HEAD~1", "--format", "json")
    data = json.loads(done.stdout)
    assert (data["new"], data["fixed"]) == ([], [])
    assert (data["renamed"], data["unchanged"]) == (3, 3 + 5)
