"""Similar job postings: BM25 over Kiwi content morphemes, fully offline (no model downloads)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

import numpy as np
from kiwipiepy import Token
from rank_bm25 import BM25Okapi

from retrieval.korean import kiwi

# Nouns, foreign words and roots (다양, 원활). On the real postings, adding verb/adjective stems,
# numbers or dependent nouns (년, 것) did not help (precision@5 0.735 -> 0.723..0.730), so they are left out.
_TAGS = ("NNG", "NNP", "SL", "XR")
# Kiwi tags every English word SL; these would otherwise match across unrelated English ads.
_EN_STOPWORDS = frozenset(
    "a an and are as at be by for from in is it of on or our the to we will with you your".split())
# A title says more about the job than any single body line, so its terms count this many times.
TITLE_WEIGHT = 3


def _terms(tokens: Iterable[Token]) -> list[str]:
    terms = []
    for tok in tokens:
        if not tok.tag.startswith(_TAGS):
            continue
        form = tok.form
        if tok.tag == "SL":
            # Kiwi keeps sentence punctuation on English words ("plus.", "SQL.").
            form = form.lower().rstrip(".,:;!?")
            if not form or form in _EN_STOPWORDS:
                continue
        terms.append(form)
    return terms


def tokenize(text: str) -> list[str]:
    """Content terms of Korean or English text ('백엔드 개발자를 찾습니다' -> ['백', '엔드', '개발자'])."""
    return _terms(kiwi().tokenize(text)) if text.strip() else []


@dataclass(frozen=True)
class SimilarDoc:
    id: str
    company_id: str
    job_code: str
    title: str
    text: str


class SimilarIndex:
    """BM25 index over postings; scores are raw BM25 (comparable within one query only)."""

    def __init__(self, docs: list[SimilarDoc]):
        self.docs = list(docs)
        self._pos = {d.id: i for i, d in enumerate(self.docs)}
        # Batched Kiwi calls spread over its worker threads; analysis is nearly all of the build time.
        title_terms = [_terms(t) for t in kiwi().tokenize([d.title for d in self.docs])]
        body_terms = [_terms(t) for t in kiwi().tokenize([d.text for d in self.docs])]
        self._tokens = [t * TITLE_WEIGHT + b for t, b in zip(title_terms, body_terms)]
        # BM25Okapi divides by the mean document length, so an all-empty corpus cannot be indexed.
        self._bm25 = BM25Okapi(self._tokens) if any(self._tokens) else None
        self._company = np.array([d.company_id for d in self.docs], dtype=object)
        self._job = np.array([d.job_code for d in self.docs], dtype=object)

    def __len__(self) -> int:
        return len(self.docs)

    def _scores(self, terms: list[str]) -> np.ndarray:
        if self._bm25 is None:
            return np.zeros(len(self.docs))
        # get_scores loops over every document per query term, so drop repeats and unknown terms:
        # a whole posting as the query then costs tens of milliseconds, not hundreds.
        idf = self._bm25.idf
        return np.asarray(self._bm25.get_scores([t for t in dict.fromkeys(terms) if t in idf]))

    def _ranked(self, scores: np.ndarray, keep: np.ndarray) -> Iterator[tuple[SimilarDoc, float]]:
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] <= 0:
                return
            if keep[i]:
                yield self.docs[i], float(scores[i])

    def search(self, query: str, k: int = 5, *, exclude_ids: set[str] | frozenset[str] = frozenset(),
               job_code: str | None = None, company_id: str | None = None) -> list[tuple[SimilarDoc, float]]:
        """Top k postings matching the query (score > 0), optionally only one job code and/or company."""
        keep = np.ones(len(self.docs), dtype=bool)
        keep[[self._pos[i] for i in exclude_ids if i in self._pos]] = False
        if job_code is not None:
            keep &= self._job == job_code
        if company_id is not None:
            keep &= self._company == company_id
        return list(islice(self._ranked(self._scores(tokenize(query)), keep), k))

    def similar_to(self, doc_id: str, k: int = 5, *, company_first: bool = True,
                   same_job_code: bool = True) -> list[tuple[SimilarDoc, float]]:
        """Postings like doc_id: the company's own postings first (most similar first, any job code),
        then other companies' postings, limited to doc_id's job code when same_job_code.
        With company_first=False both kinds are merged by score. Raises KeyError for an unknown id."""
        i = self._pos[doc_id]
        doc = self.docs[i]
        own = self._company == doc.company_id
        others = ~own & (self._job == doc.job_code) if same_job_code else ~own
        own[i] = False
        scores = self._scores(self._tokens[i])
        if not company_first:
            return list(islice(self._ranked(scores, own | others), k))
        first = list(islice(self._ranked(scores, own), k))
        return first + list(islice(self._ranked(scores, others), k - len(first)))
