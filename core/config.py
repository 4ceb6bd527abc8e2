from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration, read from the environment (prefix ``JOBPOST_``)."""

    model_config = SettingsConfigDict(env_prefix="JOBPOST_", env_file=".env", extra="ignore")

    # Storage. SQLite is the embedded default; a postgresql+psycopg:// URL switches to PostgreSQL.
    database_url: str = Field(default=f"sqlite:///{REPO_ROOT / 'var' / 'jobpost.db'}",
                              validation_alias=AliasChoices("JOBPOST_DATABASE_URL", "DATABASE_URL", "database_url"))
    # Checkpoints for paused (review) threads. Empty: same backend as database_url
    # (SQLite file next to the app database, or the same PostgreSQL database).
    checkpoint_url: str = ""
    sample_data_dir: Path = REPO_ROOT / "data" / "sample"
    seed_sample_data: bool = True

    # LLM backends: any OpenAI-compatible endpoint. No base URL and no key = offline mode.
    llm_base_url: str = ""
    llm_api_key: str = ""
    llm_small_model: str = "gpt-4o-mini"
    llm_large_model: str = "gpt-4o"
    llm_small_base_url: str = ""  # per-tier override, e.g. a local vLLM for the cheap tier
    llm_large_base_url: str = ""
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 2
    llm_temperature: float = 0.3
    # Several endpoints (or keys) per tier, tried in order: a JSON list of
    # {"base_url": ..., "api_key": ..., "model": ...}. Unset: the single settings above make one
    # endpoint per tier. A failing endpoint is retried with backoff (llm_max_retries times, on
    # 429, 5xx, timeouts, connection errors), then cools down and the next one serves.
    llm_small_endpoints: list[dict] = Field(default_factory=list)
    llm_large_endpoints: list[dict] = Field(default_factory=list)
    llm_retry_backoff_s: float = Field(default=0.5, ge=0)  # first retry wait; doubles each retry
    llm_cooldown_s: float = Field(default=30.0, ge=0)
    # With a model configured, a small-tier judge reviews each request and each posting as well as
    # the rules. Request side: a judge failure leaves the rules' verdict. Output side: fails closed.
    judge_enabled: bool = True
    # Exact-match response cache: a model-written posting is reused for an identical normalized
    # request (same company data, rules, prompts, models) for this many hours; 0 turns it off.
    response_cache_hours: float = Field(default=24.0, ge=0)

    # Service 1: how many draft sets are written at once when a company is (re)processed.
    draft_concurrency: int = Field(default=4, ge=1, le=64)
    # The skill pool is built from the stored postings and, when set, the Wanted-format postings
    # in this folder (e.g. ../shared/data/wanted), read at build time.
    skill_pool_wanted_dir: str = ""
    # Build the pool in the background at start-up when none was built yet (or resume a cut-off one).
    skill_pool_build_at_start: bool = True
    # Uploaded company documents.
    max_document_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)

    # Request limits.
    max_request_chars: int = Field(default=4000, ge=100)

    # Access control. JOBPOST_ADMIN_TOKEN, when set, is a global admin key (at least 16 characters)
    # for operators and automated provisioning; unset, the key it made is revoked at start-up.
    admin_token: str = ""
    # Where `python server.py` keeps the local admin key it creates when no key exists (untracked).
    local_admin_key_file: Path = REPO_ROOT / "var" / "admin.key"
    # Per-key limits (a key may override both); 0 switches a limit off.
    rate_limit_rpm: int = Field(default=120, ge=0)
    rate_limit_tokens_per_day: int = Field(default=500_000, ge=0)
    # Redis URL for limits shared across server processes; empty: in-process limits.
    redis_url: str = ""

    # Queue and background jobs (jobs/). Custom runs of the large tier: at most this many at once,
    # the rest wait in line (POST /generations, /generations/stream and POST /jobs alike).
    queue_concurrency_large: int = Field(default=4, ge=1)
    # embedded: jobs run in the API process (database as the queue); redis: through Redis
    # (taskiq-redis streams) to `python -m jobs.worker` processes, and admission is shared there.
    queue_backend: Literal["embedded", "redis"] = "embedded"
    queue_name: str = Field(default="jobpost", pattern=r"^[A-Za-z0-9_:.-]{1,64}$")  # Redis key prefix and stream
    job_max_attempts: int = Field(default=2, ge=1)  # a job whose worker died is retried until this many tries
    job_lease_s: float = Field(default=30.0, gt=0)  # a running job's lease, renewed every third of it
    # Wait estimates before any run was measured (then moving averages of measured runs).
    eta_prior_run_s: float = Field(default=15.0, gt=0)
    eta_prior_ttft_s: float = Field(default=1.0, gt=0)
    eta_prior_tokens_per_s: float = Field(default=40.0, gt=0)
    eta_alpha: float = Field(default=0.2, gt=0, le=1)
    # Webhooks of POST /jobs are signed with this (HMAC-SHA256); empty: webhooks are refused.
    webhook_secret: str = ""
    webhook_attempts: int = Field(default=3, ge=1)
    webhook_timeout_s: float = Field(default=5.0, gt=0)
    # PostgreSQL checkpointer connection pool size.
    pg_pool_max: int = Field(default=10, ge=1)
    # Browsers sign in at /login and get a session cookie that lasts this long.
    session_ttl_hours: float = Field(default=12.0, gt=0)
    # Origins allowed to call the API from a browser (comma-separated); empty: same origin only.
    cors_origins: str = ""
    # Strict-Transport-Security max-age; 0 leaves the header off (turn on behind TLS).
    hsts_seconds: int = Field(default=0, ge=0)

    # Retrieval: company documents above this many characters are chunked and searched
    # instead of being passed whole.
    retrieval_char_budget: int = 6000
    retrieval_top_k: int = 6
    chunk_chars: int = 600

    @field_validator("admin_token")
    @classmethod
    def _strong_admin_token(cls, v: str) -> str:
        v = v.strip()
        if v and len(v) < 16:
            raise ValueError("JOBPOST_ADMIN_TOKEN must be at least 16 characters")
        return v

    def cors_origin_list(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.cors_origins.split(",") if o.strip()]

    @property
    def offline(self) -> bool:
        return not (self.llm_base_url or self.llm_api_key or self.llm_small_base_url or self.llm_large_base_url
                    or self.llm_small_endpoints or self.llm_large_endpoints)

    def resolved_checkpoint_url(self) -> str:
        if self.checkpoint_url:
            return self.checkpoint_url
        if self.database_url.startswith("sqlite"):
            db_path = self.database_url.split("///", 1)[1]
            return f"sqlite:///{Path(db_path).with_suffix('.checkpoints.db')}"
        return self.database_url


@lru_cache
def get_settings() -> Settings:
    return Settings()
