"""A scripted chat model: replies come from a list (or a function of the prompt), streamed in
small chunks with usage metadata, so graph code runs exactly as it would against a real model."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr


class ScriptedChatModel(BaseChatModel):
    replies: list[str] = Field(default_factory=list)
    responder: Callable[[list[BaseMessage]], str] | None = None
    chunk_chars: int = 8
    model_name: str = "scripted"
    cached_tokens: int = 0  # prompt tokens to report as read from a prefix cache
    _calls: list[list[BaseMessage]] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def calls(self) -> list[list[BaseMessage]]:
        return self._calls

    def _next(self, messages: list[BaseMessage]) -> str:
        self._calls.append(list(messages))
        if self.responder is not None:
            return self.responder(messages)
        if not self.replies:
            raise RuntimeError("ScriptedChatModel ran out of replies")
        return self.replies.pop(0)

    def _usage(self, messages: list[BaseMessage], text: str) -> dict:
        prompt = sum(len(str(m.content)) for m in messages) // 2 + 1
        completion = len(text) // 2 + 1
        usage: dict = {"input_tokens": prompt, "output_tokens": completion, "total_tokens": prompt + completion}
        if self.cached_tokens:
            usage["input_token_details"] = {"cache_read": min(self.cached_tokens, prompt)}
        return usage

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = self._next(messages)
        msg = AIMessage(content=text, usage_metadata=self._usage(messages, text))
        return ChatResult(generations=[ChatGeneration(message=msg)])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages)
        pieces = [text[i:i + self.chunk_chars] for i in range(0, len(text), self.chunk_chars)] or [""]
        for i, piece in enumerate(pieces):
            usage = self._usage(messages, text) if i == len(pieces) - 1 else None
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece, usage_metadata=usage))  # type: ignore[arg-type]
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk
