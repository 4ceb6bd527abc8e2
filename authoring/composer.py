"""The offline generator: composes a posting from extracted entities, the company's data and its
past postings, with no model. Every line comes from those sources, so nothing is invented."""
from __future__ import annotations

import re

from catalog.models import CompanyProfile, PastPostingRecord
from core.jobcodes import JobCode
from core.levels import LEVELS
from core.schemas import JobEntities, Posting, Style

DEFAULT_PROCESS = {"ko": "서류전형 → 1차 면접 → 2차 면접 → 처우 협의 → 최종 합격",
                   "en": "Application review → First interview → Final interview → Offer"}
OFFLINE_LABEL = {"ko": "오프라인 모드: 모델 없이 회사 자료와 과거 공고로 구성한 초안입니다.",
                 "en": "Offline mode: composed from the company's data and past postings without a model."}
NO_PAST_POSTINGS = {"ko": "이 회사의 이 직무 과거 공고가 없어 주요업무·자격요건은 직무 표준 항목으로 구성했습니다. 회사에 맞게 다듬어 주세요.",
                    "en": "This company has no past posting for this job: duties and requirements come from the standard job profile."}
UNTRANSLATED = ("Offline mode does not translate: company facts from Korean sources (duties, benefits, process) "
                "are shown as written. Configure a model for a fully English posting.")
LIMITS = {"concise": 4, "detailed": 8, "past_style": 6}


def _prose(chunks: list[str], limit: int) -> list[str]:
    """Sentences of retrieved document text for the introduction: not its headings, file tags
    ("[handbook]"), bullet lists or "label: value" lines, which belong to other sections."""
    out: list[str] = []
    for chunk in chunks:
        for line in chunk.splitlines():
            line = line.strip()
            if (not line or line.startswith(("#", "-", "*", "•", "·", "※", "|")) or re.fullmatch(r"\[[^\]]*\]", line)
                    or re.match(r"^\[[^\]]{1,40}\]\s*", line) and len(line) < 50 or re.match(r"^[^:：]{1,15}[:：]", line)
                    or len(line) < 15):
                continue
            line = re.sub(r"^\[[^\]]{1,40}\]\s*", "", line)
            if line not in out:
                out.append(line)
            if len(out) == limit:
                return out
    return out


def _bullets(items: list[str], limit: int) -> str:
    items = [i for i in items if i.strip()]
    return "\n".join(f"- {i}" for i in items[:limit])


def _title(company: CompanyProfile, job: JobCode, level: str | None, language: str,
           past: list[PastPostingRecord], style: Style) -> str:
    lv = LEVELS.get(level or "")
    if style == "past_style" and past:
        # Keep the house style of the newest past posting: its title as is for the same level,
        # otherwise its "[회사]" prefix with this job and level.
        if past[0].level == level:
            return past[0].title
        head = past[0].title.split("]")[0] + "]" if past[0].title.startswith("[") else f"[{company.name}]"
        return f"{head} {job.name_ko}" + (f" ({lv.label_ko})" if lv else "")
    if language == "en":
        return f"[{company.name}] {job.name_en}" + (f" ({lv.label_en})" if lv else "")
    return f"[{company.name}] {job.name_ko} 채용" + (f" ({lv.label_ko})" if lv else "")


def compose_posting(company: CompanyProfile, job: JobCode, level: str | None, entities: JobEntities,
                    past: list[PastPostingRecord], context: list[str], style: Style = "concise",
                    language: str = "ko", emphasis: list[str] | None = None) -> Posting:
    """`emphasis`: skills a written request asked for; each leads the preferred items unless a
    qualification or preferred item already names it."""
    n = LIMITS[style]
    about = company.intro
    if style == "concise":
        about = about.split(". ")[0].rstrip(".") + "." if about else ""
    elif style == "detailed" and context:
        extra = _prose(context, limit=2)
        about = about + ("\n\n" + " ".join(extra) if extra else "")
    elif style == "past_style" and past and past[0].sections.get("about"):
        about = past[0].sections["about"]

    quals = list(entities.qualifications)
    if entities.years:
        quals.insert(0, entities.years)
    preferred = list(entities.preferred)
    named = " ".join(quals + preferred).casefold()
    asked = [k for k in dict.fromkeys(emphasis or []) if k.casefold() not in named]
    preferred = [(f"{k} 경험" if language == "ko" else f"Experience with {k}") for k in asked] + preferred
    if style == "detailed" and entities.skills:
        preferred.append(("기술 스택: " if language == "ko" else "Tech stack: ") + ", ".join(entities.skills[:8]))

    process = " → ".join(entities.hiring_process) if entities.hiring_process else DEFAULT_PROCESS[language]
    conditions = []
    if language == "ko":
        conditions.append(f"고용형태: {entities.employment_type or '정규직'}")
        if entities.location:
            conditions.append(f"근무지: {entities.location}")
        conditions.append(f"연봉: {entities.salary or '회사 내규에 따름 (면접 후 협의)'}")
    else:
        conditions.append(f"Employment type: {entities.employment_type or 'Full-time'}")
        if entities.location:
            conditions.append(f"Location: {entities.location}")
        conditions.append(f"Salary: {entities.salary or 'Negotiable, per company policy'}")

    sections = {
        "about": about,
        "duties": _bullets(entities.duties, n),
        "qualifications": _bullets(quals, n),
        "preferred": _bullets(preferred, n),
        "benefits": _bullets(entities.benefits, n + 2),
        "process": process,
        "conditions": _bullets(conditions, 5),
    }
    if style == "detailed" and entities.talent_profile:
        label = "인재상" if language == "ko" else "Who we look for"
        sections["about"] += f"\n\n{label}: " + ", ".join(entities.talent_profile)
    return Posting(title=_title(company, job, level, language, past, style), language=language,  # type: ignore[arg-type]
                   sections={k: v for k, v in sections.items() if v.strip()})
