"""Variable values: defaults < terraform.tfvars < .tfvars.json < *.auto.tfvars < var files."""

from __future__ import annotations

from pathlib import Path

from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.resources import Unknown
from tests.helpers.loader_kit import load, resource


def test_precedence_of_tfvars_files() -> None:
    """a: only terraform.tfvars; b: .tfvars.json over it; c: 1-first.auto over both;
    d: 2-second.auto.tfvars.json last (lexical order of auto files); e: default."""
    values = resource(load("variables"), "probe.values")
    first = values.instances[0].attributes
    assert [first[k] for k in "abcde"] == [
        "tfvars-a",
        "tfvars-json-b",
        "auto1-c",
        "auto2-d",
        "default-e",
    ]
    assert isinstance(first["none"], Unknown)
    assert first["none"].expr == "var.none"


def test_var_files_win_over_everything() -> None:
    values = resource(load("variables", var_files=["extra.tfvars"]), "probe.values")
    assert values.instances[0].attributes["e"] == "extra-e"


def test_type_number_converts_a_numeric_string() -> None:
    """count_as_text has type = number and default "2": count is 2."""
    values = resource(load("variables"), "probe.values")
    assert [i.key for i in values.instances] == [0, 1]


def test_broken_var_file_is_a_located_error_and_the_rest_still_loads() -> None:
    result = load("variables", var_files=["broken.tfvars"])
    assert [(e.file, e.line) for e in result.errors] == [("variables/broken.tfvars", 1)]
    assert resource(result, "probe.values").instances[0].attributes["e"] == "default-e"
    assert "variables/broken.tfvars" in result.files


def test_optional_object_attributes_get_their_defaults() -> None:
    """groups.api = {}: name -> null (so coalesce falls back to the key), min_size -> 2,
    disk -> {} then disk.size -> 20; groups.web sets min_size = "3", a number type -> 3."""
    groups = resource(load("variables"), "probe.groups")
    by_key = {i.key: dict(i.attributes) for i in groups.instances}
    assert by_key == {
        "api": {"name": "api", "min_size": 2, "disk": 20},
        "web": {"name": "web-nodes", "min_size": 3, "disk": 20},
    }


def test_a_null_argument_to_a_non_nullable_variable_means_its_default(tmp_path: Path) -> None:
    """`nullable = false`: Terraform uses the default when the caller passes null (the
    public ECS module passes an unset optional attribute this way). A nullable variable
    keeps the null."""
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "main.tf").write_text(
        'variable "strict" {\n  default = false\n  nullable = false\n}\n'
        'variable "loose" {\n  default = "d"\n}\n'
        'resource "probe" "v" {\n  strict = var.strict\n  loose = var.loose\n}\n'
    )
    (tmp_path / "main.tf").write_text(
        'module "m" {\n  source = "./inner"\n  strict = null\n  loose = null\n}\n'
    )
    result = load_module(tmp_path, display_root=tmp_path)
    attrs = resource(result, "module.m.probe.v").instances[0].attributes
    assert attrs["strict"] is False
    assert attrs.get("loose") is None
