from __future__ import annotations

from dataclasses import dataclass

from retrieval.korean import split_sentences


@dataclass(frozen=True)
class Chunk:
    doc_title: str
    index: int
    text: str


def chunk_document(title: str, text: str, max_chars: int = 600, overlap_sents: int = 1) -> list[Chunk]:
    """Pack whole sentences (Kiwi's sentence splitter) into chunks of at most max_chars.

    Headings start a new chunk so that a chunk stays on one topic; one sentence of overlap keeps
    context across chunk boundaries.
    """
    chunks: list[Chunk] = []
    current: list[str] = []

    def flush() -> None:
        body = " ".join(current).strip()
        if body:
            chunks.append(Chunk(title, len(chunks), body))

    for block in text.split("\n"):
        block = block.strip()
        if not block or block.startswith("<!--"):
            continue
        if block.startswith("#"):
            flush()
            current = [block.lstrip("# ").strip() + ":"]
            continue
        for sent in split_sentences(block):
            if current and sum(len(s) + 1 for s in current) + len(sent) > max_chars:
                flush()
                current = current[-overlap_sents:] if overlap_sents and not current[-1].endswith(":") else []
                if current and sum(len(s) for s in current) + len(sent) > max_chars:
                    current = []
            current.append(sent)
    flush()
    return chunks
