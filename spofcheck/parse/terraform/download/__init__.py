"""`--download-modules`: fetch remote module sources as `terraform init` would, safely.

Nothing fetched is executed; every failure leaves the module opaque with its reason.
See docs/terraform.md, "Remote modules".
"""
