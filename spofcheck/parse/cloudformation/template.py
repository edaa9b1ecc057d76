"""A CloudFormation template → Terraform-shaped resources for the shared AWS adapters."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from spofcheck.model import Location, ParseError
from spofcheck.parse.cloudformation.intrinsics import (
    IntrinsicError,
    Scope,
    condition,
    evaluate,
)
from spofcheck.parse.cloudformation.reader import Template
from spofcheck.parse.cloudformation.translate import (
    target_attachments,
    terraform_attributes,
    terraform_type,
)
from spofcheck.parse.terraform.resources import Instance, LoadResult, Resource, Unknown

# Mistakes a malformed template can provoke while evaluating or reshaping a resource.
_READ_ERRORS = (IntrinsicError, RecursionError, TypeError, ValueError, KeyError, IndexError)
_SUB_NAMES = re.compile(r"\$\{([A-Za-z0-9_:]+)(?:\.[^}]*)?\}")
CFN_TYPE_TAG = "cfn-type:"


@dataclass(frozen=True)
class Options:
    """What the command line says about the deployment: parameter values and region."""

    parameters: Mapping[str, Any] = field(default_factory=dict)
    region: str | None = None


@dataclass
class Stack:
    """One template being translated: where it is shown and its id prefix when nested."""

    template: Template
    shown: str
    prefix: str = ""
    resources: dict[str, Any] = field(default_factory=dict)  # after SAM expansion


def prepare(stack: Stack, options: Options, result: LoadResult) -> Scope | None:
    """What the template's expressions may name (SAM expanded); None when unusable."""
    body = stack.template.body
    resources = body.get("Resources")
    if not isinstance(resources, Mapping) or not resources:
        result.errors.append(ParseError(file=stack.shown, message="no `Resources` map"))
        return None
    stack.resources = dict(_expanded(stack, resources))
    types = {
        str(k): str(v.get("Type")) for k, v in stack.resources.items() if isinstance(v, Mapping)
    }
    return Scope(
        parameters=_parameters(body, options, result, stack.shown),
        mappings=_mapping(body, "Mappings"),
        conditions=_mapping(body, "Conditions"),
        resources=types,
        region=options.region,
        prefix=stack.prefix,
    )


def translate(stack: Stack, scope: Scope, result: LoadResult) -> None:
    """Append the template's resources (and errors) to `result`."""
    for name in sorted(scope.resources):
        result.resources.extend(_resources(stack, name, stack.resources[name], scope, result))


def outputs(stack: Stack, scope: Scope, result: LoadResult) -> dict[str, Any]:
    """The template's `Outputs` values, for a parent's `!GetAtt Child.Outputs.Name`."""
    found: dict[str, Any] = {}
    for name, spec in _mapping(stack.template.body, "Outputs").items():
        if isinstance(spec, Mapping) and "Value" in spec:
            try:
                found[str(name)] = evaluate(spec["Value"], scope)
            except _READ_ERRORS as exc:
                message = f"output {name}: {_message(exc)}"
                result.errors.append(ParseError(file=stack.shown, message=message))
    return found


def _expanded(stack: Stack, resources: Mapping[str, Any]) -> Mapping[str, Any]:
    """SAM resources replaced by what the transform makes of them (located at their origin)."""
    from spofcheck.parse.cloudformation.sam import SERVERLESS, expand

    kinds = (r.get("Type") for r in resources.values() if isinstance(r, Mapping))
    if not any(isinstance(k, str) and k.startswith(SERVERLESS) for k in kinds):
        return resources
    out, origin = expand(resources, stack.template.body.get("Globals"))
    lines = stack.template.lines
    for new, old in origin.items():
        if old in lines:
            lines.setdefault(new, lines[old])
    return out


