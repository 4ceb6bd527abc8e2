"""API keys: admins create, list and revoke them; a team admin only within its own companies."""
from __future__ import annotations

from fastapi import APIRouter

from access.keys import Principal
from api.deps import RuntimeDep, require, unknown_company
from api.errors import ApiError
from api.runtime import Runtime
from api.schemas import KeyCreate
from store.access import key_view
from store.models import ApiKey

router = APIRouter(tags=["keys"])
Admin = require("admin", "API 키 관리")


def _visible(principal: Principal, row: ApiKey) -> bool:
    if principal.is_global or row.id == principal.key_id:
        return True
    return not row.is_global and bool(row.companies) and set(row.companies) <= principal.companies


def _key_or_404(rt: Runtime, principal: Principal, key_id: str) -> ApiKey:
    row = rt.access.get_key(key_id=key_id)
    if row is None or not _visible(principal, row):
        raise ApiError(404, "unknown_key", f"API 키를 찾을 수 없습니다: {key_id!r}")
    return row


def _one(companies: list[str]) -> str | None:
    """An event about a one-company key is that company's (its team admins read it); others name none."""
    return companies[0] if len(companies) == 1 else None


@router.post("/keys", status_code=201)
def create_key(body: KeyCreate, rt: RuntimeDep, principal: Principal = Admin):
    """Returns the new key once, in `key`: only its hash is stored."""
    companies = set(body.companies)
    if body.global_ and companies:
        raise ApiError(422, "invalid_scope", "global=true 키에는 companies를 지정하지 않습니다.")
    if not body.global_ and not companies:
        raise ApiError(422, "invalid_scope", "companies에 회사를 하나 이상 지정하거나 global=true로 만드세요.")
    for company_id in sorted(companies):
        if not principal.sees(company_id) or rt.repo.get_company(company_id) is None:
            raise unknown_company(company_id)
    if not principal.may_grant(role=body.role, companies=companies, is_global=body.global_):
        raise ApiError(403, "forbidden", "자신의 권한보다 넓은 키는 만들 수 없습니다 (global keys: global admins only).")
    row, secret = rt.access.create_key(name=body.name, role=body.role, companies=sorted(companies), is_global=body.global_,
                                       requests_per_minute=body.requests_per_minute, tokens_per_day=body.tokens_per_day,
                                       created_by=principal.key_id)
    rt.access.audit(actor=principal, action="key.create", company_id=_one(sorted(companies)),
                    target=row.id, detail={"role": body.role, "global": body.global_, "companies": sorted(companies)})
    return key_view(row) | {"key": secret}


@router.get("/keys")
def list_keys(rt: RuntimeDep, principal: Principal = Admin, include_revoked: bool = False):
    return [key_view(r) for r in rt.access.list_keys(include_revoked=include_revoked) if _visible(principal, r)]


@router.get("/keys/{key_id}")
def get_key(key_id: str, rt: RuntimeDep, principal: Principal = Admin):
    return key_view(_key_or_404(rt, principal, key_id))


@router.delete("/keys/{key_id}")
def revoke_key(key_id: str, rt: RuntimeDep, principal: Principal = Admin):
    """Revocation takes effect at once: every request looks its key up; browser sessions end too."""
    row = _key_or_404(rt, principal, key_id)
    if row.revoked_at is not None:
        return key_view(row)
    revoked = rt.access.revoke_key(key_id=key_id)
    rt.access.audit(actor=principal, action="key.revoke", target=key_id,
                    company_id=_one(row.companies), detail={"name": row.name, "source": row.source})
    return key_view(revoked)  # type: ignore[arg-type]
