"""Egress: one NAT gateway per zone is one `any_of` group; a shared gateway is a hard edge."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Architecture, Relation
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.module import load_module

NETWORK = """
provider "aws" { region = "us-east-1" }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main.id
  availability_zone = "us-east-1a"
}
resource "aws_subnet" "b" {
  vpc_id = aws_vpc.main.id
  availability_zone = "us-east-1b"
}
resource "aws_nat_gateway" "a" { subnet_id = aws_subnet.a.id }
resource "aws_nat_gateway" "b" { subnet_id = aws_subnet.b.id }
resource "aws_route_table" "a" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.a.id
  }
}
resource "aws_route_table" "b" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.%s.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.a.id
}
resource "aws_route_table_association" "b" {
  subnet_id      = aws_subnet.b.id
  route_table_id = aws_route_table.b.id
}
resource "aws_autoscaling_group" "app" {
  min_size            = 2
  max_size            = 4
  desired_capacity    = 2
  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]
}
"""


def _model(tmp_path: Path, second_table_nat: str) -> Architecture:
    (tmp_path / "main.tf").write_text(NETWORK % second_table_nat)
    return assemble(load_module(tmp_path, display_root=tmp_path))


def _egress(arch: Architecture) -> list[tuple[str | None, list[str]]]:
    return [
        (d.target, list(d.any_of))
        for d in arch.dependencies
        if d.source == "aws_autoscaling_group.app"
        and d.relation is Relation.REQUEST
        and "nat" in str(d.targets)
    ]


def test_a_gateway_per_zone_is_one_of_them(tmp_path: Path) -> None:
    arch = _model(tmp_path, "b")
    assert _egress(arch) == [(None, ["aws_nat_gateway.a", "aws_nat_gateway.b"])]


def test_one_gateway_for_every_subnet_is_a_hard_edge(tmp_path: Path) -> None:
    arch = _model(tmp_path, "a")
    assert _egress(arch) == [("aws_nat_gateway.a", [])]
