"""Terragrunt units: a folder with `terragrunt.hcl` is a stack (docs/terraform.md)."""
