# ruff: noqa: E501  (Terraform text keeps its own line lengths, as `terraform fmt` does)
"""Terraform text for the benchmark monorepo: shared modules, root stack files, and counts.

Each `*_resources` function returns how many resource instances the matching text plans,
so `benchmarks/generate.py` knows the exact size of what it wrote. Templates use `@name@`
placeholders because HCL's own `${...}` and braces clash with Python formatting.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tf_modules import DATABASE, NETWORK, SERVICE

if TYPE_CHECKING:
    from generate import StackPlan

# aws_security_group, aws_launch_template, aws_autoscaling_group, aws_lb_target_group,
# aws_autoscaling_policy, aws_iam_role, aws_iam_instance_profile (7) + 2 alarms
# (for_each over two keys) + 2 policy attachments (for_each over two ARNs).
SERVICE_RESOURCES = 11
POLICIES = (
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
)


def fill(template: str, **values: object) -> str:
    for key, value in values.items():
        template = template.replace(f"@{key}@", str(value))
    return template


def network_resources(zones: int, environment: str) -> int:
    """vpc, igw, public route table, s3 endpoint (4); 3 subnet tiers, 2 route-table
    associations and private route tables per zone (6 per zone); an EIP and a NAT gateway
    per zone in prod, one of each elsewhere."""
    nat = zones if environment == "prod" else 1
    return 4 + 6 * zones + 2 * nat


def database_resources(engine: str, readers: int) -> int:
    """Subnet group, security group, parameter group; then one instance, or an Aurora
    cluster with a writer and `readers` reader instances."""
    return 3 + (1 + 1 + readers if engine.startswith("aurora") else 1)


def edge_resources(services: int) -> int:
    """Load balancer, two listeners, certificate, security group; a listener rule and a
    DNS record per service."""
    return 5 + 2 * services


def stack_extra_resources(services: int, environment: str) -> int:
    """SNS topic, log bucket and its versioning; a dashboard in prod; a log group per service."""
    return 3 + (1 if environment == "prod" else 0) + services


def module_files() -> dict[str, str]:
    """Path under `modules/` -> text, for the three shared local modules."""
    files = {}
    for module, parts in (("network", NETWORK), ("service", SERVICE), ("database", DATABASE)):
        for name, text in parts.items():
            files[f"{module}/{name}"] = text
    return files


def versions(name: str, environment: str) -> str:
    return fill(
        """# Stack @name@ (@environment@): provider pins and default tags.
terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "stacks/@name@/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
""",
        name=name,
        environment=environment,
    )


def stack_variables() -> str:
    return """variable "name" {
  description = "Short name of the stack, used as a prefix for every resource name."
  type        = string

  validation {
    condition     = length(var.name) <= 32
    error_message = "The name must be at most 32 characters."
  }
}

variable "region" {
  description = "AWS region the stack is deployed to."
  type        = string
}

variable "environment" {
  description = "Deployment environment; prod gets one NAT gateway per zone and Multi-AZ data."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be dev, staging or prod."
  }
}

variable "azs" {
  description = "Availability zones to spread subnets and instances over."
  type        = list(string)
}

variable "vpc_cidr" {
  description = "CIDR block of the stack's VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "services" {
  description = "Services behind the load balancer, keyed by name."
  type = map(object({
    instance_type = string
    min           = number
    max           = number
    desired       = number
    port          = number
    path          = string
    policies      = list(string)
  }))
}

variable "database" {
  description = "The stack's relational database."
  type = object({
    engine         = string
    instance_class = string
    readers        = number
    storage        = number
  })
}

variable "domain" {
  description = "Public DNS zone the services are published under."
  type        = string
  default     = "example.com"
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}
"""


def stack_locals() -> str:
    return """locals {
  name_prefix = "${var.name}-${var.environment}"
  is_prod     = var.environment == "prod"

  tags = merge(var.tags, {
    Stack       = var.name
    Environment = var.environment
    ManagedBy   = "terraform"
  })

  service_ports = { for name, svc in var.services : name => svc.port }
  alb_ports     = [80, 443]
  azs           = slice(var.azs, 0, length(var.azs))
  log_retention = local.is_prod ? 90 : 14
}
"""


def tfvars(plan: StackPlan) -> str:
    """The stack's `terraform.tfvars`: every choice of the plan is a variable value."""
    name, region, zones, environment = plan.name, plan.region, plan.zones, plan.environment
    services = plan.services
    azs = [f"{region}{letter}" for letter in "abc"[:zones]]
    lines = [
        f'name        = "{name[:32]}"',
        f'region      = "{region}"',
        f'environment = "{environment}"',
        f"azs         = {json.dumps(azs)}",
        'vpc_cidr    = "10.20.0.0/16"',
        "",
        "services = {",
    ]
    for i, svc in enumerate(services):
        small = environment != "prod"
        lines += [
            f"  {svc} = {{",
            f'    instance_type = "{"t3.small" if small else "m6i.large"}"',
            f"    min           = {1 if small else 2}",
            f"    max           = {2 if small else 6}",
            f"    desired       = {1 if small else 3}",
            f"    port          = {8080 + i}",
            f'    path          = "/{svc}/health"',
            f"    policies      = {json.dumps(list(POLICIES))}",
            "  }",
        ]
    lines += ["}", "", "database = {"]
    lines += [
        f'  engine         = "{plan.engine}"',
        f'  instance_class = "{"db.t4g.medium" if environment != "prod" else "db.r6g.large"}"',
        f"  readers        = {plan.readers}",
        "  storage        = 100",
        "}",
        "",
        'tags = { CostCenter = "platform", Owner = "team-' + name.split("-")[0] + '" }',
    ]
    return "\n".join(lines) + "\n"


