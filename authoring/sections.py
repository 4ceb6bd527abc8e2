"""Section edits: find, replace and regenerate one section of a posting, keeping every other byte.

Only the section being edited goes to the model, with the least context that writes it well (the
company summary, the job, the section's current text, the instruction, and the other sections'
headings so it does not repeat them). Offline, a deterministic method applies what it honestly can
(items from the instruction added as bullets, matching lines removed) and says a model is needed
for free-form rewriting."""
from __future__ import annotations

import difflib
import json
import re

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from authoring.extraction import extract_from_request, skills_in
from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from core.schemas import SECTION_HEADINGS, SECTION_KEYS, Posting, Usage, section_key_for_heading
from graph.deps import CompanyContext, Deps
from llm.models import usage_of
from prompts import load_prompt

OFFLINE_GENERATOR = "offline-section-edit"
# Sections written as one paragraph or one line: offline, nothing is added to them as a bullet.
PROSE_SECTIONS = ("about", "process")
NEEDS_MODEL = {
    "ko": "자유로운 문장 수정에는 모델 설정이 필요합니다 (JOBPOST_LLM_BASE_URL 또는 JOBPOST_LLM_API_KEY). "
          "오프라인에서는 지시에서 뽑은 항목을 목록에 추가하거나, 지시와 맞는 줄을 빼는 것만 합니다.",
    "en": "Free-form rewriting needs a configured model (JOBPOST_LLM_BASE_URL or JOBPOST_LLM_API_KEY). "
          "Offline, items taken from the instruction are added to a list, or matching lines are removed; nothing else.",
}
NOT_APPLIED = {"ko": "오프라인으로는 이 지시를 적용할 수 없어 '{heading}' 구역을 바꾸지 않았습니다.",
               "en": "Offline, this instruction could not be applied: '{heading}' is unchanged."}
EMPTY_REPLY = {"ko": "모델이 '{heading}' 구역에 빈 답을 보내 구역을 그대로 두었습니다.",
               "en": "The model answered nothing for '{heading}': the section is unchanged."}
EXTRA_CUT = {"ko": "모델이 다른 구역까지 써서 '{heading}' 구역만 반영했습니다.",
             "en": "The model wrote more than the one section; only '{heading}' was used."}

_REMOVE = re.compile(r"빼\s*(줘|주세요|고|기)?|빼다|삭제|제거|지워|없애|remove|delete|drop", re.IGNORECASE)
_ADD_VERB = r"(추가|넣어|넣고|넣기|포함|반영|기재|적어|써\s*줘|add|include|mention)"


def _heading_pattern() -> str:
    names = {n for lang in SECTION_HEADINGS.values() for n in lang.values()}
    # Korean headings are often written with a space inside ("우대 사항").
    parts = [r"\s*".join(map(re.escape, n.replace(" ", ""))) if re.search(r"[가-힣]", n) else re.escape(n) for n in names]
    return "|".join(sorted(parts, key=len, reverse=True))


_HEADS = _heading_pattern()
# "... 을/를 우대사항에 추가해 줘", "... to the preferred qualifications", "우대사항에서 ... 빼 줘".
_DIRECTIVE_TAIL = re.compile(
    rf"\s*(을|를|은|는|도|이|가)?\s*(({_HEADS})\s*(에|에다|에서|으로|로|란에|항목에)?\s*)?"
    r"(추가|넣어|넣고|넣기|포함|반영|기재|적어|써\s*줘|빼|삭제|제거|지워|없애)[^\n]*$", re.IGNORECASE)
_DIRECTIVE_HEAD = re.compile(rf"^\s*(({_HEADS})\s*(에|에다|에서|으로|로)?\s*|(add|include|remove|delete|drop)\s+)",
                             re.IGNORECASE)
_TO_SECTION = re.compile(rf"\s+(to|from|in)\s+(the\s+)?({_HEADS})\b.*$", re.IGNORECASE)
_YEARS_LINE = re.compile(r"\d{1,2}\s*(~|-|–)?\s*\d{0,2}\s*년\s*(이상|이하|미만|차)?|\d{1,2}\s*(-\s*\d{1,2}|\+)?\s*years?",
                         re.IGNORECASE)
