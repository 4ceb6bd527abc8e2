"""The sensitive-entity registry of a company: admins only, since its entries are the secrets."""
from __future__ import annotations

from fastapi import APIRouter, Query

from access.keys import Principal
from api.deps import RuntimeDep, require, visible_company
from api.errors import ApiError
from api.schemas import SensitiveEntityIn
from catalog.models import SensitiveEntityRecord
from guards.entity_proposer import propose_entities

router = APIRouter(tags=["registry"])
Admin = require("admin", "비공개 정보 목록(registry) 열람·수정")


@router.get("/companies/{company_id}/sensitive-entities")
def list_sensitive(company_id: str, rt: RuntimeDep, principal: Principal = Admin):
    visible_company(rt, principal, company_id)
    return [e.model_dump() for e in rt.repo.get_sensitive_entities(company_id)]


@router.post("/companies/{company_id}/sensitive-entities", status_code=201)
def add_sensitive(company_id: str, body: SensitiveEntityIn, rt: RuntimeDep, principal: Principal = Admin):
    visible_company(rt, principal, company_id)
    added = rt.repo.add_sensitive_entities(company_id, [SensitiveEntityRecord(**body.model_dump(), source="manual")])
    if not added:
        raise ApiError(409, "already_registered", f"이미 등록된 항목입니다: {body.text!r}")
    # The audit log is read by admins only, yet it names the category, not the secret.
    rt.access.audit(actor=principal, action="registry.add", company_id=company_id,
                    detail={"category": body.category, "aliases": len(body.aliases)})
    rt.worker.enqueue(company_id)  # profiles and drafts are rebuilt without the new entry
    return body.model_dump() | {"source": "manual"}


@router.delete("/companies/{company_id}/sensitive-entities")
def delete_sensitive(company_id: str, rt: RuntimeDep, principal: Principal = Admin, text: str = Query(min_length=1)):
    visible_company(rt, principal, company_id)
    category = next((e.category for e in rt.repo.get_sensitive_entities(company_id) if e.text == text), None)
    if not rt.repo.delete_sensitive_entity(company_id, text):
        raise ApiError(404, "unknown_entity", f"등록되지 않은 항목입니다: {text!r}")
    rt.access.audit(actor=principal, action="registry.delete", company_id=company_id, detail={"category": category})
    rt.worker.enqueue(company_id)
    return {"deleted": text}


@router.post("/companies/{company_id}/sensitive-entities/proposals")
def propose_sensitive(company_id: str, rt: RuntimeDep, principal: Principal = Admin):
    """Look for candidates in the company's documents now; new ones are stored as pending proposals
    (never added to the registry until an admin accepts them). Returns every pending proposal."""
    visible_company(rt, principal, company_id)
    existing = rt.repo.get_sensitive_entities(company_id)
    rt.onboarding.save_proposals(company_id=company_id, proposals=propose_entities(rt.repo.get_documents(company_id), existing))
    return rt.onboarding.list_proposals(company_id=company_id, status="pending")