def _mapping(body: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = body.get(key)
    return value if isinstance(value, Mapping) else {}


def _parameters(
    body: Mapping[str, Any], options: Options, result: LoadResult, shown: str
) -> dict[str, Any]:
    """Values given on the command line, else defaults, else Unknown; lists split."""
    values: dict[str, Any] = {}
    missing = []
    for name, declared in _mapping(body, "Parameters").items():
        spec = declared if isinstance(declared, Mapping) else {}
        given = options.parameters.get(name, spec.get("Default"))
        if given is None:
            values[name] = Unknown(expr=f"!Ref {name}")
            missing.append(str(name))
            continue
        kind = str(spec.get("Type", "String"))
        is_list = kind.startswith("List<") or kind == "CommaDelimitedList"
        values[name] = [s.strip() for s in str(given).split(",")] if is_list else given
    if options.region:
        values.setdefault("AWS::Region", options.region)
    for pseudo in ("AWS::AccountId", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix"):
        values.setdefault(pseudo, Unknown(expr=f"!Ref {pseudo}"))
    values.setdefault("AWS::Partition", "aws")
    if missing:
        listed = ", ".join(sorted(missing))
        result.notes.append(f"{shown}: parameters without a value (unknown): {listed}")
    return values


def _resources(
    stack: Stack, name: str, raw: Any, scope: Scope, result: LoadResult
) -> Iterator[Resource]:
    line = stack.template.lines.get(name)
    location = Location(file=stack.shown, line=line)
    address = stack.prefix + name
    if not isinstance(raw, Mapping):
        result.errors.append(_error(stack, line, address, "a resource is a mapping"))
        return
    cfn_type = str(raw.get("Type", ""))
    present, count_unknown = _present(raw, scope, stack, line, address, result)
    properties = _properties(raw, scope, stack, line, address, result)
    try:
        attributes = terraform_attributes(cfn_type, properties)
    except _READ_ERRORS as exc:
        result.errors.append(_error(stack, line, address, f"{exc}; properties unread"))
        attributes = {}
    instances = (Instance(key=None, attributes=attributes),)
    references = frozenset(stack.prefix + r for r in _references(raw, scope))
    yield Resource(
        address=address,
        type=terraform_type(cfn_type, properties),
        name=name,
        mode="managed",
        instances=instances if present else (),
        location=location,
        count_unknown=count_unknown,
        references=references,
        ignores=_ignores(raw, stack, line, result),
    )
    if cfn_type == "AWS::ElasticLoadBalancingV2::TargetGroup" and present:
        for part, attrs in target_attachments(address, properties):
            yield Resource(
                address=part,
                type="aws_lb_target_group_attachment",
                name=part,
                mode="managed",
                instances=(Instance(key=None, attributes=attrs),),
                location=location,
                references=frozenset({address, *_targets(attrs)}),
            )


def _targets(attrs: Mapping[str, Any]) -> set[str]:
    from spofcheck.parse.cloudformation.intrinsics import refs_of

    return set(refs_of(attrs.get("target_id")))


def _present(  # noqa: PLR0917 - one call site, every argument named there
    raw: Mapping[str, Any],
    scope: Scope,
    stack: Stack,
    line: int | None,
    address: str,
    result: LoadResult,
) -> tuple[bool, bool]:
    """(created?, unknown whether created): a false `Condition` creates nothing."""
    name = raw.get("Condition")
    if name is None:
        return True, False
    try:
        decided = condition(str(name), scope)
    except _READ_ERRORS as exc:
        result.errors.append(_error(stack, line, address, _message(exc)))
        return True, True
    if isinstance(decided, bool):
        return decided, False
    return True, True


def _properties(  # noqa: PLR0917 - one call site, every argument named there
    raw: Mapping[str, Any],
    scope: Scope,
    stack: Stack,
    line: int | None,
    address: str,
    result: LoadResult,
) -> dict[str, Any]:
    properties = raw.get("Properties", {})
    if not isinstance(properties, Mapping):
        result.errors.append(_error(stack, line, address, "`Properties` is not a mapping"))
        return {}
    try:
        value = evaluate(dict(properties), scope)
    except _READ_ERRORS as exc:
        result.errors.append(_error(stack, line, address, _message(exc) + "; properties unread"))
        return {}
    return value if isinstance(value, dict) else {}


def _message(exc: BaseException) -> str:
    return "input nested too deeply" if isinstance(exc, RecursionError) else str(exc)


def _error(stack: Stack, line: int | None, address: str, message: str) -> ParseError:
    return ParseError(file=stack.shown, line=line, key=address, message=message)


def _references(raw: Mapping[str, Any], scope: Scope) -> set[str]:
    """Resources named anywhere in the block (`Ref`, `GetAtt`, `Sub`) or in `DependsOn`."""
    found: set[str] = set()
    depends = raw.get("DependsOn")
    for item in depends if isinstance(depends, list) else [depends]:
        if isinstance(item, str) and item in scope.resources:
            found.add(item)
    _walk(raw.get("Properties"), scope, found)
    return {name for name in found if name in scope.resources}


def _walk(value: Any, scope: Scope, found: set[str], depth: int = 0) -> None:
    if depth > 200:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str):
                found.add(item)
            elif key == "Fn::GetAtt":
                name = item.split(".", 1)[0] if isinstance(item, str) else _first(item)
                found.add(str(name))
            elif key == "Fn::Sub":
                text = item if isinstance(item, str) else _first(item)
                found.update(_SUB_NAMES.findall(str(text)))
            _walk(item, scope, found, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _walk(item, scope, found, depth + 1)


def _first(item: Any) -> Any:
    return item[0] if isinstance(item, list) and item else ""


def _ignores(
    raw: Mapping[str, Any], stack: Stack, line: int | None, result: LoadResult
) -> dict[str, str]:
    """`Metadata: {spofcheck: {ignore: {HA003: "reason"}}}`; reasons judged like comments."""
    meta = raw.get("Metadata")
    own = meta.get("spofcheck") if isinstance(meta, Mapping) else None
    ignore = own.get("ignore") if isinstance(own, Mapping) else None
    if ignore is None:
        return {}
    if not isinstance(ignore, Mapping):
        message = "`Metadata.spofcheck.ignore` maps rule ids to reasons"
        result.errors.append(ParseError(file=stack.shown, line=line, message=message))
        return {}
    return {str(k): v if isinstance(v, str) else "" for k, v in ignore.items()}
