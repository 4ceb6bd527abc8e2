"""Section edits: regenerate one section of a generation or a past posting, or update a past
posting for a new request; only the changed sections go to the model and the result is validated
and reviewed like any posting."""
from __future__ import annotations

import time
from typing import Literal

from fastapi import APIRouter
from langgraph.types import Command
from pydantic import BaseModel, Field

from access.keys import Principal
from api.deps import RuntimeDep, ensure_token_budget, record_tokens, require, usage_tokens, visible_thread
from api.errors import ApiError
from api.routers.catalog import _visible_posting
from api.routers.generations import _check, _config, _run, _start, _thread_values, _view, model_error
from api.runtime import Runtime
from api.schemas import GenerationRequest
from authoring.sections import (EditResult, UpdatePlan, changed_sections, plan_update, posting_diff, regenerate_section,
                                replace_section, resolve_section, retitle, section_body, section_choices)
from core.jobcodes import JOB_CODES
from core.levels import normalize_level
from core.schemas import STYLES, SECTION_KEYS, Posting, Usage
from guards.validators import screen_with_guardrails

router = APIRouter(tags=["generation"])
Writer = require("writer", "공고 구역 수정")
# The graph node whose output a seeded draft stands for: what follows it (validate_output, then
# the reviewer's interrupt) runs on the seeded text exactly as on a written one.
SEED_AS_NODE = "generate"


class SectionEdit(BaseModel):
    section: str = Field(max_length=100, description="Section key (e.g. preferred) or heading (우대사항, Preferred qualifications)")
    instruction: str = Field(default="", max_length=20000, description="What to change in that section")
    style: Literal["concise", "detailed", "past_style"] | None = Field(
        default=None, description="A template thread's draft to start from (default: the thread's current posting)")


class PostingSectionEdit(BaseModel):
    section: str = Field(max_length=100)
    instruction: str = Field(default="", max_length=20000)
    level: str | None = None
    language: Literal["ko", "en"] | None = None


class PostingUpdate(BaseModel):
    request: str = Field(default="", max_length=20000, description="The new request, e.g. 이번엔 시니어로, 원격 근무 가능")
    level: str | None = None
    language: Literal["ko", "en"] | None = None


def _section_key(name: str) -> str:
    key = resolve_section(name)
    if key is None:
        raise ApiError(422, "unknown_section", f"알 수 없는 구역입니다: {name!r}. 다음 중 하나를 쓰세요: "
                       + ", ".join(f"{c['key']}({c['ko']})" for c in section_choices()), sections=section_choices())
    return key


def _text(rt: Runtime, value: str, what: str) -> str:
    if not value.strip():
        raise ApiError(422, f"empty_{what}", f"{what}이(가) 비어 있습니다: 무엇을 바꿀지 적어 주세요.")
    if len(value) > rt.settings.max_request_chars:
        raise ApiError(413, "request_too_long", f"요청이 너무 깁니다: {len(value)}자 (최대 {rt.settings.max_request_chars}자).")
    return value


def _level(value: str | None) -> str | None:
    try:
        return normalize_level(value)
    except ValueError as exc:
        raise ApiError(422, "unknown_level", str(exc)) from exc


def _screen(text: str, language: str) -> tuple[str, list[dict], list[str], list[str]]:
    """The instruction as the input guard would pass it on: a request to reject answers 422; an
    unlawful condition in it is removed before anything reaches the model."""
    result = screen_with_guardrails(text, language)
    findings = [f.model_dump() for f in result.findings]
    if result.verdict == "reject" and set(result.classes) == {"off_domain"}:
        # "더 따뜻한 어조로" says nothing about hiring by itself: the route (a posting's section) is the domain.
        return text, [f for f in findings if not f["rule_id"].startswith("IN-DOMAIN")], [], ["hiring"]
    if result.verdict == "reject":
        raise ApiError(422, "request_rejected", result.message or "요청이 거부되었습니다.", classes=result.classes,
                       findings=findings)
    return result.sanitized, findings, [result.message] if result.message else [], list(result.classes)


async def _regenerate(rt: Runtime, *, company_id: str, job_code: str, level: str | None, language: str, key: str,
                      markdown: str, instruction: str) -> EditResult:
    ctx = rt.deps.company_context(company_id, job_code)
    present = [k for k in SECTION_KEYS if Posting.from_markdown(markdown).sections.get(k, "").strip()]
    try:
        return await regenerate_section(rt.deps, ctx, job_code=job_code, level=level, language=language, key=key,
                                        current=section_body(markdown, key), instruction=instruction, present=present)
    except Exception as exc:
        if (err := model_error(exc)) is not None:
            raise err from exc
        raise


def _usage(*parts: Usage) -> dict:
    return {"prompt_tokens": sum(p.prompt_tokens for p in parts),
            "completion_tokens": sum(p.completion_tokens for p in parts), "llm_calls": sum(p.llm_calls for p in parts)}


