"""Generation jobs: admission per model tier, ETA from measured service time, background runs, notifications."""
