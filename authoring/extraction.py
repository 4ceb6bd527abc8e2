"""Rule-based entity extraction. It runs with no model (offline mode) and gives the LLM
extractor a baseline to merge into."""
from __future__ import annotations

import re
from functools import lru_cache

from catalog.models import CompanyProfile, PastPostingRecord
from core.jobcodes import JobCode, job_profile
from core.levels import LEVELS
from core.schemas import JobEntities

SKILLS = (
    "Python", "Java", "Kotlin", "Go", "Golang", "TypeScript", "JavaScript", "React", "Next.js", "Vue", "Node.js",
    "Spring", "Spring Boot", "FastAPI", "Django", "PostgreSQL", "MySQL", "Oracle", "Redis", "Kafka", "Elasticsearch",
    "Kubernetes", "Docker", "AWS", "GCP", "Azure", "Terraform", "PyTorch", "TensorFlow", "LLM", "RAG", "vLLM",
    "MLOps", "SQL", "Spark", "Airflow", "GraphQL", "gRPC", "Swift", "GA4", "SAP", "K-IFRS", "Excel", "엑셀",
    "Figma", "Jest", "Playwright", "Triton", "CUDA", "Shopify", "더존", "Rust", "C++", "C#", "Scala", "Ruby",
    "PHP", "Flutter", "Unity", "Hadoop", "Snowflake", "Tableau", "Salesforce", "Svelte", "Angular",
)
# Short names ("Go", "SQL", "AWS") must match case-sensitively, or English prose ("go to market") matches.
_SKILL_RES = [(s, re.compile(rf"(?<![A-Za-z+#]){re.escape(s)}(?![A-Za-z+#])", 0 if len(s) <= 3 else re.IGNORECASE))
              for s in SKILLS]
_YEARS = re.compile(r"(경력\s*)?(\d{1,2})\s*(~|-|–)\s*(\d{1,2})\s*년|(\d{1,2})\s*년\s*(이상|차)|(\d{1,2})\+?\s*years?", re.IGNORECASE)
_YEARS_PHRASE = re.compile(r"(관련\s*|실무\s*|유관\s*)?(경력|경험)?\s*\d{1,2}\s*(~|-|–)?\s*(\d{1,2})?\s*년\s*(이상|이하|차|미만)?(의)?")
_EMPLOYMENT = re.compile(r"정규직|계약직|인턴|파견직|프리랜서|full[- ]time|part[- ]time|contract|internship", re.IGNORECASE)
_SALARY = re.compile(r"(연봉|salary)\s*[:：]?\s*[^\n,.]{0,30}?(\d[\d,]*\s*(만\s*원|억|원|천만|k|K|USD|\$))", re.IGNORECASE)
_REMOTE = re.compile(r"(주\s*\d\s*회\s*)?재택\s*(근무)?|원격\s*근무|remote|hybrid", re.IGNORECASE)
_CLAUSES = re.compile(r"[^\n.。;]+")


def _bullets(text: str) -> list[str]:
    items = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•*·").strip()
        if line:
            items.append(line)
    return items


def _dedupe(items: list[str]) -> list[str]:
    seen, out = set(), []
    for it in items:
        key = re.sub(r"\s+", "", it.lower())
        if key and key not in seen:
            seen.add(key)
            out.append(it)
    return out


def skills_in(text: str) -> list[str]:
    return list(_skills_in(text or ""))


# Grounding asks this of the whole company corpus for every checked text: the same string each time.
@lru_cache(maxsize=1024)
def _skills_in(text: str) -> tuple[str, ...]:
    return tuple(name for name, rx in _SKILL_RES if rx.search(text))


def extract_from_request(request: str) -> JobEntities:
    """Pick explicit asks out of a free-text request."""
    ent = JobEntities()
    if not request.strip():
        return ent
    ent.skills = skills_in(request)
    if m := _YEARS.search(request):
        ent.years = m.group(0).strip()
    if m := _EMPLOYMENT.search(request):
        ent.employment_type = m.group(0)
    if m := _SALARY.search(request):
        ent.salary = m.group(0).strip()
    if m := _REMOTE.search(request):
        ent.benefits.append(m.group(0).strip())
    for clause in (c.strip(" ,") for c in _CLAUSES.findall(request)):
        # A clause that talks about the posting itself ("...공고를 써줘") is an instruction, not content.
        if len(clause) < 6 or re.search(r"공고|posting|써\s*줘|써\s*주세요|작성|만들어|강조|write|emphasi", clause, re.IGNORECASE):
            continue
        if re.search(r"우대|preferred|nice to have|plus", clause, re.IGNORECASE):
            ent.preferred.append(clause)
        elif re.search(r"경험|자격|필수|능력|이해|required|must have|experience with", clause, re.IGNORECASE):
            ent.qualifications.append(clause)
        elif re.search(r"업무|담당|개발|운영|기획|관리|분석|설계|responsib|will (build|own|lead)", clause, re.IGNORECASE):
            ent.duties.append(clause)
    return ent


