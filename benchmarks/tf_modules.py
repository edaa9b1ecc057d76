# ruff: noqa: E501  (Terraform text keeps its own line lengths, as `terraform fmt` does)
"""The three shared local modules of the benchmark monorepo, file name -> Terraform text.

Resource counts per instance are in `tf_templates` (network_resources, SERVICE_RESOURCES,
database_resources); keep them in step with the `count`/`for_each` here.
"""

from __future__ import annotations

_TAGS_VARIABLE = """
variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
"""

NETWORK = {
    "variables.tf": """variable "name" {
  description = "Name prefix of the network's resources."
  type        = string
}

variable "cidr" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "azs" {
  description = "Availability zones: one public, one private and one data subnet each."
  type        = list(string)
}

variable "single_nat_gateway" {
  description = "Share one NAT gateway between all zones (cheaper, a single point of failure)."
  type        = bool
  default     = false
}
"""
    + _TAGS_VARIABLE,
    "main.tf": """locals {
  nat_count = var.single_nat_gateway ? 1 : length(var.azs)
  tiers = {
    public  = 0
    private = 10
    data    = 20
  }
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(var.tags, { Name = "${var.name}-igw" })
}

resource "aws_subnet" "public" {
  count = length(var.azs)

  vpc_id                  = aws_vpc.this.id
  availability_zone       = var.azs[count.index]
  cidr_block              = cidrsubnet(var.cidr, 8, local.tiers.public + count.index)
  map_public_ip_on_launch = true
  tags                    = merge(var.tags, { Name = "${var.name}-public-${var.azs[count.index]}", Tier = "public" })
}

resource "aws_subnet" "private" {
  count = length(var.azs)

  vpc_id            = aws_vpc.this.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet(var.cidr, 8, local.tiers.private + count.index)
  tags              = merge(var.tags, { Name = "${var.name}-private-${var.azs[count.index]}", Tier = "private" })
}

resource "aws_subnet" "data" {
  count = length(var.azs)

  vpc_id            = aws_vpc.this.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet(var.cidr, 8, local.tiers.data + count.index)
  tags              = merge(var.tags, { Name = "${var.name}-data-${var.azs[count.index]}", Tier = "data" })
}

resource "aws_eip" "nat" {
  count  = local.nat_count
  domain = "vpc"
  tags   = merge(var.tags, { Name = "${var.name}-nat-${count.index}" })
}

resource "aws_nat_gateway" "this" {
  count = local.nat_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags          = merge(var.tags, { Name = "${var.name}-nat-${count.index}" })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }

  tags = merge(var.tags, { Name = "${var.name}-public" })
}

resource "aws_route_table_association" "public" {
  count = length(var.azs)

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  count  = length(var.azs)
  vpc_id = aws_vpc.this.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id
  }

  tags = merge(var.tags, { Name = "${var.name}-private-${var.azs[count.index]}" })
}

resource "aws_route_table_association" "private" {
  count = length(var.azs)

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${data.aws_region.current.name}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id
}

data "aws_region" "current" {}
""",
    "outputs.tf": """output "vpc_id" {
  value = aws_vpc.this.id
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "data_subnet_ids" {
  value = aws_subnet.data[*].id
}
""",
}

SERVICE = {
    "variables.tf": """variable "name" {
  description = "Service name, unique in the stack."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets the instances are spread over."
  type        = list(string)
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "capacity" {
  description = "Auto Scaling group sizes."
  type = object({
    min     = number
    max     = number
    desired = number
  })

  validation {
    condition     = var.capacity.min <= var.capacity.desired && var.capacity.desired <= var.capacity.max
    error_message = "Capacity must satisfy min <= desired <= max."
  }
}

variable "port" {
  type = number
}

variable "health_check_path" {
  type    = string
  default = "/health"
}

variable "policy_arns" {
  description = "Managed policies attached to the instance role."
  type        = list(string)
  default     = []
}

variable "ingress_rules" {
  description = "Ingress rules of the instances' security group."
  type = list(object({
    from        = number
    to          = number
    cidrs       = list(string)
    description = string
  }))
  default = []
}

variable "alarm_topic_arn" {
  type = string
}
"""
    + _TAGS_VARIABLE,
    "main.tf": """locals {
  alarms = {
    cpu_high = {
      metric    = "CPUUtilization"
      namespace = "AWS/EC2"
      threshold = 80
    }
    unhealthy_hosts = {
      metric    = "UnHealthyHostCount"
      namespace = "AWS/ApplicationELB"
      threshold = 0
    }
  }
}

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-"
  description = "Instances of ${var.name}"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      description = ingress.value.description
      from_port   = ingress.value.from
      to_port     = ingress.value.to
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = var.tags
}

resource "aws_launch_template" "this" {
  name_prefix   = "${var.name}-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = var.instance_type

  iam_instance_profile {
    arn = aws_iam_instance_profile.this.arn
  }

  vpc_security_group_ids = [aws_security_group.this.id]

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  dynamic "block_device_mappings" {
    for_each = { root = "/dev/xvda", data = "/dev/xvdb" }
    content {
      device_name = block_device_mappings.value
      ebs {
        volume_size = block_device_mappings.key == "root" ? 20 : 50
        volume_type = "gp3"
        encrypted   = true
      }
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = var.name })
  }
}

resource "aws_lb_target_group" "this" {
  name_prefix = substr(replace(var.name, "-", ""), 0, 6)
  port        = var.port
  protocol    = "HTTP"
  vpc_id      = var.vpc_id

  health_check {
    path                = var.health_check_path
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 15
    matcher             = "200-299"
  }

  deregistration_delay = 30
  tags                 = var.tags
}

resource "aws_autoscaling_group" "this" {
  name_prefix               = "${var.name}-"
  min_size                  = var.capacity.min
  max_size                  = var.capacity.max
  desired_capacity          = var.capacity.desired
  vpc_zone_identifier       = var.subnet_ids
  target_group_arns         = [aws_lb_target_group.this.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 120

  launch_template {
    id      = aws_launch_template.this.id
    version = "$Latest"
  }

  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 90
    }
  }

  dynamic "tag" {
    for_each = merge(var.tags, { Name = var.name })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}

resource "aws_autoscaling_policy" "cpu" {
  name                   = "${var.name}-cpu"
  autoscaling_group_name = aws_autoscaling_group.this.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
    target_value = 50
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  evaluation_periods  = 3
  period              = 60
  statistic           = "Average"
  alarm_actions       = [var.alarm_topic_arn]

  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.this.name
  }
}
""",
    "iam.tf": """data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name_prefix        = "${substr(var.name, 0, 20)}-"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

resource "aws_iam_instance_profile" "this" {
  name_prefix = "${substr(var.name, 0, 20)}-"
  role        = aws_iam_role.this.name
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = toset(var.policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = each.value
}
""",
    "outputs.tf": """output "security_group_id" {
  value = aws_security_group.this.id
}

output "target_group_arn" {
  value = aws_lb_target_group.this.arn
}

output "autoscaling_group_name" {
  value = aws_autoscaling_group.this.name
}
""",
}

