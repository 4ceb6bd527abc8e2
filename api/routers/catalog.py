"""Catalog routes: job codes, levels, and the companies (with past postings) the caller may see."""
from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import PrincipalDep, RuntimeDep, visible_company
from api.errors import ApiError
from core.jobcodes import JOB_CODES
from api.redaction import matcher_for, posting_view, redact_prose
from retrieval.similar_postings import posting_text as similar_text
from core.levels import LEVELS

router = APIRouter(tags=["catalog"])


@router.get("/job-codes")
def job_codes():
    return [{"code": j.code, "name_ko": j.name_ko, "name_en": j.name_en} for j in JOB_CODES.values()]


@router.get("/levels")
def levels():
    return [{"key": lv.key, "label_ko": lv.label_ko, "label_en": lv.label_en} for lv in LEVELS.values()]


@router.get("/companies")
def list_companies(rt: RuntimeDep, principal: PrincipalDep):
    return [c.model_dump() for c in rt.repo.list_companies() if principal.sees(c.id)]


@router.get("/companies/{company_id}")
def get_company(company_id: str, rt: RuntimeDep, principal: PrincipalDep):
    company = visible_company(rt, principal, company_id)
    postings = rt.repo.list_postings(company_id)
    data = company.model_dump()
    if not principal.has_role("admin"):
        data["intro"], removed = redact_prose(company.intro, matcher_for(rt, company_id))
        data["redacted"] = [{"section": "intro", "category": c} for c in dict.fromkeys(removed)]
    return {**data, "job_codes": sorted({p.job_code for p in postings if p.job_code in JOB_CODES}),
            "other_postings": sum(p.job_code not in JOB_CODES for p in postings),
            "posting_count": len(postings), "documents": [d.title for d in rt.repo.get_documents(company_id)]}


@router.get("/companies/{company_id}/postings")
def company_postings(company_id: str, rt: RuntimeDep, principal: PrincipalDep, job_code: str | None = Query(default=None)):
    visible_company(rt, principal, company_id)
    if job_code is not None and job_code not in JOB_CODES:
        raise ApiError(422, "unknown_job_code", f"지원하지 않는 직무 코드입니다: {job_code!r}")
    return [posting_view(rt, principal, p) for p in rt.repo.list_postings(company_id, job_code)]


def _visible_posting(rt, principal, posting_id: str):
    posting = rt.repo.get_posting(posting_id)
    if posting is None or not principal.sees(posting.company_id):
        raise ApiError(404, "unknown_posting", f"공고를 찾을 수 없습니다: {posting_id!r}")
    return posting


@router.get("/postings/{posting_id}")
def get_posting(posting_id: str, rt: RuntimeDep, principal: PrincipalDep):
    posting = _visible_posting(rt, principal, posting_id)
    view = posting_view(rt, principal, posting)
    shown = posting.model_copy(update={"title": view["title"], "sections": view["sections"]})
    return {**view, "markdown": shown.as_posting().to_markdown()}


@router.get("/postings/{posting_id}/similar")
def similar_postings(posting_id: str, rt: RuntimeDep, principal: PrincipalDep, k: int = Query(default=5, ge=1, le=20)):
    """The company's own postings of the same job first, then other companies' of the same job code
    (only the team's own and public ones), each with a one-paragraph summary."""
    posting = _visible_posting(rt, principal, posting_id)
    query = f"{posting.title}\n{similar_text(posting)}"
    return rt.similar.similar(query=query, company_id=posting.company_id, job_code=posting.job_code, k=k, exclude=posting.id,
                              visible=lambda p: p.public or principal.sees(p.company_id), principal=principal)
