"""Job knowledge across companies (Service 2): the skill pool of a job code, a "similar jobs"
digest to read while waiting, and the skill pool's batch (status; rebuild by a global admin)."""
from __future__ import annotations

from fastapi import APIRouter, Query

from access.keys import Principal
from api.deps import RuntimeDep, require
from api.errors import ApiError
from core.jobcodes import JOB_CODES
from core.levels import normalize_level
from knowledge.digest import build_digest

router = APIRouter(tags=["catalog"])
Writer = require("writer", "직무 지식 조회")
Admin = require("admin", "스킬 풀 재구축")


def _job(code: str) -> None:
    if code not in JOB_CODES:
        raise ApiError(404, "unknown_job_code", f"지원하지 않는 직무 코드입니다: {code!r}")


def _batch_view(batch) -> dict | None:
    if batch is None:
        return None
    return {"id": batch.id, "state": batch.state, "started_at": batch.started_at, "finished_at": batch.finished_at,
            "job_codes_done": batch.job_codes_done, "sources": batch.sources, "error": batch.error}


@router.get("/job-codes/{code}/skills")
def job_skills(code: str, rt: RuntimeDep, principal: Principal = Writer, top: int = Query(default=30, ge=1, le=50)):
    """Required and preferred skills and typical duties across companies, with how many companies
    name each; from the newest finished batch (`built_at`)."""
    _job(code)
    batch, pool = rt.skill_pool.pool(job_code=code)
    return {"job_code": code, "name_ko": JOB_CODES[code].name_ko, "built_at": batch.finished_at if batch else None,
            "batch": batch.id if batch else None, **{kind: items[:top] for kind, items in pool.items()}}


@router.get("/job-codes/{code}/digest")
async def job_digest(code: str, rt: RuntimeDep, principal: Principal = Writer, level: str | None = None,
                     k: int = Query(default=3, ge=1, le=10)):
    _job(code)
    try:
        lv = normalize_level(level)
    except ValueError as exc:
        raise ApiError(422, "unknown_level", str(exc)) from exc
    return await build_digest(rt, job_code=code, level=lv, k=k, visible=lambda p: p.public or principal.sees(p.company_id))


@router.get("/skill-pool")
def skill_pool_status(rt: RuntimeDep, principal: Principal = Writer):
    return {"latest_done": _batch_view(rt.skill_pool.latest()), "latest": _batch_view(rt.skill_pool.latest(state=None)),
            "rebuilding": rt.pool_rebuilding()}


@router.post("/skill-pool/rebuild", status_code=202)
async def rebuild_skill_pool(rt: RuntimeDep, principal: Principal = Admin):
    """Start a rebuild in the background (it resumes an interrupted one); requests keep reading the
    previous batch until it is done. Global admins only: the pool spans every company."""
    if not principal.is_global:
        raise ApiError(403, "forbidden", "스킬 풀은 모든 회사에 걸치므로 전체 관리자(global admin)만 재구축할 수 있습니다.")
    if not rt.start_pool_rebuild():
        raise ApiError(409, "already_rebuilding", "스킬 풀을 이미 재구축하는 중입니다.")
    rt.access.audit(actor=principal, action="skill_pool.rebuild")
    return skill_pool_status(rt, principal)
