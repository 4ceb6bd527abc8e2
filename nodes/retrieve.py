"""Step 5: only the relevant company facts. Small document sets go whole; above the size budget
they are chunked and searched with FAISS."""
from __future__ import annotations

from core.jobcodes import JOB_CODES
from core.schemas import JobEntities
from graph.deps import Deps
from graph.state import PostingState


def make_retrieve(deps: Deps):
    def retrieve(state: PostingState) -> dict:
        if state.get("status") == "rejected":  # the judge turned the request down beside understanding
            return {}
        language = state.get("language") or "ko"
        ctx = deps.company_context(state["company_id"], state["job_code"])
        total = sum(len(d.text) for d in ctx.documents)
        mask = lambda t: ctx.matcher.mask_for_model(t, language)  # noqa: E731
        if total <= deps.settings.retrieval_char_budget:
            context = [mask(f"[{d.title}]\n{d.text}") for d in ctx.documents]
            return {"context": context, "retrieval": {"mode": "full", "doc_chars": total, "chunks": len(context)}}
        job = JOB_CODES[state["job_code"]]
        entities = JobEntities.model_validate(state.get("entities") or {})
        query = " ".join([job.name_ko, job.name_en, state.get("brief", ""), " ".join(entities.skills[:8]),
                          " ".join(entities.duties[:4])])
        index = deps.index_cache.get(state["company_id"], ctx.documents)
        hits = index.search(query, deps.settings.retrieval_top_k)
        context = [mask(h.chunk.text) for h in hits]
        return {"context": context, "retrieval": {"mode": "faiss", "doc_chars": total, "chunks": len(index.chunks),
                                                  "selected": len(context), "scores": [round(h.score, 3) for h in hits]}}

    return retrieve
