"""Python checks that catalogue rules point to; one module per check.

The registry is an explicit dict: a rule's `check:` names a key here. Nothing registers
itself by being imported.
"""

from __future__ import annotations

from spofcheck.checks import spof
from spofcheck.checks.base import CheckFn

CHECKS: dict[str, CheckFn] = {
    "single_point_of_failure": spof.check,
}
