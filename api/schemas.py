from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from core.jobcodes import check_job_code
from core.levels import normalize_level


class GenerationRequest(BaseModel):
    company_id: str = Field(min_length=1, max_length=64)
    job_code: str = Field(description="JobKorea duty code, e.g. 1000229 (백엔드개발자)")
    level: str | None = Field(default=None, description="entry | junior | mid | senior | lead (or 신입/주니어/미들/시니어/리드)")
    request: str = Field(default="", description="Natural-language request; empty asks for the ready drafts")
    mode: Literal["template", "custom"] | None = None
    style: Literal["concise", "detailed", "past_style"] | None = None
    language: Literal["ko", "en"] | None = None
    reuse: bool = Field(default=True, description="reuse the posting written for an identical request "
                                                  "(same company data, rules, prompts and models); false writes anew")

    @field_validator("job_code")
    @classmethod
    def _known_job(cls, v: str) -> str:
        return check_job_code(v)

    @field_validator("level")
    @classmethod
    def _known_level(cls, v: str | None) -> str | None:
        return normalize_level(v)


class ReviewRequest(BaseModel):
    action: Literal["approve", "edit", "reject", "revise"] = Field(
        description="approve | edit (edit and approve) | reject — reviewers; revise (save an edited draft, "
                    "still pending review) — writers too")
    edited_posting: str | None = Field(default=None, max_length=20000)
    comment: str | None = Field(default=None, max_length=2000)


class KeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: Literal["writer", "reviewer", "admin"]
    companies: list[str] = Field(default_factory=list, max_length=500,
                                 description="The HR team's companies; empty only with global=true")
    global_: bool = Field(default=False, alias="global", description="Every company (global admins only grant this)")
    requests_per_minute: int | None = Field(default=None, ge=0, description="Override of the default; 0: no limit")
    tokens_per_day: int | None = Field(default=None, ge=0, description="Override of the default; 0: no limit")

    model_config = {"populate_by_name": True}


class GraphInput(BaseModel):
    """Input schema of the LangServe routes (/graph/invoke, /graph/stream, ...)."""

    # No field is nullable: the playground's form renderer cannot draw `anyOf` with `null` (it throws
    # and renders a blank page), so "unset" is "" or "auto" here, mapped back to None by graph_payload.
    # A null sent by an older client is still accepted and read the same way.

    company_id: str
    job_code: str
    level: str = Field(default="", description="entry | junior | mid | senior | lead; empty: from the request")
    request: str = ""
    mode: Literal["auto", "template", "custom"] = "auto"
    style: Literal["auto", "concise", "detailed", "past_style"] = "auto"
    language: Literal["auto", "ko", "en"] = "auto"
    reuse: bool = True

    @field_validator("level", "request", mode="before")
    @classmethod
    def _null_is_empty(cls, v):
        return "" if v is None else v

    @field_validator("mode", "style", "language", mode="before")
    @classmethod
    def _null_is_auto(cls, v):
        return "auto" if v is None or v == "" else v


def graph_payload(data: dict) -> dict:
    """The graph's input from a GraphInput's fields: "" and "auto" mean unset (None), as in GenerationRequest."""
    out = dict(data)
    for key in ("level", "mode", "style", "language"):
        if out.get(key) in ("", "auto"):
            out[key] = None
    return out


class SensitiveEntityIn(BaseModel):
    text: str = Field(min_length=2, max_length=300)
    category: Literal["codename", "unreleased_product", "nda_client", "confidential_figure", "hostname",
                      "ip_address", "personal_data", "other"] = "other"
    aliases: list[str] = Field(default_factory=list, max_length=20)


class CompanyCreate(BaseModel):
    id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$",
                           description="lower-case letters, digits and '-'; made from the name when left out")
    name: str = Field(min_length=1, max_length=200)
    intro: str = Field(default="", max_length=20000, description="회사 소개 (company introduction)")
    industry: str = Field(default="", max_length=200)
    size: str = Field(default="", max_length=200)
    location: str = Field(default="", max_length=300)
    talent_profile: list[str] = Field(default_factory=list, max_length=30, description="인재상")


class ProposalDecision(BaseModel):
    """Optional corrections when accepting a registry proposal."""

    text: str | None = Field(default=None, min_length=2, max_length=300)
    category: Literal["codename", "unreleased_product", "nda_client", "confidential_figure", "hostname",
                      "ip_address", "personal_data", "other"] | None = None
    aliases: list[str] | None = Field(default=None, max_length=20)
