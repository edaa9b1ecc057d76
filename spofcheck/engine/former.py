"""The ids a component had before spofcheck named it more precisely, for baselines and diff.

Three refinements rename a finding without changing the problem it reports: a
`count`/`for_each` resource split into instances (`aws_lb_target_group.this` became
`aws_lb_target_group.this["web"]`), a read replica or global secondary folded into its
primary (the standby's `members`), and mutually exclusive count variants folded into one
component (`variant:<address>` tags). A finding also carries the fingerprints it would
have had under those ids, so a baseline or a base report written before still matches.
"""

from __future__ import annotations

import re

from spofcheck.model import Component

_VARIANT = "variant:"
# A Terraform instance address: the resource address, then `[0]` or `["key"]` (JSON).
_INSTANCE = re.compile(
    r"(?P<address>(module\.[\w-]+(\[[^\]]*\])?\.)*(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[\w-]+)"
    r"\[(\d+|\"(?:[^\"\\]|\\.)*\")\]"
)


def resource_address(component_id: str) -> str | None:
    """The resource address of a Terraform instance address; None for anything else."""
    match = _INSTANCE.fullmatch(component_id)
    return match.group("address") if match else None


def former_ids(component_id: str, component: Component | None) -> list[str]:
    """Ids this component's findings had before the refinements above, sorted."""
    ids: set[str] = set()
    address = resource_address(component_id)
    if address is not None:
        ids.add(address)
    if component is not None:
        ids.update(t.removeprefix(_VARIANT) for t in component.tags if t.startswith(_VARIANT))
        if component.standby is not None:
            ids.update(component.standby.members)
    ids.discard(component_id)
    return sorted(ids)
