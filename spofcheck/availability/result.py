"""What the calculator returns; the types live in the model so every stage can read them."""

from __future__ import annotations

from spofcheck.model.availability import (
    TOLERANCE,
    AvailabilityResult,
    ComponentAvailability,
    DomainAvailability,
    Method,
)

__all__ = [
    "TOLERANCE",
    "AvailabilityResult",
    "ComponentAvailability",
    "DomainAvailability",
    "Method",
]
