"""count / for_each instances: one component of replicas, or one component per instance.

Instances whose drafts (what an adapter reads from them) are equal once placement is set
aside (zones, subnets, region; the replica count is a setting, not placement) are
replicas of one thing and stay one component under the resource's address. Otherwise
(or when they pick different instances of a split resource) every instance becomes its
own resource,
`aws_lb_target_group.this["web"]` or `aws_instance.web[1]`, and references are rewired:
one that picks an instance points at that instance, one to the whole resource at all.
"""

from __future__ import annotations

import dataclasses
import json
from collections import deque
from collections.abc import Mapping
from typing import Any

from spofcheck.parse.terraform.adapters.base import Context, Draft
from spofcheck.parse.terraform.adapters.registry import handler_for
from spofcheck.parse.terraform.resources import (
    Instance,
    LoadResult,
    Ref,
    Resource,
    Unknown,
    iter_refs,
)

# Instances read one by one, per resource and per stack; beyond that a resource stays one
# component read from its first instance (with a note). Reading drafts every instance, and
# a small hostile file must not turn into tens of thousands of components, each a node of
# every graph query and of the availability calculator.
MAX_SPLIT = 256
MAX_STACK_SPLIT = 2_000
# Mistakes a handler can make on input it did not expect: the instances then stay folded.
_HANDLER_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError)

Plans = Mapping[str, Mapping[int | str, str]]  # resource address -> key -> instance address


def instance_address(address: str, key: int | str) -> str:
    """Terraform's address of one instance: `a.b[0]`, `a.b["web"]`."""
    if isinstance(key, int):
        return f"{address}[{key}]"
    return f"{address}[{json.dumps(key, ensure_ascii=False)}]"


def split_instances(result: LoadResult, ctx: Context) -> LoadResult:
    """The load result (`ctx` is its context) with every resource whose instances read
    differently split per instance; the same object when nothing splits."""
    plans, notes = _plans(ctx)
    if not plans and not notes:
        return result
    if not plans:
        return dataclasses.replace(result, notes=[*result.notes, *notes])
    resources = [part for res in result.resources for part in _parts(res, plans)]
    rewired = [_rewire(res, plans) for res in resources]
    return dataclasses.replace(result, resources=rewired, notes=[*result.notes, *notes])


def _plans(ctx: Context) -> tuple[dict[str, dict[int | str, str]], list[str]]:
    """Resource address -> key -> instance address, for each resource to split; notes."""
    planner = _Planner(ctx)
    planner.run()
    return planner.plans, planner.notes


