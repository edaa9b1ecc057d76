"""HA015: a stateful store that one `terraform destroy` or replacement can delete."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import read_replica
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Deletion protection off, written or by the provider's default."""
    for component in ctx.components():
        setting = unprotected(component)
        if setting is not None:
            yield Violation(
                component.id,
                f"can be deleted by one apply ({setting}): a destroy, a "
                "rename or a change that forces replacement takes the store and its data "
                "away, and restoring it takes hours",
            )


def unprotected(component: Component) -> str | None:
    """How the input leaves deletion protection off, or None.

    A read replica is left out: deleting one loses no data (the primary holds it).
    """
    protection = component.settings.deletion_protection
    if protection is None or protection.on or read_replica(component):
        return None
    return protection.written
