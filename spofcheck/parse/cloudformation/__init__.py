"""CloudFormation, SAM and CDK templates, translated onto the Terraform AWS adapters."""
