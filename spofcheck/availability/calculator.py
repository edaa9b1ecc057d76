"""Exact composite availability: condition on zone/region states, evaluate one BDD per state.

    A = sum over states s of P(s) * P(structure function true | s)

Within a state every component's own capacity is an independent event with probability
p_c(s) (capacity.py); the structure function over those events is one ROBDD
(structure.py), evaluated bottom-up for its probability and top-down for the partial
derivatives dA/dp_c, which give every component's importance in the same pass:
A(c never fails) - A = sum_s P(s) * (1 - p_c(s)) * dA_s/dp_c(s), exact because A_s is
linear in each p_c. See docs/availability.md for the method and a worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import mul

from spofcheck.availability.bdd import Diagram, extract, gradient, probability
from spofcheck.availability.capacity import Capacity, capacity, domain_availability
from spofcheck.availability.catalogue import is_default_source
from spofcheck.availability.domains import State, enumerate_states
from spofcheck.availability.downtime import downtime, nines
from spofcheck.availability.result import (
    TOLERANCE,
    AvailabilityResult,
    ComponentAvailability,
    DomainAvailability,
    Method,
)
from spofcheck.availability.structure import Compiled, Structure, analyse, build
from spofcheck.errors import ConfigError
from spofcheck.model import Architecture

__all__ = ["AvailabilityResult", "compute"]

CHUNK = 128  # states evaluated together: bounds memory, amortises the Python loop
WORK_LIMIT = 40_000_000  # states x diagram nodes; beyond this the value is not computed


def compute(arch: Architecture, *, slo: float | None = None) -> AvailabilityResult:
    """P(every entry point is up) under rules 1-5; `slo` (a fraction) overrides arch.slo."""
    target = arch.slo if slo is None else slo
    _check_slo(target)
    shape = analyse(arch)
    notes = list(shape.notes)
    if not shape.entries:
        reason = "no components" if not arch.components else "no entry points"
        return _not_computed(target, [*notes, f"availability: not computed: {reason}"])
    caps = {c: _capacity(arch, c, notes) for c in shape.order}
    exposures = [r.exposure for cap in caps.values() for r in (*cap.primaries, *cap.standbys)]
    states = enumerate_states(exposures, partial(domain_availability, arch))
    compiled = build(shape)
    diagram = extract(compiled.bdd, compiled.root)
    if states is None or len(states) * diagram.size > WORK_LIMIT:
        why = "too many zone/region combinations to condition on exactly"
        return _not_computed(target, [*notes, f"availability: not computed: {why}"])
    totals = _evaluate(arch, diagram, compiled, caps, states)
    notes.extend(_unreachable_note(arch, shape))
    notes.extend(_unmodelled_note(arch, shape))
    return _assemble(arch, target, shape, totals, notes)


def _check_slo(slo: float | None) -> None:
    if slo is not None and not 0.0 < slo <= 1.0:
        raise ConfigError(f"SLO {slo!r} is not a fraction in (0, 1]", key="slo")


def _capacity(arch: Architecture, component: str, notes: list[str]) -> Capacity:
    cap, extra = capacity(arch, arch.components[component])
    notes.extend(extra)
    return cap


@dataclass
class _Totals:
    """Sums over states, accumulated chunk by chunk."""

    value: float = 0.0
    own: dict[str, float] = field(default_factory=dict)
    importance: dict[str, float] = field(default_factory=dict)
    given_up: dict[str, float] = field(default_factory=dict)  # A given the domain is up
    states: int = 0
    nodes: int = 0


def _evaluate(
    arch: Architecture,
    diagram: Diagram,
    compiled: Compiled,
    caps: dict[str, Capacity],
    states: list[State],
) -> _Totals:
    totals = _Totals(states=len(states), nodes=diagram.size)
    own = _OwnCapacity(compiled.order, caps)
    domains = {d: domain_availability(arch, d) for d in own.domains}
    for start in range(0, len(states), CHUNK):
        chunk = states[start : start + CHUNK]
        p = own.rows(chunk)
        prob = probability(diagram, p)
        grad = gradient(diagram, p, prob)
        service = prob[diagram.root]
        weights = [s.weight for s in chunk]
        totals.value += _dot(weights, service)
        for c, row, g in zip(compiled.order, p, grad, strict=True):
            totals.own[c] = totals.own.get(c, 0.0) + _dot(weights, row)
            lost = [w * (1.0 - x) for w, x in zip(weights, row, strict=True)]
            totals.importance[c] = totals.importance.get(c, 0.0) + _dot(lost, g)
        _domain_sums(totals, domains, chunk, service)
    return totals


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return float(sum(map(mul, a, b)))


class _OwnCapacity:
    """p_c(s) for every component and state, computed once per distinct local situation.

    A component only sees the outages of its own zones and regions, so the states fall
    into a few classes per component; components placed alike share the classing.
    """

    def __init__(self, order: Sequence[str], caps: dict[str, Capacity]) -> None:
        self._caps = [caps[c] for c in order]
        self._local = [cap.domains for cap in self._caps]
        self._cache: list[dict[frozenset[str], float]] = [{} for _ in order]
        self.domains = sorted({d for ds in self._local for d in ds})

    def rows(self, chunk: list[State]) -> list[list[float]]:
        classes: dict[frozenset[str], tuple[list[frozenset[str]], list[int]]] = {}
        rows = []
        for cap, local, cache in zip(self._caps, self._local, self._cache, strict=True):
            if local not in classes:
                classes[local] = _classes(chunk, local)
            keys, index = classes[local]
            values = [_cached(cache, cap, key) for key in keys]
            rows.append([values[j] for j in index])
        return rows


def _classes(chunk: list[State], local: frozenset[str]) -> tuple[list[frozenset[str]], list[int]]:
    """The distinct local outage sets in `chunk`, and which one each state has."""
    seen: dict[frozenset[str], int] = {}
    index = [seen.setdefault(state.down & local, len(seen)) for state in chunk]
    return list(seen), index


def _cached(cache: dict[frozenset[str], float], cap: Capacity, key: frozenset[str]) -> float:
    value = cache.get(key)
    if value is None:
        value = cache[key] = cap.probability(key)
    return value


def _domain_sums(
    totals: _Totals, domains: dict[str, float], chunk: list[State], service: list[float]
) -> None:
    """Accumulate A given each domain is up: the states where it is up, reweighted.

    Where the state split on the domain its weight includes P(up), divided out here;
    where it did not, the domain does not matter and the state counts as it is.
    """
    for d, availability in domains.items():
        total = totals.given_up.get(d, 0.0)
        for state, value in zip(chunk, service, strict=True):
            if d not in state.down:
                scale = availability if d in state.decided else 1.0
                total += state.weight / scale * value
        totals.given_up[d] = total


def _not_computed(slo: float | None, notes: list[str]) -> AvailabilityResult:
    return AvailabilityResult(value=None, slo=slo, method=Method.NOT_COMPUTED, notes=notes)


def _unreachable_note(arch: Architecture, shape: Structure) -> list[str]:
    n = len(arch.components) - len(shape.order)
    if n <= 0:
        return []
    what = "1 component is" if n == 1 else f"{n} components are"
    return [
        f"availability: {what} not on a hard request path from an entry point "
        "and cannot change the value"
    ]


def _unmodelled_note(arch: Architecture, shape: Structure) -> list[str]:
    """Components no adapter models count as never failing: say which were left out."""
    left = sorted(c for c in shape.order if not arch.components[c].modelled)
    if not left:
        return []
    shown = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    return [f"availability: left out {shown}: not modelled, availability and redundancy unknown"]


def _assemble(
    arch: Architecture,
    slo: float | None,
    shape: Structure,
    totals: _Totals,
    notes: list[str],
) -> AvailabilityResult:
    value = min(1.0, max(0.0, totals.value))
    components = sorted(
        (_component(arch, c, totals) for c in shape.order), key=lambda c: (-c.importance, c.id)
    )
    return AvailabilityResult(
        value=value,
        slo=slo,
        meets_slo=None if slo is None else value + TOLERANCE >= slo,
        method=Method.EXACT,
        downtime=downtime(value),
        nines=nines(value),
        components=components,
        domains=_domains(arch, totals, value),
        defaults_used=sorted(c.id for c in components if c.uses_default_figure),
        notes=notes,
        states=totals.states,
        bdd_nodes=totals.nodes,
    )


def _component(arch: Architecture, cid: str, totals: _Totals) -> ComponentAvailability:
    component = arch.components[cid]
    return ComponentAvailability(
        id=cid,
        availability=min(1.0, totals.own[cid]),
        importance=max(0.0, totals.importance[cid]),
        uses_default_figure=is_default_source(component.availability_source),
        figure=component.availability,
        figure_source=component.availability_source,
    )


def _domains(arch: Architecture, totals: _Totals, value: float) -> list[DomainAvailability]:
    out = [
        DomainAvailability(
            id=d,
            availability=domain_availability(arch, d),
            importance=max(0.0, up - value),
        )
        for d, up in totals.given_up.items()
    ]
    return sorted(out, key=lambda d: (-d.importance, d.id))
