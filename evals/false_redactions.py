"""Measures how often the sensitive-entity matcher would wrongly redact real postings of unrelated companies."""
# Method. The real Wanted postings (../shared/data/wanted, read at run time, never copied) are
# public, so nothing in them is any company's secret. For each company we build a registry of
# "secrets" out of OTHER companies' product/service/brand names, extracted from their
# GROUP_INTRO texts (quoted names, names before 앱/서비스/플랫폼/브랜드/솔루션, capitalized Latin
# names, products named in brackets after the company name). A name is never given to a company
# it comes from, nor to one whose own intro or name mentions it. Then SensitiveMatcher(registry)
# .find() runs over each of the company's postings (title + every section); every hit is a
# false redaction.
#
#     python -m evals.false_redactions [--data DIR] [--json PATH] [--limit N] [--seed S]
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import guards.sensitive
from catalog.models import SensitiveEntityRecord
from core.config import REPO_ROOT
from evals.real_postings import DEFAULT_DIR, load_postings
from guards.sensitive import SensitiveMatcher
from guards.text import compact

DEFAULT_JSON = REPO_ROOT / "evals" / "reports" / "false_redactions.json"
TEXT_FIELDS = ("TITLE", "GROUP_INTRO", "MAINDUTIES", "QUALIFICATION", "PREFERENTIAL", "BENEFITS")
REGISTRY_SIZE = (10, 20)
# A name found in the intros of more companies than this is common vocabulary or a famous brand,
# not a product that belongs to one company.
MAX_COMPANIES_MENTIONING = 2
CONTEXT = 40
TOP = 30

_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[\w.-]+\.(?:com|co\.kr|kr|io|net|ly)(?:/\S*)?", re.IGNORECASE)
_QUOTED = re.compile(r"[‘'“\"「『]([^‘’'“”\"「」『』\n]{2,24})[’'”\"」』]")
_BEFORE_KIND = re.compile(r"([A-Za-z가-힣0-9][A-Za-z가-힣0-9&+\-]{1,19})\s?(?:앱|어플|애플리케이션|서비스|플랫폼|브랜드|솔루션)")
_LATIN = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:[ \-][A-Z0-9][A-Za-z0-9]*)?(?![A-Za-z0-9])")
_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z][a-z0-9]+(?![A-Za-z0-9])")
_NAME_SPLIT = re.compile(r"[()\[\]/,·|]+")
_CORP = re.compile(r"주식회사|\(주\)|㈜|유한회사|\b(?:inc|corp|co|ltd|llc)\b\.?", re.IGNORECASE)
_NOMINAL_TAGS = ("NNG", "NNP", "NNB", "NR", "SL", "SN", "SH", "XSN", "XPN", "W_")

# Words that name a kind of thing, a value or a field, never one company's product.
GENERIC_KO = set("""
서비스 플랫폼 브랜드 솔루션 어플 앱 데이터 고객 성장 사람 소통 가치 문화 커뮤니티 뷰티 모빌리티 헬스케어 커머스 이커머스 핀테크 에듀테크 프롭테크 스타트업 유니콘 라이프스타일
메타버스 블록체인 인공지능 빅데이터 클라우드 콘텐츠 컨텐츠 스킨케어 패션 리빙 푸드 테크 글로벌 코리아 한국 대한민국 서울 판교 강남 부산 제주 미국 중국 일본 베트남 아시아
주식회사 그룹 홀딩스 팀 회사 기업 본사 자회사 계열사 파트너 파트너사 고객사
""".split())
GENERIC_EN = set((
    # tech and business vocabulary
    """
    ai api app apps aws azure gcp saas paas iaas b2b b2c b2g d2c o2o iot ict cloud data big platform
    service services solution solutions software hardware system systems tech technology technologies
    digital transformation mobile web online offline commerce ecommerce marketing sales design designer
    developer engineer engineering manager operation operations operator product products brand brands
    content contents media network security research development analytics analysis machine learning
    deep vision python java javascript typescript react node spring kotlin swift android ios linux
    windows google apple microsoft amazon meta facebook instagram youtube tiktok twitter naver kakao
    slack notion jira figma excel office chatgpt openai gpt llm nft web3 metaverse fintech edtech
    proptech healthtech healthcare health care beauty fashion food foods living lifestyle life mobility
    logistics fulfillment startup series pre seed ipo tips kosdaq kospi nasdaq award awards forbes ceo
    cto cfo coo hr md pm ms po ux ui cx crm erp scm esg okr kpi mau dau sns
    """
    # company and place words
    """
    company corporation group holdings global korea korean seoul asia japan china usa america europe
    world international lab labs studio studios games game entertainment team partners partner ventures
    venture capital investment investments bank insurance
    """
    # common English words that open or decorate intros
    """
    we our us you your the a an and or of for to in on at by with is are be it its this that who what
    why how when where about join welcome hello hi mission value values core culture people story growth
    impact best top new one no good great better smart easy first next future daily home work place way
    make makes making change innovation leader leading customer customers experience member members user
    users client clients market business key problem problems never anything everything everyone
    together special mention interview process benefits benefit welfare remote full time part senior
    junior lead head chief officer director local total green blue red black white gold plus pro max
    premium official original magazine
    """
).split())


