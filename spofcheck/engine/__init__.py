"""Stage 3: load the rule catalogue, run rules, apply suppressions and baselines."""
