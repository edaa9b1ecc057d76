"""Coverage: a scan never gives a clean bill for what it did not read (issue 11).

The stack is the one from the issue: a VPC module with one NAT gateway, a database
module with `multi_az = false`, a load balancer in the VPC's subnets. Its modules are
registry sources; unread they must be named, and the availability flagged as an upper
bound. Once `.terraform/modules` holds them (here: small modules written for this test,
standing in for the registry's), the database and the NAT gateway are found.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.graph.coverage import coverage_of, merge
from spofcheck.model import (
    Architecture,
    Component,
    Coverage,
    Kind,
    OpaqueModule,
    Report,
    UnsupportedResource,
)
from spofcheck.report import github, json_format, markdown, sarif, text

STACK = """
module "vpc" {
  source             = "terraform-aws-modules/vpc/aws"
  version            = "~> 5.0"
  azs                = ["eu-west-1a", "eu-west-1b"]
  public_subnets     = ["10.0.1.0/24", "10.0.2.0/24"]
  single_nat_gateway = true
}

module "db" {
  source     = "terraform-aws-modules/rds/aws"
  multi_az   = false
  subnet_ids = module.vpc.public_subnets
}

resource "aws_lb" "web" {
  name    = "web"
  subnets = module.vpc.public_subnets
}
"""
VPC = """
variable "azs" { type = list(string) }
variable "public_subnets" { type = list(string) }
variable "single_nat_gateway" { default = false }

resource "aws_vpc" "this" { cidr_block = "10.0.0.0/16" }

resource "aws_subnet" "public" {
  count             = length(var.public_subnets)
  vpc_id            = aws_vpc.this.id
  cidr_block        = var.public_subnets[count.index]
  availability_zone = var.azs[count.index]
}

resource "aws_eip" "nat" {
  count = var.single_nat_gateway ? 1 : length(var.azs)
}

resource "aws_nat_gateway" "this" {
  count         = var.single_nat_gateway ? 1 : length(var.azs)
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
}

output "public_subnets" { value = aws_subnet.public[*].id }
"""
DB = """
variable "multi_az" { default = true }
variable "subnet_ids" { type = list(string) }

