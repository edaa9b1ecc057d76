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

import contextlib
import time
from dataclasses import dataclass
from functools import partial
from statistics import NormalDist

from spofcheck.availability.capacity import Capacity, capacity, domain_availability
from spofcheck.availability.domains import (
    RESIDUAL,
)
from spofcheck.availability.downtime import downtime, nines
from spofcheck.availability.draws import SamplingTimeout
from spofcheck.availability.evaluate import Totals, evaluate
from spofcheck.availability.factors import Factors, factorise
from spofcheck.availability.plan import SMALL_SHARE, Limits, Plan, least_downtime, plan_states
from spofcheck.availability.readings import replicas_known
from spofcheck.availability.result import (
    TOLERANCE,
    AvailabilityResult,
    ComponentAvailability,
    DomainAvailability,
    Method,
)
from spofcheck.availability.sampled import Draw, Estimate, Strata, estimate
from spofcheck.availability.service import by_basis
from spofcheck.availability.sla import is_default_source
from spofcheck.availability.structure import Structure, analyse
from spofcheck.errors import ConfigError
from spofcheck.model import Architecture

__all__ = ["AvailabilityResult", "Budget", "compute"]


@dataclass(frozen=True)
class Budget:
    """How much exact work one computation may do before it switches to bounds.

    The defaults keep a pre-commit run of a 1,000-component design near a second on a
    shared 2-core machine; see docs/availability.md for what each limit protects.
    """

    max_nodes: int = 5_000  # nodes of one decision diagram (and memo entries kept)
    seconds: float = 5.0  # one deadline: building the diagrams, then sampling
    max_states: int = 65_536  # zone/region states conditioned on
    max_work: int = 30_000_000  # states x (diagram nodes + factors): evaluation's worst case
    # bounds wider than this share of the conservative downtime are refined by sampling
    sample_above: float = 0.01
    samples: int = 20_000  # Monte Carlo samples (0: never sample)
    confidence: float = 0.99  # of the sampled interval
    seed: int = 18  # fixed: the same design gives the same figure


def compute(
    arch: Architecture, *, slo: float | None = None, budget: Budget | None = None
) -> AvailabilityResult:
    """P(the service is up) under rules 1-5; `slo` (a fraction) overrides arch.slo.

    The service is every entry point, each inferred entry point, or every serving
    component (`basis`, chosen in basis.py). Exact within `budget`; beyond it, rigorous
    lower and upper bounds (`method` says which, `reason` which limit was hit). Never
    raises for the size of the design.
    """
    target = arch.slo if slo is None else slo
    _check_slo(target)
    if arch.errors:
        return _broken(arch, target)
    try:
        return by_basis(arch, partial(_compute, target=target, budget=budget or Budget()))
    except (MemoryError, RecursionError):
        why = "memory ran out while computing the value"
        return _not_computed(target, [f"availability: not computed: {why}"], why)


def _compute(arch: Architecture, target: float | None, budget: Budget) -> AvailabilityResult:
    shape = analyse(arch)
    notes = list(shape.notes)
    if not shape.entries:
        reason = "no components" if not arch.components else "no entry points"
        return _not_computed(target, [*notes, f"availability: not computed: {reason}"], reason)
    caps = {c: _capacity(arch, c, notes) for c in shape.order}
    deadline = time.monotonic() + budget.seconds  # building the diagrams, then sampling
    factors = factorise(shape, budget.max_nodes, deadline)
    # per state: a few looked-up values per part, and at worst every diagram node
    size = factors.nodes + 4 * sum(len(g.parts) for t in factors.terms for g in t.groups)
    enough = max(RESIDUAL, SMALL_SHARE * least_downtime(shape, caps))
    limits = Limits(budget.max_states, budget.max_work, size, factors.exact, enough)
    plan = plan_states(arch, caps, limits)
    kept = sorted(_domains_of(caps) - plan.dropped)
    conditioned = {d: domain_availability(arch, d) for d in kept}
    totals = evaluate(factors, caps, plan.states, conditioned)
    notes.extend(_unreachable_note(arch, shape))
    notes.extend(_unmodelled_note(arch, shape))
    uncounted = _uncounted(arch, shape)
    notes.extend(_uncounted_note(uncounted))
    reasons = _reasons(factors, plan, budget)
    result = _assemble(arch, target, shape, totals, notes, _Outcome(factors, plan, reasons))
    if result.method is Method.BOUNDS and not plan.dropped and _too_wide(result, budget):
        draw = Draw(budget.samples, budget.confidence, budget.seed, deadline)
        strata = Strata(plan.states, totals.state_lower, totals.state_upper, plan.residual)
        domains = {d: domain_availability(arch, d) for d in sorted(_domains_of(caps))}
        with contextlib.suppress(MemoryError):  # the bounds stand: sampling only refines
            try:
                result = sampled(result, estimate(shape, factors, caps, domains, strata, draw))
            except SamplingTimeout:
                result = unsampled(result, budget.seconds)
    if not uncounted:
        return result
    # their figures were not used: not listed as defaults the value rests on
    used = [c for c in result.defaults_used if c not in uncounted]
    parts = [
        c.model_copy(update={"uses_default_figure": False}) if c.id in uncounted else c
        for c in result.components
    ]
    return result.model_copy(update={"complete": False, "defaults_used": used, "components": parts})


