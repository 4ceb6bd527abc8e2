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


def tier_endpoints(settings: Settings, tier: str) -> list:
    """The tier's endpoints: JOBPOST_LLM_<TIER>_ENDPOINTS, or else the single settings (one endpoint)."""
    from llm.tiered import EndpointSetting

    configured = settings.llm_small_endpoints if tier == "small" else settings.llm_large_endpoints
    if configured:
        return [EndpointSetting.model_validate(e) for e in configured]
    base_url = (settings.llm_small_base_url if tier == "small" else settings.llm_large_base_url) or settings.llm_base_url
    model = settings.llm_small_model if tier == "small" else settings.llm_large_model
    return [EndpointSetting(base_url=base_url, api_key=settings.llm_api_key, model=model)]


def build_models(settings: Settings) -> ModelSet:
    if settings.offline:
        return ModelSet()
    from langchain_openai import ChatOpenAI

    from llm.tiered import Endpoint, TieredChatModel, endpoint_label

    def make(tier: str) -> BaseChatModel:
        endpoints: list[Endpoint] = []
        for i, ep in enumerate(tier_endpoints(settings, tier)):
            label = endpoint_label(ep.base_url, ep.model)
            if any(e.label == label for e in endpoints):
                label = f"{label}#{i + 1}"  # the same host and model with another key
            client = ChatOpenAI(
                model=ep.model,
                base_url=ep.base_url or None,
                api_key=SecretStr(ep.api_key or "not-needed"),  # local servers (vLLM, Ollama) ignore the key
                timeout=settings.llm_timeout_s,
                max_retries=0,  # TieredChatModel retries, with backoff, then falls back
                temperature=settings.llm_temperature,
                stream_usage=True,
            )
            endpoints.append(Endpoint(label, ep.model, client))
        return TieredChatModel(tier=tier, endpoints=endpoints, max_retries=settings.llm_max_retries,
                               backoff_s=settings.llm_retry_backoff_s, cooldown_s=settings.llm_cooldown_s)

    return ModelSet(small=make("small"), large=make("large"))


def usage_of(message: BaseMessage) -> Usage:
    meta = getattr(message, "usage_metadata", None) or {}
    if not meta and isinstance(message, AIMessage):
        token_usage = (message.response_metadata or {}).get("token_usage") or {}
        meta = {"input_tokens": token_usage.get("prompt_tokens", 0),
                "output_tokens": token_usage.get("completion_tokens", 0)}
    return Usage(prompt_tokens=int(meta.get("input_tokens", 0) or 0),
                 completion_tokens=int(meta.get("output_tokens", 0) or 0), llm_calls=1)
