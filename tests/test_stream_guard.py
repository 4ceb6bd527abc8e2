"""StreamGuard: no registry entry gets out however the stream is chunked; clean text comes through as written."""
from __future__ import annotations

import functools
import json
import random
import re
from pathlib import Path

import pytest

from catalog.models import PastPostingRecord, SensitiveEntityRecord
from guards.publish import holdback_chars
from guards.sensitive import SensitiveMatcher
from guards.stream_guard import StreamGuard, company_cleaner, guard_for
from guards.text import compact
from tests.support.openai_server import LEAKY_POSTING

DATA = Path(__file__).resolve().parents[1] / "data" / "sample"
NURI = next(c for c in json.loads((DATA / "companies.json").read_text(encoding="utf-8")) if c["id"] == "nuri-ai")
# Every entry and alias, and the parts that identify one on their own.
NEEDLES = sorted({*(e["text"] for e in NURI["sensitive_entities"]),
                  *(a for e in NURI["sensitive_entities"] for a in e["aliases"]),
                  "오로라", "Aurora", "한빛은행", "gpu-cluster", "nuri.internal", "10.20.30.41", "누리챗 2.0"})
# Entries inside a long line with no line end: the guard has to cut it somewhere.
LONG_LINE = ("우리 팀은 대화형 AI 제품을 만들고 운영합니다. " * 8 + "올해는 Project 오로라와 NuriChat 2.0을 준비하고 "
             + "고객사 한빛은행의 상담 품질을 높입니다. " + "서버는 gpu-cluster.nuri.internal(10.20.30.41)입니다. "
             + "모델 평가와 서빙 최적화를 함께 합니다. " * 8 + "\n")


class _Ctx:
    matcher = SensitiveMatcher([SensitiveEntityRecord(**e) for e in NURI["sensitive_entities"]])

    def text_for_law_exceptions(self) -> str:
        return NURI["intro"]


CTX = _Ctx()
# `clean` is pure; caching it keeps the every-boundary sweeps fast (the guard re-cleans prefixes).
CLEAN = functools.lru_cache(maxsize=None)(company_cleaner(CTX, "ko"))
HOLDBACK = holdback_chars(CTX.matcher)


def _run(chunks: list[str], guard: StreamGuard | None = None) -> tuple[str, list[str]]:
    guard = guard or StreamGuard(CLEAN, HOLDBACK)
    released = [guard.feed(c) for c in chunks]
    released.append(guard.flush())
    return "".join(released), released


def _assert_no_secret(out: str) -> None:
    assert not CTX.matcher.find(out), out
    lowered, squeezed = out.lower(), compact(out)
    for needle in NEEDLES:
        assert needle.lower() not in lowered, (needle, out)
        assert compact(needle) not in squeezed, (needle, out)


def _cuts_through_secrets(text: str) -> list[int]:
    """Every position inside or at the edge of an entry's occurrence in the text."""
    cuts: set[int] = set()
    for needle in NEEDLES:
        for m in re.finditer(re.escape(needle), text, re.IGNORECASE):
            cuts.update(range(max(1, m.start()), min(len(text), m.end() + 1)))
    return sorted(cuts)


@pytest.mark.parametrize("text", [LEAKY_POSTING, LONG_LINE], ids=["posting", "long-line"])
def test_a_secret_split_at_any_boundary_never_comes_out(text):
    cuts = _cuts_through_secrets(text)
    assert len(cuts) > 60
    for cut in cuts:
        out, _ = _run([text[:cut], text[cut:]])
        _assert_no_secret(out)
        assert "PyTorch" in out or "서빙 최적화" in out  # the rest of the text still comes through


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7])
def test_small_chunks_at_every_offset(size):
    for text in (LEAKY_POSTING, LONG_LINE):
        for offset in range(size):
            chunks = [text[:offset]] + [text[i:i + size] for i in range(offset, len(text), size)]
            out, released = _run(chunks)
            _assert_no_secret(out)
            assert sum(1 for r in released[:-1] if r) >= 2, "text is released while it streams, not only at the end"


def test_guard_for_a_company_context():
    out, released = _run([LEAKY_POSTING[i:i + 5] for i in range(0, len(LEAKY_POSTING), 5)], guard_for(CTX, "ko"))
    _assert_no_secret(out)
    assert "## 자격요건" in out and sum(1 for r in released if r) > 5


def _clean_texts() -> list[str]:
    postings = json.loads((DATA / "postings" / "nuri-ai.json").read_text(encoding="utf-8"))
    texts = [PastPostingRecord(company_id="nuri-ai", **p).as_posting().to_markdown() for p in postings]
    texts.append(("우리는 한국어 대화형 AI를 만듭니다. " * 30).strip() + "\n" + NURI["intro"] + "\n")
    return [t for t in texts if CLEAN(t) == t]


def test_clean_text_comes_through_unchanged():
    texts = _clean_texts()
    assert len(texts) >= 2
    rng = random.Random(7)
    for text in texts:
        for size in (1, 4, 24):
            assert _run([text[i:i + size] for i in range(0, len(text), size)])[0] == text
        cuts = sorted(rng.sample(range(1, len(text)), 40))
        assert _run([text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])])[0] == text


def test_a_line_is_released_when_it_is_complete():
    guard = StreamGuard(lambda t: t, holdback=50)
    assert guard.feed("## 주요") == ""
    assert guard.feed("업무\n- 설계") == "## 주요업무\n"
    assert guard.feed("와 운영") == ""
    assert guard.flush() == "- 설계와 운영"


def test_a_long_line_is_cut_at_a_space_well_before_the_end():
    guard = StreamGuard(lambda t: t, holdback=30, cap=60)
    text = " ".join(f"단어{i}" for i in range(40))
    released = [guard.feed(text[i:i + 3]) for i in range(0, len(text), 3)]
    first = next(r for r in released if r)
    assert first.endswith(" ") and len(first) <= len(text) - 30
    assert "".join(released) + guard.flush() == text


# A toy `clean` whose matches run across a line end, like the loose matching of some registries.
_TOY = re.compile(r"S\s*E\s*C\s*R\s*E\s*T")


def _toy_clean(text: str) -> str:
    return _TOY.sub("[x]", text)


def test_a_hit_across_a_line_end_within_what_is_held_keeps_the_line_back():
    guard = StreamGuard(_toy_clean, holdback=12)
    assert guard.feed("공개 SEC\nRET 끝\n") == "공개 [x] 끝\n"


def test_a_hit_completed_after_its_first_part_was_released_loses_its_second_part():
    guard = StreamGuard(_toy_clean, holdback=12)
    first = guard.feed("공개 SE\n")
    assert first == "공개 SE\n"  # alone it matches nothing
    second = guard.feed("CRET 다음 내용\n")
    assert second == "다음 내용\n"
    assert not _TOY.search(compact(first + second + guard.flush()).upper())
