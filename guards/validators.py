"""The guards as guardrails-ai validators, registered locally (the Guardrails Hub is not used).

Each validator reports through guardrails' own FailResult (message, fix value, error spans) and
also appends its structured result to metadata["sink"], because a ValidationOutcome keeps only
the failure text and spans.
"""
from __future__ import annotations

from guardrails.classes.rc import RC
from guardrails.settings import settings as _gr_settings

# guardrails exports telemetry to a remote collector by default; this service runs offline.
_gr_settings.rc = RC(enable_metrics=False)

import os  # noqa: E402

os.environ.setdefault("GUARD_HISTORY_ENABLED", "false")  # no per-call history kept in memory

from guardrails import Guard, OnFailAction  # noqa: E402
from guardrails.classes.validation.validation_result import ErrorSpan  # noqa: E402
from guardrails.validators import FailResult, PassResult, Validator, register_validator  # noqa: E402

from guards.law import remove_spans, scan_law  # noqa: E402
from guards.request_screen import ScreenResult, screen_request  # noqa: E402
from guards.sensitive import EntityHit, SensitiveMatcher  # noqa: E402


@register_validator(name="jobpost/hiring-request", data_type="string")
class HiringRequestValidator(Validator):
    """Fails off-domain, injection and abusive requests; fixes discriminatory asks and personal data."""

    def validate(self, value: str, metadata: dict) -> PassResult | FailResult:
        result = screen_request(value, metadata.get("language", "ko"))
        metadata["sink"].append(result)
        if result.verdict == "allow" and result.sanitized == value.strip():
            return PassResult()
        spans = [ErrorSpan(start=0, end=len(value), reason=f.rule_id) for f in result.findings]
        return FailResult(error_message=result.message or "request sanitized", fix_value=result.sanitized,
                          error_spans=spans)


@register_validator(name="jobpost/no-sensitive-entities", data_type="string")
class SensitiveEntityValidator(Validator):
    """Redacts every match of the company's sensitive-entity registry (exact, variant, partial)."""

    def validate(self, value: str, metadata: dict) -> PassResult | FailResult:
        matcher: SensitiveMatcher = metadata["matcher"]
        redacted, hits = matcher.redact(value, metadata.get("language", "ko"))
        metadata["sink"].extend(hits)
        if not hits:
            return PassResult()
        return FailResult(error_message=f"{len(hits)} sensitive-entity match(es)", fix_value=redacted,
                          error_spans=[ErrorSpan(start=h.start, end=h.end, reason=h.entity) for h in hits])


@register_validator(name="jobpost/lawful-posting", data_type="string")
class HiringLawValidator(Validator):
    """Removes phrases that break hiring law unless a lawful exception is grounded in company data."""

    def validate(self, value: str, metadata: dict) -> PassResult | FailResult:
        hits = scan_law(value, metadata.get("company_context", ""), metadata.get("languages", ("ko", "en")))
        metadata["sink"].extend(hits)
        bad = [h for h in hits if not h.excepted]
        if not bad:
            return PassResult()
        return FailResult(error_message=f"{len(bad)} unlawful phrase(s)", fix_value=remove_spans(value, bad),
                          error_spans=[ErrorSpan(start=h.start, end=h.end, reason=h.rule.rule_id) for h in bad])


_REQUEST_GUARD = Guard(name="jobpost-request").use(HiringRequestValidator(on_fail=OnFailAction.FIX))
_SENSITIVE_GUARD = Guard(name="jobpost-sensitive").use(SensitiveEntityValidator(on_fail=OnFailAction.FIX))
_LAW_GUARD = Guard(name="jobpost-law").use(HiringLawValidator(on_fail=OnFailAction.FIX))


def _disable_guardrails_telemetry() -> None:
    # Guard() reloads ~/.guardrailsrc (metrics on by default) and flips the shared HubTelemetry
    # singleton on; every trace call checks that flag, so turning it off here stops all export.
    from guardrails.hub_telemetry.hub_tracing import HubTelemetry

    _gr_settings.rc = RC(enable_metrics=False)
    HubTelemetry()._enabled = False
    for guard in (_REQUEST_GUARD, _SENSITIVE_GUARD, _LAW_GUARD):
        guard._allow_metrics_collection = False


_disable_guardrails_telemetry()


def screen_with_guardrails(request: str, language: str) -> ScreenResult:
    if not request.strip():
        # An empty request asks for the ready drafts: nothing to screen (and no guard run to pay for).
        return ScreenResult(verdict="allow", classes=["hiring"], sanitized="", findings=[], message="")
    sink: list[ScreenResult] = []
    _REQUEST_GUARD.validate(request or " ", metadata={"sink": sink, "language": language})
    return sink[0]


def redact_sensitive(text: str, matcher: SensitiveMatcher, language: str) -> tuple[str, list[EntityHit]]:
    if not matcher or not text.strip():
        return text, []
    sink: list[EntityHit] = []
    outcome = _SENSITIVE_GUARD.validate(text, metadata={"sink": sink, "matcher": matcher, "language": language})
    return (outcome.validated_output if sink else text), sink


def enforce_law(text: str, company_context: str, languages: tuple[str, ...]):
    sink: list = []
    outcome = _LAW_GUARD.validate(text, metadata={"sink": sink, "company_context": company_context,
                                                  "languages": languages})
    fixed = outcome.validated_output if any(not h.excepted for h in sink) else text
    return fixed, sink