def _too_wide(result: AvailabilityResult, budget: Budget) -> bool:
    """Bounds wider than `sample_above` of the downtime, and wide enough for N samples
    to narrow: failures rarer than about z^2/N cannot be told from none."""
    low, high = result.lower, result.upper
    if budget.samples <= 0 or low is None or high is None or low >= 1.0:
        return False
    z = NormalDist().inv_cdf(0.5 + budget.confidence / 2.0)
    visible = high - low > z * z / budget.samples
    return visible and (high - low) / (1.0 - low) > budget.sample_above


def _check_slo(slo: float | None) -> None:
    if slo is not None and not 0.0 < slo <= 1.0:
        raise ConfigError(f"SLO {slo!r} is not a fraction in (0, 1]", key="slo")


def _capacity(arch: Architecture, component: str, notes: list[str]) -> Capacity:
    cap, extra = capacity(arch, arch.components[component])
    notes.extend(extra)
    return cap


def _domains_of(caps: dict[str, Capacity]) -> frozenset[str]:
    return frozenset(d for cap in caps.values() for d in cap.domains)


def _not_computed(slo: float | None, notes: list[str], reason: str) -> AvailabilityResult:
    return AvailabilityResult(
        value=None, slo=slo, method=Method.NOT_COMPUTED, notes=notes, reason=reason
    )


def _broken(arch: Architecture, slo: float | None) -> AvailabilityResult:
    """A model with errors gives no figure: a number would look exact but rest on readings
    the file did not state (dropped keys, fallback figures, unknown dependencies)."""
    n = len(arch.errors)
    first = arch.errors[0].one_line()
    reason = f"the model has {n} {'error' if n == 1 else 'errors'} (first: {first})"
    return _not_computed(slo, [f"availability: not computed: {reason}"], reason)


@dataclass(frozen=True)
class _Outcome:
    factors: Factors
    plan: Plan
    reasons: list[str]


def _reasons(factors: Factors, plan: Plan, budget: Budget) -> list[str]:
    """Which limits turned the exact value into bounds, in words."""
    out = []
    if factors.limit == "nodes":
        out.append(f"a decision diagram would exceed {budget.max_nodes:,} nodes")
    elif factors.limit == "time":
        out.append(f"building the decision diagrams would exceed {budget.seconds:g} s")
    elif factors.limit is not None:
        out.append("an `any_of` nesting is too deep to expand")
    if plan.most_down is not None:
        k = plan.most_down
        out.append(
            f"conditioning on every zone/region would exceed the state budget; states with "
            f"more than {k} simultaneous {'outage' if k == 1 else 'outages'} "
            f"(probability {plan.residual:.1e}) are bounded instead"
        )
    if plan.dropped:
        n = len(plan.dropped)
        out.append(
            f"conditioning on every zone/region would exceed the state budget; "
            f"{n} least-used {'domain is' if n == 1 else 'domains are'} bounded instead"
        )
    return out


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


def _uncounted(arch: Architecture, shape: Structure) -> list[str]:
    """Modelled components on a request path whose replica count the input leaves unknown."""
    return sorted(
        c
        for c in shape.order
        if arch.components[c].modelled and not replicas_known(arch.components[c])
    )