@router.post("/generations/{thread_id}/sections")
async def edit_generation_section(thread_id: str, body: SectionEdit, rt: RuntimeDep, principal: Principal = Writer):
    """Regenerate one section of a draft pending review; the thread stays pending review with the
    new posting (saved through the review node's `revise`), its findings and a diff."""
    company_id = visible_thread(rt, principal, thread_id)
    key = _section_key(body.section)
    instruction = _text(rt, body.instruction, "instruction")
    view = await _view(rt, thread_id)
    if view["status"] != "pending_review":
        raise ApiError(409, "not_pending_review", f"검토 대기 중인 요청이 아닙니다 (상태: {view['status']}).")
    values = await _thread_values(rt, thread_id)
    language = values.get("language") or "ko"
    current = values.get("posting") or ""
    base = current
    if body.style is not None:
        drafts = values.get("drafts") or {}
        if body.style not in drafts:
            raise ApiError(422, "unknown_style", f"이 요청에는 {body.style!r} 초안이 없습니다.",
                           styles=[s for s in STYLES if s in drafts])
        base = drafts[body.style]
    ensure_token_budget(rt, principal)
    masked, request_findings, notices, _ = _screen(instruction, language)
    result = await _regenerate(rt, company_id=company_id, job_code=values["job_code"], level=values.get("level"),
                               language=language, key=key, markdown=base, instruction=masked)
    edited = replace_section(base, key, result.body, language)
    record_tokens(rt, principal, result.usage.total_tokens)
    if edited != current:
        # The review node's revise checks the text (check_posting, nothing put back) and keeps the
        # thread pending review, so the checkpoint and the stored run change together.
        decision = {"action": "revise", "edited_posting": edited, "reviewer": principal.name,
                    "comment": f"구역 수정: {key} ({result.prompt or result.generator})"}
        before = usage_tokens(view.get("usage"))
        try:
            await _run(rt, Command(resume=decision), thread_id)
        finally:
            record_tokens(rt, principal, max(0, usage_tokens((await _thread_values(rt, thread_id)).get("usage")) - before))
    after = await _view(rt, thread_id)
    changed = changed_sections(current, after["posting"] or "", language)
    applied = result.applied and key in changed_sections(base, after["posting"] or "", language)
    if result.applied and not applied:
        notices.append("검사에서 수정 내용이 모두 빠져 구역이 바뀌지 않았습니다. findings를 확인하세요.")
    after["edit"] = {"section": key, "changed_sections": changed, "applied": applied, "usage": _usage(result.usage),
                     "generator": result.generator, "prompt": result.prompt, "style": body.style,
                     "notices": result.notices + notices, "request_findings": request_findings,
                     "diff": posting_diff(current, after["posting"] or "")}
    rt.access.audit(actor=principal, action="generation.section_edit", company_id=company_id, target=thread_id,
                    detail={"section": key, "changed": changed, "generator": result.generator, "prompt": result.prompt})
    return after


async def _new_thread(rt: Runtime, principal: Principal, posting, *, request: str, level: str | None, language: str,
                      edited: str, generator: str, masked: str, request_findings: list[dict], classes: list[str],
                      notices: list[str], usage: dict, edit: dict) -> dict:
    """A new generation thread whose draft is `edited`: seeded as the writer's output, then run on
    through validate_output to the reviewer's interrupt like any generation."""
    body = GenerationRequest(company_id=posting.company_id, job_code=posting.job_code, level=level, request=request,
                             language=language)  # type: ignore[arg-type]
    thread_id = _start(rt, principal, body)
    seed = {"company_id": posting.company_id, "job_code": posting.job_code, "level": level, "language": language,
            "request": request, "mode": None, "status": "running", "rejection": None,
            "verdict": "allow_with_fix" if request_findings else "allow", "guard_classes": classes, "request_findings": request_findings, "masked_request": masked, "route": "edit",
            "posting": edited, "generator": generator, "drafts": {}, "notices": notices, "usage": usage,
            "extra": {"edit": edit}}
    started = time.perf_counter()
    rt.metrics.in_flight.inc()
    try:
        await rt.graph.aupdate_state(_config(thread_id), seed, as_node=SEED_AS_NODE)
        await _run(rt, None, thread_id)
    finally:
        rt.metrics.in_flight.dec()
        record_tokens(rt, principal, usage_tokens((await _thread_values(rt, thread_id)).get("usage")), generations=1)
    view = await _view(rt, thread_id)
    rt.metrics.observe_generation("edit", time.perf_counter() - started, view.get("usage"))
    source = posting.as_posting().to_markdown()
    view["edit"] = {**edit, "changed_sections": changed_sections(source, view.get("posting") or "", language),
                    "diff": posting_diff(source, view.get("posting") or "")}
    rt.access.audit(actor=principal, action="generation.section_edit", company_id=posting.company_id, target=thread_id,
                    detail={"posting_id": posting.id, "sections": edit.get("sections") or [edit.get("section")],
                            "generator": generator})
    return view


