"""Extension points, found the way flake8 finds its plugins: package entry points.

Three groups, each mapping a name to an object:
- `spofcheck.checks`: a check function `(CheckContext, options) -> Iterator[Violation]`;
  a rule's `check:` names it.
- `spofcheck.formatters`: a formatter, `render(report) -> str` (or a module that has one);
  `--format NAME` names it.
- `spofcheck.rules`: a package whose folder holds rule YAML files (`<ID>.yaml`), loaded
  after the built-in catalogue.

spofcheck registers its own checks and formatters in the same groups (pyproject.toml
`[project.entry-points]`). The explicit registry dicts (`spofcheck.checks.BUILTIN`,
`spofcheck.report.FORMATTERS`) hold the same entries (a test keeps them equal) and win
for the built-in names, so a source tree never installed, or an install whose metadata
is stale, behaves the same. Plugins are only ever found through installed metadata, and
a plugin may not take a built-in name. Entry points are loaded lazily: a scan imports only the
checks its rules name and the formatters it writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from spofcheck.errors import RuleError

CHECKS_GROUP = "spofcheck.checks"
FORMATTERS_GROUP = "spofcheck.formatters"
RULES_GROUP = "spofcheck.rules"
OWN_DISTRIBUTION = "spofcheck"


@dataclass(frozen=True)
class Plugin:
    """One registered object: where it comes from and how to import it."""

    name: str
    target: str  # `module:attribute`, or a bare module
    distribution: str

    @property
    def builtin(self) -> bool:
        return self.distribution == OWN_DISTRIBUTION

    def load(self) -> Any:
        module, _, attribute = self.target.partition(":")
        try:
            found: Any = importlib.import_module(module)
            for part in attribute.split(".") if attribute else ():
                found = getattr(found, part)
        except (ImportError, AttributeError) as exc:
            raise RuleError(
                f"plugin {self.name!r} from {self.distribution} cannot be loaded "
                f"({self.target}): {exc}"
            ) from exc
        return found


def registry(group: str, fallback: Mapping[str, str]) -> dict[str, Plugin]:
    """Every plugin of `group` by name; built-ins from the dict when metadata lacks them."""
    return dict(_registry(group, tuple(sorted(fallback.items()))))


@cache
def _registry(group: str, fallback: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Plugin], ...]:
    """Installed entry points, with the running code's own dict for the built-in names.

    The dict wins for spofcheck's names, so stale metadata (an editable install made
    before a check was added or moved) never hides or misroutes a built-in.
    """
    found = _installed(group)
    for name, target in fallback:
        current = found.get(name)
        if current is None or current.builtin:
            found[name] = Plugin(name, target, OWN_DISTRIBUTION)
    return tuple(sorted(found.items()))


def _installed(group: str) -> dict[str, Plugin]:
    """Entry points of `group`; a name two distributions claim is a located error."""
    found: dict[str, Plugin] = {}
    for entry in sorted(metadata.entry_points(group=group), key=_order):
        dist = entry.dist.name if entry.dist is not None else "unknown"
        plugin = Plugin(entry.name, entry.value, _normal(dist))
        other = found.get(entry.name)
        if other is not None and other.distribution != plugin.distribution:
            raise RuleError(
                f"{group} name {entry.name!r} is registered by both {other.distribution} "
                f"and {plugin.distribution}; uninstall one of them"
            )
        found.setdefault(entry.name, plugin)
    return found


def _order(entry: metadata.EntryPoint) -> tuple[bool, str, str]:
    dist = _normal(entry.dist.name) if entry.dist is not None else ""
    return (dist != OWN_DISTRIBUTION, dist, entry.name)


def _normal(name: str) -> str:
    return name.lower().replace("_", "-")


def load_check(name: str, fallback: Mapping[str, str]) -> Callable[..., Any] | None:
    """The check function registered as `name`, or None when nothing is."""
    plugin = registry(CHECKS_GROUP, fallback).get(name)
    if plugin is None:
        return None
    check = plugin.load()
    if not callable(check):
        raise RuleError(f"check {name!r} from {plugin.distribution} is not a function")
    return check  # type: ignore[no-any-return]


def load_formatter(name: str, fallback: Mapping[str, str]) -> Callable[..., str] | None:
    """The `render` function registered as `name`, or None when nothing is."""
    plugin = registry(FORMATTERS_GROUP, fallback).get(name)
    if plugin is None:
        return None
    found = plugin.load()
    render = found if callable(found) else getattr(found, "render", None)
    if not callable(render):
        raise RuleError(f"formatter {name!r} from {plugin.distribution} has no render()")
    return render  # type: ignore[no-any-return]


def rule_dirs() -> list[Path]:
    """Folders of rule YAML files that installed plugins ship."""
    dirs = []
    for plugin in _installed(RULES_GROUP).values():
        module = plugin.load()
        where = getattr(module, "__file__", None)
        if where is None:
            raise RuleError(f"rules plugin {plugin.name!r} is not a package with a folder")
        dirs.append(Path(where).parent)
    return dirs
