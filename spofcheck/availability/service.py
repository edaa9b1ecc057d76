"""The value for the basis `basis.choose` picks, and each entry point's own figure beside it.

`one(arch)` computes P(every entry point of `arch` up); this module calls it for the chosen
entry points together and, when there are several, for each one alone. With basis
`each-entrypoint` the weakest entry point's result is the value (so an SLO is met only when
every entry point meets it on its own); otherwise the value is all of them up.
"""

from __future__ import annotations

from collections.abc import Callable

from spofcheck.availability.basis import choose
from spofcheck.model import Architecture, Kind
from spofcheck.model.availability import (
    AvailabilityResult,
    Basis,
    EntryAvailability,
    Method,
)

One = Callable[[Architecture], AvailabilityResult]
# Each entry point alone is one more computation over up to every component: beyond this
# many (entry points x components), none is made: at the limit the extra work measured
# 0.17 s (10 entry points over 500 components, one core of a shared 2-core machine).
PER_ENTRY_WORK = 5_000


def by_basis(arch: Architecture, one: One) -> AvailabilityResult:
    """The availability under the chosen basis; `not_computed` when nothing can stand for
    the service (no components, or only configuration and network resources)."""
    choice = choose(arch)
    if not choice.entries:
        return _nothing(arch, one)
    alone = _alone(arch, choice.entries, one)
    basis = choice.basis
    notes = [choice.note] if choice.note else []
    if len(choice.entries) > 1 and not alone:
        notes.append(
            f"availability: no figure per entry point: {len(choice.entries)} entry points x "
            f"{len(arch.components)} components is above {PER_ENTRY_WORK:,}"
        )
        if basis is Basis.EACH_ENTRYPOINT:  # the conservative end: all of them up
            basis = Basis.ENTRYPOINTS
    if basis is Basis.EACH_ENTRYPOINT:
        head = min(alone, key=_weakness)
    else:
        head = one(_with(arch, choice.entries))
    if basis is Basis.SERVING and head.value is not None and not _known(arch, head):
        return _unknown(head, notes)
    return head.model_copy(
        update={
            "basis": basis,
            "entrypoints": [_entry(e, r) for e, r in zip(choice.entries, alone, strict=False)],
            "notes": [*notes, *head.notes],
        }
    )


def _nothing(arch: Architecture, one: One) -> AvailabilityResult:
    """No entry point and no serving component: say why, as the calculator would."""
    result = one(_with(arch, ()))
    if arch.components and result.value is None:
        reason = "no entry points and no serving components (only configuration and network)"
        note = f"availability: not computed: {reason}"
        notes = [n for n in result.notes if not n.startswith("availability: not computed")]
        return result.model_copy(
            update={"reason": reason, "notes": [*notes, note], "basis": Basis.SERVING}
        )
    return result


def _known(arch: Architecture, result: AvailabilityResult) -> bool:
    """Whether some component the value rests on has a known figure: an unmodelled type or
    an unread module counts as never failing, so a value made of them only is no figure."""
    return any(
        arch.components[c.id].modelled and arch.components[c.id].kind is not Kind.MODULE
        for c in result.components
        if c.id in arch.components
    )


def _unknown(result: AvailabilityResult, notes: list[str]) -> AvailabilityResult:
    reason = (
        "no entry point, and every serving component's availability is unknown "
        "(not modelled, or an unread module)"
    )
    return AvailabilityResult(
        value=None,
        slo=result.slo,
        method=Method.NOT_COMPUTED,
        reason=reason,
        basis=Basis.SERVING,
        notes=[*notes, *result.notes, f"availability: not computed: {reason}"],
    )


def _alone(arch: Architecture, entries: tuple[str, ...], one: One) -> list[AvailabilityResult]:
    if len(entries) < 2 or len(entries) * len(arch.components) > PER_ENTRY_WORK:
        return []
    return [one(_with(arch, (e,))) for e in entries]


def _with(arch: Architecture, entries: tuple[str, ...]) -> Architecture:
    return arch.model_copy(update={"entrypoints": list(entries)})


def _weakness(result: AvailabilityResult) -> tuple[bool, float]:
    """Not computed first (nothing is known), then the lowest conservative value."""
    value = result.conservative
    return (value is not None, value if value is not None else 0.0)


def _entry(entry: str, result: AvailabilityResult) -> EntryAvailability:
    exact = result.method is Method.EXACT
    return EntryAvailability(
        id=entry,
        value=result.value,
        method=result.method,
        lower=None if exact else result.lower,
        upper=None if exact else result.upper,
    )
