"""The one table from CloudFormation resource types to the Terraform types whose adapters
read them, and the property names the two spell differently.

Every property not named here is renamed by `snake` (`MultiAZ` → `multi_az`,
`VPCZoneIdentifier` → `vpc_zone_identifier`), keys nested inside it too; `reshape`
functions then rewrite the few shapes that differ (flat health-check fields, lists of
key/value attributes). A type missing from the table stays an unknown, unmodelled node.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spofcheck.parse.cloudformation import reshape

Reshape = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Shape:
    """`terraform`: the equivalent Terraform type; `rename`: CloudFormation property →
    Terraform attribute, where snake-casing alone is wrong; `reshape`: a structural fix."""

    terraform: str
    rename: Mapping[str, str] = field(default_factory=dict)
    reshape: Reshape | None = None


_SG_RULE = {
    "GroupId": "security_group_id",
    "SourceSecurityGroupId": "referenced_security_group_id",
    "DestinationSecurityGroupId": "referenced_security_group_id",
}

TYPES: Mapping[str, Shape] = {
    # network
    "AWS::EC2::VPC": Shape("aws_vpc"),
    "AWS::EC2::Subnet": Shape("aws_subnet"),
    "AWS::EC2::InternetGateway": Shape("aws_internet_gateway"),
    "AWS::EC2::VPCGatewayAttachment": Shape("aws_internet_gateway_attachment"),
    "AWS::EC2::RouteTable": Shape("aws_route_table"),
    "AWS::EC2::Route": Shape("aws_route"),
    "AWS::EC2::SubnetRouteTableAssociation": Shape("aws_route_table_association"),
    "AWS::EC2::NatGateway": Shape("aws_nat_gateway"),
    "AWS::EC2::EIP": Shape("aws_eip"),
    "AWS::EC2::SecurityGroup": Shape("aws_security_group", reshape=reshape.security_group),
    "AWS::EC2::SecurityGroupIngress": Shape("aws_vpc_security_group_ingress_rule", _SG_RULE),
    "AWS::EC2::SecurityGroupEgress": Shape("aws_vpc_security_group_egress_rule", _SG_RULE),
    # machines
    "AWS::EC2::Instance": Shape("aws_instance", reshape=reshape.instance),
    "AWS::EC2::LaunchTemplate": Shape("aws_launch_template", reshape=reshape.launch_template),
    "AWS::AutoScaling::LaunchConfiguration": Shape(
        "aws_launch_configuration", {"SecurityGroups": "security_groups"}
    ),
    "AWS::AutoScaling::AutoScalingGroup": Shape(
        "aws_autoscaling_group",
        {
            "TargetGroupARNs": "target_group_arns",
            "LoadBalancerNames": "load_balancers",
            "LaunchConfigurationName": "launch_configuration",
        },
        reshape.autoscaling_group,
    ),
    "AWS::AutoScaling::ScalingPolicy": Shape("aws_autoscaling_policy"),
    "AWS::AutoScaling::ScheduledAction": Shape("aws_autoscaling_schedule"),
    # load balancing
    "AWS::ElasticLoadBalancingV2::LoadBalancer": Shape(
        "aws_lb", {"Type": "load_balancer_type"}, reshape.load_balancer
    ),
    "AWS::ElasticLoadBalancingV2::TargetGroup": Shape(
        "aws_lb_target_group", reshape=reshape.target_group
    ),
    "AWS::ElasticLoadBalancingV2::Listener": Shape("aws_lb_listener", reshape=reshape.listener),
    "AWS::ElasticLoadBalancingV2::ListenerRule": Shape(
        "aws_lb_listener_rule", reshape=reshape.listener_rule
    ),
    "AWS::ElasticLoadBalancing::LoadBalancer": Shape(
        "aws_elb", {"Instances": "instances"}, reshape.classic_elb
    ),
    # databases and stores
    "AWS::RDS::DBInstance": Shape(
        "aws_db_instance",
        {
            "DBInstanceIdentifier": "identifier",
            "DBInstanceClass": "instance_class",
            "VPCSecurityGroups": "vpc_security_group_ids",
            "SourceDBInstanceIdentifier": "replicate_source_db",
        },
    ),
    "AWS::RDS::DBCluster": Shape(
        "aws_rds_cluster",
        {
            "DBClusterIdentifier": "cluster_identifier",
            "VpcSecurityGroupIds": "vpc_security_group_ids",
        },
    ),
    "AWS::RDS::DBSubnetGroup": Shape("aws_db_subnet_group", {"DBSubnetGroupName": "name"}),
    "AWS::DocDB::DBCluster": Shape(
        "aws_docdb_cluster", {"DBClusterIdentifier": "cluster_identifier"}
    ),
    "AWS::DocDB::DBInstance": Shape(
        "aws_docdb_cluster_instance", {"DBClusterIdentifier": "cluster_identifier"}
    ),
    "AWS::Neptune::DBCluster": Shape(
        "aws_neptune_cluster", {"DBClusterIdentifier": "cluster_identifier"}
    ),
    "AWS::Neptune::DBInstance": Shape(
        "aws_neptune_cluster_instance", {"DBClusterIdentifier": "cluster_identifier"}
    ),
    "AWS::ElastiCache::CacheCluster": Shape(
        "aws_elasticache_cluster",
        {
            "ClusterName": "cluster_id",
            "CacheNodeType": "node_type",
            "PreferredAvailabilityZone": "availability_zone",
            "VpcSecurityGroupIds": "security_group_ids",
            "CacheSubnetGroupName": "subnet_group_name",
        },
    ),
    "AWS::ElastiCache::ReplicationGroup": Shape(
        "aws_elasticache_replication_group",
        {
            "ReplicationGroupDescription": "description",
            "CacheNodeType": "node_type",
            "CacheSubnetGroupName": "subnet_group_name",
        },
    ),
    "AWS::ElastiCache::SubnetGroup": Shape(
        "aws_elasticache_subnet_group", {"CacheSubnetGroupName": "name"}
    ),
    "AWS::DynamoDB::Table": Shape(
        "aws_dynamodb_table", {"TableName": "name"}, reshape.dynamodb_table
    ),
    "AWS::S3::Bucket": Shape("aws_s3_bucket", {"BucketName": "bucket"}, reshape.bucket),
    "AWS::SQS::Queue": Shape("aws_sqs_queue", {"QueueName": "name"}),
    "AWS::SNS::Topic": Shape("aws_sns_topic", {"TopicName": "name"}),
    "AWS::EFS::FileSystem": Shape("aws_efs_file_system"),
    "AWS::EFS::MountTarget": Shape("aws_efs_mount_target"),
    "AWS::MSK::Cluster": Shape("aws_msk_cluster"),
    "AWS::OpenSearchService::Domain": Shape("aws_opensearch_domain"),
    "AWS::Elasticsearch::Domain": Shape("aws_elasticsearch_domain"),
    "AWS::Kinesis::Stream": Shape("aws_kinesis_stream"),
    "AWS::AmazonMQ::Broker": Shape("aws_mq_broker", {"BrokerName": "name"}),
    "AWS::Redshift::Cluster": Shape("aws_redshift_cluster"),
    # functions, containers, edge
    "AWS::Lambda::Function": Shape("aws_lambda_function"),
    "AWS::Lambda::Permission": Shape("aws_lambda_permission"),
    "AWS::Lambda::EventSourceMapping": Shape("aws_lambda_event_source_mapping"),
    "AWS::Lambda::Url": Shape("aws_lambda_function_url", {"TargetFunctionArn": "function_name"}),
    "AWS::Lambda::Alias": Shape("aws_lambda_alias"),
    "AWS::ECS::Cluster": Shape("aws_ecs_cluster", {"ClusterName": "name"}),
    "AWS::ECS::Service": Shape("aws_ecs_service", {"LoadBalancers": "load_balancer"}),
    "AWS::ECS::TaskDefinition": Shape("aws_ecs_task_definition"),
    "AWS::EKS::Cluster": Shape("aws_eks_cluster"),
    "AWS::EKS::Nodegroup": Shape("aws_eks_node_group"),
    "AWS::Route53::RecordSet": Shape(
        "aws_route53_record",
        {"HostedZoneId": "zone_id", "ResourceRecords": "records", "TTL": "ttl"},
        reshape.record,
    ),
    "AWS::Route53::HostedZone": Shape("aws_route53_zone"),
    "AWS::Route53::HealthCheck": Shape("aws_route53_health_check"),
    "AWS::CertificateManager::Certificate": Shape("aws_acm_certificate"),
    "AWS::CloudFront::Distribution": Shape("aws_cloudfront_distribution"),
    "AWS::ApiGateway::RestApi": Shape("aws_api_gateway_rest_api"),
    "AWS::ApiGateway::Stage": Shape("aws_api_gateway_stage"),
    "AWS::ApiGateway::Deployment": Shape("aws_api_gateway_deployment"),
    "AWS::ApiGateway::Method": Shape("aws_api_gateway_method", reshape=reshape.api_method),
    "AWS::ApiGateway::Resource": Shape("aws_api_gateway_resource"),
    "AWS::ApiGatewayV2::Api": Shape("aws_apigatewayv2_api"),
    "AWS::ApiGatewayV2::Stage": Shape("aws_apigatewayv2_stage"),
    "AWS::ApiGatewayV2::Integration": Shape("aws_apigatewayv2_integration"),
    "AWS::ApiGatewayV2::Route": Shape("aws_apigatewayv2_route"),
    "AWS::ApplicationAutoScaling::ScalableTarget": Shape("aws_appautoscaling_target"),
    # CloudFormation's own bookkeeping: Terraform's no-op resource, plain configuration
    "AWS::CDK::Metadata": Shape("terraform_data"),
    "AWS::CloudFormation::Stack": Shape("terraform_data"),
    "AWS::CloudFormation::WaitConditionHandle": Shape("terraform_data"),
    "AWS::CloudFormation::WaitCondition": Shape("terraform_data"),
}

# Same CloudFormation type, another Terraform type when a property says so:
# an RDS instance that joins a cluster is an Aurora cluster member.
VARIANTS: Mapping[str, tuple[str, Shape]] = {
    "AWS::RDS::DBInstance": (
        "DBClusterIdentifier",
        Shape("aws_rds_cluster_instance", {"DBClusterIdentifier": "cluster_identifier"}),
    ),
}


def shape_of(cfn_type: str, properties: Mapping[str, Any]) -> Shape | None:
    """The Terraform shape of a resource, or None when no adapter reads its type."""
    variant = VARIANTS.get(cfn_type)
    if variant is not None and variant[0] in properties:
        return variant[1]
    return TYPES.get(cfn_type)
