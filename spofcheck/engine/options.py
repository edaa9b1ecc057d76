"""Rule options from configuration, checked once by name and type against each rule.

A rule declares its options with their defaults in its YAML (`options:`); the default's
type is the option's type. Like yamllint's `validate_rule_conf`, a misspelled name or a
wrong type is a located ConfigError (`file: options.HA016.max_detection_seconds: …`),
never a traceback inside a check, and never silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.engine.settings import rule_id_of
from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import ConfigError, did_you_mean
from spofcheck.model import Severity

_SEVERITIES = frozenset(s.value for s in Severity)


def validate_options(
    options: Mapping[str, Any], rules: Mapping[str, RuleSpec], *, file: str | None = None
) -> dict[str, dict[str, Any]]:
    """`options` keyed by rule id, each value checked against the rule's declaration."""
    checked: dict[str, dict[str, Any]] = {}
    for name, values in sorted(options.items()):
        rule_id = rule_id_of(name, rules, key=f"options.{name}", file=file)
        if not isinstance(values, Mapping):
            message = f"expected a mapping of option names to values, got {_show(values)}"
            raise ConfigError(message, file=file, key=f"options.{name}")
        spec = rules[rule_id]
        checked[rule_id] = {
            option: _checked(spec, option, value, key=f"options.{name}.{option}", file=file)
            for option, value in values.items()
        }
    return checked


def _checked(spec: RuleSpec, option: str, value: Any, *, key: str, file: str | None) -> Any:
    if option not in spec.options:
        declared = ", ".join(sorted(spec.options)) or "none"
        hint = did_you_mean(str(option), spec.options)
        raise ConfigError(
            f"{spec.id} has no option {option!r}{hint} (its options: {declared})",
            file=file,
            key=key,
        )
    default = spec.options[option]
    problem = type_problem(default, value)
    if problem:
        raise ConfigError(f"{problem}, got {_show(value)}", file=file, key=key)
    return value.lower() if isinstance(default, str) and default in _SEVERITIES else value


def type_problem(default: Any, value: Any) -> str:
    """What is wrong with `value` for an option whose default is `default`; "" if nothing."""
    if isinstance(default, bool):
        return "" if isinstance(value, bool) else "expected true or false"
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return "" if ok else "expected a whole number"
    if isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return "" if ok else "expected a number"
    if isinstance(default, str):
        return _string_problem(default, value)
    if isinstance(default, list):
        return _list_problem(default, value)
    return ""


def _string_problem(default: str, value: Any) -> str:
    if default in _SEVERITIES:
        ok = isinstance(value, str) and value.lower() in _SEVERITIES
        return "" if ok else f"expected a severity ({', '.join(s.value for s in Severity)})"
    return "" if isinstance(value, str) else "expected a string"


def _list_problem(default: list[Any], value: Any) -> str:
    if not isinstance(value, list):
        return "expected a list"
    if default and any(type_problem(default[0], item) for item in value):
        return f"expected a list of {type(default[0]).__name__} values"
    return ""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
