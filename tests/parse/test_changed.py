"""pre-commit file batches → the stacks to analyze, each once."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.parse.changed import hook_paths, is_architecture_yaml

ARCH = "version: 1\nname: shop\ncomponents:\n  app: {kind: service}\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "infra/prod/main.tf", 'module "db" {\n  source = "../../modules/db"\n}\n')
    write(tmp_path / "infra/prod/variables.tf", 'variable "x" {}\n')
    write(tmp_path / "infra/prod/prod.tfvars", "x = 1\n")
    write(tmp_path / "infra/prod/overlay.yaml", ARCH)
    write(tmp_path / "infra/staging/main.tf", 'module "db" {\n  source = "../../modules/db"\n}\n')
    write(tmp_path / "modules/db/main.tf", 'module "inner" {\n  source = "./inner"\n}\n')
    write(tmp_path / "modules/db/inner/main.tf", 'resource "aws_db_instance" "x" {}\n')
    write(tmp_path / "modules/db/README.md", "docs\n")
    write(tmp_path / "docs/arch.yaml", ARCH)
    write(tmp_path / "docker-compose.yaml", "version: '3'\nservices:\n  web: {}\n")
    write(tmp_path / ".pre-commit-config.yaml", "repos: []\ncomponents: 1\nversion: 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_files_of_one_folder_give_that_folder_once(repo: Path) -> None:
    files = [Path("infra/prod/variables.tf"), Path("infra/prod/main.tf")]
    assert hook_paths(files, repo) == [Path("infra/prod/main.tf"), Path("infra/prod/overlay.yaml")]


def test_tfvars_and_overlays_stand_for_their_folder(repo: Path) -> None:
    for changed in ("infra/prod/prod.tfvars", "infra/prod/overlay.yaml"):
        paths = hook_paths([Path(changed)], repo)
        assert paths == [Path("infra/prod/main.tf"), Path("infra/prod/overlay.yaml")]


def test_a_module_is_analyzed_through_every_root_that_calls_it(repo: Path) -> None:
    """modules/db/inner ← modules/db ← infra/prod and infra/staging."""
    paths = hook_paths([Path("modules/db/inner/main.tf")], repo)
    assert paths == [
        Path("infra/prod/main.tf"),
        Path("infra/prod/overlay.yaml"),
        Path("infra/staging/main.tf"),
    ]


def test_standalone_architecture_yaml_is_itself_other_yaml_is_ignored(repo: Path) -> None:
    files = [Path("docs/arch.yaml"), Path("docker-compose.yaml"), Path(".pre-commit-config.yaml")]
    assert hook_paths(files, repo) == [Path("docs/arch.yaml")]


def test_nothing_relevant_gives_nothing(repo: Path) -> None:
    assert hook_paths([Path("modules/db/README.md")], repo) == []


def test_a_module_cycle_does_not_hang(repo: Path) -> None:
    write(repo / "loop/a/main.tf", 'module "b" {\n  source = "../b"\n}\n')
    write(repo / "loop/b/main.tf", 'module "a" {\n  source = "../a"\n}\n')
    paths = hook_paths([Path("loop/a/main.tf")], repo)
    assert paths  # some folder of the cycle is analyzed, and the call returns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ARCH, True),
        ("components:\n  a: {}\nversion: 1\n", True),
        ("version: 1\nservices: {}\n", False),
        ("spec:\n  version: 1\n  components: []\n", False),  # not top-level
        ("", False),
    ],
)
def test_architecture_yaml_is_recognized_by_its_top_level_keys(
    tmp_path: Path, text: str, expected: bool
) -> None:
    assert is_architecture_yaml(write(tmp_path / "a.yml", text)) is expected


def test_the_hook_command_scans_each_stack_once_with_scan_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One instance behind a public load balancer is a high finding (HA001): it fails at
    --fail-on high, not at critical."""
    from click.testing import CliRunner

    from spofcheck.cli import main

    write(tmp_path / "infra/main.tf", WEB)
    write(tmp_path / "infra/variables.tf", 'variable "x" {\n  default = 1\n}\n')
    monkeypatch.chdir(tmp_path)
    files = ["infra/main.tf", "infra/variables.tf", "README.md"]
    failing = CliRunner().invoke(main, ["hook", *files])
    assert failing.exit_code == 1
    assert failing.stdout.count("HA001 aws_instance.web") == 1
    passing = CliRunner().invoke(main, ["hook", "--fail-on", "critical", *files])
    assert passing.exit_code == 0
    nothing = CliRunner().invoke(main, ["hook", "README.md"])
    assert (nothing.exit_code, nothing.stdout) == (0, "")


WEB = """\
resource "aws_lb" "web" {
  internal = false
}

resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = aws_lb.web.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_instance" "web" {
  availability_zone = "us-east-1a"
}

resource "aws_lb_target_group_attachment" "web" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.web.id
}
"""


MANIFEST = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {}\n"
WORKFLOW = "name: ci\non: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n"


def test_a_changed_manifest_stands_for_every_manifest_of_its_folder(repo: Path) -> None:
    """The Service and the Deployment it selects may be in different files; the workflow,
    compose file and kustomize sources are not manifests of a rendered folder."""
    write(repo / "deploy/web.yaml", MANIFEST)
    write(repo / "deploy/db.json", '{"apiVersion": "v1", "kind": "Service", "metadata": {}}')
    write(repo / "deploy/notes.yaml", "title: not a manifest\n")
    write(repo / ".github/workflows/ci.yml", WORKFLOW)
    write(repo / "base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n")
    write(repo / "base/svc.yaml", MANIFEST)
    files = [
        Path("deploy/web.yaml"),
        Path(".github/workflows/ci.yml"),
        Path("docker-compose.yaml"),
        Path("base/svc.yaml"),
    ]
    assert hook_paths(files, repo) == [Path("deploy/db.json"), Path("deploy/web.yaml")]
