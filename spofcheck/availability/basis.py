"""What "the service" is: the entry points, each inferred entry point, or every serving component.

Declared entry points (YAML `entrypoints:`, an overlay, the config's `entrypoints`) are one
service: every one must be up (rule 5). Inferred ones may be unrelated front doors (a public
load balancer and an internal tools one), so each is judged on its own. With no entry point
at all, the serving components stand in for them: those no other component sends requests
to (configuration and network plumbing, and components scaled to zero, excluded), all of
them up. See docs/availability.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from spofcheck.model import Architecture, Component, Kind
from spofcheck.model.availability import Basis

_PLUMBING = frozenset({Kind.CONFIG, Kind.NETWORK})  # they carry no requests of their own


@dataclass(frozen=True)
class Choice:
    """The basis, the components standing for the service, and a note saying so (or None)."""

    basis: Basis
    entries: tuple[str, ...]
    note: str | None = None


def choose(arch: Architecture) -> Choice:
    """The entry points the value is computed for, and how they combine."""
    entries = tuple(sorted({e for e in arch.entrypoints if e in arch.components}))
    if len(entries) == 1 or (entries and arch.entrypoints_declared):
        # unknown names stay: the structure walk notes and ignores them
        return Choice(Basis.ENTRYPOINTS, tuple(sorted(set(arch.entrypoints))))
    if entries:
        note = (
            f"availability: {len(entries)} inferred entry points, each judged on its own "
            "(the weakest is the value); declare `entrypoints:` to require them all at once"
        )
        return Choice(Basis.EACH_ENTRYPOINT, entries, note + _unknown(arch))
    serving = serving_components(arch)
    if not serving:
        return Choice(Basis.SERVING, ())
    which = (
        f"{_count(len(serving))} nothing else sends requests to"
        if _tops(arch)
        else f"all {_count(len(serving))}: in a cycle, none is free of callers"
    )
    note = (
        f"availability: no entry point declared or inferred; the value is every serving "
        f"component up ({which}); name entry points in an overlay or the config's "
        "`entrypoints` for a figure per front door"
    )
    return Choice(Basis.SERVING, serving, note + _idle(arch) + _unknown(arch))


def _idle(arch: Architecture) -> str:
    idle = sorted(c for c, comp in arch.components.items() if _scaled_to_zero(comp))
    return f"; scaled to zero, so serving nothing: {', '.join(idle)}" if idle else ""


def _scaled_to_zero(comp: Component) -> bool:
    """Written as zero replicas (an idle batch group, a demo kept at 0): it serves nothing
    now, so it does not stand for the service (an entry point that needs it is HA001)."""
    return comp.replicas == 0 and "replicas" not in comp.unresolved


def _unknown(arch: Architecture) -> str:
    unknown = sorted({e for e in arch.entrypoints if e not in arch.components})
    return f"; unknown entry points ignored: {', '.join(unknown)}" if unknown else ""


def serving_components(arch: Architecture) -> tuple[str, ...]:
    """Components no other component depends on through a request edge (hard or soft),
    plumbing excluded; when a cycle leaves none, every component that is not plumbing."""
    return tuple(sorted(_tops(arch) or _candidates(arch)))


def _candidates(arch: Architecture) -> set[str]:
    """Components that can serve requests: not plumbing, and not a DNS name that points at
    nothing modelled (a certificate validation or TXT record), as for inferred entries."""
    sources = {dep.source for dep in arch.request_dependencies()}
    return {
        c
        for c, comp in arch.components.items()
        if comp.kind not in _PLUMBING
        and not (comp.kind is Kind.DNS and c not in sources)
        and not _scaled_to_zero(comp)
    }


def _tops(arch: Architecture) -> set[str]:
    called = {
        t
        for dep in arch.request_dependencies()
        for t in (dep.target, *dep.any_of)
        if t is not None and t != dep.source
    }
    return _candidates(arch) - called


def _count(n: int) -> str:
    return "1 component" if n == 1 else f"{n} components"
