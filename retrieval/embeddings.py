"""Embedders. The offline default hashes Kiwi morphemes into a fixed-size TF vector, so retrieval
works with no model download; an OpenAI-compatible embedding endpoint can replace it."""
from __future__ import annotations

from pydantic import SecretStr

import hashlib
import math
from typing import Protocol

import numpy as np

from retrieval.korean import content_terms


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


class HashingEmbedder:
    """Feature hashing of morpheme unigrams and bigrams, sublinear TF, L2-normalized."""

    def __init__(self, dim: int = 1024):
        self.dim = dim
        self.name = f"hashing-kiwi-{dim}"

    def _bucket(self, term: str) -> int:
        return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little") % self.dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for i, text in enumerate(texts):
            terms = content_terms(text)
            feats = terms + [f"{a}_{b}" for a, b in zip(terms, terms[1:])]
            counts: dict[int, int] = {}
            for f in feats:
                b = self._bucket(f)
                counts[b] = counts.get(b, 0) + 1
            for b, c in counts.items():
                out[i, b] = 1.0 + math.log(c)
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


class OpenAICompatibleEmbedder:
    def __init__(self, model: str, base_url: str, api_key: str):
        from langchain_openai import OpenAIEmbeddings

        self.name = f"openai:{model}"
        self._emb = OpenAIEmbeddings(model=model, base_url=base_url or None, api_key=SecretStr(api_key or "not-needed"),
                                     check_embedding_ctx_length=False)

    def embed(self, texts: list[str]) -> np.ndarray:
        vecs = np.asarray(self._emb.embed_documents(texts), dtype="float32")
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms == 0, 1, norms)