_LEVEL_WORDS = {"신입": "entry", "주니어": "junior", "미들": "mid", "시니어": "senior", "리드": "lead", "entry-level": "entry",
                "junior": "junior", "mid-level": "mid", "senior": "senior", "lead": "lead"}
_LEVEL_RE = re.compile("|".join(sorted(map(re.escape, _LEVEL_WORDS), key=len, reverse=True)), re.IGNORECASE)
_CLAUSE = re.compile(r"[^\n,.;。]+")


class EditResult(BaseModel):
    """A section's new body and how it was made."""

    key: str
    body: str
    applied: bool = True
    generator: str = OFFLINE_GENERATOR
    prompt: str | None = None
    usage: Usage = Field(default_factory=Usage)
    notices: list[str] = Field(default_factory=list)


class UpdatePlan(BaseModel):
    """Which sections a new request concerns, each with what to change in it."""

    sections: dict[str, str] = Field(default_factory=dict)
    level: str | None = None
    planner: str = "rules"
    prompt: str | None = None
    usage: Usage = Field(default_factory=Usage)
    notices: list[str] = Field(default_factory=list)


# --- sections of a markdown posting ---------------------------------------------------------

def resolve_section(name: str) -> str | None:
    """A section key from a key, or a Korean or English heading (or a common synonym)."""
    name = (name or "").strip()
    if name in SECTION_KEYS:
        return name
    return section_key_for_heading(name) if name else None


def section_choices() -> list[dict]:
    return [{"key": k, "ko": SECTION_HEADINGS["ko"][k], "en": SECTION_HEADINGS["en"][k]} for k in SECTION_KEYS]


def _spans(lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, heading line, end line exclusive) for each known section heading, the way
    Posting.from_markdown reads them: an unknown heading stays with the section before it."""
    marks: list[tuple[str | None, int]] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("# ") and not s.startswith("## "):
            marks.append((None, i))  # a title line ends a section
        elif s.startswith("#") and (key := section_key_for_heading(s.lstrip("#"))):
            marks.append((key, i))
    out = []
    for n, (key, start) in enumerate(marks):
        if key is not None:
            out.append((key, start, marks[n + 1][1] if n + 1 < len(marks) else len(lines)))
    return out


def section_blocks(markdown: str) -> dict[str, str]:
    """Each section's raw text (heading line to the next section), exactly as written."""
    lines = markdown.splitlines(keepends=True)
    return {key: "".join(lines[start:end]) for key, start, end in _spans(lines)}


def section_body(markdown: str, key: str) -> str:
    return "\n".join(Posting.from_markdown(markdown).sections.get(key, "").splitlines()).strip()


def replace_section(markdown: str, key: str, body: str, language: str = "ko") -> str:
    """The markdown with one section's body replaced (added in posting order when absent, removed
    when the body is empty); every other line is kept byte for byte."""
    lines = markdown.splitlines(keepends=True)
    body = body.strip("\n")
    spans = [s for s in _spans(lines) if s[0] == key]
    if spans:
        _, start, end = spans[0]
        old = lines[start + 1:end]
        tail: list[str] = []
        while old and not old[-1].strip():
            tail.insert(0, old.pop())  # keep the blank lines that separate it from the next section
        if not tail and end < len(lines):
            tail = ["\n"]
        heading = lines[start] if lines[start].endswith("\n") else lines[start] + "\n"
        block = [heading, *(ln + "\n" for ln in body.splitlines()), *tail] if body.strip() else []
        out = lines[:start] + block
        pos = end
        for _, s2, e2 in spans[1:]:  # a heading written twice: one section now
            out += lines[pos:s2]
            pos = e2
        return "".join(out + lines[pos:])
    if not body.strip():
        return markdown
    block = [f"## {SECTION_HEADINGS[language][key]}\n", *(ln + "\n" for ln in body.splitlines())]
    later = [s for s in _spans(lines) if SECTION_KEYS.index(s[0]) > SECTION_KEYS.index(key)]
    if later:
        at = later[0][1]
        return "".join(lines[:at] + block + ["\n"] + lines[at:])
    head = "".join(lines)
    if head and not head.endswith("\n"):
        head += "\n"
    if head and not head.endswith("\n\n"):
        head += "\n"
    return head + "".join(block)


