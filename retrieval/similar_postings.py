"""Similar postings for a posting or a generation: the company's own of the same job first, then
other companies' of the same job code — only postings the caller may see (its team's, or public)."""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable

from catalog.models import PastPostingRecord
from guards.publish import redact_prose
from guards.sensitive import SensitiveMatcher
from retrieval.similar import SimilarDoc, SimilarIndex

_BODY = ("duties", "qualifications", "preferred")


def posting_text(p: PastPostingRecord) -> str:
    return "\n".join(p.sections.get(k, "") for k in _BODY)


class SimilarPostings:
    """Keeps a BM25 index over every stored posting, rebuilt when the postings change."""

    def __init__(self, repo):
        self._repo = repo
        self._lock = threading.Lock()
        self._digest: str | None = None
        self._index: SimilarIndex | None = None
        self._records: dict[str, PastPostingRecord] = {}

    def _matcher(self, company_id: str) -> SensitiveMatcher:
        return SensitiveMatcher(self._repo.get_sensitive_entities(company_id))

    def _current(self) -> SimilarIndex:
        records = self._repo.all_postings()
        digest = hashlib.sha256("\x00".join(f"{p.id}\x01{p.title}\x01{len(posting_text(p))}" for p in records).encode()).hexdigest()
        with self._lock:
            if digest != self._digest or self._index is None:
                self._records = {p.id: p for p in records}
                self._index = SimilarIndex([SimilarDoc(p.id, p.company_id, p.job_code, p.title, posting_text(p)) for p in records])
                self._digest = digest
            return self._index

    def search(self, query: str, k: int, *, job_code: str) -> list[tuple[PastPostingRecord, float]]:
        """Stored postings of a job code closest to a query, best first (no visibility filter)."""
        index = self._current()
        records = self._records
        return [(records[d.id], score) for d, score in index.search(query, k, job_code=job_code) if d.id in records]

    def similar(self, *, query: str, company_id: str, job_code: str, k: int,
                visible: Callable[[PastPostingRecord], bool], exclude: str | None = None, principal=None) -> list[dict]:
        """`principal`: who asks — whether each result can be opened (GET /postings/{id})."""
        index = self._current()
        skip = frozenset({exclude} if exclude else set())
        own = index.search(query, k, exclude_ids=skip, job_code=job_code, company_id=company_id)
        # Ask for more than k: some of the others are filtered out below (another team's private ones).
        others = [(d, s) for d, s in index.search(query, 4 * k + len(own), exclude_ids=skip, job_code=job_code)
                  if d.company_id != company_id]
        out = []
        for doc, score in [*own, *others]:
            record = self._records.get(doc.id)
            if record is None or not visible(record):
                continue
            matcher = self._matcher(record.company_id)
            out.append({"id": doc.id, "company_id": doc.company_id, "job_code": doc.job_code,
                        "title": redact_prose(doc.title, matcher)[0], "own_company": doc.company_id == company_id,
                        "can_open": principal is None or principal.sees(doc.company_id), "score": round(score, 3),
                        "summary": summary(record, matcher)})
            if len(out) == k:
                break
        return out


def summary(p: PastPostingRecord, matcher: SensitiveMatcher | None = None, items: int = 3) -> str:
    """One extractive paragraph: the posting's first duties and requirements, leaving out any line
    that holds an entry of the company's registry (summaries are shown to other teams too)."""
    def first(key: str) -> list[str]:
        lines = [ln.strip().lstrip("-•*·※").strip() for ln in p.sections.get(key, "").splitlines()]
        return [ln for ln in lines if ln and not (matcher is not None and matcher.find(ln))][:items]

    duties, quals = first("duties"), first("qualifications")
    parts = []
    if duties:
        parts.append("주요업무: " + "; ".join(duties))
    if quals:
        parts.append("자격요건: " + "; ".join(quals))
    return " / ".join(parts)
