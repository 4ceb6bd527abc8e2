"""Custom path, cache hit: the posting a model wrote for an identical request, streamed at once and
sent to validation again (no writing call); a miss (expired meanwhile) takes the usual branches."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from langgraph.types import Command

from authoring.response_cache import response_key
from graph.deps import Deps
from graph.progress import send_text
from graph.state import PostingState

REUSED = {"ko": "같은 요청으로 작성했던 공고를 다시 사용했습니다 (새로 작성하지 않음, 검사는 다시 함). 새로 쓰려면 reuse를 false로 보내세요.",
          "en": "Reused the posting written for an identical request (not written again; checked again). Send reuse=false for a new one."}


Next = Literal["validate_output", "opening", "understand_request", "judge_request"]


def make_from_cache(deps: Deps, custom_branches: Sequence[str]):
    async def from_cache(state: PostingState) -> Command[Next]:
        value = deps.response_cache.get(key=response_key(deps, state)) if deps.response_cache is not None else None
        if not value or not value.get("posting"):
            return Command(goto=cast(Sequence[Next], custom_branches))
        text = str(value["posting"])
        send_text(text)
        update = {k: v for k, v in value.items() if v is not None}
        update["understood"] = {"source": "cache", "entities": value.get("entities") or {}, "brief": value.get("brief") or ""}
        update["notices"] = [REUSED[state.get("language") or "ko"]]
        return Command(goto="validate_output", update=update)

    return from_cache
