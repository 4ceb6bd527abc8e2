"""Guards: request screening, PII masking, sensitive-entity control and hiring-law checks."""
