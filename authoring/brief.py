"""The deterministic generation brief (used offline, and as the LLM rewriter's fallback)."""
from __future__ import annotations

from core.jobcodes import JobCode
from core.schemas import JobEntities


def compose_brief(job: JobCode, level_label: str | None, request: str, entities: JobEntities, language: str) -> str:
    lines = []
    if language == "ko":
        lines.append(f"직무: {job.name_ko} ({job.code})" + (f", 레벨: {level_label}" if level_label else ""))
        if request.strip():
            lines.append(f"요청: {request.strip()}")
        if entities.skills:
            lines.append("필수 기술: " + ", ".join(entities.skills[:10]))
        if entities.duties:
            lines.append("핵심 업무: " + "; ".join(entities.duties[:4]))
        if entities.years:
            lines.append(f"경력: {entities.years}")
        lines.append("회사 자료와 과거 공고에 있는 사실만 사용하고, 비공개 정보와 차별적 조건은 넣지 않는다.")
    else:
        lines.append(f"Role: {job.name_en} ({job.code})" + (f", level: {level_label}" if level_label else ""))
        if request.strip():
            lines.append(f"Request: {request.strip()}")
        if entities.skills:
            lines.append("Required skills: " + ", ".join(entities.skills[:10]))
        if entities.duties:
            lines.append("Key duties: " + "; ".join(entities.duties[:4]))
        if entities.years:
            lines.append(f"Experience: {entities.years}")
        lines.append("Use only facts from the company's data and past postings; no confidential items or discriminatory conditions.")
    return "\n".join(lines)
