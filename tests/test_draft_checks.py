"""Template drafts are validated when stored and re-validated only when what the checks depend on changes."""
from __future__ import annotations

import asyncio

import nodes.validate_output as validate_output
from api.runtime import Runtime
from catalog.models import SensitiveEntityRecord

KEY = {"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"}


def _count_checks(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = validate_output.check_posting

    def counting(deps, state, markdown, ctx=None, fill_missing=True):
        seen.append(markdown)
        return real(deps, state, markdown, ctx, fill_missing)

    monkeypatch.setattr(validate_output, "check_posting", counting)
    return seen


def test_drafts_are_checked_when_stored_and_served_without_checking_again(settings, monkeypatch):
    async def go():
        rt = Runtime(settings, None)
        await rt.start()  # offline: writes the drafts and validates them as they are stored
        try:
            stored = rt.repo.get_drafts("nuri-ai", "1000229", "junior")
            assert stored and all(d.check_key and d.check_result for d in stored.values())
            seen = _count_checks(monkeypatch)
            out = await rt.graph.ainvoke(dict(KEY), {"configurable": {"thread_id": "a"}})
            assert out["route"] == "template" and out["posting"]
            assert seen == [], "a ready draft is not checked again while nothing it depends on changed"
            assert out["posting"] == stored["concise"].check_result["text"]

            # A new registry entry that the drafts contain: the next request re-checks and redacts it.
            secret = next(w for w in stored["concise"].check_result["text"].split()
                          if len(w) >= 4 and w.isalnum() and w not in ("누리에이아이",))
            rt.repo.add_sensitive_entities("nuri-ai", [SensitiveEntityRecord(text=secret, category="other")])
            out2 = await rt.graph.ainvoke(dict(KEY), {"configurable": {"thread_id": "b"}})
            assert len(seen) == 3, "the registry changed: each of the three drafts is checked once"
            assert all(secret not in md for md in [out2["posting"], *out2["drafts"].values()])
            out3 = await rt.graph.ainvoke(dict(KEY), {"configurable": {"thread_id": "c"}})
            assert len(seen) == 3 and out3["posting"] == out2["posting"]
        finally:
            await rt.stop()

    asyncio.run(go())


def test_rewritten_drafts_lose_their_stored_check(settings):
    async def go():
        rt = Runtime(settings, None)
        await rt.start()
        try:
            rt.repo.save_drafts("nuri-ai", "1000229", "junior", {"concise": ("t", "# t\n\n## 주요업무\n- 새 업무\n")}, "test")
            row = rt.repo.get_drafts("nuri-ai", "1000229", "junior")["concise"]
            assert row.check_key is None and row.check_result is None
        finally:
            await rt.stop()

    asyncio.run(go())