def changed_sections(before: str, after: str, language: str = "ko") -> list[str]:
    """Section keys whose text differs (and "title" when the title does), in posting order."""
    a = Posting.from_markdown(before, language)  # type: ignore[arg-type]
    b = Posting.from_markdown(after, language)  # type: ignore[arg-type]
    out = ["title"] if a.title.strip() != b.title.strip() else []
    return out + [k for k in SECTION_KEYS if a.sections.get(k, "").strip() != b.sections.get(k, "").strip()]


def posting_diff(before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile="before", tofile="after"))


# --- regenerating one section ----------------------------------------------------------------

def company_summary(intro: str, limit: int = 160) -> str:
    """The first sentences of the (masked) company introduction: who the company is, not all of it."""
    text = " ".join(intro.split())
    sentences = re.split(r"(?<=[.!?다])\s+", text)
    out = ""
    for s in sentences:
        if out and len(out) + len(s) + 1 > limit:
            break
        out = f"{out} {s}".strip()
    return out[:limit] or "-"


def clean_reply(text: str, key: str) -> tuple[str, bool]:
    """The section body out of a model reply: no code fence, title or own heading; a reply that goes
    on into another section is cut there (the flag says so)."""
    lines = [ln for ln in text.strip().splitlines() if not ln.strip().startswith("```")]
    out: list[str] = []
    cut = False
    for line in lines:
        s = line.strip()
        if s.startswith("# ") and not s.startswith("## "):
            continue
        if s.startswith("#"):
            other = section_key_for_heading(s.lstrip("#"))
            if other == key or (other is None and not out):
                continue
            if other is not None:
                if out:
                    cut = True
                    break
                continue
        out.append(line.rstrip())
    return "\n".join(out).strip(), cut


def _clauses(text: str) -> list[str]:
    return [c.strip(" ,") for c in _CLAUSE.findall(text) if c.strip(" ,")]


def _strip_directive(clause: str) -> str:
    item = _DIRECTIVE_TAIL.sub("", clause)
    item = _TO_SECTION.sub("", item)
    item = _DIRECTIVE_HEAD.sub("", item)
    return item.strip(" ,'\"「」“”‘’-")


def _key(text: str) -> str:
    return re.sub(r"[\s\-•*·]+", "", text.lower())


def _only_level(clause: str) -> bool:
    """A clause that only names a level ("이번엔 시니어로"): the years line says it, not a bullet."""
    if not _LEVEL_RE.search(clause):
        return False
    rest = re.sub(r"이번(엔|에는)?|으로|로|바꿔\S*|변경\S*|채용|포지션|position|level|make it|\bto\b|\bfor\b", "",
                  _LEVEL_RE.sub("", clause), flags=re.IGNORECASE)
    return len(re.sub(r"[^A-Za-z가-힣]", "", rest)) < 2


def _items_to_add(instruction: str) -> list[str]:
    """Content clauses of the instruction, without its directive words ("...을 우대사항에 추가")."""
    out = []
    for clause in _clauses(instruction):
        if _only_level(clause):
            continue
        ent = extract_from_request(clause)
        found = any([ent.skills, ent.duties, ent.qualifications, ent.preferred, ent.benefits, ent.years,
                     ent.employment_type, ent.salary]) or re.search(_ADD_VERB, clause, re.IGNORECASE)
        item = _strip_directive(clause)
        if found and len(re.sub(r"[^A-Za-z가-힣]", "", item)) >= 2:
            out.append(item)
    return out


