"""Streaming routes against a real model server that leaks the registry in 5-char chunks: none reaches a client."""

# The server (tests/support/openai_server.py --leaky) writes every nuri-ai entry and alias into the
# posting. Each test reads every byte of one route's response and checks it raw and JSON-decoded,
# as written and with spacing/punctuation removed, and checks that posting text still streamed.
from __future__ import annotations

import json

import httpx
import pytest

from api.app import create_app
from core.config import Settings
from guards.text import compact
from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN
from tests.support.servers import openai_server_process, serve_app_in_thread
from tests.test_stream_guard import NEEDLES

PAYLOAD = {"company_id": "nuri-ai", "job_code": "1000242", "level": "senior", "mode": "custom",
           "request": "PyTorch와 LLM 미세조정 경험을 강조한 시니어 ML 엔지니어 공고를 써줘"}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("leaky") / "jobpost.db"
    with openai_server_process(leaky=True) as base_url:
        settings = Settings(database_url=f"sqlite:///{db}", llm_base_url=base_url, llm_api_key="test-key",
                            llm_small_model="scripted-small", llm_large_model="scripted-large", admin_token=ADMIN_TOKEN)
        with serve_app_in_thread(create_app(settings)) as url:
            yield url


def _post_raw(url: str, body: dict) -> str:
    """Every byte the client receives, as sent."""
    with httpx.stream("POST", url, json=body, headers=ADMIN_HEADERS, timeout=120) as r:
        assert r.status_code == 200
        raw = b"".join(r.iter_raw())
    return raw.decode("utf-8")


def _sse(raw: str) -> list[tuple[str, object]]:
    events = []
    for block in raw.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
        if data:
            text = "\n".join(data)
            try:
                events.append((name, json.loads(text)))
            except json.JSONDecodeError:
                events.append((name, text))
    return events


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _assert_no_secret(raw: str) -> None:
    # Decoded: JSON may escape characters (\uXXXX) or line ends; strings are joined in stream order,
    # so an entry split across two events or fields still shows in the squeezed form.
    decoded = "\n".join(s for _, data in _sse(raw) for s in _strings(data))
    for label, body in (("raw", raw), ("decoded", decoded)):
        lowered, squeezed = body.lower(), compact(body)
        for needle in NEEDLES:
            assert needle.lower() not in lowered, f"{needle!r} in the {label} response"
            assert compact(needle) not in squeezed, f"{needle!r} (spacing/punctuation removed) in the {label} response"


def _assert_streamed(partials: list[str], final_posting: str) -> None:
    """Posting text came out in several growing pieces before the final state."""
    distinct = list(dict.fromkeys(p for p in partials if p.strip()))
    assert len(distinct) >= 5, distinct
    assert "## 자격요건" in distinct[-1] and "PyTorch" in distinct[-1]
    assert final_posting.strip() and "PyTorch" in final_posting


def test_rest_stream_sends_no_secret(app_url):
    raw = _post_raw(f"{app_url}/generations/stream", PAYLOAD)
    _assert_no_secret(raw)
    events = _sse(raw)
    kinds = [e for e, _ in events]
    assert kinds[-1] == "result" and "error" not in kinds
    texts = [d["text"] for e, d in events if e == "token"]
    partials = ["".join(texts[:i + 1]) for i in range(len(texts))]
    result = events[-1][1]
    assert result["status"] == "pending_review"
    assert any(f["rule_id"] == "OUT-SENSITIVE-001" for f in result["findings"])  # the model did leak
    _assert_streamed(partials, result["posting"])
    assert max(i for i, k in enumerate(kinds) if k == "token") < kinds.index("result")
    # A finished step is reported by name only: its output is not validated yet.
    assert all(d == {"node": d["node"]} for e, d in events if e == "node")


def _states_before_validation_have_no_posting(states: list[dict]) -> list[dict]:
    early = [s for s in states if "partial_posting" in s]
    assert early and all("posting" not in s and "drafts" not in s for s in early)
    return early


def test_graph_stream_sends_no_secret(app_url):
    raw = _post_raw(f"{app_url}/graph/stream", {"input": PAYLOAD})
    _assert_no_secret(raw)
    states = [d for e, d in _sse(raw) if e == "data"]
    early = _states_before_validation_have_no_posting(states)
    final = states[-1]
    assert final["status"] == "pending_review" and "partial_posting" not in final
    _assert_streamed([s["partial_posting"] for s in early], final["posting"])
    # Intermediate state (the brief the model wrote, the extracted entities) is not exposed.
    assert not {"brief", "entities", "context", "masked_request"} & {k for s in states for k in s}


def test_graph_stream_events_sends_no_secret(app_url):
    raw = _post_raw(f"{app_url}/graph/stream_events", {"input": PAYLOAD, "version": "v2"})
    _assert_no_secret(raw)
    events = [d for e, d in _sse(raw) if e == "data"]
    # One run only: none of the nodes' or the model's own runs (chat-model tokens) are visible.
    assert len({e["run_id"] for e in events}) == 1
    assert {e["event"] for e in events} == {"on_chain_start", "on_chain_stream", "on_chain_end"}
    states = [e["data"]["chunk"] for e in events if e["event"] == "on_chain_stream"]
    early = _states_before_validation_have_no_posting(states)
    final = events[-1]["data"]["output"]
    assert final["status"] == "pending_review"
    _assert_streamed([s["partial_posting"] for s in early], final["posting"])


def test_graph_stream_log_sends_no_secret(app_url):
    raw = _post_raw(f"{app_url}/graph/stream_log", {"input": PAYLOAD})
    _assert_no_secret(raw)
    ops = [op for e, d in _sse(raw) if e == "data" for op in d["ops"]]
    # No inner run is logged: only this runnable's own streamed output and final output.
    assert not [op for op in ops if op["path"].startswith("/logs")]
    states = [op["value"] for op in ops if op["path"] == "/streamed_output/-"]
    early = _states_before_validation_have_no_posting(states)
    final = states[-1]
    assert final["status"] == "pending_review"
    _assert_streamed([s["partial_posting"] for s in early], final["posting"])
