"""spofcheck: find single points of failure and compute availability from infrastructure code.

The public API is `spofcheck.scan(paths, root=…)`; names are imported on first use, so
`import spofcheck` and `spofcheck --version` stay instant.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spofcheck.api.pipeline import ScanResult
    from spofcheck.api.simple import scan
    from spofcheck.config import Config
    from spofcheck.errors import ConfigError, ExitCode, SpofcheckError
    from spofcheck.model import AvailabilityResult, Finding, Gate, GateReason, Report

# Public name -> the module that defines it.
_LAZY = {
    "scan": "spofcheck.api.simple",
    "ScanResult": "spofcheck.api.pipeline",
    "Config": "spofcheck.config",
    "ConfigError": "spofcheck.errors",
    "ExitCode": "spofcheck.errors",
    "SpofcheckError": "spofcheck.errors",
    "AvailabilityResult": "spofcheck.model",
    "Finding": "spofcheck.model",
    "Gate": "spofcheck.model",
    "GateReason": "spofcheck.model",
    "Report": "spofcheck.model",
}

__all__ = [
    "AvailabilityResult",
    "Config",
    "ConfigError",
    "ExitCode",
    "Finding",
    "Gate",
    "GateReason",
    "Report",
    "ScanResult",
    "SpofcheckError",
    "__version__",
    "scan",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'spofcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