def _source(rt: Runtime, principal: Principal, posting_id: str, request: str, level: str | None, language: str | None):
    posting = _visible_posting(rt, principal, posting_id)
    if posting.job_code not in JOB_CODES:
        raise ApiError(422, "unsupported_job_code", f"이 공고의 직무 코드는 생성을 지원하지 않습니다: {posting.job_code!r}")
    lang = language or posting.language or "ko"
    _check(rt, principal, GenerationRequest(company_id=posting.company_id, job_code=posting.job_code, level=level,
                                            request=request, language=lang))  # type: ignore[arg-type]
    return posting, lang


@router.post("/postings/{posting_id}/sections")
async def edit_posting_section(posting_id: str, body: PostingSectionEdit, rt: RuntimeDep, principal: Principal = Writer):
    """A new generation thread whose draft is the past posting with one section regenerated."""
    key = _section_key(body.section)
    instruction = _text(rt, body.instruction, "instruction")
    level = _level(body.level)
    posting, language = _source(rt, principal, posting_id, instruction, level, body.language)
    level = level or posting.level
    masked, request_findings, notices, classes = _screen(instruction, language)
    source = posting.as_posting().to_markdown()
    result = await _regenerate(rt, company_id=posting.company_id, job_code=posting.job_code, level=level,
                               language=language, key=key, markdown=source, instruction=masked)
    edit = {"section": key, "sections": [key], "applied": result.applied, "usage": _usage(result.usage),
            "generator": result.generator, "prompt": result.prompt, "source_posting": posting.id,
            "notices": result.notices + notices, "request_findings": request_findings}
    return await _new_thread(rt, principal, posting, request=instruction, level=level, language=language,
                             edited=replace_section(source, key, result.body, language), generator=result.generator,
                             masked=masked, request_findings=request_findings, classes=classes,
                             notices=result.notices + notices,
                             usage=_usage(result.usage), edit=edit)


@router.post("/postings/{posting_id}/update")
async def update_posting(posting_id: str, body: PostingUpdate, rt: RuntimeDep, principal: Principal = Writer):
    """A new generation thread: the past posting updated for a new request. The sections the request
    concerns (rules, plus the small model's structured plan when configured) are regenerated; the
    rest are kept word for word."""
    request = _text(rt, body.request, "request")
    level = _level(body.level)
    posting, language = _source(rt, principal, posting_id, request, level, body.language)
    masked, request_findings, notices, classes = _screen(request, language)
    source_posting = posting.as_posting()
    try:
        plan: UpdatePlan = await plan_update(rt.deps, request=masked, posting=source_posting, level=posting.level,
                                             language=language)
    except Exception as exc:
        if (err := model_error(exc)) is not None:
            raise err from exc
        raise
    new_level = level or plan.level or posting.level
    if new_level != posting.level and new_level is not None and "qualifications" not in plan.sections:
        plan.sections = {k: plan.sections.get(k) or masked for k in SECTION_KEYS
                         if k in plan.sections or k == "qualifications"}
    if not plan.sections:
        raise ApiError(422, "nothing_to_update", "요청에서 바꿀 구역을 찾지 못했습니다. 구역을 정해 "
                       "POST /postings/{id}/sections 로 수정하거나 요청을 더 구체적으로 적어 주세요.", sections=section_choices())
    source = source_posting.to_markdown()
    edited = source
    results: list[EditResult] = []
    for key, instruction in plan.sections.items():
        result = await _regenerate(rt, company_id=posting.company_id, job_code=posting.job_code,
                                   level=new_level if new_level != posting.level else None, language=language, key=key,
                                   markdown=edited, instruction=instruction or masked)
        edited = replace_section(edited, key, result.body, language)
        results.append(result)
    retitled = retitle(source_posting.title, posting.level, new_level)
    if retitled != source_posting.title:
        edited = edited.replace(f"# {source_posting.title}", f"# {retitled}", 1)
    total = _usage(plan.usage, *(r.usage for r in results))
    edit_notices = list(dict.fromkeys(plan.notices + [n for r in results for n in r.notices] + notices))
    generators = sorted({r.generator for r in results})
    edit = {"sections": list(plan.sections), "plan": plan.sections, "planner": plan.planner, "plan_prompt": plan.prompt,
            "level": new_level, "applied": [r.key for r in results if r.applied], "usage": total,
            "generator": ", ".join(generators), "prompt": next((r.prompt for r in results if r.prompt), None),
            "source_posting": posting.id, "notices": edit_notices, "request_findings": request_findings}
    return await _new_thread(rt, principal, posting, request=request, level=new_level, language=language, edited=edited,
                             generator=", ".join(generators), masked=masked, request_findings=request_findings,
                             classes=classes, notices=edit_notices, usage=total, edit=edit)
