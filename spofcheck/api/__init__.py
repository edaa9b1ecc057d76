"""The library behind the command line: each function runs one pipeline and returns data."""

from __future__ import annotations
