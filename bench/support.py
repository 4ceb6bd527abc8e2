"""What every benchmark sets up the same way: an admin token and the app's settings for a temporary
SQLite database, with request and token limits off (a bench measures the app, not its limits)."""
from __future__ import annotations

from core.config import Settings

TOKEN = "bench-admin-token-0123456789"


def bench_settings(folder: str, llm: str | None = None, **overrides: object) -> Settings:
    """Offline (no model) unless `llm` names an OpenAI-compatible base URL; the test server's
    models are scripted-small and scripted-large."""
    model = ({"llm_base_url": llm, "llm_api_key": "bench", "llm_small_model": "scripted-small",
              "llm_large_model": "scripted-large"} if llm else {"llm_base_url": "", "llm_api_key": ""})
    return Settings(database_url=f"sqlite:///{folder}/bench.db", admin_token=TOKEN, rate_limit_rpm=0,
                    rate_limit_tokens_per_day=0, skill_pool_build_at_start=False, **model, **overrides)  # type: ignore[arg-type]
