"""Settings the rules judge, normalized by each input's adapter so no rule reads raw syntax.

An adapter (Terraform today; Kubernetes or CloudFormation tomorrow) knows which attribute
of which resource type turns a service's zone redundancy, deletion protection or
cross-zone balancing on. It records the normalized value here together with the words
the input uses for it (`written`), which findings quote. A rule reads only these fields,
so a new input format gets every rule by filling them in.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from spofcheck.model.base import Frozen


class Toggle(Frozen):
    """A yes/no setting an adapter read, and how the input says it.

    `written` reads like the source: `multi_az = false`, or
    `multi_az unset, defaulting to false` when the provider default applies.
    """

    on: bool
    written: str


class Autoscaling(Frozen):
    """Capacity under autoscaling is a range; rules judge the floor.

    `replicas` on the component is what runs when the scaler is at rest (its desired
    count, or the floor when a scaling policy may shrink the group to it).
    """

    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=0)
    desired: int | None = Field(default=None, ge=0)
    min_written: str = "min"  # the name of the floor's setting, e.g. `min_size`


class CheckPurpose(StrEnum):
    """What a component's health check is for.

    `self`: something checks this component (YAML's `health_check`).
    `targets`: a router checks the targets it sends traffic to (a target group's checks).
    `replacement`: a group replaces members that fail a check (an auto scaling group).
    """

    SELF = "self"
    TARGETS = "targets"
    REPLACEMENT = "replacement"


class Settings(Frozen):
    """Provider switches in normalized form; None: not applicable, or not known."""

    zone_redundancy: Toggle | None = None  # the managed service's own multi-zone switch
    zonal_copies: bool = False  # keeps several copies inside its one zone (LRS, One Zone)
    deletion_protection: Toggle | None = None
    cross_zone_load_balancing: Toggle | None = None
    read_replica: bool = False  # a copy serving reads for a primary, not a store of its own
    backups_written: str | None = None  # how the input leaves backups off
    sticky_written: str | None = None  # how the input turns session affinity on
    failover_written: str | None = None  # how the input makes failover manual
    replicas_written: str | None = None  # how the input sets the replica count
    # The replicas are instances of one block keyed by these names (Terraform for_each):
    # perhaps distinct parts rather than copies, so messages call them instances.
    instance_keys: list[str] = Field(default_factory=list)
