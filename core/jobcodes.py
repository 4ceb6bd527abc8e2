"""JobKorea duty codes the product supports, with the words that mark a posting as on-job."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class JobCode:
    code: str
    name_ko: str
    name_en: str
    # Words whose presence shows a posting is about this job (used by the on-job check).
    keywords: tuple[str, ...]


JOB_CODES: dict[str, JobCode] = {
    jc.code: jc
    for jc in (
        JobCode("1000201", "인사담당자", "HR Manager",
                ("인사", "채용", "HR", "평가", "보상", "노무", "교육", "조직문화", "급여", "recruit")),
        JobCode("1000242", "AI/ML엔지니어", "AI/ML Engineer",
                ("AI", "ML", "머신러닝", "딥러닝", "모델", "LLM", "학습", "추론", "machine learning", "PyTorch")),
        JobCode("1000229", "백엔드개발자", "Backend Developer",
                ("백엔드", "서버", "API", "Backend", "데이터베이스", "Java", "Spring", "Python", "Go", "Kotlin")),
        JobCode("1000230", "프론트엔드개발자", "Frontend Developer",
                ("프론트엔드", "Frontend", "React", "TypeScript", "JavaScript", "웹", "UI", "Vue", "Next.js")),
        JobCode("1000187", "마케팅기획", "Marketing Planner",
                ("마케팅", "캠페인", "브랜드", "Marketing", "광고", "프로모션", "퍼포먼스", "CRM", "시장")),
        JobCode("1000210", "재무담당자", "Finance Manager",
                ("재무", "회계", "결산", "자금", "세무", "Finance", "IR", "예산", "감사", "공시")),
    )
}


def check_job_code(code: str, also: str = "") -> str:
    """`code` if the product knows it; otherwise a ValueError that lists the codes (and `also`, the
    other values the caller accepts)."""
    if code not in JOB_CODES:
        known = ", ".join(f"{c} ({j.name_ko})" for c, j in JOB_CODES.items())
        raise ValueError(f"unknown job code {code!r}; known codes: {known}{also}")
    return code


def get_job(code: str) -> JobCode | None:
    return JOB_CODES.get(code)


@lru_cache(maxsize=1)
def _profiles() -> dict:
    path = Path(__file__).resolve().parent.parent / "data" / "job_profiles.json"
    return json.loads(path.read_text(encoding="utf-8"))


def job_profile(code: str, language: str = "ko") -> dict[str, list[str]]:
    """Generic duties/qualifications/preferred for a job: the fallback when a company has no
    past posting for it. Company-agnostic product knowledge, never company facts."""
    return _profiles().get(code, {}).get(language) or _profiles().get(code, {}).get("ko", {})


@lru_cache(maxsize=1)
def job_profiles_text() -> str:
    return json.dumps(_profiles(), ensure_ascii=False)
