"""Skills from the job's pool that the company's own data does not name: suggestions for the
reviewer, shown beside the posting and never written into it as the company's facts."""
from __future__ import annotations

from guards.text import compact
from knowledge.skill_terms import skill_terms

NOTE = {"ko": "업계 공통 기술(스킬 풀 제안) — 회사 자료에는 없습니다. 실제로 필요한 경우에만 검토자가 추가하세요.",
        "en": "Common in this job across companies (skill pool) — not in the company's data; add only if the job needs it."}


def suggest_skills(pool: dict[str, list[dict]], sources: str, language: str = "ko", limit: int = 5) -> list[dict]:
    known = {t.key for line in sources.splitlines() for t in skill_terms(line)} if sources else set()
    corpus = compact(sources)
    out: list[dict] = []
    for kind in ("required", "preferred"):
        for e in pool.get(kind, []):
            if e["key"] in known or compact(e["skill"]) in corpus or any(s["key"] == e["key"] for s in out):
                continue
            out.append({"skill": e["skill"], "key": e["key"], "kind": kind, "companies": e["companies"], "share": e["share"],
                        "note": NOTE.get(language, NOTE["ko"])})
    out.sort(key=lambda s: -s["companies"])
    return out[:limit]
