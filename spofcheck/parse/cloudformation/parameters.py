"""Parameter files, in the formats the AWS CLI takes: `[{ParameterKey, ParameterValue}]`
(`create-stack --parameters file://…`), `{"Parameters": {…}}` (a CodePipeline template
configuration) or `Key=Value` words (`deploy --parameter-overrides`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spofcheck.files import read_regular
from spofcheck.parse.cloudformation.reader import TemplateError
from spofcheck.parse.cloudformation.template import Options
from spofcheck.parse.jsonload import JSONInputError, loads
from spofcheck.paths import display_path

MAX_PARAMETER_FILE = 1024 * 1024
REGION = "AWS::Region"


def options_from(files: Sequence[Path], root: Path) -> Options:
    """Parameter values from the files, later files winning; `AWS::Region` sets the region."""
    values: dict[str, Any] = {}
    for path in files:
        values.update(read_parameters(path, display_path(path, root)))
    region = values.pop(REGION, None)
    return Options(values, region if isinstance(region, str) and region else None)


def read_parameters(path: Path, shown: str) -> dict[str, Any]:
    try:
        data = read_regular(path, MAX_PARAMETER_FILE)
    except OSError as exc:
        raise TemplateError(exc.strerror or str(exc), file=shown) from None
    text = data.decode("utf-8", errors="replace")
    if text.lstrip().startswith(("[", "{")):
        try:
            return _from_json(loads(data), shown)
        except JSONInputError as exc:
            raise TemplateError(exc.message, file=shown, line=exc.line) from None
    return _from_words(text, shown)


def _from_json(value: Any, shown: str) -> dict[str, Any]:
    if isinstance(value, Mapping) and isinstance(value.get("Parameters"), Mapping):
        return {str(k): v for k, v in value["Parameters"].items()}
    if isinstance(value, list) and all(
        isinstance(i, Mapping) and "ParameterKey" in i for i in value
    ):
        return {str(i["ParameterKey"]): i.get("ParameterValue") for i in value}
    raise TemplateError(
        'a parameters file is [{ParameterKey, ParameterValue}] or {"Parameters": {…}}',
        file=shown,
        line=1,
    )


def _from_words(text: str, shown: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for word in line.split():
            key, sep, value = word.partition("=")
            if not sep or not key:
                raise TemplateError(
                    f"expected Key=Value, got {word[:40]!r}", file=shown, line=number
                )
            found[key] = value
    return found


def is_parameter_file(path: Path) -> bool:
    """Not a Terraform variable file: those are read by the Terraform loader only."""
    return not path.name.endswith((".tfvars", ".tfvars.json"))
