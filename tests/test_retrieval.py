from pathlib import Path

from catalog.collector import BundledCollector
from retrieval.chunking import chunk_document
from retrieval.embeddings import HashingEmbedder
from retrieval.index import IndexCache

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def test_chunks_keep_whole_sentences_and_respect_size():
    text = "# 제목\n" + "한성전자는 종합 전자 기업입니다. 연구개발에 투자합니다. " * 40
    chunks = chunk_document("doc", text, max_chars=300)
    assert len(chunks) > 3
    assert all(len(c.text) <= 300 + 60 for c in chunks)
    assert all(c.text.rstrip().endswith(("다.", "다", ":")) for c in chunks)


def test_long_company_document_is_searched_by_topic():
    docs = BundledCollector(SAMPLE).fetch_company("hanseong-electronics").documents
    index = IndexCache(HashingEmbedder()).get("hanseong-electronics", docs)
    assert len(index.chunks) >= 30
    top = index.search("채용 절차 면접 전형", 3)
    assert "채용 절차" in top[0].chunk.text
    top = index.search("인공지능 연구센터 머신러닝", 3)
    assert any("인공지능 연구센터" in h.chunk.text for h in top)


def test_index_cache_reuses_built_index():
    docs = BundledCollector(SAMPLE).fetch_company("nuri-ai").documents
    cache = IndexCache(HashingEmbedder())
    assert cache.get("nuri-ai", docs) is cache.get("nuri-ai", docs)
