"""Python checks that catalogue rules point to; one module per check."""
