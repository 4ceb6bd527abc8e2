"""Assembles the graph:
input_guard -> intent -> template                                        -> validate_output -> review
                      -> [opening | understand_request | judge_request] -> retrieve -> generate -> validate_output -> review
                      -> from_cache (an identical request's posting)                         -> validate_output -> review

On the custom path three branches run at once: the opening (title and introduction from the
company's profile) streams while one small-model call understands the request (entities and the
writer's brief) and the judge screens it; the writer continues after the opening."""
from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from graph.deps import Deps
from graph.state import PostingState
from authoring.response_cache import cache_applies, response_key
from nodes.from_cache import make_from_cache
from nodes.generate import make_generate
from nodes.input_guard import make_input_guard
from nodes.intent import make_intent
from nodes.judge_request import judge_applies, make_judge_request
from nodes.opening import make_opening
from nodes.retrieve import make_retrieve
from nodes.review import make_review
from nodes.template import make_template
from nodes.understand_request import make_understand_request
from nodes.validate_output import make_validate_output

CUSTOM_BRANCHES = ["opening", "understand_request", "judge_request"]


def _rejected(state: PostingState) -> bool:
    return state.get("status") == "rejected"


def build_graph(deps: Deps, checkpointer=None):
    def after_intent(state: PostingState) -> str | list[str]:
        if state.get("route") != "template":
            # An identical request answered before (same data, rules, prompts, models) is reused.
            if cache_applies(deps, state) and deps.response_cache.contains(key=response_key(deps, state)):
                return "from_cache"
            return CUSTOM_BRANCHES
        # A ready-drafts request with words in it is screened by the judge too (not latency-bound).
        return "judge_template_request" if judge_applies(deps, state) else "template"

    g = StateGraph(PostingState)
    g.add_node("input_guard", make_input_guard(deps))
    g.add_node("intent", make_intent(deps))
    g.add_node("judge_template_request", make_judge_request(deps))
    g.add_node("template", make_template(deps))
    g.add_node("from_cache", make_from_cache(deps, CUSTOM_BRANCHES))
    g.add_node("opening", make_opening(deps))
    g.add_node("understand_request", make_understand_request(deps))
    g.add_node("judge_request", make_judge_request(deps))
    g.add_node("retrieve", make_retrieve(deps))
    g.add_node("generate", make_generate(deps))
    g.add_node("validate_output", make_validate_output(deps))
    g.add_node("review", make_review(deps))
    g.add_edge(START, "input_guard")
    g.add_conditional_edges("input_guard", lambda s: END if _rejected(s) else "intent", ["intent", END])
    g.add_conditional_edges("intent", after_intent, ["template", "judge_template_request", "from_cache", *CUSTOM_BRANCHES])
    g.add_conditional_edges("judge_template_request", lambda s: END if _rejected(s) else "template", ["template", END])
    g.add_edge("template", "validate_output")
    g.add_edge(CUSTOM_BRANCHES, "retrieve")  # waits for all three
    g.add_conditional_edges("retrieve", lambda s: END if _rejected(s) else "generate", ["generate", END])
    g.add_edge("generate", "validate_output")
    g.add_conditional_edges("validate_output", lambda s: END if s.get("status") == "blocked" else "review",
                            ["review", END])
    # An edit that needed a fix goes back to the reviewer with the fixed text.
    g.add_conditional_edges("review", lambda s: "review" if s.get("status") == "pending_review" else END, ["review", END])
    return g.compile(checkpointer=checkpointer)
