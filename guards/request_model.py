"""A learned request classifier (hashed words, Kiwi morphemes and character n-grams, one logistic
output per class) that backs the request rules on wording they do not name."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from retrieval.korean import kiwi

MODEL_PATH = Path(__file__).with_name("data") / "request_model.npz"
CLASSES = ("off_domain", "injection", "abusive", "discriminatory", "sensitive_request")
HASH_BITS = 18
FEATURES_VERSION = "f1"  # bump when featurize() changes: a shipped model is tied to its features

_WORD = re.compile(r"[a-z]+|[가-힣]+|\d+")


# The screen reads the same text more than once (refusal, then each fixed class; each sentence on
# every pass of without_ask): the Kiwi analysis is done once per text.
@lru_cache(maxsize=4096)
def featurize(text: str) -> np.ndarray:
    """Sorted, unique hashed feature ids of a text (presence only, so length matters little);
    read-only, as the array is shared between callers."""
    low = re.sub(r"\s+", " ", text.lower()).strip()
    names: set[str] = set()
    squeezed = low.replace(" ", "")
    for n in (2, 3):
        names.update("c" + squeezed[i:i + n] for i in range(len(squeezed) - n + 1))
    names.update("w" + w for w in _WORD.findall(low))
    # Lemmas and their order read past endings and particles: "뽑지 마세요" and "뽑지 말아 주세요"
    # share 뽑/VV, 말/VX.
    morphs = [f"{t.form}/{t.tag[:2]}" for t in kiwi().tokenize(low) if not t.tag.startswith("S")] if low else []
    names.update("m" + m for m in morphs)
    names.update(f"b{a}|{b}" for a, b in zip(morphs, morphs[1:]))
    mask = (1 << HASH_BITS) - 1
    ids = np.array(sorted({zlib.crc32(name.encode()) & mask for name in names}), dtype=np.int64)
    ids.setflags(write=False)
    return ids


@dataclass(frozen=True)
class RequestModel:
    ids: np.ndarray  # sorted hashed feature ids that carry a weight
    weights: np.ndarray  # one row per id, one column per class
    bias: np.ndarray
    trained_on: tuple[str, ...]

    def scores(self, text: str) -> dict[str, float]:
        """Probability per class that the text is a request of that kind."""
        features = featurize(text)
        pos = np.searchsorted(self.ids, features)
        known = pos < len(self.ids)
        rows = pos[known][self.ids[pos[known]] == features[known]]
        z = self.weights[rows].astype(np.float64).sum(axis=0) + self.bias
        return {c: float(1 / (1 + np.exp(-v))) for c, v in zip(CLASSES, z)}


def save(path: Path, weights: np.ndarray, bias: np.ndarray, trained_on: list[str]) -> None:
    keep = np.flatnonzero(np.abs(weights).max(axis=1) > 1e-4)
    np.savez_compressed(path, ids=keep.astype(np.int64), weights=weights[keep].astype(np.float16),
                        bias=bias.astype(np.float64), classes=np.array(CLASSES), trained_on=np.array(trained_on),
                        features=np.array([FEATURES_VERSION, str(HASH_BITS)]))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> RequestModel | None:
    """The shipped model, or None when there is none or it was made for other features or classes."""
    if not path.exists():
        return None
    with np.load(path) as data:
        if tuple(data["classes"]) != CLASSES or list(data["features"]) != [FEATURES_VERSION, str(HASH_BITS)]:
            return None
        return RequestModel(data["ids"], data["weights"], data["bias"], tuple(str(s) for s in data["trained_on"]))
