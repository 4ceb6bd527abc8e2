"""Onboarding a company: create it, add past postings and documents, follow Service 1's job, and
decide on the registry entries it proposes. Admins only, except reading status and profiles."""
from __future__ import annotations

from fastapi import APIRouter, File, Query, UploadFile

from access.keys import Principal
from api.deps import RuntimeDep, require, visible_company
from api.errors import ApiError
from api.schemas import CompanyCreate, ProposalDecision
from onboarding.documents import DocumentError, read_document
from onboarding.intake import IntakeError, PostingIn

router = APIRouter(tags=["onboarding"])
Admin = require("admin", "회사 등록·자료 추가")
Writer = require("writer", "회사 상태 조회")
MAX_POSTINGS_PER_CALL = 200


@router.post("/companies", status_code=201)
def create_company(body: CompanyCreate, rt: RuntimeDep, principal: Principal = Admin):
    """A new company. Its Service 1 job starts at once; it is `ready` when its data is processed."""
    # One company, one record: a second one with the same name (or id) is almost always a retry.
    if (existing := rt.onboarding.find_company_by_name(name=body.name)) is not None and principal.sees(existing):
        raise ApiError(409, "company_exists", f"같은 이름의 회사가 이미 있습니다: {existing!r}", company_id=existing)
    data = body.model_dump()
    try:
        company_id = rt.onboarding.create_company(**{k: v for k, v in data.items() if k != "id"}, company_id=data["id"])
    except ValueError as exc:
        raise ApiError(409, "company_exists", f"이미 쓰이는 회사 id입니다: {data['id']!r}") from exc
    if not principal.is_global:
        # A team admin onboards for its own team: the new company joins its key's companies.
        rt.access.add_company_to_key(key_id=principal.key_id, company_id=company_id)
    rt.access.audit(actor=principal, action="company.create", company_id=company_id, detail={"name": body.name})
    rt.worker.enqueue(company_id)
    return rt.repo.get_company(company_id).model_dump() | {"status": _status(rt, company_id)}  # type: ignore[union-attr]


@router.post("/companies/{company_id}/postings", status_code=201)
def add_postings(company_id: str, body: list[PostingIn], rt: RuntimeDep, principal: Principal = Admin):
    """Past postings as pasted text (sections are parsed) or as sections; a null job_code is classified."""
    visible_company(rt, principal, company_id)
    if not body:
        raise ApiError(422, "empty_postings", "공고를 하나 이상 보내세요 (send at least one posting).")
    if len(body) > MAX_POSTINGS_PER_CALL:
        raise ApiError(413, "too_many_postings", f"한 번에 최대 {MAX_POSTINGS_PER_CALL}건까지 등록할 수 있습니다 ({len(body)}건).")
    try:
        records, report = zip(*(p.to_record(company_id, i) for i, p in enumerate(body)))
    except IntakeError as exc:
        raise ApiError(422, "invalid_posting", str(exc)) from exc
    # All or nothing: one transaction for the whole list, after every item validated.
    ids = rt.onboarding.add_postings(company_id=company_id, postings=list(records))
    rt.access.audit(actor=principal, action="company.postings", company_id=company_id, detail={"added": len(ids)})
    rt.worker.enqueue(company_id)
    return [{"id": pid, **r} for pid, r in zip(ids, report)]


@router.post("/companies/{company_id}/documents", status_code=201)
async def upload_document(company_id: str, rt: RuntimeDep, principal: Principal = Admin, file: UploadFile = File(...)):
    """A company document (.txt .md .pdf .docx .html). Unreadable or unsupported files store nothing."""
    visible_company(rt, principal, company_id)
    limit = rt.settings.max_document_bytes
    content = await file.read(limit + 1)
    try:
        doc = read_document(file.filename or "document", content, max_bytes=limit, content_type=file.content_type)
    except DocumentError as exc:
        raise ApiError(exc.status, exc.code, str(exc)) from exc
    doc_id = rt.onboarding.add_document(company_id=company_id, title=doc.title, kind=doc.kind, text=doc.text)
    rt.access.audit(actor=principal, action="company.document", company_id=company_id,
                    detail={"title": doc.title, "format": doc.format, "chars": doc.chars})
    rt.worker.enqueue(company_id)
    return {"id": doc_id, "title": doc.title, "kind": doc.kind, "format": doc.format, "chars": doc.chars, "pages": doc.pages}


def _status(rt, company_id: str) -> dict:
    job = rt.onboarding.get_job(company_id=company_id)
    if job is None:  # bundled and collector imports are processed at start-up
        return {"state": "ready", "progress": 1.0}
    return {"state": job.state, "progress": job.progress, "steps_done": job.steps_done, "error": job.error,
            "detail": {k: v for k, v in (job.detail or {}).items() if k != "ever_ready"}, "updated_at": job.updated_at,
            "attempts": job.attempts}


@router.get("/companies/{company_id}/status")
def company_status(company_id: str, rt: RuntimeDep, principal: Principal = Writer):
    visible_company(rt, principal, company_id)
    return _status(rt, company_id)


@router.post("/companies/{company_id}/process", status_code=202)
def reprocess(company_id: str, rt: RuntimeDep, principal: Principal = Admin):
    """Run Service 1 again (after a failure, or to rebuild drafts)."""
    visible_company(rt, principal, company_id)
    rt.worker.enqueue(company_id)
    rt.access.audit(actor=principal, action="company.process", company_id=company_id)
    return _status(rt, company_id)


@router.get("/companies/{company_id}/profiles")
def job_profiles(company_id: str, rt: RuntimeDep, principal: Principal = Writer):
    """Service 1's per-job profiles (duties, skills, benefits, 인재상); registry entries are never in them."""
    visible_company(rt, principal, company_id)
    return rt.onboarding.get_profiles(company_id=company_id)


@router.get("/companies/{company_id}/sensitive-entities/proposals")
def list_proposals(company_id: str, rt: RuntimeDep, principal: Principal = Admin,
                   status: str | None = Query(default=None, pattern="^(pending|accepted|rejected)$")):
    visible_company(rt, principal, company_id)
    return rt.onboarding.list_proposals(company_id=company_id, status=status)


@router.post("/companies/{company_id}/sensitive-entities/proposals/{proposal_id}/{decision}")
def decide_proposal(company_id: str, proposal_id: int, decision: str, rt: RuntimeDep, principal: Principal = Admin,
                    body: ProposalDecision | None = None):
    """accept (the entry joins the registry; the body may correct its text, category or aliases) or
    reject a pending proposal. Deciding one twice answers 409."""
    visible_company(rt, principal, company_id)
    if decision not in ("accept", "reject"):
        raise ApiError(404, "unknown_action", f"accept 또는 reject만 할 수 있습니다: {decision!r}")
    fix = body or ProposalDecision()
    out = rt.onboarding.decide_proposal(company_id=company_id, proposal_id=proposal_id, accept=decision == "accept",
                                        decided_by=principal.key_id, text=fix.text, category=fix.category, aliases=fix.aliases)
    if out is None:
        raise ApiError(404, "unknown_proposal", f"제안을 찾을 수 없습니다: {proposal_id}")
    if not out.pop("changed"):
        raise ApiError(409, "already_decided", f"이미 처리된 제안입니다 (상태: {out['status']}).", proposal=out)
    rt.access.audit(actor=principal, action=f"registry.{decision}", company_id=company_id, detail={"category": out["category"]})
    if decision == "accept":
        rt.worker.enqueue(company_id)
    return out