def network_call() -> str:
    return """module "network" {
  source = "../../modules/network"

  name               = local.name_prefix
  cidr               = var.vpc_cidr
  azs                = local.azs
  single_nat_gateway = !local.is_prod
  tags               = local.tags
}
"""


def services_call() -> str:
    return """module "service" {
  source   = "../../modules/service"
  for_each = var.services

  name              = "${local.name_prefix}-${each.key}"
  vpc_id            = module.network.vpc_id
  subnet_ids        = module.network.private_subnet_ids
  instance_type     = each.value.instance_type
  capacity          = { min = each.value.min, max = each.value.max, desired = each.value.desired }
  port              = each.value.port
  health_check_path = each.value.path
  policy_arns       = each.value.policies
  alarm_topic_arn   = aws_sns_topic.alerts.arn

  ingress_rules = [
    {
      from        = each.value.port
      to          = each.value.port
      cidrs       = [var.vpc_cidr]
      description = "traffic from the load balancer"
    },
    {
      from        = 22
      to          = 22
      cidrs       = ["10.255.0.0/16"]
      description = "bastion"
    },
  ]

  tags = merge(local.tags, { Service = each.key })
}
"""


def database_call() -> str:
    return """module "database" {
  source = "../../modules/database"

  name                       = local.name_prefix
  engine                     = var.database.engine
  instance_class             = var.database.instance_class
  readers                    = var.database.readers
  storage                    = var.database.storage
  multi_az                   = local.is_prod
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.data_subnet_ids
  allowed_security_group_ids = [for name, svc in module.service : svc.security_group_id]
  backup_retention_days      = local.is_prod ? 14 : 1
  deletion_protection        = local.is_prod
  tags                       = local.tags
}
"""


def edge() -> str:
    return """resource "aws_security_group" "alb" {
  name_prefix = "${local.name_prefix}-alb-"
  description = "Public load balancer"
  vpc_id      = module.network.vpc_id

  dynamic "ingress" {
    for_each = local.alb_ports
    content {
      description = "public ${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb" "public" {
  name               = substr("${local.name_prefix}-alb", 0, 32)
  load_balancer_type = "application"
  internal           = false
  security_groups    = [aws_security_group.alb.id]
  subnets            = module.network.public_subnet_ids

  enable_deletion_protection = local.is_prod
  drop_invalid_header_fields = true

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = "alb"
    enabled = true
  }
}

resource "aws_acm_certificate" "this" {
  domain_name               = "${var.name}.${var.domain}"
  subject_alternative_names = [for name in keys(var.services) : "${name}.${var.name}.${var.domain}"]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.public.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.this.arn

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "not found"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.public.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener_rule" "service" {
  for_each = var.services

  listener_arn = aws_lb_listener.https.arn
  priority     = 100 + index(keys(var.services), each.key)

  action {
    type             = "forward"
    target_group_arn = module.service[each.key].target_group_arn
  }

  condition {
    host_header {
      values = ["${each.key}.${var.name}.${var.domain}"]
    }
  }
}

resource "aws_route53_record" "service" {
  for_each = var.services

  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "${each.key}.${var.name}.${var.domain}"
  type    = "A"

  alias {
    name                   = aws_lb.public.dns_name
    zone_id                = aws_lb.public.zone_id
    evaluate_target_health = true
  }
}
"""


def monitoring() -> str:
    return """resource "aws_sns_topic" "alerts" {
  name = "${local.name_prefix}-alerts"
}

resource "aws_s3_bucket" "logs" {
  bucket_prefix = "${local.name_prefix}-logs-"
  force_destroy = !local.is_prod
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.services

  name              = "/${var.name}/${var.environment}/${each.key}"
  retention_in_days = local.log_retention
}

resource "aws_cloudwatch_dashboard" "main" {
  count = local.is_prod ? 1 : 0

  dashboard_name = "${local.name_prefix}-overview"
  dashboard_body = jsonencode({
    widgets = [
      for name, port in local.service_ports : {
        type       = "metric"
        width      = 12
        height     = 6
        properties = { title = name, metrics = [["AWS/ApplicationELB", "RequestCount"]] }
      }
    ]
  })
}
"""


def stack_outputs() -> str:
    return """output "vpc_id" {
  description = "The stack's VPC."
  value       = module.network.vpc_id
}

output "load_balancer_dns" {
  description = "Public DNS name of the load balancer."
  value       = aws_lb.public.dns_name
}

output "service_urls" {
  description = "URL of each service."
  value       = { for name, record in aws_route53_record.service : name => "https://${record.name}" }
}

output "database_endpoint" {
  description = "Writer endpoint of the database."
  value       = module.database.endpoint
  sensitive   = true
}
"""
