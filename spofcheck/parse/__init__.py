"""Stage 1: read Terraform, plan JSON and YAML architecture descriptions into the model."""
