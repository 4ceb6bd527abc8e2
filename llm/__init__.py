"""Chat-model backends: any OpenAI-compatible endpoint, by tier."""
