"""`python -m spofcheck` runs the CLI."""

from __future__ import annotations

from spofcheck.cli import main

main()
