"""The composite availability calculator."""
