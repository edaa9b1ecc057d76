"""SAM resources expanded the way the `AWS::Serverless-2016-10-31` transform documents
it, as far as availability cares: functions, their API and queue events, APIs, tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SERVERLESS = "AWS::Serverless::"
REST_API = "ServerlessRestApi"  # the implicit API SAM creates for `Api` events
HTTP_API = "ServerlessHttpApi"
_FUNCTION_KEEP = (
    "FunctionName",
    "Handler",
    "Runtime",
    "MemorySize",
    "Timeout",
    "Environment",
    "VpcConfig",
    "ReservedConcurrentExecutions",
    "Architectures",
    "Layers",
    "Role",
)
_STREAMS = ("SQS", "Kinesis", "DynamoDB", "MSK", "MQ")

Resources = dict[str, Any]


def expand(resources: Mapping[str, Any], globals_: Any) -> tuple[Resources, dict[str, str]]:
    """Plain CloudFormation resources, and for each one made here the SAM resource it
    came from (its line is the origin's)."""
    out: Resources = {}
    origin: dict[str, str] = {}
    defaults = globals_.get("Function", {}) if isinstance(globals_, Mapping) else {}
    for name, raw in resources.items():
        kind = raw.get("Type") if isinstance(raw, Mapping) else None
        if not isinstance(kind, str) or not kind.startswith(SERVERLESS):
            out[name] = raw
            continue
        for new, resource in _expand_one(str(name), raw, kind, defaults).items():
            out.setdefault(new, resource)
            if new != name:
                origin.setdefault(new, str(name))
    return out, origin


def _expand_one(name: str, raw: Mapping[str, Any], kind: str, defaults: Any) -> Resources:
    props = raw.get("Properties")
    props = props if isinstance(props, Mapping) else {}
    base = {k: v for k, v in raw.items() if k not in ("Type", "Properties")}
    if kind == SERVERLESS + "Function":
        merged = {**(defaults if isinstance(defaults, Mapping) else {}), **props}
        return _function(name, merged, base)
    if kind == SERVERLESS + "Api":
        return {name: {**base, "Type": "AWS::ApiGateway::RestApi", "Properties": _rest(props)}}
    if kind == SERVERLESS + "HttpApi":
        spec = {"ProtocolType": "HTTP", "Name": props.get("Name", name)}
        return {name: {**base, "Type": "AWS::ApiGatewayV2::Api", "Properties": spec}}
    if kind == SERVERLESS + "SimpleTable":
        table = {"TableName": props.get("TableName")} if "TableName" in props else {}
        return {name: {**base, "Type": "AWS::DynamoDB::Table", "Properties": table}}
    return {name: {**base, "Type": kind, "Properties": dict(props)}}


def _rest(props: Mapping[str, Any]) -> dict[str, Any]:
    endpoint = props.get("EndpointConfiguration")
    if isinstance(endpoint, Mapping):
        endpoint = endpoint.get("Type")
    spec: dict[str, Any] = {"Name": props.get("Name")}
    if endpoint is not None:
        spec["EndpointConfiguration"] = {"Types": [endpoint]}
    return spec


def _function(name: str, props: Mapping[str, Any], base: Mapping[str, Any]) -> Resources:
    spec = {k: props[k] for k in _FUNCTION_KEEP if k in props}
    dead = props.get("DeadLetterQueue")
    if isinstance(dead, Mapping):
        spec["DeadLetterConfig"] = {"TargetArn": dead.get("TargetArn")}
    out: Resources = {name: {**base, "Type": "AWS::Lambda::Function", "Properties": spec}}
    events = props.get("Events")
    for event, raw in sorted(events.items()) if isinstance(events, Mapping) else []:
        if isinstance(raw, Mapping):
            out.update(_event(name, str(event), raw))
    return out


def _event(name: str, event: str, raw: Mapping[str, Any]) -> Resources:
    props = raw.get("Properties")
    props = props if isinstance(props, Mapping) else {}
    arn = {"Fn::GetAtt": [name, "Arn"]}
    kind = raw.get("Type")
    if kind == "Api":
        api = props.get("RestApiId", {"Ref": REST_API})
        integration = {"Type": "AWS_PROXY", "Uri": arn}
        method = {"RestApiId": api, "HttpMethod": props.get("Method"), "Integration": integration}
        implicit = _implicit(api, REST_API, "AWS::ApiGateway::RestApi", {"Name": REST_API})
        return {**implicit, f"{name}{event}Method": _typed("AWS::ApiGateway::Method", method)}
    if kind == "HttpApi":
        api = props.get("ApiId", {"Ref": HTTP_API})
        link = {"ApiId": api, "IntegrationType": "AWS_PROXY", "IntegrationUri": arn}
        implicit = _implicit(api, HTTP_API, "AWS::ApiGatewayV2::Api", {"ProtocolType": "HTTP"})
        return {
            **implicit,
            f"{name}{event}Integration": _typed("AWS::ApiGatewayV2::Integration", link),
        }
    if kind in _STREAMS:
        source = props.get("Queue", props.get("Stream", props.get("Broker")))
        mapping = {"EventSourceArn": source, "FunctionName": {"Ref": name}}
        return {f"{name}{event}": _typed("AWS::Lambda::EventSourceMapping", mapping)}
    return {}


def _implicit(api: Any, implicit: str, kind: str, props: dict[str, Any]) -> Resources:
    return {implicit: _typed(kind, props)} if api == {"Ref": implicit} else {}


def _typed(kind: str, props: Mapping[str, Any]) -> dict[str, Any]:
    return {"Type": kind, "Properties": dict(props)}
