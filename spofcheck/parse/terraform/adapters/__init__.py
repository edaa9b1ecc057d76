"""Provider adapters: evaluated Terraform resources to components and request-flow edges."""
