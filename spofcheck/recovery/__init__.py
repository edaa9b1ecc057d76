"""Recovery: what-if scenarios (forced zone, region and component failures) and RTO/RPO."""
