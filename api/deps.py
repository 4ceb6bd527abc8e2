"""Dependencies the routers share: the runtime, the caller, role checks, tenant-scoped lookups and
the daily token budget. Anything of a company the caller cannot see answers 404, as if absent."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from access.keys import Principal, Role
from access.ratelimit import seconds_to_next_utc_day, utc_day
from api.errors import ApiError
from api.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_principal(request: Request) -> Principal:
    principal = getattr(request.state, "principal", None)
    if principal is None:  # the access middleware lets no such request through; this is a second lock
        raise ApiError(401, "unauthorized", "인증이 필요합니다: Authorization: Bearer <API key> 헤더를 보내세요.")
    return principal


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]

_ROLE_KO = {"writer": "작성자(writer)", "reviewer": "검토자(reviewer)", "admin": "관리자(admin)"}


def ensure_role(principal: Principal, role: Role, what: str) -> None:
    if not principal.has_role(role):
        raise ApiError(403, "forbidden", f"권한이 없습니다 — {what}: {_ROLE_KO[role]} 이상 필요 "
                       f"(requires role {role}; this key's role: {principal.role}).", required_role=role)


def require(role: Role, what: str):
    def dependency(principal: PrincipalDep) -> Principal:
        ensure_role(principal, role, what)
        return principal

    return Depends(dependency)


def unknown_company(company_id: str) -> ApiError:
    return ApiError(404, "unknown_company", f"회사를 찾을 수 없습니다: {company_id!r}")


def visible_company(rt: Runtime, principal: Principal, company_id: str):
    """The company, if it exists and the caller may see it; otherwise the same 404 either way."""
    company = rt.repo.get_company(company_id) if principal.sees(company_id) else None
    if company is None:
        raise unknown_company(company_id)
    return company


def unknown_thread(thread_id: str) -> ApiError:
    return ApiError(404, "unknown_thread", f"생성 요청을 찾을 수 없습니다: {thread_id!r}")


def visible_thread(rt: Runtime, principal: Principal, thread_id: str) -> str:
    """The thread's company, if the thread exists and the caller may see it; otherwise 404."""
    company_id = rt.access.thread_company(thread_id=thread_id)
    if company_id is None or not principal.sees(company_id):
        raise unknown_thread(thread_id)
    return company_id


def token_limit(rt: Runtime, principal: Principal) -> int:
    return principal.tokens_per_day if principal.tokens_per_day is not None else rt.settings.rate_limit_tokens_per_day


def ensure_token_budget(rt: Runtime, principal: Principal) -> None:
    """Refuse work up front when today's model-token budget is spent, so nothing is left half-done.
    A run that starts within the budget finishes, even if it ends above it."""
    limit = token_limit(rt, principal)
    if not limit:
        return
    used = rt.access.tokens_used(key_id=principal.key_id, day=utc_day())
    if used >= limit:
        retry = seconds_to_next_utc_day()
        raise ApiError(429, "token_budget_exhausted",
                       f"오늘의 모델 토큰 한도({limit:,})를 모두 썼습니다 (사용 {used:,}). 내일(UTC 0시) 다시 시도하세요.",
                       headers={"Retry-After": str(retry)}, limit="tokens_per_day", used=used, retry_after_s=retry)


def usage_tokens(usage: dict | None) -> int:
    usage = usage or {}
    return int(usage.get("prompt_tokens", 0)) + int(usage.get("completion_tokens", 0))


def record_tokens(rt: Runtime, principal: Principal, tokens: int, generations: int = 0) -> None:
    if tokens or generations:
        rt.access.add_tokens(key_id=principal.key_id, day=utc_day(), tokens=tokens, generations=generations)
