from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    industry: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    intro: Mapped[str] = mapped_column(Text, default="")
    talent_profile: Mapped[list] = mapped_column(JSON, default=list)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40), default="intro")
    text: Mapped[str] = mapped_column(Text)


class PastPosting(Base):
    __tablename__ = "postings"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    job_code: Mapped[str] = mapped_column(String(16), index=True)
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)
    language: Mapped[str] = mapped_column(String(4), default="ko")
    title: Mapped[str] = mapped_column(String(300))
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    posted_at: Mapped[str | None] = mapped_column(String(10), nullable=True)
    # Where it came from (bundled | collector | api) and whether other teams may see it among
    # similar postings: a posting collected from a public job site is public, a pasted one is not.
    source: Mapped[str] = mapped_column(String(16), default="bundled", server_default="bundled")
    public: Mapped[bool] = mapped_column(default=True, server_default="1")


class SensitiveEntity(Base):
    __tablename__ = "sensitive_entities"
    __table_args__ = (UniqueConstraint("company_id", "text", name="uq_sensitive_company_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(40))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(20), default="registry")  # registry | proposed | manual


class Draft(Base):
    """A pre-generated template draft: one per (company, job code, level, style, language)."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("company_id", "job_code", "level", "style", "language", name="uq_draft_key_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    job_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))  # "any" when no level was chosen
    style: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(4), default="ko", server_default="ko")
    title: Mapped[str] = mapped_column(String(300))
    markdown: Mapped[str] = mapped_column(Text)
    generator: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Model tokens spent writing the three drafts of this key (0 offline), stored on each style.
    tokens: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The validated text, findings and status of this draft (nodes.validate_output), and the
    # fingerprint of what it was validated against (rules, registry, company data, judge): the
    # template route reuses it until one of those changes.
    check_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    check_result: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class GenerationRun(Base):
    """One posting request, written when it reaches review and updated by the reviewer's decision."""

    __tablename__ = "generation_runs"

    thread_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    job_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[str | None] = mapped_column(String(16), nullable=True)
    route: Mapped[str] = mapped_column(String(16))
    request: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))  # pending_review | approved | rejected | blocked
    draft_markdown: Mapped[str] = mapped_column(Text, default="")
    final_markdown: Mapped[str | None] = mapped_column(Text, nullable=True)
    findings: Mapped[list] = mapped_column(JSON, default=list)
    usage: Mapped[dict] = mapped_column(JSON, default=dict)
    reviewer_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class ApiKey(Base):
    """An API key: only its SHA-256 hash is stored; the key itself is shown once, at creation."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    role: Mapped[str] = mapped_column(String(16))  # writer | reviewer | admin
    companies: Mapped[list] = mapped_column(JSON, default=list)  # empty with is_global: every company
    is_global: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(16), default="api")  # api | cli | env | local
    requests_per_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: the default
    tokens_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class BrowserSession(Base):
    """A signed-in browser (the playground, the workspace page): a cookie that stands for one key."""

    __tablename__ = "browser_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class KeyUsage(Base):
    """Model tokens a key spent on one UTC day (the daily token limit reads this)."""

    __tablename__ = "key_usage"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    tokens: Mapped[int] = mapped_column(Integer, default=0)
    generations: Mapped[int] = mapped_column(Integer, default=0)


class ThreadOwner(Base):
    """Which company (and which key) a generation thread belongs to, recorded when it starts."""

    __tablename__ = "thread_owners"

    thread_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    key_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A custom run admitted through the queue: the wait it was told, and the wait it had (seconds).
    predicted_wait_s: Mapped[float | None] = mapped_column(nullable=True)
    actual_wait_s: Mapped[float | None] = mapped_column(nullable=True)


class AuditEvent(Base):
    """Who did what, to which company, and when."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    key_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    key_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    company_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    target: Mapped[str | None] = mapped_column(String(200), nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class JobProfileRow(Base):
    """Service 1's pre-extracted profile of one job at one company (duties, skills, benefits, 인재상)."""

    __tablename__ = "job_profiles"

    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True)
    job_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    profile: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntityProposal(Base):
    """A registry entry Service 1 proposes; an admin accepts or rejects it (never applied by itself)."""

    __tablename__ = "entity_proposals"
    __table_args__ = (UniqueConstraint("company_id", "text", name="uq_proposal_company_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(40))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | accepted | rejected
    decided_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class OnboardingJob(Base):
    """Service 1's background job for one company: state, progress and the steps already done."""

    __tablename__ = "onboarding_jobs"

    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default="queued")  # queued | processing | ready | failed
    progress: Mapped[float] = mapped_column(default=0.0)
    digest: Mapped[str] = mapped_column(String(64), default="")  # the company data this run is for
    steps_done: Mapped[list] = mapped_column(JSON, default=list)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SkillPoolBatch(Base):
    """One rebuild of the skill pools: which job codes are done, so an interrupted one resumes."""

    __tablename__ = "skill_pool_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    state: Mapped[str] = mapped_column(String(16), default="running")  # running | done | failed
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    job_codes_done: Mapped[list] = mapped_column(JSON, default=list)
    sources: Mapped[dict] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class SkillPoolEntry(Base):
    __tablename__ = "skill_pool_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("skill_pool_batches.id", ondelete="CASCADE"), index=True)
    job_code: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # required | preferred | duties
    rank: Mapped[int] = mapped_column(Integer)
    entry: Mapped[dict] = mapped_column(JSON, default=dict)


class GenerationJob(Base):
    """One queued generation run (POST /jobs): state, lease, predicted and actual wait."""

    __tablename__ = "generation_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    thread_id: Mapped[str] = mapped_column(String(64), unique=True)
    company_id: Mapped[str] = mapped_column(String(64), index=True)
    key_id: Mapped[str] = mapped_column(String(32), index=True)
    tier: Mapped[str] = mapped_column(String(16))  # large (custom) | template
    state: Mapped[str] = mapped_column(String(16), default="queued")  # queued | running | succeeded | failed | cancelled
    request: Mapped[dict] = mapped_column(JSON, default=dict)
    webhook_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    webhook_status: Mapped[str | None] = mapped_column(String(16), nullable=True)  # delivered | failed
    webhook_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Who runs it and until when: a lease not renewed in time means the worker died.
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    predicted_wait_s: Mapped[float | None] = mapped_column(nullable=True)
    actual_wait_s: Mapped[float | None] = mapped_column(nullable=True)
    ttft_s: Mapped[float | None] = mapped_column(nullable=True)
    run_s: Mapped[float | None] = mapped_column(nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class JobEvent(Base):
    """What happened to a job, in order: replayed by its SSE stream and the key's notifications."""

    __tablename__ = "job_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("generation_jobs.id", ondelete="CASCADE"), index=True)
    key_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))  # state | job_finished
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ServiceStats(Base):
    """Moving averages of measured run time per tier, kept so a restart does not forget them."""

    __tablename__ = "service_stats"

    tier: Mapped[str] = mapped_column(String(16), primary_key=True)
    samples: Mapped[int] = mapped_column(Integer, default=0)
    run_s: Mapped[float] = mapped_column(default=0.0)
    ttft_s: Mapped[float] = mapped_column(default=0.0)
    tokens_per_s: Mapped[float] = mapped_column(default=0.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ModelCall(Base):
    """One chat-model call: who it was for, which endpoint served it, tokens and timings."""

    __tablename__ = "model_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    day: Mapped[str] = mapped_column(String(10), index=True)  # UTC day: /usage groups by it on any backend
    thread_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    company_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    node: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the LangGraph node that called
    tier: Mapped[str] = mapped_column(String(16))  # small | large
    endpoint: Mapped[str] = mapped_column(String(300), default="")  # host/model, never the key
    model: Mapped[str] = mapped_column(String(200), default="")
    prompt_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cached_tokens: Mapped[int] = mapped_column(Integer, default=0)
    ttft_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    ok: Mapped[bool] = mapped_column(default=True)
    error: Mapped[str | None] = mapped_column(String(200), nullable=True)  # error type and status, no message
    fallbacks: Mapped[int] = mapped_column(Integer, default=0)  # endpoints that failed before this one
    retries: Mapped[int] = mapped_column(Integer, default=0)


class ResponseCacheEntry(Base):
    """A generated posting (before validation) and what was read to write it, for an identical request."""

    __tablename__ = "response_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    company_id: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    last_hit_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    value: Mapped[dict] = mapped_column(JSON)
