"""Job knowledge across companies: skill normalization, the skill pool per job code, digests."""
