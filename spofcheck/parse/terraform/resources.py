"""Evaluated Terraform resources: the hand-off between HCL/plan loading and provider adapters.

The loader (HCL folders or plan JSON) produces `Resource` records whose attribute values
are plain Python values where Terraform's value is knowable from the code, and `Unknown`
(or its subclass `Ref`) where it is not. Adapters never see HCL syntax.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spofcheck.model import Location, ParseError

if TYPE_CHECKING:
    from spofcheck.parse.terraform.countswitch import CountSwitch


@dataclass(frozen=True)
class Unknown:
    """A value Terraform only knows at apply time (or that we chose not to evaluate).

    `expr` is the source text, for display; `refs` are the resource addresses (without
    instance keys) that the value was derived from, so edges survive unknown values.
    """

    expr: str = ""
    refs: frozenset[str] = frozenset()

    def __bool__(self) -> bool:  # an unknown is never silently truthy
        raise TypeError("truth value of an Unknown is undefined; test with is_known()")


@dataclass(frozen=True)
class Ref(Unknown):
    """A computed attribute of a known resource instance, e.g. `aws_lb_target_group.tg.arn`.

    `address` is the resource address without instance key; `key` the count index or
    for_each key when the reference picked one instance (None for the whole resource).
    """

    address: str = ""
    key: int | str | None = None
    attribute: str = ""


def is_known(value: Any) -> bool:
    """True when the value, and everything inside it, is known."""
    if isinstance(value, Unknown):
        return False
    if isinstance(value, Mapping):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_known(v) for v in value)
    return True


def iter_refs(value: Any) -> Iterator[Ref]:
    """Every `Ref` found anywhere inside a value."""
    if isinstance(value, Ref):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from iter_refs(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from iter_refs(v)


@dataclass(frozen=True)
class Instance:
    """One instance of a resource: `key` is the count index, the for_each key, or None.

    `attributes` holds the evaluated body; nested blocks (including expanded `dynamic`
    blocks) appear as lists of dicts under the block type, e.g. {"health_check": [{...}]}.
    """

    key: int | str | None
    attributes: Mapping[str, Any]


@dataclass(frozen=True)
class Resource:
    """One `resource` (or `data`) block after evaluation, with all of its instances."""

    address: str  # "module.db.aws_db_instance.this" (no instance key)
    type: str  # "aws_db_instance"
    name: str  # "this"
    mode: str  # "managed" | "data"
    instances: tuple[Instance, ...]
    location: Location
    module_path: tuple[str, ...] = ()  # ("db",) for module.db
    # True when count/for_each could not be evaluated: `instances` then holds one
    # representative instance and the replica count is unknown.
    count_unknown: bool = False
    references: frozenset[str] = frozenset()  # addresses referenced anywhere in the block
    ignores: Mapping[str, str] = field(default_factory=dict)  # rule id -> reason ("" if none)
    provider_config: str | None = None  # "aws.west" when `provider = aws.west` is set
    # An unknown `count` that only switches the resource on or off (`var.x ? 1 : 0`):
    # mutually exclusive variants are folded into one component (adapters/variants.py).
    count_switch: CountSwitch | None = None
    # Under a module call whose unknown count is an on/off switch (`var.x ? 1 : 0`).
    module_switched: bool = False
    # True under a module call with count/for_each: instance keys then also carry the
    # module's key ("a/0"), so they are not this block's own keys.
    module_keyed: bool = False

    @property
    def provider(self) -> str:
        return self.type.split("_", 1)[0]

    @property
    def conditional(self) -> bool:
        """Created only when an unknown condition holds (its own or its module call's
        on/off count); its instances are then those it has when it exists."""
        return self.count_switch is not None or self.module_switched

    @property
    def attributes(self) -> Mapping[str, Any]:
        """The first instance's attributes: what most adapters need."""
        return self.instances[0].attributes if self.instances else {}


@dataclass(frozen=True)
class OpaqueModule:
    """A module call whose source could not be read locally (registry, git, missing)."""

    address: str  # "module.vpc"
    source: str
    location: Location
    reason: str
    version: str | None = None  # the call's `version` constraint, when it has one


@dataclass
class LoadResult:
    """Everything loading Terraform produced: resources, problems and what was skipped."""

    resources: list[Resource] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    opaque_modules: list[OpaqueModule] = field(default_factory=list)
    # Evaluated provider blocks, keyed "aws" or "aws.west" (alias); module-local
    # provider blocks are keyed with their module prefix, e.g. "module.db.aws".
    providers: dict[str, Mapping[str, Any]] = field(default_factory=dict)

    def by_address(self) -> dict[str, Resource]:
        return {r.address: r for r in self.resources}
