"""Terragrunt units: includes, exposed locals, read_terragrunt_config, mocked dependency
outputs, inputs as variables, shared roots, outside-world functions, and the hook.

The tree is written by the test (layout after the usual live/ + _envcommon/ pattern):

    root.hcl                    shared: inputs.owner
    terragrunt.hcl              shared-only root (no terraform block): not a unit
    _envcommon/db.hcl           locals.base_source, inputs.multi_az = false
    modules/db/main.tf          variables -> one aws_db_instance
    live/prod/env.hcl           locals.environment = "prod"
    live/prod/db/terragrunt.hcl the unit
    live/prod/vpc/terragrunt.hcl a unit whose source is remote (not downloaded)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.model import Report
from spofcheck.parse.changed import hook_paths
from spofcheck.parse.terragrunt.discover import affected_units

DB_MODULE = """
variable "identifier" { type = string }
variable "multi_az" { default = true }
variable "subnet_ids" { type = list(string) }
variable "owner" { default = "nobody" }
variable "account" { default = "none" }

resource "aws_db_instance" "this" {
  identifier              = var.identifier
  engine                  = "postgres"
  instance_class          = "db.t4g.medium"
  multi_az                = var.multi_az
  backup_retention_period = 7
  deletion_protection     = true
  tags = { owner = var.owner, subnets = join(",", var.subnet_ids), account = var.account }
}
"""
UNIT = """
include "root" {
  path = find_in_parent_folders("root.hcl")
}

include "envcommon" {
  path   = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/db.hcl"
  expose = true
}

locals {
  env_vars = read_terragrunt_config(find_in_parent_folders("env.hcl"))
  env      = local.env_vars.locals.environment
}

terraform {
  source = include.envcommon.locals.base_source
}

dependency "vpc" {
  config_path  = "../vpc"
  mock_outputs = { private_subnets = ["subnet-a", "subnet-b"] }
}

inputs = {
  identifier = "db-${local.env}"
  subnet_ids = dependency.vpc.outputs.private_subnets
  account    = run_cmd("touch", "MARKER")
}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {
        "root.hcl": 'inputs = { owner = "platform", multi_az = true }\n',
        "terragrunt.hcl": 'remote_state { backend = "s3" }\n',
        "_envcommon/db.hcl": (
            'locals { base_source = "${get_parent_terragrunt_dir()}/../modules//db" }\n'
            "inputs = { multi_az = false }\n"
        ),
        "modules/db/main.tf": DB_MODULE,
        "live/prod/env.hcl": 'locals { environment = "prod" }\n',
        "live/prod/db/terragrunt.hcl": UNIT.replace("MARKER", str(tmp_path / "ran")),
        "live/prod/vpc/terragrunt.hcl": (
            'terraform { source = "git::https://example.invalid/vpc.git?ref=v1" }\n'
        ),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".git").mkdir()  # a checkout: parent includes are inside the repository
    return tmp_path


def _scan(*paths: Path) -> Report:
    request = ScanRequest(paths=list(paths), use_cache=False)
    return run_scan(request, load_catalogue()).report


def test_units_are_stacks_and_a_shared_root_is_not(tree: Path) -> None:
    """modules/db is the db unit's module, not a stack; the root terragrunt.hcl holds only
    remote_state, so it is shared configuration."""
    report = _scan(tree)
    assert [(s.path, s.kind) for s in report.stacks] == [
        ("live/prod/db", "terragrunt"),
        ("live/prod/vpc", "terragrunt"),
    ]


def test_includes_outside_the_repository_are_refused(tree: Path) -> None:
    """Without a checkout around it, the scan boundary is the scanned folder: the
    parent folders' includes are not read, and each refusal is a located error."""
    (tree / ".git").rmdir()
    report = _scan(tree / "live/prod/db")
    refused = [e for e in report.errors if "resolves outside the repository" in e.message]
    assert refused
    assert all(e.file.endswith(".hcl") for e in refused)


def test_inputs_reach_the_module_through_includes_and_mocks(tree: Path) -> None:
    """multi_az: root.hcl says true, _envcommon/db.hcl false; both are included and the
    later include wins key by key, so false: HA002. identifier = "db-" + env.hcl's
    environment; subnet_ids from the dependency's mock_outputs; owner from root.hcl."""
    report = _scan(tree / "live/prod/db")
    assert [f.rule_id for f in report.findings if f.rule_id == "HA002"] == ["HA002"]
    (stack,) = report.stacks
    assert stack.kind == "terragrunt"
    assert report.errors == []


def test_values_are_evaluated_like_terragrunt(tree: Path) -> None:
    from spofcheck.parse.terragrunt.unit import load_unit

    arch = load_unit(tree / "live/prod/db", display_root=tree)
    db = arch.components["aws_db_instance.this"]
    assert db.attributes["identifier"] == "db-prod"
    assert db.attributes["tags"]["owner"] == "platform"
    assert db.attributes["tags"]["subnets"] == "subnet-a,subnet-b"
    assert db.attributes["tags"]["account"] != "none"  # run_cmd: unknown, not the default
    assert not (tree / "ran").exists()  # and never executed


