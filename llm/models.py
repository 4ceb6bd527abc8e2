from __future__ import annotations

from pydantic import SecretStr

from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage

from core.config import Settings
from core.schemas import Usage


@dataclass
class ModelSet:
    """The cheap tier does intent, extraction and rewriting; the large tier writes postings.
    Both None means offline mode."""

    small: BaseChatModel | None = None
    large: BaseChatModel | None = None

    @property
    def offline(self) -> bool:
        return self.large is None

    def name(self, tier: str) -> str:
        model = getattr(self, tier)
        if model is None:
            return "offline"
        return getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__


def build_models(settings: Settings) -> ModelSet:
    if settings.offline:
        return ModelSet()
    from langchain_openai import ChatOpenAI

    def make(model: str, base_url: str) -> BaseChatModel:
        return ChatOpenAI(
            model=model,
            base_url=base_url or settings.llm_base_url or None,
            api_key=SecretStr(settings.llm_api_key or "not-needed"),  # local servers (vLLM, Ollama) ignore the key
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            temperature=settings.llm_temperature,
            streaming=True,
            stream_usage=True,
        )

    return ModelSet(small=make(settings.llm_small_model, settings.llm_small_base_url),
                    large=make(settings.llm_large_model, settings.llm_large_base_url))


def usage_of(message: BaseMessage) -> Usage:
    meta = getattr(message, "usage_metadata", None) or {}
    if not meta and isinstance(message, AIMessage):
        token_usage = (message.response_metadata or {}).get("token_usage") or {}
        meta = {"input_tokens": token_usage.get("prompt_tokens", 0),
                "output_tokens": token_usage.get("completion_tokens", 0)}
    return Usage(prompt_tokens=int(meta.get("input_tokens", 0) or 0),
                 completion_tokens=int(meta.get("output_tokens", 0) or 0), llm_calls=1)