@dataclass
class Candidate:
    name: str
    rule: str
    owners: set[str] = field(default_factory=set)


def company_key(company: str) -> str:
    """One key per company, however its name is spelled ('코드잇(codeit)' and '코드잇' agree)."""
    name = _CORP.sub("", company)
    return compact(name.split("(")[0]) or compact(name)


def company_names(company: str) -> list[str]:
    """The company's name and the products/brands named in its brackets ('두나무(업비트/증권플러스)')."""
    parts = [_CORP.sub("", p).strip() for p in _NAME_SPLIT.split(company)]
    return [p for p in parts if len(compact(p)) >= 2]


@lru_cache(maxsize=1)
def _kiwi():
    from retrieval.korean import kiwi
    return kiwi()


def _latin_ok(name: str, common: frozenset[str]) -> bool:
    """A Latin-script name is kept when one of its words is neither a generic word nor a word the
    intros also write in lower case (an ordinary English word): 'Mondrian AI', 'SumOne' pass;
    'Financial', 'Data Governance', 'IP R' do not."""
    words = [w for w in re.split(r"[ \-]", name) if w]
    if not words or any(not re.fullmatch(r"[A-Za-z][A-Za-z0-9&+.]+", w) for w in words):
        return False  # single letters and bare numbers ('IP R', 'S 90') are not names
    distinctive = [w for w in words if w.lower() not in GENERIC_EN and w.lower() not in common
                   and not (w.isupper() and len(w) <= 4)]  # acronyms: IT, MD, DSRC, TIPS
    return bool(distinctive) and len(compact(name)) >= 3


@lru_cache(maxsize=None)
def _korean_ok(name: str) -> bool:
    """A Korean name is kept when it is all nouns/foreign words and Kiwi does not know part of it
    as a dictionary word (unknown or proper noun): '패스오더', '직방', '맹그로브 신촌' pass;
    '모바일', '주문', '건강한' do not."""
    toks = _kiwi().tokenize(name)
    if not toks or any(not t.tag.startswith(_NOMINAL_TAGS) for t in toks):
        return False
    return any(t.oov or t.id == 2 or t.tag == "NNP" for t in toks if re.search(r"[가-힣]", t.form))


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,:;!?~-·")
    words = name.split(" ")
    # Drop decorating words at either end: 'About MONQ' -> 'MONQ'.
    while words and words[0].lower() in GENERIC_EN | GENERIC_KO:
        words = words[1:]
    while words and words[-1].lower() in GENERIC_EN | GENERIC_KO:
        words = words[:-1]
    return " ".join(words)


def acceptable(name: str, common: frozenset[str] = frozenset()) -> bool:
    """Does this look like one company's product name rather than a word or a phrase?"""
    c = compact(name)
    if len(c) < 2 or len(name.split()) > 3 or c.isdigit() or c in GENERIC_KO or c in GENERIC_EN:
        return False
    if re.search(r"[^\w\s&+\-.·]", name):
        return False
    if re.search(r"[가-힣]", name):
        return _korean_ok(name)
    if re.fullmatch(r"[A-Za-z0-9 &+\-.]+", name):
        return _latin_ok(name, common)
    return False


def lowercase_words(texts) -> frozenset[str]:
    """Latin words written in lower case somewhere in the texts: ordinary words, not names."""
    words: set[str] = set()
    for t in texts:
        words.update(m.group(0) for m in _LOWER_WORD.finditer(_URL.sub(" ", t or "")))
    return frozenset(words)