def test_remote_source_without_download_is_opaque(tree: Path) -> None:
    report = _scan(tree / "live/prod/vpc")
    (module,) = report.coverage.opaque_modules
    assert module.source == "git::https://example.invalid/vpc.git?ref=v1"
    assert "--download-modules" in module.reason
    assert not report.coverage.complete


def test_changed_hcl_maps_to_the_units_it_affects(tree: Path) -> None:
    """env.hcl sits above both units (find_in_parent_folders); _envcommon/db.hcl is named
    by the db unit only; the shared root terragrunt.hcl affects every unit below it."""

    def units(changed: Path) -> list[str]:
        return sorted(u.relative_to(tree).as_posix() for u in affected_units(changed, tree))

    assert units(tree / "live/prod/env.hcl") == ["live/prod/db", "live/prod/vpc"]
    assert units(tree / "_envcommon/db.hcl") == ["live/prod/db"]
    assert units(tree / "terragrunt.hcl") == ["live/prod/db", "live/prod/vpc"]
    assert units(tree / "live/prod/db/terragrunt.hcl") == ["live/prod/db"]


def test_hook_passes_unit_files(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    paths = hook_paths([Path("_envcommon/db.hcl")], tree)
    assert paths == [Path("live/prod/db/terragrunt.hcl")]


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [("shallow", {"b": 2}), ("deep", {"a": 1, "b": 2})],
)
def test_merge_strategy(tmp_path: Path, strategy: str, expected: dict[str, int]) -> None:
    """root.hcl sets tags {a = 1}; the unit sets tags {b = 2}. A shallow merge replaces the
    key, a deep merge merges the maps."""
    from spofcheck.parse.terragrunt import functions
    from spofcheck.parse.terragrunt.config import Reader

    (tmp_path / "root.hcl").write_text('inputs = { tags = { a = 1 }, region = "x" }\n')
    unit = tmp_path / "unit"
    unit.mkdir()
    (unit / "terragrunt.hcl").write_text(
        'include "root" {\n  path = find_in_parent_folders("root.hcl")\n'
        f'  merge_strategy = "{strategy}"\n}}\ninputs = {{ tags = {{ b = 2 }} }}\n'
    )
    functions.install()
    config = Reader(unit, tmp_path).read(unit / "terragrunt.hcl")
    assert config["inputs"] == {"tags": expected, "region": "x"}


def test_tfr_source_is_a_registry_address() -> None:
    from spofcheck.parse.terragrunt.unit import _registry

    assert _registry("tfr:///terraform-aws-modules/vpc/aws?version=5.1.0") == (
        "registry.terraform.io/terraform-aws-modules/vpc/aws",
        "5.1.0",
    )
    assert _registry("git::https://h/r.git") == ("git::https://h/r.git", None)


def test_terragrunt_functions_in_terraform_files_stay_unknown(tmp_path: Path) -> None:
    """Outside terragrunt.hcl the functions are not Terraform's: the value is unknown."""
    from spofcheck.parse.terraform.module import load_module
    from spofcheck.parse.terraform.resources import is_known
    from spofcheck.parse.terragrunt import functions

    functions.install()
    (tmp_path / "main.tf").write_text(
        'resource "aws_sqs_queue" "q" { name = find_in_parent_folders("x.hcl") }\n'
    )
    (queue,) = load_module(tmp_path, display_root=tmp_path).resources
    assert not is_known(queue.attributes["name"])


def test_inputs_known_only_at_apply_time_leave_every_variable_unknown(tree: Path) -> None:
    """`inputs` read from a file named by an environment variable (a public pattern) are
    unknown: no traceback, and no module default stands in for them. The module's
    `multi_az` default is true, but unknown inputs may set it false: HA002 stays silent
    and coverage lists the value, rather than trusting the default."""
    unit = tree / "live/prod/db/terragrunt.hcl"
    unit.write_text(
        UNIT.replace(
            "inputs = {",
            'inputs = merge(jsondecode(file("${get_env("ENV")}.json")), {',
        ).replace('  account    = run_cmd("touch", "MARKER")\n}', '  account = "x"\n})')
    )
    (tree / "_envcommon/db.hcl").write_text(
        'locals { base_source = "${get_parent_terragrunt_dir()}/../modules//db" }\n'
    )
    (tree / "root.hcl").write_text("")
    report = _scan(tree / "live/prod/db")
    assert [e.message for e in report.errors] == []
    assert [f.rule_id for f in report.findings if f.rule_id == "HA002"] == []
    unknown = {f"{u.component}.{u.attribute}" for u in report.coverage.unknown_values}
    assert "aws_db_instance.this.standby" in unknown  # multi_az: set by unknown inputs