DATABASE = {
    "variables.tf": """variable "name" {
  type = string
}

variable "engine" {
  description = "postgres, mysql, or aurora-postgresql / aurora-mysql for a cluster."
  type        = string
}

variable "instance_class" {
  type = string
}

variable "readers" {
  description = "Aurora reader instances besides the writer."
  type        = number
  default     = 1
}

variable "storage" {
  type    = number
  default = 100
}

variable "multi_az" {
  type    = bool
  default = true
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect."
  type        = list(string)
  default     = []
}

variable "backup_retention_days" {
  type    = number
  default = 7
}

variable "deletion_protection" {
  type    = bool
  default = true
}
"""
    + _TAGS_VARIABLE,
    "main.tf": """locals {
  aurora = startswith(var.engine, "aurora")
  port   = strcontains(var.engine, "mysql") ? 3306 : 5432
  family = {
    postgres          = "postgres16"
    mysql             = "mysql8.0"
    aurora-postgresql = "aurora-postgresql16"
    aurora-mysql      = "aurora-mysql8.0"
  }
}

resource "aws_db_subnet_group" "this" {
  name_prefix = "${var.name}-"
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

resource "aws_security_group" "db" {
  name_prefix = "${var.name}-db-"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.allowed_security_group_ids
    content {
      from_port       = local.port
      to_port         = local.port
      protocol        = "tcp"
      security_groups = [ingress.value]
    }
  }

  tags = var.tags
}

resource "aws_db_parameter_group" "this" {
  count = local.aurora ? 0 : 1

  name_prefix = "${var.name}-"
  family      = local.family[var.engine]

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_db_instance" "this" {
  count = local.aurora ? 0 : 1

  identifier_prefix       = "${var.name}-"
  engine                  = var.engine
  instance_class          = var.instance_class
  allocated_storage       = var.storage
  storage_type            = "gp3"
  storage_encrypted       = true
  multi_az                = var.multi_az
  db_subnet_group_name    = aws_db_subnet_group.this.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  parameter_group_name    = aws_db_parameter_group.this[0].name
  backup_retention_period = var.backup_retention_days
  deletion_protection     = var.deletion_protection
  skip_final_snapshot     = !var.deletion_protection
  username                = "app"

  manage_master_user_password = true
  tags                        = var.tags
}

resource "aws_rds_cluster_parameter_group" "this" {
  count = local.aurora ? 1 : 0

  name_prefix = "${var.name}-"
  family      = local.family[var.engine]
}

resource "aws_rds_cluster" "this" {
  count = local.aurora ? 1 : 0

  cluster_identifier_prefix       = "${var.name}-"
  engine                          = var.engine
  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.db.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this[0].name
  backup_retention_period         = var.backup_retention_days
  deletion_protection             = var.deletion_protection
  storage_encrypted               = true
  master_username                 = "app"
  manage_master_user_password     = true
  tags                            = var.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = local.aurora ? var.readers + 1 : 0

  identifier_prefix    = "${var.name}-${count.index}-"
  cluster_identifier   = aws_rds_cluster.this[0].id
  engine               = var.engine
  instance_class       = var.instance_class
  db_subnet_group_name = aws_db_subnet_group.this.name
  promotion_tier       = count.index
  tags                 = var.tags
}
""",
    "outputs.tf": """output "endpoint" {
  value = local.aurora ? aws_rds_cluster.this[0].endpoint : aws_db_instance.this[0].address
}
""",
}