def extract_names(intro: str, common: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(name, rule) pairs a company intro offers as product/service/brand names."""
    text = _URL.sub(" ", intro or "")
    raw: list[tuple[str, str]] = []
    raw += [(m.group(1), "quoted") for m in _QUOTED.finditer(text)]
    # A name before 앱/서비스/… must recur in the intro: '페이히어 서비스 … 페이히어는' yes, '모바일 앱' no.
    whole = compact(text)
    raw += [(m.group(1), "before_kind") for m in _BEFORE_KIND.finditer(text)
            if whole.count(compact(_clean(m.group(1))) or "\0") >= 2]
    raw += [(m.group(0), "latin") for m in _LATIN.finditer(text)]
    out, seen = [], set()
    for name, rule in raw:
        name = _clean(name)
        if compact(name) not in seen and acceptable(name, common):
            seen.add(compact(name))
            out.append((name, rule))
    return out


def build_pool(postings: list[dict]) -> tuple[list[Candidate], dict]:
    """Every acceptable name with the companies it comes from, minus names too many intros use."""
    intros: dict[str, set[str]] = defaultdict(set)
    for p in postings:
        intros[company_key(p["COMPANY"])].add(p.get("GROUP_INTRO") or "")
    common = lowercase_words(str(p.get(f) or "") for p in postings for f in TEXT_FIELDS)
    names: dict[str, set[str]] = defaultdict(set)
    for p in postings:
        names[company_key(p["COMPANY"])].update(company_names(p["COMPANY"])[1:])
    found: dict[str, Candidate] = {}
    for key in sorted(intros):
        named = [(n, "company_brackets") for n in sorted(names[key]) if acceptable(n, common)]
        for intro in sorted(intros[key]):
            for name, rule in named + extract_names(intro, common):
                found.setdefault(compact(name), Candidate(name, rule)).owners.add(key)
    # How many companies' intros mention each name (the owner's included).
    corpus = sorted((key, compact(" ".join(sorted(texts)))) for key, texts in intros.items())
    pool, too_common = [], 0
    for c, cand in sorted(found.items()):
        mentions = 0
        for _, text in corpus:
            if c in text:
                mentions += 1
                if mentions > MAX_COMPANIES_MENTIONING:
                    break
        if mentions > MAX_COMPANIES_MENTIONING:
            too_common += 1
        else:
            pool.append(cand)
    stats = {
        "names_extracted": len(found),
        "dropped_too_common": too_common,
        "pool_size": len(pool),
        "pool_by_rule": dict(sorted(Counter(c.rule for c in pool).items())),
        "max_companies_mentioning": MAX_COMPANIES_MENTIONING,
    }
    return pool, stats


def _rng(seed: int, key: str) -> random.Random:
    return random.Random(int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()[:16], 16))


def registry_for(key: str, own_text: str, own_names: list[str], pool: list[Candidate],
                 seed: int) -> list[SensitiveEntityRecord]:
    """10-20 names drawn (seeded by the company) from other companies, none of them its own:
    not extracted from it, not in its own intro or name, not containing its name."""
    rng = _rng(seed, key)
    size = rng.randint(*REGISTRY_SIZE)
    own = compact(own_text)
    own_c = [compact(n) for n in own_names if len(compact(n)) >= 2]
    picked: dict[str, Candidate] = {}
    tried: set[int] = set()
    while len(picked) < size and len(tried) < len(pool):
        i = rng.randrange(len(pool))
        if i in tried:
            continue
        tried.add(i)
        cand = pool[i]
        c = compact(cand.name)
        if key in cand.owners or c in own or any(n in c for n in own_c) or c in picked:
            continue
        picked[c] = cand
    return [SensitiveEntityRecord(text=cand.name, category="product", source=f"{cand.rule}:{sorted(cand.owners)[0]}")
            for cand in picked.values()]


def posting_text(p: dict) -> str:
    return "\n\n".join(str(p.get(f) or "").strip() for f in TEXT_FIELDS if str(p.get(f) or "").strip())


def _in_word(text: str, start: int, end: int) -> bool:
    """The match is cut out of a longer word: 'Up' in 'Group', '토스' in '포토스튜디오'. A Korean
    particle after a name ('패스오더는') does not count."""
    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isalnum() and latin(before) == latin(text[start])) or (latin(after) and latin(text[end - 1]))


def select_postings(postings: list[dict], limit: int | None, seed: int) -> list[dict]:
    ordered = sorted(postings, key=lambda p: (str(p["ID"]), p["COMPANY"]))
    if limit is None or limit >= len(ordered):
        return ordered
    return sorted(random.Random(seed).sample(ordered, limit), key=lambda p: (str(p["ID"]), p["COMPANY"]))


def measure(postings: list[dict], limit: int | None = None, seed: int = 0, top: int = TOP) -> dict:
    pool, pool_stats = build_pool(postings)
    own_text: dict[str, list[str]] = defaultdict(list)
    own_names: dict[str, set[str]] = defaultdict(set)
    display: dict[str, str] = {}
    for p in postings:
        key = company_key(p["COMPANY"])
        display[key] = min(display.get(key, p["COMPANY"]), p["COMPANY"])
        own_text[key].append(p.get("GROUP_INTRO") or "")
        own_names[key].update(company_names(p["COMPANY"]))
        own_text[key].append(p["COMPANY"])

    scanned = select_postings(postings, limit, seed)
    matchers: dict[str, SensitiveMatcher] = {}
    sizes: dict[str, int] = {}
    used: set[str] = set()
    by_kind: Counter = Counter()
    by_rule: Counter = Counter()
    sources: dict[str, dict[str, str]] = {}
    postings_by_kind: Counter = Counter()
    flagged = in_word = 0
    groups: dict[tuple[str, str, str], dict] = {}
    for p in scanned:
        key = company_key(p["COMPANY"])
        if key not in matchers:
            registry = registry_for(key, "\n".join(sorted(set(own_text[key]))), sorted(own_names[key]), pool, seed)
            matchers[key] = SensitiveMatcher(registry)
            sizes[key] = len(registry)
            used.update(e.text for e in registry)
            sources[key] = {e.text: e.source for e in registry}
        text = posting_text(p)
        hits = matchers[key].find(text)
        if not hits:
            continue
        flagged += 1
        postings_by_kind.update({h.kind for h in hits})
        for h in hits:
            by_kind[h.kind] += 1
            rule, _, owner = sources[key].get(h.entity, "?:?").partition(":")
            by_rule[rule] += 1
            inside = _in_word(text, h.start, h.end)
            in_word += inside
            g = groups.setdefault((h.entity, compact(h.matched), h.kind), {
                "entity": h.entity, "entity_from": display.get(owner, owner), "rule": rule,
                "matched": h.matched, "kind": h.kind, "in_word": inside,
                "hits": 0, "postings": set(), "example": {
                    "posting_id": p["ID"], "company": p["COMPANY"],
                    "context": re.sub(r"\s+", " ", text[max(0, h.start - CONTEXT):h.end + CONTEXT]),
                }})
            g["hits"] += 1
            g["postings"].add(p["ID"])

    order = sorted(groups.values(), key=lambda g: (-len(g["postings"]), -g["hits"], g["entity"], g["matched"]))
    top_hits = order[:top]
    for g in top_hits:
        g["postings"] = len(g["postings"])
    size_values = sorted(sizes.values())
    return {
        "postings_scanned": len(scanned),
        "companies_scanned": len(sizes),
        "seed": seed,
        "limit": limit,
        "candidates": pool_stats,
        "registry_size": {
            "min": size_values[0] if size_values else 0,
            "median": statistics.median(size_values) if size_values else 0,
            "mean": round(statistics.fmean(size_values), 2) if size_values else 0,
            "max": size_values[-1] if size_values else 0,
            "distinct_entries_used": len(used),
        },
        "postings_with_false_redaction": flagged,
        "false_redaction_rate": round(flagged / len(scanned), 4) if scanned else 0.0,
        "hits_total": sum(by_kind.values()),
        "hits_by_kind": {k: by_kind.get(k, 0) for k in ("exact", "variant", "partial")},
        "postings_by_kind": {k: postings_by_kind.get(k, 0) for k in ("exact", "variant", "partial")},
        "hits_inside_a_word": in_word,
        "hits_by_name_rule": dict(sorted(by_rule.items())),
        "top_hits": top_hits,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DIR, help="folder of wanted_data_*.json")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the JSON report")
    ap.add_argument("--limit", type=int, default=None, help="scan a seeded sample of N postings")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}")
        return 2
    t0 = time.perf_counter()
    postings = load_postings(args.data)
    report = measure(postings, args.limit, args.seed)
    report["data"] = str(args.data)
    # The matcher changes often; this says which version of it gave these figures.
    report["matcher_sha256"] = hashlib.sha256(Path(guards.sensitive.__file__).read_bytes()).hexdigest()[:12]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    rs, cand = report["registry_size"], report["candidates"]
    print(f"{report['postings_scanned']} postings of {report['companies_scanned']} companies scanned "
          f"(seed {args.seed}); candidate names {cand['pool_size']} "
          f"({cand['names_extracted']} extracted, {cand['dropped_too_common']} too common)")
    print(f"registry size min {rs['min']} / median {rs['median']} / mean {rs['mean']} / max {rs['max']}")
    print(f"postings with >=1 false redaction: {report['postings_with_false_redaction']} "
          f"({report['false_redaction_rate']:.2%}); hits {report['hits_total']} {report['hits_by_kind']}, "
          f"{report['hits_inside_a_word']} inside a longer word")
    for g in report["top_hits"]:
        print(f"  {g['postings']:>3} postings  {g['kind']:<8}{g['entity']!r} -> {g['matched']!r}: "
              f"…{g['example']['context']}…")
    print(f"report: {args.json}  ({time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
