"""The audit's checks, one module per kind; ``gongkai.audit.registry`` lists them."""
