"""Step 2: template (a ready draft) or custom (a natural-language request)."""
from __future__ import annotations

import re

from langchain_core.messages import HumanMessage, SystemMessage

from graph.deps import Deps
from graph.state import PostingState
from llm.models import usage_of
from prompts import load_prompt

_TEMPLATE_WORDS = re.compile(r"초안|템플릿|기본\s*공고|준비된|draft|template|ready[- ]made", re.IGNORECASE)
_CONTENT_WORDS = re.compile(r"강조|추가|넣어|빼|바꿔|수정|경험|우대|재택|연봉|톤|emphasi|add|remove|change", re.IGNORECASE)
_STYLE_WORDS = {"concise": ("간결", "짧은", "concise", "short"), "detailed": ("상세", "자세", "detailed", "long"),
                "past_style": ("과거", "이전 공고", "예전", "past", "previous")}


def detect_style(request: str) -> str | None:
    low = request.lower()
    for style, words in _STYLE_WORDS.items():
        if any(w in low for w in words):
            return style
    return None


def rule_intent(request: str) -> str | None:
    """Decide without a model when the request is clearly one or the other; None when unsure."""
    text = request.strip()
    if not text:
        return "template"
    if len(text) <= 40 and _TEMPLATE_WORDS.search(text) and not _CONTENT_WORDS.search(text):
        return "template"
    if len(text) > 30:
        return "custom"
    return None


def make_intent(deps: Deps):
    async def intent(state: PostingState) -> dict:
        request = state.get("masked_request", "")
        style = state.get("style") or detect_style(request)
        if state.get("mode") in ("template", "custom"):
            return {"route": state["mode"], "style": style}
        route = rule_intent(request)
        update: dict = {}
        if route is None:
            if deps.models.small is not None:
                system, user = load_prompt("intent").render(request=request)
                msg = await deps.models.small.ainvoke([SystemMessage(system), HumanMessage(user)])
                route = "template" if "template" in str(msg.content).lower() else "custom"
                update["usage"] = usage_of(msg).model_dump()
            else:
                route = "custom"
        return {**update, "route": route, "style": style}

    return intent
