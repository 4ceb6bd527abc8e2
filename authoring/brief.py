"""The deterministic generation brief (used offline, and as the LLM rewriter's fallback)."""
from __future__ import annotations

from core.jobcodes import JobCode
from core.schemas import JobEntities

_LABELS = {
    "ko": {"role": "직무", "level": "레벨", "request": "요청", "skills": "필수 기술", "duties": "핵심 업무",
           "years": "경력", "rule": "회사 자료와 과거 공고에 있는 사실만 사용하고, 비공개 정보와 차별적 조건은 넣지 않는다.",
           "suggested": "참고(회사 자료 아님, 공고에 회사 기술처럼 쓰지 말 것 — 검토자에게 따로 제안됨): 이 직무에서 흔한 기술"},
    "en": {"role": "Role", "level": "level", "request": "Request", "skills": "Required skills", "duties": "Key duties",
           "years": "Experience",
           "rule": "Use only facts from the company's data and past postings; no confidential items or discriminatory conditions.",
           "suggested": "For reference only (not company facts; do not present them as the company's stack — the reviewer gets them "
                        "separately): skills common in this job"},
}


def compose_brief(job: JobCode, level_label: str | None, request: str, entities: JobEntities, language: str,
                  suggested: list[str] | None = None) -> str:
    t = _LABELS.get(language, _LABELS["ko"])
    job_name = job.name_ko if language == "ko" else job.name_en
    lines = [f"{t['role']}: {job_name} ({job.code})" + (f", {t['level']}: {level_label}" if level_label else "")]
    if request.strip():
        lines.append(f"{t['request']}: {request.strip()}")
    if entities.skills:
        lines.append(f"{t['skills']}: " + ", ".join(entities.skills[:10]))
    if entities.duties:
        lines.append(f"{t['duties']}: " + "; ".join(entities.duties[:4]))
    if entities.years:
        lines.append(f"{t['years']}: {entities.years}")
    lines.append(t["rule"])
    if suggested:
        lines.append(f"{t['suggested']}: " + ", ".join(suggested))
    return "\n".join(lines)