def _uncounted_note(left: list[str]) -> list[str]:
    """They count as never failing (not as one replica): the value is an upper bound."""
    if not left:
        return []
    shown = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    return [
        f"availability: left out {shown}: replica count unknown (not read as 1); "
        "counted as never failing, so the value is an upper bound"
    ]


def _assemble(  # noqa: PLR0917
    arch: Architecture,
    slo: float | None,
    shape: Structure,
    totals: Totals,
    notes: list[str],
    outcome: _Outcome,
) -> AvailabilityResult:
    lower = _clip(totals.value * outcome.plan.penalty)
    upper = _clip(totals.upper + outcome.plan.residual)
    exact = not outcome.reasons
    value = _clip(totals.value) if exact else lower
    components = sorted(
        (_component(arch, c, totals) for c in shape.order), key=lambda c: (-c.importance, c.id)
    )
    reason = "; ".join(outcome.reasons) or None
    return AvailabilityResult(
        value=value,
        slo=slo,
        meets_slo=_meets(value, slo),
        method=Method.EXACT if exact else Method.BOUNDS,
        lower=None if exact else lower,
        upper=None if exact else max(upper, lower),
        reason=reason,
        downtime=downtime(value),
        nines=nines(value),
        components=components,
        domains=_domains(arch, totals, _clip(totals.value)),
        defaults_used=sorted(c.id for c in components if c.uses_default_figure),
        notes=notes if reason is None else [*notes, f"availability: bounds, not exact: {reason}"],
        states=totals.states,
        bdd_nodes=outcome.factors.nodes,
    )


def unsampled(result: AvailabilityResult, seconds: float) -> AvailabilityResult:
    """The bounded result as it was, saying that sampling ran out of time."""
    reason = f"{result.reason}; sampling would exceed {seconds:g} s"
    notes = [n for n in result.notes if not n.startswith("availability: bounds, not exact")]
    return result.model_copy(
        update={"reason": reason, "notes": [*notes, f"availability: bounds, not exact: {reason}"]}
    )


def sampled(result: AvailabilityResult, found: Estimate) -> AvailabilityResult:
    """The bounded result refined by the sampled interval, met with the rigorous bounds
    (which hold for certain); unchanged when sampling did not narrow them."""
    low, high = result.lower or 0.0, result.upper or 1.0
    lower, upper = _clip(max(low, found.lower)), _clip(min(high, max(found.upper, low)))
    if upper - lower >= high - low or lower > upper:  # no narrower, or not consistent
        return result
    gap = (high - low) / (1.0 - low)
    reason = (
        f"{result.reason}; bounds {gap:.1%} of the downtime wide, so sampled: "
        f"{found.samples:,} samples, {found.confidence:.0%} confidence, fixed seed"
    )
    notes = [n for n in result.notes if not n.startswith("availability: bounds, not exact")]
    return result.model_copy(
        update={
            "value": lower,
            "meets_slo": _meets(lower, result.slo),
            "method": Method.SAMPLED,
            "lower": lower,
            "upper": upper,
            "reason": reason,
            "downtime": downtime(lower),
            "nines": nines(lower),
            "notes": [*notes, f"availability: sampled, not exact: {reason}"],
            "samples": found.samples,
            "confidence": found.confidence,
        }
    )


def _meets(value: float, slo: float | None) -> bool | None:
    return None if slo is None else value + TOLERANCE >= slo


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def _component(arch: Architecture, cid: str, totals: Totals) -> ComponentAvailability:
    component = arch.components[cid]
    return ComponentAvailability(
        id=cid,
        availability=min(1.0, totals.own[cid]),
        importance=max(0.0, totals.importance[cid]),
        uses_default_figure=is_default_source(component.availability_source),
        figure=component.availability,
        figure_source=component.availability_source,
    )


def _domains(arch: Architecture, totals: Totals, value: float) -> list[DomainAvailability]:
    out = [
        DomainAvailability(
            id=d,
            availability=domain_availability(arch, d),
            importance=max(0.0, up - value),
        )
        for d, up in totals.given_up.items()
    ]
    return sorted(out, key=lambda d: (-d.importance, d.id))