def _terms_to_remove(instruction: str) -> list[str]:
    quoted = re.findall(r"[\"'「“‘]([^\"'」”’]{2,60})[\"'」”’]", instruction)
    terms = quoted or skills_in(instruction)
    if not terms:
        for clause in _clauses(instruction):
            if _REMOVE.search(clause):
                item = re.sub(r"\s*(관련|항목|내용|줄|문장)?\s*(은|는|을|를|이|가)?\s*$", "", _strip_directive(clause))
                if len(re.sub(r"[^A-Za-z가-힣]", "", item)) >= 2:
                    terms.append(item)
    return terms


def years_line(level: str, language: str) -> str:
    lv = LEVELS[level]
    return lv.years_en if language == "en" else lv.years_ko


def offline_edit(key: str, current: str, instruction: str, language: str = "ko", level: str | None = None) -> EditResult:
    """What can be done without a model: remove lines the instruction names, set the years line
    for a new level, add the instruction's items as bullets to a list section."""
    heading = SECTION_HEADINGS[language][key]
    lines = current.splitlines()
    applied = False
    if _REMOVE.search(instruction):
        terms = [t.lower() for t in _terms_to_remove(instruction)]
        kept = [ln for ln in lines if not (ln.strip() and any(_key(t) in _key(ln) for t in terms))]
        applied = len(kept) != len(lines)
        lines = kept
    else:
        if level and key == "qualifications":
            wanted = years_line(level, language)
            at = [i for i, ln in enumerate(lines) if _YEARS_LINE.search(ln)]
            if at:
                # "프론트엔드 개발 경력 4년 이상" -> "프론트엔드 개발 경력 8년 이상": the line's own words stay.
                years = re.search(r"\d[\d~+\- ]*(년\s*(이상)?|years?)", wanted)
                lines[at[0]] = _YEARS_LINE.sub(years.group(0).strip() if years else wanted, lines[at[0]], count=1)
                lines = [ln for i, ln in enumerate(lines) if i not in at[1:]]
            else:
                lines.insert(0, f"- {wanted}")
            applied = True
        if key not in PROSE_SECTIONS:
            have = {_key(ln) for ln in lines}
            for item in _items_to_add(instruction):
                if _key(item) not in have and not any(_key(item) in h for h in have):
                    lines.append(f"- {item}")
                    have.add(_key(item))
                    applied = True
    notices = [NEEDS_MODEL[language]] + ([] if applied else [NOT_APPLIED[language].format(heading=heading)])
    return EditResult(key=key, body="\n".join(lines).strip() if applied else current, applied=applied, notices=notices)


async def regenerate_section(deps: Deps, ctx: CompanyContext, *, job_code: str, level: str | None, language: str,
                             key: str, current: str, instruction: str, present: list[str]) -> EditResult:
    """The section rewritten by the large model (only this section and the minimum context go to
    it, with registry entries masked), or offline by offline_edit."""
    if deps.models.offline:
        return offline_edit(key, current, instruction, language, level)
    job = JOB_CODES[job_code]
    headings = SECTION_HEADINGS[language]
    lv = LEVELS.get(level or "")
    mask = lambda t: ctx.matcher.mask_for_model(t, language)  # noqa: E731
    prompt = load_prompt("edit_section")
    system, user = prompt.render(
        company_name=ctx.profile.name, language_name="Korean" if language == "ko" else "English",
        job_name=job.name_ko if language == "ko" else job.name_en,
        level=(lv.label_ko if language == "ko" else lv.label_en) if lv else "-",
        company=company_summary(mask(ctx.profile.intro)),
        other_headings=", ".join(headings[k] for k in SECTION_KEYS if k in present and k != key) or "-",
        heading=headings[key], current=mask(current) or "-", instruction=mask(instruction))
    reply = await deps.models.large.ainvoke([SystemMessage(system), HumanMessage(user)])  # type: ignore[union-attr]
    body, cut = clean_reply(str(reply.content), key)
    notices = [EXTRA_CUT[language].format(heading=headings[key])] if cut else []
    if not body.strip():
        # An empty answer is not a request to delete the section (a reviewer's revise does that).
        notices.append(EMPTY_REPLY[language].format(heading=headings[key]))
    return EditResult(key=key, body=body if body.strip() else current, applied=bool(body.strip()),
                      generator=f"llm:{deps.models.name('large')}", prompt=prompt.id, usage=usage_of(reply),
                      notices=notices)


