"""The model judge: a small-tier model reviews the request and the final posting as well as the
rules. A finding from either counts. Structured output is a JSON object validated with pydantic
(works with any OpenAI-compatible server, tool calling or not)."""
from __future__ import annotations

import json
import re
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from core.schemas import Usage
from llm.models import usage_of
from prompts import load_prompt

RequestClass = Literal["off_domain", "injection", "abusive", "discriminatory", "sensitive_request"]


class RequestVerdict(BaseModel):
    classes: list[RequestClass] = Field(default_factory=list)
    reason: str = ""


class PostingIssue(BaseModel):
    quote: str = Field(min_length=1)
    kind: Literal["unlawful", "confidential"]
    reason: str = ""


class PostingVerdict(BaseModel):
    issues: list[PostingIssue] = Field(default_factory=list)


class JudgeError(RuntimeError):
    """The judge could not give a usable verdict (model error or unparseable answer)."""


def _parse(text: str, schema: type[BaseModel]) -> BaseModel:
    m = re.search(r"\{.*\}", text, re.DOTALL)
    if not m:
        raise JudgeError(f"judge answered no JSON object: {text[:120]!r}")
    try:
        return schema.model_validate(json.loads(m.group(0)))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise JudgeError(f"judge answer did not validate: {exc}") from exc


async def _ask(model: BaseChatModel, name: str, schema: type[BaseModel], **values: str) -> tuple[BaseModel, Usage, str]:
    prompt = load_prompt(name)
    system, user = prompt.render(**values)
    try:
        msg = await model.ainvoke([SystemMessage(system), HumanMessage(user)])
    except Exception as exc:  # any backend failure is a judge failure; the caller applies the policy
        raise JudgeError(f"judge call failed: {type(exc).__name__}: {exc}") from exc
    return _parse(str(msg.content), schema), usage_of(msg), prompt.id


async def judge_request(model: BaseChatModel, request: str) -> tuple[RequestVerdict, Usage, str]:
    verdict, usage, pid = await _ask(model, "judge_request", RequestVerdict, request=request)
    return verdict, usage, pid  # type: ignore[return-value]


async def judge_posting(model: BaseChatModel, posting: str) -> tuple[PostingVerdict, Usage, str]:
    verdict, usage, pid = await _ask(model, "judge_posting", PostingVerdict, posting=posting)
    return verdict, usage, pid  # type: ignore[return-value]


def quote_spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Where the judge's quotes are in the text (whitespace-tolerant); quotes not found are skipped."""
    spans = []
    for q in quotes:
        words = q.split()
        if not words:
            continue
        rx = re.compile(r"\s+".join(re.escape(w) for w in words))
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    return spans
