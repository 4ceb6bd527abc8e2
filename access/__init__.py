"""Access control: API keys, roles, company tenants, browser sessions, rate limits and the audit log."""