def _without_years(line: str) -> str | None:
    """A requirement with its years removed (the level says them): "Python 3년 이상" -> "Python 경험";
    None when nothing but the years was said ("경력 3년 이상")."""
    rest = _YEARS_PHRASE.sub(" ", line).strip(" ,·/()-")
    rest = re.sub(r"\s{2,}", " ", rest)
    if len(re.sub(r"[^A-Za-z가-힣]", "", rest)) < 2 or re.fullmatch(r"(관련|실무|유관)?\s*(경력|경험)?\s*(자|분)?", rest):
        return None
    return rest if re.search(r"(경험|경력|능력|가능|이해|보유)", rest) else f"{rest} 경험"


def extract_baseline(job: JobCode, level: str | None, company: CompanyProfile,
                     past: list[PastPostingRecord], language: str = "ko",
                     company_postings: list[PastPostingRecord] | None = None,
                     doc_facts: dict[str, list[str]] | None = None) -> JobEntities:
    """What the company's own data says about this job: past postings first, newest first.
    Benefits are company-wide, so other jobs' postings supply them when this job has none, then the
    company's documents (`doc_facts`: benefits, hiring process, 인재상 stated under headings); with
    no past posting for the job at all, duties and requirements come from the job profile."""
    lv = LEVELS.get(level or "")
    ent = JobEntities(
        job_title=job.name_ko if language == "ko" else job.name_en,
        level=(lv.label_ko if language == "ko" else lv.label_en) if lv else None,
        years=(lv.years_ko if language == "ko" else lv.years_en) if lv else None,
        location=company.location or None,
        talent_profile=list(company.talent_profile),
    )
    for p in past:
        s = p.sections
        ent.duties += _bullets(s.get("duties", ""))
        # Years come from the chosen level; a requirement that also names a skill keeps the skill.
        ent.qualifications += [r for q in _bullets(s.get("qualifications", ""))
                               if (r := (_without_years(q) if _YEARS_PHRASE.search(q) else q))]
        ent.preferred += _bullets(s.get("preferred", ""))
        ent.benefits += _bullets(s.get("benefits", ""))
        ent.skills += skills_in(" ".join(s.values()))
        if not ent.hiring_process and s.get("process"):
            ent.hiring_process = [x.strip() for x in re.split(r"→|->|>", s["process"]) if x.strip()]
        cond = s.get("conditions", "")
        if not ent.employment_type and (m := _EMPLOYMENT.search(cond)):
            ent.employment_type = m.group(0)
        if not ent.salary and (m := re.search(r"연봉\s*[:：]\s*([^\n]+)", cond)):
            ent.salary = m.group(1).strip()
    others = [p for p in (company_postings or []) if p not in past]
    if not ent.benefits:
        for p in others:
            ent.benefits += _bullets(p.sections.get("benefits", ""))
    facts = doc_facts or {}
    if not ent.benefits:
        ent.benefits += facts.get("benefits", [])
    if not ent.hiring_process and facts.get("process"):
        ent.hiring_process = [x.strip() for x in re.split(r"→|->|>", facts["process"][0]) if x.strip()]
    ent.talent_profile = _dedupe(ent.talent_profile + facts.get("talent", []))
    if not past:
        profile = job_profile(job.code, language)
        ent.duties = list(profile.get("duties", []))
        ent.qualifications = list(profile.get("qualifications", []))
        ent.preferred = list(profile.get("preferred", []))
    for field in ("duties", "qualifications", "preferred", "benefits", "skills"):
        setattr(ent, field, _dedupe(getattr(ent, field)))
    return ent


def merge_entities(base: JobEntities, override: JobEntities) -> JobEntities:
    """Request-specific facts come first; lists keep the baseline after them."""
    merged = base.model_copy(deep=True)
    for field, value in override.model_dump().items():
        if isinstance(value, list):
            setattr(merged, field, _dedupe(list(value) + list(getattr(base, field))))
        elif value:
            setattr(merged, field, value)
    return merged


def rules_understanding(request: str) -> dict:
    """What the rules read from a (screened, masked) request: shown to the user before any model
    has answered (the `understood` progress event)."""
    return {"source": "rules", "entities": extract_from_request(request).model_dump(exclude_defaults=True)}
