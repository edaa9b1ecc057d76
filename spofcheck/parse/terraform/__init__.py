"""Terraform: HCL folders and plan JSON to evaluated resources, then adapters to components."""