class _Planner:
    """Decides which resources split, spending the stack's budget in address order.

    A resource splits when its instances read differently, or when they pick different
    instances of a resource that splits (one listener per target group): folded, it
    would be read from its first instance and lose the others' links. Only the resources
    referring to one that just split are looked at again, so the work stays linear.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.plans: dict[str, dict[int | str, str]] = {}
        self.notes: list[str] = []
        self.left = MAX_STACK_SPLIT
        self.settled: set[str] = set()
        self.queue: deque[str] = deque()

    def run(self) -> None:
        for res in self.ctx.resources.values():  # sorted by address
            if not _keyed(res):
                continue
            if len(res.instances) > MAX_SPLIT:
                self.settled.add(res.address)
                self.notes.append(_too_many(res, f"more than {MAX_SPLIT} to read one by one"))
            elif _differ(res, self.ctx):
                self._split(res)
        while self.queue:
            for address in self.ctx.referrers.get(self.queue.popleft(), ()):
                res = self.ctx.resources[address]
                if address not in self.settled and _keyed(res) and self._picks_differ(res):
                    self._split(res)

    def _picks_differ(self, res: Resource) -> bool:
        picks = {self._picked(i) for i in res.instances}
        return len(picks) > 1

    def _picked(self, inst: Instance) -> frozenset[tuple[str, int | str | None]]:
        refs = iter_refs(inst.attributes)
        return frozenset((r.address, r.key) for r in refs if r.address in self.plans)

    def _split(self, res: Resource) -> None:
        self.settled.add(res.address)
        n = len(res.instances)
        if n > self.left:
            why = f"over what is left ({self.left}) of the stack's {MAX_STACK_SPLIT:,} to split"
            self.notes.append(_too_many(res, why))
            return
        self.left -= n
        self.plans[res.address] = {k: instance_address(res.address, k) for k, _ in _own(res)}
        self.queue.append(res.address)


def _own(res: Resource) -> list[tuple[int | str, Instance]]:
    """The instances with their keys (every instance of a keyed resource has one)."""
    return [(i.key, i) for i in res.instances if i.key is not None]


def _keyed(res: Resource) -> bool:
    """Several instances known by their own keys (not under a keyed module call)."""
    return (
        res.mode == "managed"
        and len(res.instances) > 1
        and not res.count_unknown
        and not res.module_keyed
        and all(i.key is not None for i in res.instances)
    )


def _too_many(res: Resource, why: str) -> str:
    return (
        f"{res.address}: {len(res.instances)} instances, {why}; they are one component "
        "with the first instance's settings"
    )


def _differ(res: Resource, ctx: Context) -> bool:
    """True when two instances read differently, placement aside."""
    handler = handler_for(res.type)
    seen: tuple[Any, ...] | None = None
    for inst in res.instances:
        try:
            reading = _unplaced(handler(dataclasses.replace(res, instances=(inst,)), ctx))
        except _HANDLER_ERRORS:
            return False  # assembly reports the handler's error on the whole resource
        if seen is not None and reading != seen:
            return True
        seen = reading
    return False


_PLACED = frozenset({"placement", "region"})
_READ = tuple(f.name for f in dataclasses.fields(Draft) if f.name not in _PLACED)


def _unplaced(draft: Draft) -> tuple[Any, ...]:
    """What the draft says apart from where it runs (its replica count stays): copies in
    other zones, subnets or regions are still replicas of one thing."""
    return (draft.placement.replicas, *(getattr(draft, name) for name in _READ))


def _parts(res: Resource, plans: Plans) -> list[Resource]:
    keys = plans.get(res.address)
    if keys is None:
        return [res]
    return [dataclasses.replace(res, address=keys[k], instances=(i,)) for k, i in _own(res)]


def _rewire(res: Resource, plans: Plans) -> Resource:
    """References to split resources aimed at the instance they pick, or at all of them."""
    if not (res.references & plans.keys()) and not _mentions(res, plans):
        return res
    walker = _Rewirer(plans)
    instances = tuple(Instance(i.key, walker.value(i.attributes)) for i in res.instances)
    references: set[str] = set()
    for address in res.references:
        references |= walker.narrowed(address)
    references.discard(res.address)
    return dataclasses.replace(res, instances=instances, references=frozenset(references))


def _mentions(res: Resource, plans: Plans) -> bool:
    """References reached through values only (a local built from a split resource)."""
    return any(r.address in plans for i in res.instances for r in iter_refs(i.attributes))


class _Rewirer:
    """Rewrites values, remembering which instances of each split resource they picked."""

    def __init__(self, plans: Plans) -> None:
        self.plans = plans
        self.picked: dict[str, set[str]] = {}
        self.whole: set[str] = set()

    def narrowed(self, address: str) -> set[str]:
        """What a block-level reference to `address` becomes: the instances its values
        picked when they never used the whole resource, else every instance."""
        keys = self.plans.get(address)
        if keys is None:
            return {address}
        picked = self.picked.get(address)
        if picked and address not in self.whole:
            return set(picked)
        return set(keys.values())

    def value(self, value: Any) -> Any:
        if isinstance(value, Unknown):
            return self._unknown(value)
        if isinstance(value, Mapping):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value

    def _unknown(self, value: Unknown) -> Unknown:
        keys = self.plans.get(value.address) if isinstance(value, Ref) else None
        if isinstance(value, Ref) and keys is not None and value.key is not None:
            target = keys.get(value.key)
            if target is not None:
                return self._picked(value, target)
        refs = frozenset(self._refs(value.refs))
        if keys is not None:  # the whole split resource: no longer one instance to read
            return Unknown(expr=value.expr, refs=refs)
        return value if refs == value.refs else dataclasses.replace(value, refs=refs)

    def _picked(self, ref: Ref, target: str) -> Ref:
        """A reference to one instance of a split resource, aimed at that instance."""
        self.picked.setdefault(ref.address, set()).add(target)
        refs = frozenset(self._refs(ref.refs - {ref.address}) | {target})
        return dataclasses.replace(ref, refs=refs, address=target)

    def _refs(self, refs: frozenset[str]) -> set[str]:
        out: set[str] = set()
        for address in refs:
            keys = self.plans.get(address)
            if keys is None:
                out.add(address)
            else:
                self.whole.add(address)
                out |= set(keys.values())
        return out