# --- updating a past posting for a new request --------------------------------------------------

_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p, re.IGNORECASE)) for k, p in (
    ("qualifications", r"신입|주니어|미들|시니어|리드|팀장|경력|\d+\s*년|자격|필수|요건|senior|junior|entry|lead|\d+\+?\s*years?|require|qualif"),
    ("preferred", r"우대|preferred|nice to have|bonus"),
    ("duties", r"업무|담당|역할|responsib|duties|\brole\b"),
    ("benefits", r"복지|복리|혜택|휴가|지원금|benefit|perk"),
    ("conditions", r"근무\s*(지|시간|형태|조건|환경|가능)|원격|재택|정규직|계약직|인턴|연봉|급여|출퇴근|remote|hybrid|on-?site|salary|full[- ]time|contract"),
    ("process", r"전형|면접|절차|interview|hiring process"),
    ("about", r"회사\s*소개|about us"),
))


def detect_level(request: str) -> str | None:
    m = _LEVEL_RE.search(request)
    return _LEVEL_WORDS[m.group(0).lower()] if m else None


def plan_by_rules(request: str) -> dict[str, str]:
    """Each section whose keywords a clause of the request names, with those clauses. A skill with
    no section word goes to the requirements (to the preferred ones when "우대" is said)."""
    plan: dict[str, list[str]] = {}
    for clause in _clauses(request):
        keys = [k for k, rx in _RULES if rx.search(clause)]
        if "preferred" in keys and "qualifications" in keys and not _LEVEL_RE.search(clause):
            keys.remove("qualifications")
        if not keys and skills_in(clause):
            keys = ["qualifications"]
        for k in keys:
            plan.setdefault(k, []).append(clause)
    return {k: ", ".join(plan[k]) for k in SECTION_KEYS if k in plan}


def _json_object(text: str) -> dict | None:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


async def plan_update(deps: Deps, *, request: str, posting: Posting, level: str | None, language: str) -> UpdatePlan:
    """Rules first; with a small model, its structured plan (plan_update prompt) is added to them."""
    plan = UpdatePlan(sections=plan_by_rules(request), level=detect_level(request))
    small = deps.models.small
    if small is None:
        return plan
    headings = SECTION_HEADINGS[language]
    prompt = load_prompt("plan_update")
    system, user = prompt.render(keys=", ".join(SECTION_KEYS),
                                 headings=", ".join(f"{k} ({headings[k]})" for k in SECTION_KEYS if k in posting.sections),
                                 level=level or "-", request=request)
    reply = await small.ainvoke([SystemMessage(system), HumanMessage(user)])
    plan.usage, plan.prompt = usage_of(reply), prompt.id
    data = _json_object(str(reply.content))
    if data is None:
        plan.notices.append("모델의 구역 계획을 읽지 못해 규칙으로 정한 구역만 고칩니다." if language == "ko"
                            else "The model's plan could not be read; only the sections the rules found are changed.")
        return plan
    for item in data.get("sections") or []:
        key = resolve_section(str(item.get("key", ""))) if isinstance(item, dict) else None
        if key is not None:
            plan.sections[key] = str(item.get("instruction") or "").strip() or plan.sections.get(key) or request
    if (lv := str(data.get("level") or "").strip().lower()) in LEVELS and plan.level is None:
        plan.level = lv
    plan.sections = {k: plan.sections[k] for k in SECTION_KEYS if k in plan.sections}
    plan.planner = f"rules+llm:{deps.models.name('small')}"
    return plan


def retitle(title: str, old_level: str | None, new_level: str | None) -> str:
    """The title with the old level's label swapped for the new one's (unchanged when it names none)."""
    if not new_level or new_level == old_level or not old_level or old_level not in LEVELS:
        return title
    old, new = LEVELS[old_level], LEVELS[new_level]
    return title.replace(old.label_ko, new.label_ko).replace(old.label_en, new.label_en)
