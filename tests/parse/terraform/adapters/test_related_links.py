"""Related resources that change a component's redundancy are linked to it."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Architecture, Failover
from tests.helpers.rule_cases import scan_folder

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'


def _model(tmp_path: Path, code: str) -> Architecture:
    (tmp_path / "main.tf").write_text(PROVIDER + code, encoding="utf-8")
    result = scan_folder(tmp_path)
    assert not result.errors, [e.one_line() for e in result.errors]
    return result.stacks[0].arch


def test_cache_clusters_joined_to_a_group_are_its_replicas(tmp_path: Path) -> None:
    """A group of one node plus two `aws_elasticache_cluster` replicas in b and c: one
    primary and two hot standbys, promoted automatically (failover is on)."""
    code = """
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "sessions"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 1
  automatic_failover_enabled = true
  preferred_cache_cluster_azs = ["us-east-1a"]
}

resource "aws_elasticache_cluster" "replica" {
  count                = 2
  cluster_id           = "cache-replica-${count.index}"
  replication_group_id = aws_elasticache_replication_group.cache.id
  availability_zone    = ["us-east-1b", "us-east-1c"][count.index]
}
"""
    group = _model(tmp_path, code).components["aws_elasticache_replication_group.cache"]
    assert group.replicas == 1
    assert group.standby is not None
    assert (group.standby.replicas, group.standby.failover) == (2, Failover.AUTOMATIC)
    assert group.standby.zones == ["us-east-1b", "us-east-1c"]


def test_aurora_reader_autoscaling_floor_counts_as_standbys(tmp_path: Path) -> None:
    """One writer instance and a reader scaler with min_capacity 2: 1 + 2 members, so
    two hot standbys (zones unknown: AWS places autoscaled readers)."""
    code = """
resource "aws_rds_cluster" "db" {
  cluster_identifier = "orders"
  engine             = "aurora-postgresql"
  master_username    = "app"
  master_password    = "not-a-real-password"
}

resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.db.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
  availability_zone  = "us-east-1a"
}

resource "aws_appautoscaling_target" "readers" {
  service_namespace  = "rds"
  scalable_dimension = "rds:cluster:ReadReplicaCount"
  resource_id        = "cluster:${aws_rds_cluster.db.id}"
  min_capacity       = 2
  max_capacity       = 5
}
"""
    arch = _model(tmp_path, code)
    cluster = arch.components["aws_rds_cluster.db"]
    assert cluster.standby is not None
    assert cluster.standby.replicas == 2
    assert "part-of:aws_rds_cluster.db" in arch.components["aws_appautoscaling_target.readers"].tags


def test_a_traffic_source_attachment_puts_the_group_behind_its_target_group(
    tmp_path: Path,
) -> None:
    code = """
resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-1"
}

resource "aws_autoscaling_group" "web" {
  min_size           = 2
  max_size           = 4
  availability_zones = ["us-east-1a", "us-east-1b"]
}

resource "aws_autoscaling_traffic_source_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  traffic_source {
    identifier = aws_lb_target_group.web.arn
    type       = "elbv2"
  }
}
"""
    arch = _model(tmp_path, code)
    edges = {(d.source, t) for d in arch.request_dependencies() for t in d.targets}
    assert ("aws_lb_target_group.web", "aws_autoscaling_group.web") in edges


_BROKER_BEHIND_LOOKUPS = """
resource "aws_mq_broker" "queue" {
  broker_name        = "queue"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
  deployment_mode    = "%s"
  subnet_ids         = ["subnet-1", "subnet-2", "subnet-3"]
  user {
    username = "app"
    password = "not-a-real-password"
  }
}

data "aws_vpc_endpoint" "queue" {
  vpc_id = "vpc-1"
  tags   = { Broker = aws_mq_broker.queue.id }
}

data "aws_network_interface" "queue" {
  count = 3
  id    = sort(tolist(data.aws_vpc_endpoint.queue.network_interface_ids))[count.index]
}

resource "aws_lb" "queue" {
  name               = "queue"
  load_balancer_type = "network"
  internal           = false
  subnets            = ["subnet-1", "subnet-2", "subnet-3"]
}

resource "aws_lb_target_group" "queue" {
  name        = "queue"
  target_type = "ip"
  port        = 5671
  protocol    = "TLS"
  vpc_id      = "vpc-1"
}

resource "aws_lb_listener" "queue" {
  load_balancer_arn = aws_lb.queue.arn
  port              = 5671
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.queue.arn
  }
}

resource "aws_lb_target_group_attachment" "queue" {
  count            = 3
  target_group_arn = aws_lb_target_group.queue.arn
  target_id        = data.aws_network_interface.queue[count.index].private_ip
}
"""


def test_a_target_found_through_lookups_is_the_resource_they_look_up(tmp_path: Path) -> None:
    """The attachment registers IPs read from a network-interface lookup, itself found
    from an endpoint lookup tagged with the broker's id: the only managed resource the
    chain of lookups names is the broker, so the NLB's targets are the broker."""
    arch = _model(tmp_path, _BROKER_BEHIND_LOOKUPS % "SINGLE_INSTANCE")
    needed = {
        d.target for d in arch.request_dependencies() if d.source == "aws_lb_target_group.queue"
    }
    assert needed == {"aws_mq_broker.queue"}


def test_a_single_instance_broker_behind_lookups_is_a_spof(tmp_path: Path) -> None:
    """Fail/pass twins: reached through the lookups, a SINGLE_INSTANCE broker is on the
    NLB's request path (high HA001); an ACTIVE_STANDBY_MULTI_AZ one is not a SPOF."""
    (tmp_path / "single").mkdir()
    (tmp_path / "pair").mkdir()
    code = _BROKER_BEHIND_LOOKUPS
    single = scan_folder_findings(tmp_path / "single", code % "SINGLE_INSTANCE")
    pair = scan_folder_findings(tmp_path / "pair", code % "ACTIVE_STANDBY_MULTI_AZ")
    assert ("HA001", "aws_mq_broker.queue", "high") in single
    assert not [f for f in pair if f[:2] == ("HA001", "aws_mq_broker.queue")]


def scan_folder_findings(folder: Path, code: str) -> set[tuple[str, str, str]]:
    (folder / "main.tf").write_text(PROVIDER + code, encoding="utf-8")
    result = scan_folder(folder)
    return {(f.rule_id, f.component, str(f.severity)) for f in result.findings}
