"""spofcheck: find single points of failure and compute availability from infrastructure code."""

from __future__ import annotations

__version__ = "0.1.0"
