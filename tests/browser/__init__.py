"""Browser tests: the workspace page and the playground in headless Chromium."""