resource "aws_db_instance" "this" {
  identifier              = "app"
  engine                  = "postgres"
  instance_class          = "db.t4g.medium"
  multi_az                = var.multi_az
  backup_retention_period = 7
  deletion_protection     = true
}
"""


def _scan(folder: Path) -> Report:
    return run_scan(ScanRequest(paths=[folder], use_cache=False), load_catalogue()).report


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(STACK)
    return tmp_path


def _install(stack: Path) -> None:
    """What `terraform init` leaves behind: module folders and modules.json."""
    modules = stack / ".terraform" / "modules"
    for key, source in (("vpc", VPC), ("db", DB)):
        (modules / key).mkdir(parents=True)
        (modules / key / "main.tf").write_text(source)
    entries = [{"Key": "", "Source": "", "Dir": "."}] + [
        {"Key": k, "Source": f"registry.terraform.io/x/{k}/aws", "Dir": f".terraform/modules/{k}"}
        for k in ("vpc", "db")
    ]
    (modules / "modules.json").write_text(json.dumps({"Modules": entries}))


def test_unread_modules_are_named_and_the_figure_is_an_upper_bound(stack: Path) -> None:
    report = _scan(stack)
    cov = report.coverage
    assert not cov.complete
    assert [(m.address, m.source, m.version) for m in cov.opaque_modules] == [
        ("module.db", "terraform-aws-modules/rds/aws", None),
        ("module.vpc", "terraform-aws-modules/vpc/aws", "~> 5.0"),
    ]
    assert "terraform init" in cov.opaque_modules[0].reason
    assert report.availability is not None
    assert report.availability.complete is False
    lines = text.render(report, colour=False).splitlines()
    assert (
        "coverage: 2 modules not read: module.db, module.vpc — run `terraform init`, "
        "or `--download-modules`"
    ) in lines
    assert any(line.startswith("availability ≤ ") for line in lines)


def test_readable_modules_show_the_database_and_the_nat_gateway(stack: Path) -> None:
    """multi_az = false reaches the database through the module variable: HA002. One NAT
    gateway (single_nat_gateway = true: count 1) is a single point of failure: HA001."""
    _install(stack)
    report = _scan(stack)
    found = {(f.rule_id, f.component) for f in report.findings}
    assert ("HA002", "module.db.aws_db_instance.this") in found
    assert ("HA001", "module.vpc.aws_nat_gateway.this") in found
    assert report.coverage.opaque_modules == []
    assert report.availability is not None
    assert report.availability.complete


def test_json_carries_the_coverage_block(stack: Path) -> None:
    document = json.loads(json_format.render(_scan(stack)))
    block = document["coverage"]
    assert list(block) == [
        "complete", "opaque_modules", "unsupported_resources", "unknown_values",
        "uncalled_modules",
    ]  # fmt: skip
    assert block["complete"] is False
    assert [m["address"] for m in block["opaque_modules"]] == ["module.db", "module.vpc"]
    assert document["availability"]["complete"] is False


def test_coverage_block_matches_its_published_schema(stack: Path) -> None:
    import jsonschema

    schema_path = Path(__file__).resolve().parents[2] / "docs/schema/coverage-v1.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    block = json.loads(json_format.render(_scan(stack)))["coverage"]
    jsonschema.validate(block, schema)
    block["opaque_modules"][0]["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(block, schema)


def test_markdown_and_sarif_say_the_same(stack: Path) -> None:
    report = _scan(stack)
    assert "> ⚠️ coverage incomplete: 2 modules not read: module.db, module.vpc" in (
        markdown.render(report)
    )
    run = json.loads(sarif.render(report))["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    coverage = [n for n in notes if n["descriptor"]["id"] == "coverage-incomplete"]
    assert [n["level"] for n in coverage] == ["warning"]
    assert "module.db, module.vpc" in coverage[0]["message"]["text"]
    assert run["properties"]["coverage"]["complete"] is False
    annotations = github.render(report).splitlines()
    assert annotations[0].startswith("::warning title=spofcheck coverage incomplete::2 modules")
    assert "availability ≤ 99.99%25 (upper bound" in annotations[1]


def test_a_complete_scan_prints_no_coverage_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_lb" "web" { name = "web" }\n')
    report = _scan(tmp_path)
    assert report.coverage.complete
    assert "coverage" not in text.render(report, colour=False)


def test_unknown_types_and_values_are_listed() -> None:
    """A resource no adapter models (`modelled=False`, set by the generic handler);
    a database with unknown replicas hides HA001/HA002/…; plumbing never counts."""
    arch = Architecture(
        components={
            "x_widget.a": Component(id="x_widget.a", resource_type="x_widget", modelled=False),
            "x_widget.b": Component(id="x_widget.b", resource_type="x_widget", modelled=False),
            "aws_lb.web": Component(id="aws_lb.web", resource_type="aws_lb"),
            "db": Component(id="db", kind=Kind.DATABASE, unresolved=["replicas", "zones"]),
            "sg": Component(id="sg", kind=Kind.CONFIG, unresolved=["replicas"]),
            "yaml": Component(id="yaml"),  # declared in YAML: no resource type
        }
    )
    cov = coverage_of(arch, enabled={"HA001", "HA002"})
    assert cov.unsupported_resources == [UnsupportedResource(type="x_widget", count=2)]
    assert [(u.component, u.attribute, u.rule_ids) for u in cov.unknown_values] == [
        ("db", "replicas", ["HA001", "HA002"]),
        ("db", "zones", ["HA002"]),
    ]


def test_merge_counts_types_over_stacks() -> None:
    module = OpaqueModule(address="module.a", source="s", reason="r")
    one = Coverage(
        opaque_modules=[module], unsupported_resources=[UnsupportedResource(type="t", count=1)]
    )
    two = Coverage(unsupported_resources=[UnsupportedResource(type="t", count=2)])
    merged = merge([one, two])
    assert merged.unsupported_resources == [UnsupportedResource(type="t", count=3)]
    assert merged.opaque_modules == [module]


def test_a_failed_download_is_shown_with_its_reason_not_the_install_hint() -> None:
    from spofcheck.report.coverage import coverage_lines

    cov = Coverage(
        opaque_modules=[
            OpaqueModule(address="module.a", source="s", reason="not installed: run init"),
            OpaqueModule(address="module.b", source="s", reason="download failed: HTTP 404"),
        ]
    )
    assert coverage_lines(cov) == [
        "1 module not read: module.a — run `terraform init`, or `--download-modules`",
        "1 module not read: module.b (HTTP 404)",
    ]


def test_a_resource_type_without_an_adapter_is_listed(tmp_path: Path) -> None:
    """aws_appmesh_virtual_node has no adapter and its name says nothing about plumbing:
    its redundancy is unknown, so the scan lists it; the IAM role is plumbing."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_appmesh_virtual_node" "events" { name = "events" }\n'
        'resource "aws_appmesh_virtual_node" "audit" { name = "audit" }\n'
        'resource "aws_iam_role" "r" { name = "r" }\n'
    )
    cov = _scan(tmp_path).coverage
    assert cov.unsupported_resources == [
        UnsupportedResource(type="aws_appmesh_virtual_node", count=2)
    ]
