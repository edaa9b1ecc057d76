"""The composite availability calculator: exact P(service up) with shared failure domains."""

from __future__ import annotations

from spofcheck.availability.calculator import compute
from spofcheck.availability.downtime import Downtime, downtime, format_duration, nines
from spofcheck.availability.result import AvailabilityResult

__all__ = ["AvailabilityResult", "Downtime", "compute", "downtime", "format_duration", "nines"]
