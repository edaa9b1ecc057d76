"""Load a template (and its local nested stacks) into the normalized Architecture."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from spofcheck.model import Architecture, Location, ParseError
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.cloudformation.reader import TemplateError, read_template
from spofcheck.parse.cloudformation.template import (
    CFN_TYPE_TAG,
    Options,
    Stack,
    outputs,
    prepare,
    translate,
)
from spofcheck.parse.terraform.resources import LoadResult, OpaqueModule
from spofcheck.paths import display_path

NESTED = "AWS::CloudFormation::Stack"
MAX_NESTING = 8


def load_cloudformation(
    path: Path,
    *,
    display_root: Path,
    options: Options | None = None,
    boundary: Boundary = UNLIMITED,
) -> Architecture:
    """The template's architecture; errors located in it, never raised for bad input."""
    from spofcheck.parse.terraform.assemble import assemble

    shown = display_path(path, display_root)
    result = LoadResult(files=[shown])
    loader = _Loader(display_root, options or Options(), boundary, result)
    try:
        template = read_template(path, shown)
    except TemplateError as exc:
        return Architecture(root=shown, errors=[_as_error(exc, shown)])
    loader.add(Stack(template, shown), path, depth=0)
    arch = assemble(result, name=path.name, root=shown)
    return _annotated(arch, loader.meta)


class _Loader:
    def __init__(
        self, root: Path, options: Options, boundary: Boundary, result: LoadResult
    ) -> None:
        self.root = root
        self.options = options
        self.boundary = boundary
        self.result = result
        self.meta: dict[str, tuple[str, str | None]] = {}  # address → (type, CDK path)
        self.opaque: set[str] = set()  # nested stacks whose template is not read

    def add(self, stack: Stack, path: Path, depth: int) -> dict[str, Any]:
        """Translate the template, nested stacks first (the parent reads their Outputs);
        its own Outputs are returned."""
        scope = prepare(stack, self.options, self.result)
        if scope is None:
            return {}
        for name, kind in sorted(scope.resources.items()):
            raw = stack.resources.get(name)
            raw = raw if isinstance(raw, Mapping) else {}
            self.meta[stack.prefix + name] = (kind, _cdk_path(raw))
            if kind == NESTED:
                found = self._nested(stack, path, name, raw, scope, depth)
                scope.outputs[name] = found
        translate(stack, scope, self.result)
        if self.opaque:  # the module node stands for it, as for a Terraform module
            kept = [r for r in self.result.resources if r.address not in self.opaque]
            self.result.resources = kept
        return outputs(stack, scope, self.result)

    def _nested(  # noqa: PLR0917 - one call site
        self, parent: Stack, path: Path, name: str, raw: Mapping[str, Any], scope: Any, depth: int
    ) -> dict[str, Any]:
        from spofcheck.parse.cloudformation.intrinsics import IntrinsicError, evaluate

        line = parent.template.lines.get(name)
        props = raw.get("Properties")
        props = props if isinstance(props, Mapping) else {}
        try:
            url = evaluate(props.get("TemplateURL"), scope)
            params = evaluate(props.get("Parameters") or {}, scope)
        except (IntrinsicError, RecursionError) as exc:
            self._error(parent, line, f"nested stack {name}: {exc}")
            return {}
        target = _local(path, url)
        if target is None:
            self._opaque(parent, name, url, line)
            return {}
        if depth >= MAX_NESTING:
            self._error(parent, line, f"nested stacks deeper than {MAX_NESTING}; {name} not read")
            return {}
        if not self.boundary.allows(target):
            self._error(parent, line, self.boundary.refusal("nested template"))
            return {}
        shown = display_path(target, self.root)
        try:
            template = read_template(target, shown)
        except TemplateError as exc:
            self.result.errors.append(_as_error(exc, shown))
            return {}
        self.result.files.append(shown)
        given = {str(k): v for k, v in params.items()} if isinstance(params, Mapping) else {}
        options = Options({**given}, self.options.region)
        child = _Loader(self.root, options, self.boundary, self.result)
        child.meta = self.meta
        return child.add(Stack(template, shown, f"{parent.prefix}{name}/"), target, depth + 1)

    def _opaque(self, parent: Stack, name: str, url: Any, line: int | None) -> None:
        """A nested stack whose template is not a local file: one opaque node, as a
        Terraform module whose source is not read (listed in coverage)."""
        address = parent.prefix + name
        self.opaque.add(address)
        shown = url if isinstance(url, str) else "an unknown TemplateURL"
        self.result.opaque_modules.append(
            OpaqueModule(
                address=address,
                source=shown,
                location=Location(file=parent.shown, line=line),
                reason="nested stack template is not a local file",
            )
        )

    def _error(self, stack: Stack, line: int | None, message: str) -> None:
        self.result.errors.append(ParseError(file=stack.shown, line=line, message=message))


def _local(path: Path, url: Any) -> Path | None:
    """A TemplateURL naming a file next to the template (not http(s), not S3)."""
    if not isinstance(url, str) or "://" in url or url.startswith("s3:"):
        return None
    target = (path.parent / url).resolve()
    return target if target.is_file() else None


def _cdk_path(raw: Mapping[str, Any]) -> str | None:
    meta = raw.get("Metadata")
    value = meta.get("aws:cdk:path") if isinstance(meta, Mapping) else None
    return value if isinstance(value, str) else None


def _annotated(arch: Architecture, meta: Mapping[str, tuple[str, str | None]]) -> Architecture:
    """Each component names its CloudFormation type (a tag) and its CDK path (the label)."""
    components = {}
    for cid, component in arch.components.items():
        cfn_type, label = meta.get(cid, (None, None))
        update: dict[str, Any] = {}
        if cfn_type:
            update["tags"] = sorted({*component.tags, CFN_TYPE_TAG + cfn_type})
        if label:
            update["label"] = label
        components[cid] = component.model_copy(update=update) if update else component
    return arch.model_copy(update={"components": components})


def _as_error(exc: TemplateError, shown: str) -> ParseError:
    return ParseError(file=exc.file or shown, line=exc.line, message=exc.message)


def is_template_text(head: str) -> bool:
    """A template by its content: `AWSTemplateFormatVersion`, or a top-level `Resources`
    map with an `AWS::` type (never by file name)."""
    if "AWSTemplateFormatVersion" in head:
        return True
    json_doc = head.lstrip().startswith("{")
    top = re.search(r'"Resources"\s*:' if json_doc else r"(?m)^Resources\s*:", head)
    return top is not None and re.search(r"""["']?Type["']?\s*:\s*["']?AWS::""", head) is not None


_TEMPLATE_URL = re.compile(r"""["']?TemplateURL["']?\s*:\s*["']?([^"'\s,}]+)""")


def nested_files(path: Path, head: str) -> set[Path]:
    """Local templates this one names as nested stacks (read through it, not alone)."""
    found = set()
    for url in _TEMPLATE_URL.findall(head):
        target = _local(path, url)
        if target is not None:
            found.add(target)
    return found
