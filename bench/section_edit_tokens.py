"""Tokens of a one-section edit vs a full regeneration of the posting, on the real prompts.

    .venv/bin/python -m bench.section_edit_tokens [--instruction "Kotlin 경험을 우대사항에 추가"] [--section preferred]

For every bundled company and each job code it has a past posting for, in process with scripted
models that answer like a model would (the writer returns that past posting in full; the section
editor returns the current section plus one line), it runs POST /generations (custom) and then
POST /generations/{id}/sections, captures the messages each model call really received, and counts
prompt + completion tokens of the generation's large-model (writing) calls against the section-edit call. Also
shown: every model call of the generation (intent, extraction, rewriting, judges) against every
call of the edit, and POST /postings/{id}/update (plan + regenerated sections).

Tokens come from tiktoken (o200k_base, else cl100k_base) when its encoding file loads without a
network (TIKTOKEN_CACHE_DIR); otherwise from an approximation, printed in the header: one token per
Hangul syllable, one per 4 characters of a Latin/digit run (rounded up), one per other symbol.
Both sides are counted the same way; the ratio is what the target (<= 25%) is about.
"""
from __future__ import annotations

import argparse
import math
import re
import statistics
import tempfile

from fastapi.testclient import TestClient

from api.app import create_app
from bench.support import TOKEN, bench_settings
from core.jobcodes import JOB_CODES
from llm.models import ModelSet
from llm.scripted import ScriptedChatModel
from tests.support.scripted import ENTITIES, JUDGE_OK

TARGET = 0.25


def _encoder():
    try:
        import tiktoken

        for name in ("o200k_base", "cl100k_base"):
            try:
                enc = tiktoken.get_encoding(name)
                return f"tiktoken {name}", lambda t: len(enc.encode(t))
            except Exception:
                continue
    except ImportError:
        pass
    return "approximation (Hangul syllable = 1, Latin/digit run = ceil(len/4), symbol = 1)", approx_tokens


_PIECES = re.compile(r"[\uac00-\ud7a3]|[A-Za-z0-9]+|[^\sA-Za-z0-9\uac00-\ud7a3]")


def approx_tokens(text: str) -> int:
    return sum(math.ceil(len(p) / 4) if p[0].isascii() and p[0].isalnum() else 1 for p in _PIECES.findall(text))


def _responder(postings: dict[str, str]):
    """Replies a real model would give in shape and length; postings: job name -> full posting."""
    import json

    def reply(messages) -> str:
        system, user = str(messages[0].content), str(messages[-1].content)
        if "compliance reviewer" in system:
            return JUDGE_OK
        if "route requests" in system:
            return "custom"
        if "extract structured hiring information" in system:
            return json.dumps(ENTITIES, ensure_ascii=False)
        if "precise brief" in system:
            return "요청한 직무의 공고. 회사 자료와 과거 공고에 맞춰 핵심 업무와 요건을 강조."
        if "plan the update" in system:
            return json.dumps({"sections": [], "level": None})
        if "edit one section" in system:
            current = re.search(r"Current text:\n(.*?)\n\nInstruction:", user, re.S)
            return ((current.group(1).strip() + "\n") if current else "") + "- Kotlin 기반 서버 개발 경험"
        return next((p for name, p in postings.items() if name in system), next(iter(postings.values())))

    return reply


def _tokens(count, reply, calls: list) -> int:
    """Prompt tokens of the calls' messages plus completion tokens of the replies they got."""
    return sum(count(str(m.content)) for call in calls for m in call) + sum(count(reply(call)) for call in calls)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--section", default="preferred")
    ap.add_argument("--instruction", default="Kotlin 경험을 우대사항에 추가")
    ap.add_argument("--update", default="이번엔 시니어로, 원격 근무 가능")
    args = ap.parse_args(argv)
    label, count = _encoder()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        settings = bench_settings(d)
        postings: dict[str, str] = {}
        reply = _responder(postings)
        small, large = ScriptedChatModel(responder=reply), ScriptedChatModel(responder=reply)
        app = create_app(settings, ModelSet(small=small, large=large))
        with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            rt = app.state.runtime

            for company in rt.repo.list_companies():
                for past in rt.repo.list_postings(company.id):
                    if past.job_code not in JOB_CODES:
                        continue
                    full_text = past.as_posting().to_markdown()
                    postings.clear()
                    postings[JOB_CODES[past.job_code].name_ko] = full_text
                    s0, l0 = len(small.calls), len(large.calls)
                    view = c.post("/generations", json={"company_id": company.id, "job_code": past.job_code,
                                                        "level": past.level, "mode": "custom",
                                                        "request": "과거 공고를 바탕으로 올해 채용공고를 써줘"}).json()
                    assert view["status"] == "pending_review", view
                    gen_large = large.calls[l0:]
                    gen_small = small.calls[s0:]
                    # Every large-model call of the generation is the writing (one call today).
                    full = _tokens(count, reply, gen_large)
                    gen_all = full + _tokens(count, reply, gen_small)

                    s1, l1 = len(small.calls), len(large.calls)
                    r = c.post(f"/generations/{view['thread_id']}/sections",
                               json={"section": args.section, "instruction": args.instruction})
                    assert r.status_code == 200, r.text
                    edit_calls = large.calls[l1:]
                    edit = _tokens(count, reply, edit_calls)
                    edit_all = edit + _tokens(count, reply, small.calls[s1:])

                    s2, l2 = len(small.calls), len(large.calls)
                    u = c.post(f"/postings/{past.id}/update", json={"request": args.update})
                    assert u.status_code == 200, u.text
                    upd = _tokens(count, reply, large.calls[l2:]) + _tokens(count, reply, small.calls[s2:])
                    rows.append((company.id, past.job_code, full, edit, gen_all, edit_all, upd,
                                 len(u.json()["edit"]["sections"])))
    print(f"section edit vs full regeneration, {len(rows)} company/job pairs; tokens: {label}")
    print(f"  edit: section={args.section!r} instruction={args.instruction!r}; update: {args.update!r}")
    print(f"  {'company':<22}{'job':>8}{'full':>7}{'edit':>7}{'ratio':>8}{'gen all':>9}{'edit all':>9}{'ratio':>8}"
          f"{'update':>8}{'ratio':>8}")
    for cid, job, full, edit, gen_all, edit_all, upd, n in rows:
        print(f"  {cid:<22}{job:>8}{full:>7}{edit:>7}{edit / full:>8.1%}{gen_all:>9}{edit_all:>9}{edit_all / gen_all:>8.1%}"
              f"{upd:>8}{upd / gen_all:>8.1%}  ({n} sections)")
    ratios = [e / f for _, _, f, e, *_ in rows]
    all_ratios = [ea / ga for *_, ga, ea, _, _ in rows]
    print(f"  writing call: full {statistics.median(r[2] for r in rows):.0f} vs edit {statistics.median(r[3] for r in rows):.0f}"
          f" tokens (median); ratio median {statistics.median(ratios):.1%}, max {max(ratios):.1%}"
          f" -> target <= {TARGET:.0%}: {'met' if max(ratios) <= TARGET else 'NOT met'}")
    print(f"  all model calls: ratio median {statistics.median(all_ratios):.1%}, max {max(all_ratios):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
