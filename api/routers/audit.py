"""The audit log: admins read who generated, edited, approved, rejected, or changed the registry or keys."""
from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query

from access.keys import Principal
from api.deps import RuntimeDep, require, visible_company

router = APIRouter(tags=["audit"])
Admin = require("admin", "감사 로그 열람")


@router.get("/audit")
def read_audit(rt: RuntimeDep, principal: Principal = Admin, action: str | None = Query(default=None, max_length=40),
               company_id: str | None = Query(default=None), since: datetime | None = None,
               limit: int = Query(default=100, ge=1, le=1000)):
    """Newest first. `action` matches exactly or as a prefix (`generation` = every generation event).
    A team admin sees its companies' events and its own."""
    if company_id is not None:
        visible_company(rt, principal, company_id)
    scope = None if principal.is_global else set(principal.companies)
    return rt.access.list_audit(companies=scope, key_id=principal.key_id, action=action, company_id=company_id,
                                since=since, limit=limit)
