"""Stored stack models: found again for the same inputs, never for changed ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spofcheck.cache import stacks as stackcache
from spofcheck.cache.location import cache_dir
from spofcheck.cache.stacks import StackKey, get, put, stack_keys
from spofcheck.parse.discover import StackInput, StackKind
from spofcheck.parse.load import load_stack
from spofcheck.parse.parallel import load_all

MAIN = """module "db" {
  source = "../modules/db"
}

resource "aws_lb" "web" {
  name = var.name
}

variable "name" {
  default = "web"
}
"""
DB = 'resource "aws_db_instance" "main" {\n  multi_az = false\n}\n'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """stack/ calls modules/db; both are inputs of the stack's key."""
    (tmp_path / "stack").mkdir()
    (tmp_path / "modules" / "db").mkdir(parents=True)
    (tmp_path / "stack" / "main.tf").write_text(MAIN)
    (tmp_path / "modules" / "db" / "main.tf").write_text(DB)
    return tmp_path


def _stack(repo: Path, name: str = "stack") -> StackInput:
    return StackInput(StackKind.TERRAFORM, (repo / name).resolve())


def _key(repo: Path, stack: StackInput | None = None) -> StackKey:
    key = stack_keys([stack or _stack(repo)], repo, ())[0]
    assert key is not None
    return key


def test_a_stored_model_is_found_and_equals_a_fresh_load(repo: Path) -> None:
    stack = _stack(repo)
    fresh = load_stack(stack, root=repo)
    assert put(_key(repo), fresh)
    stored = get(_key(repo))
    assert stored is not None
    assert stored.model_dump_json() == fresh.model_dump_json()
    assert sorted(_key(repo).covered) == ["modules/db/main.tf", "stack/main.tf"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("modules/db/main.tf", DB.replace("false", "true")),  # a module file edited
        ("stack/extra.tf", 'resource "aws_sqs_queue" "q" {}\n'),  # a file added
        ("stack/terraform.tfvars", 'name = "api"\n'),  # variable values added
        ("modules/db/db_override.tf", "# an override file\n"),  # even ignored inputs
    ],
)
def test_any_input_change_gives_another_key(repo: Path, path: str, text: str) -> None:
    before = _key(repo)
    (repo / path).write_text(text)
    assert _key(repo).digest != before.digest


def test_var_files_and_overlays_are_inputs(repo: Path) -> None:
    (repo / "a.tfvars").write_text('name = "a"\n')
    overlay = repo / "stack" / "overlay.yaml"
    overlay.write_text("version: 1\ncomponents: {}\n")
    with_overlay = StackInput(StackKind.TERRAFORM, (repo / "stack").resolve(), (overlay,))
    keys = [
        stack_keys([_stack(repo)], repo, ())[0],
        stack_keys([_stack(repo)], repo, [repo / "a.tfvars"])[0],
        stack_keys([with_overlay], repo, ())[0],
    ]
    assert len({k.digest for k in keys if k}) == 3


def test_the_scan_root_is_part_of_the_key(repo: Path) -> None:
    """Models hold paths relative to the root: another root must not share them."""
    other = stack_keys([_stack(repo)], repo / "stack", ())[0]
    assert other is not None
    assert _key(repo).digest != other.digest


def test_a_module_the_text_search_missed_is_not_stored(repo: Path) -> None:
    """A module called from JSON syntax is loaded, but its file is not in the key: storing
    the model would let an edit of that module go unnoticed."""
    (repo / "stack" / "main.tf").unlink()
    call = {"module": {"db": {"source": "../modules/db"}}}
    (repo / "stack" / "main.tf.json").write_text(json.dumps(call))
    arch = load_stack(_stack(repo), root=repo)
    assert "modules/db/main.tf" in arch.files
    assert not put(_key(repo), arch)


def test_models_with_errors_are_not_stored(repo: Path) -> None:
    (repo / "stack" / "broken.tf").write_text("resource {\n")
    arch = load_stack(_stack(repo), root=repo)
    assert arch.errors
    assert not put(_key(repo), arch)


def test_stacks_with_installed_remote_modules_are_not_cached(repo: Path) -> None:
    (repo / "stack" / ".terraform" / "modules").mkdir(parents=True)
    assert stack_keys([_stack(repo)], repo, ()) == [None]


def test_yaml_and_plan_stacks_are_not_cached(repo: Path) -> None:
    yaml = StackInput(StackKind.YAML, repo / "a.yaml")
    plan = StackInput(StackKind.PLAN, repo / "plan.json")
    assert stack_keys([yaml, plan], repo, ()) == [None, None]


def test_a_damaged_entry_is_a_miss(repo: Path) -> None:
    key = _key(repo)
    assert put(key, load_stack(_stack(repo), root=repo))
    entry = next((cache_dir() / "stacks").rglob(f"{key.digest}.json"))
    entry.write_text('{"components": 12')
    assert get(key) is None


def test_a_code_change_gives_another_key(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _key(repo)
    monkeypatch.setattr(stackcache, "code_digest", lambda: "another version")
    assert _key(repo).digest != before.digest


def test_load_all_uses_stored_models_and_skips_loading(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_all([_stack(repo)], root=repo)
    monkeypatch.setattr("spofcheck.parse.parallel.load_stack", _must_not_load)
    again = load_all([_stack(repo)], root=repo)
    assert [a.model_dump_json() for a in again] == [a.model_dump_json() for a in first]
    with pytest.raises(AssertionError, match="loaded"):
        load_all([_stack(repo)], root=repo, use_cache=False)


def _must_not_load(*args: object, **kwargs: object) -> None:
    raise AssertionError("loaded although a stored model exists")
