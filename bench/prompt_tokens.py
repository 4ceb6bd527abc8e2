"""Writing-prompt tokens vs naive stuffing of all company data, on the bundled sample companies and
on real companies from the Wanted export (read at run time from ../shared/data/wanted).

The writing prompt is not re-rendered here: the real graph runs (custom route) with a scripted model
on the large tier, and what the writing step actually sent to that model is counted — so the figure
follows nodes/generate.py as it changes. Naive stuffing is the same instructions and request plus
everything stored for the company: profile, 인재상, every document and every past posting.

    .venv/bin/python -m bench.prompt_tokens [--wanted-dir ../shared/data/wanted] [--wanted-companies 20]

Tokens are counted with tiktoken (o200k_base, else cl100k_base; offline, the cl100k_base file that
litellm bundles is used when tiktoken's own cache is empty). When no encoding loads, an approximation
is used (UTF-8 bytes / 3, about right for Korean with GPT-4-class tokenizers) and the output says so."""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from bench.support import TOKEN, bench_settings
from catalog.wanted import WantedCollector
from core.config import REPO_ROOT
from core.jobcodes import JOB_CODES
from llm.models import ModelSet
from llm.scripted import ScriptedChatModel
from store.repository import seed_from_collector
from tests.support.scripted import LEAKY_POSTING, responder



def token_counter() -> tuple[Callable[[str], int], str]:
    """A token counter and what it is."""
    try:
        import tiktoken
    except ImportError:
        tiktoken = None  # type: ignore[assignment]
    if tiktoken is not None:
        for name in ("o200k_base", "cl100k_base"):
            enc = _encoding(tiktoken, name)
            if enc is None and name == "cl100k_base" and not os.environ.get("TIKTOKEN_CACHE_DIR"):
                spec = importlib.util.find_spec("litellm")
                bundled = Path(spec.origin).parent / "litellm_core_utils" / "tokenizers" if spec and spec.origin else None
                if bundled and bundled.is_dir():
                    os.environ["TIKTOKEN_CACHE_DIR"] = str(bundled)
                    enc = _encoding(tiktoken, name)
            if enc is not None:
                return (lambda text: len(enc.encode(text, disallowed_special=()))), f"tiktoken {name}"
    return (lambda text: max(1, len(text.encode("utf-8")) // 3)), "APPROXIMATION (UTF-8 bytes / 3): no tiktoken encoding loaded"


def _encoding(tiktoken, name: str):
    try:
        return tiktoken.get_encoding(name)
    except Exception:  # no network and no cached file
        return None


class _Subset:
    """A collector limited to some of another collector's companies."""

    def __init__(self, inner: WantedCollector, ids: list[str]):
        self.inner, self.ids = inner, ids

    def list_company_ids(self) -> list[str]:
        return self.ids

    def fetch_company(self, company_id: str):
        return self.inner.fetch_company(company_id)

    def fetch_postings(self, company_id: str, job_code: str | None = None):
        return self.inner.fetch_postings(company_id, job_code)


def naive_text(rt, company_id: str, system: str, request: str) -> str:
    profile = rt.repo.get_company(company_id)
    parts = [system, request, profile.model_dump_json()]
    parts += [f"{d.title}\n{d.text}" for d in rt.repo.get_documents(company_id)]
    parts += [p.as_posting().to_markdown() for p in rt.repo.list_postings(company_id)]
    return "\n\n".join(parts)


def measure(client: TestClient, large: ScriptedChatModel, company_id: str, job_code: str,
            count: Callable[[str], int]) -> tuple[int, int, int] | None:
    rt = client.app.state.runtime  # type: ignore[attr-defined]
    job = JOB_CODES[job_code]
    request = f"{job.name_ko} 공고를 써줘. 실무 경험과 협업 방식을 강조해줘."
    before = len(large.calls)
    r = client.post("/generations", json={"company_id": company_id, "job_code": job_code, "mode": "custom",
                                          "request": request})
    writing = large.calls[before:]
    if r.status_code != 200 or not writing:
        print(f"  {company_id:<22} {job_code}  skipped: HTTP {r.status_code}, {len(writing)} writing calls")
        return None
    prompt = sum(count(str(m.content)) for call in writing for m in call)
    naive = count(naive_text(rt, company_id, str(writing[0][0].content), request))
    return prompt, naive, len(writing)


def report(label: str, rows: list[tuple[str, int, int]]) -> None:
    if not rows:
        print(f"{label}: no companies measured")
        return
    ratios = [p / n for _, p, n in rows]
    total_p, total_n = sum(p for _, p, _ in rows), sum(n for _, _, n in rows)
    print(f"{label}: {len(rows)} companies   writing prompt {total_p:,} tokens vs naive stuffing {total_n:,} "
          f"= {total_p / total_n:.1%} overall   per company: median {statistics.median(ratios):.1%}, "
          f"min {min(ratios):.1%}, max {max(ratios):.1%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wanted-dir", default=str(REPO_ROOT.parent / "shared" / "data" / "wanted"))
    ap.add_argument("--wanted-companies", type=int, default=20, help="the companies with the most postings")
    args = ap.parse_args(argv)
    count, how = token_counter()
    print(f"token counting: {how}")

    small = ScriptedChatModel(responder=responder())
    large = ScriptedChatModel(responder=responder(LEAKY_POSTING), chunk_chars=64)
    with tempfile.TemporaryDirectory() as d:
        settings = bench_settings(d)
        app = create_app(settings, ModelSet(small=small, large=large))
        with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            rt = app.state.runtime
            sample_ids = [c.id for c in rt.repo.list_companies()]
            wanted: list[str] = []
            wanted_dir = Path(args.wanted_dir)
            if wanted_dir.is_dir() and args.wanted_companies > 0:
                collector = WantedCollector(wanted_dir)
                by_size = sorted(collector.list_company_ids(), key=lambda cid: (-len(collector.fetch_postings(cid)), cid))
                wanted = by_size[:args.wanted_companies]
                seed_from_collector(rt.repo, _Subset(collector, wanted))
            else:
                print(f"no Wanted data at {wanted_dir}: sample companies only")

            for label, ids in (("bundled sample companies", sample_ids), ("Wanted companies", wanted)):
                print(f"\n{label}")
                rows = []
                for cid in ids:
                    postings = rt.repo.list_postings(cid)
                    codes = [p.job_code for p in postings if p.job_code in JOB_CODES] or ["1000229"]
                    job_code = max(set(codes), key=lambda c: (codes.count(c), c))
                    got = measure(client, large, cid, job_code, count)
                    if got is not None:
                        prompt, naive, calls = got
                        rows.append((cid, prompt, naive))
                        print(f"  {cid:<22} {job_code}  postings {len(postings):>2}   writing {prompt:>6,} "
                              f"({calls} large-tier call{'s' if calls > 1 else ''})   naive {naive:>6,}   {prompt / naive:6.1%}")
                report(label, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
