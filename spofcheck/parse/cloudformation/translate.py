"""One evaluated CloudFormation resource → the equivalent Terraform resource record."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.parse.cloudformation.intrinsics import snake
from spofcheck.parse.cloudformation.mapping import shape_of
from spofcheck.parse.terraform.resources import Unknown


def terraform_type(cfn_type: str, properties: Mapping[str, Any]) -> str:
    """The Terraform type the adapters know it as; else a name built the same way
    (`AWS::IAM::Role` → `aws_iam_role`) that the unknown-type adapter classifies."""
    shape = shape_of(cfn_type, properties)
    if shape is not None:
        return shape.terraform
    parts = [snake(p) for p in cfn_type.split("::")]
    return "cfn_" + "_".join(parts) if parts[0] != "aws" else "_".join(parts)


def terraform_attributes(cfn_type: str, properties: Mapping[str, Any]) -> dict[str, Any]:
    """Properties renamed (table, else snake_case) and reshaped to Terraform's layout."""
    shape = shape_of(cfn_type, properties)
    rename = shape.rename if shape is not None else {}
    attrs = {rename.get(k, snake(k)): _nested(v) for k, v in properties.items()}
    if shape is not None and shape.reshape is not None:
        attrs = shape.reshape(attrs)
    return attrs


def _nested(value: Any) -> Any:
    if isinstance(value, Mapping) and not isinstance(value, Unknown):
        return {snake(str(k)): _nested(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nested(v) for v in value]
    return value


def target_attachments(
    address: str, properties: Mapping[str, Any]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """A target group's inline `Targets`: one attachment each, as Terraform writes them."""
    targets = properties.get("Targets")
    for index, target in enumerate(targets if isinstance(targets, list) else []):
        if isinstance(target, Mapping):
            attrs = {"target_group_arn": _self_ref(address), "target_id": target.get("Id")}
            yield f"{address}.Targets[{index}]", attrs


def _self_ref(address: str) -> Any:
    from spofcheck.parse.terraform.resources import Ref

    return Ref(expr=f"!Ref {address}", address=address, attribute="arn")
