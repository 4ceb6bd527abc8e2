from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import faiss
import numpy as np

from catalog.models import CompanyDocument
from retrieval.chunking import Chunk, chunk_document
from retrieval.embeddings import Embedder


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float


class DocumentIndex:
    """Inner-product FAISS index over one company's chunked documents (vectors are normalized,
    so scores are cosine similarities)."""

    def __init__(self, chunks: list[Chunk], embedder: Embedder):
        self.chunks = chunks
        self.embedder = embedder
        vectors = embedder.embed([c.text for c in chunks]) if chunks else np.zeros((0, 1), "float32")
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        if len(chunks):
            self.index.add(vectors)

    def search(self, query: str, k: int) -> list[ScoredChunk]:
        if not self.chunks or not query.strip():
            return []
        q = self.embedder.embed([query])
        scores, ids = self.index.search(q, min(k, len(self.chunks)))
        return [ScoredChunk(self.chunks[i], float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]


class IndexCache:
    """Builds an index once per (company, documents content) and reuses it across requests."""

    def __init__(self, embedder: Embedder, chunk_chars: int = 600):
        self.embedder = embedder
        self.chunk_chars = chunk_chars
        self._cache: dict[tuple[str, str], DocumentIndex] = {}
        self._lock = threading.Lock()

    def get(self, company_id: str, documents: list[CompanyDocument]) -> DocumentIndex:
        digest = hashlib.sha256("\x00".join(d.title + "\x01" + d.text for d in documents).encode()).hexdigest()
        key = (company_id, digest)
        with self._lock:
            if key not in self._cache:
                chunks = [c for d in documents for c in chunk_document(d.title, d.text, self.chunk_chars)]
                self._cache[key] = DocumentIndex(chunks, self.embedder)
            return self._cache[key]
