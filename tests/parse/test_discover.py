"""Discovery: which folders are Terraform roots, which files are architectures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spofcheck.parse.discover import StackKind, discover

MAIN = 'resource "aws_instance" "web" {}\n'


def _tf(folder: Path, text: str = MAIN, name: str = "main.tf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return folder


def test_local_modules_are_not_roots_of_their_own(tmp_path: Path) -> None:
    _tf(tmp_path / "prod", 'module "db" {\n  source = "../modules/db"\n}\n')
    _tf(tmp_path / "modules" / "db")
    found = discover([tmp_path], tmp_path)
    assert [(s.kind, s.path) for s in found.stacks] == [
        (StackKind.TERRAFORM, (tmp_path / "prod").resolve())
    ]
    assert found.errors == []


def test_roots_are_sorted_and_hidden_or_cache_folders_skipped(tmp_path: Path) -> None:
    for name in ("b", "a", ".terraform/modules/x", ".git/x", "node_modules/y"):
        _tf(tmp_path / name)
    found = discover([tmp_path], tmp_path)
    assert [s.path.name for s in found.stacks] == ["a", "b"]


def test_a_file_argument_selects_its_whole_folder(tmp_path: Path) -> None:
    folder = _tf(tmp_path / "stack")
    _tf(folder, 'resource "aws_lb" "x" {}\n', name="lb.tf")
    found = discover([folder / "lb.tf", folder / "main.tf"], tmp_path)
    assert [s.path for s in found.stacks] == [folder.resolve()]


def test_exclude_patterns_drop_folders(tmp_path: Path) -> None:
    _tf(tmp_path / "prod")
    _tf(tmp_path / "examples" / "demo")
    found = discover([tmp_path], tmp_path, exclude=["examples/*"])
    assert [s.path.name for s in found.stacks] == ["prod"]


def test_unsupported_and_missing_files_are_located_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    found = discover([tmp_path / "notes.txt", tmp_path / "gone.tf"], tmp_path)
    assert [(e.file, e.message.split(":")[0]) for e in found.errors] == [
        ("notes.txt", "not a recognized input ('.txt')"),
        ("gone.tf", "no such file or folder"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    stack = _tf(tmp_path / "stack")
    (stack / "loop").symlink_to(tmp_path, target_is_directory=True)
    (stack / "self").symlink_to(stack, target_is_directory=True)
    found = discover([tmp_path], tmp_path)
    assert [s.path for s in found.stacks] == [stack.resolve()]


def test_plan_json_in_a_folder_is_found_by_its_version_keys(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text('{"format_version": "1.2", "terraform_version": "1.8.5"}')
    (tmp_path / "package.json").write_text('{"name": "not-a-plan"}')
    found = discover([tmp_path], tmp_path)
    assert [(s.kind, s.path.name) for s in found.stacks] == [(StackKind.PLAN, "plan.json")]


def test_manifests_are_one_stack_per_folder_and_other_yaml_is_skipped(tmp_path: Path) -> None:

    manifest = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s/a.yaml").write_text(manifest, "utf-8")
    (tmp_path / "k8s/b.yml").write_text(manifest.replace("web", "api"), "utf-8")
    json_manifest = '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db"}}'
    (tmp_path / "k8s/c.json").write_text(json_manifest, "utf-8")
    (tmp_path / "k8s/package.json").write_text('{"name": "web", "version": "1"}', "utf-8")
    (tmp_path / "k8s/compose.yaml").write_text("services:\n  web: {image: x}\n", "utf-8")
    (tmp_path / "k8s/arch.yaml").write_text("version: 1\ncomponents: {}\n", "utf-8")
    found = discover([tmp_path], tmp_path)
    kinds = sorted((s.kind.value, s.path.name) for s in found.stacks)
    assert kinds == [("kubernetes", "k8s"), ("yaml", "arch.yaml")]
    stack = next(s for s in found.stacks if s.kind is StackKind.KUBERNETES)
    assert [f.name for f in stack.files] == ["a.yaml", "b.yml", "c.json"]
    assert not found.errors
