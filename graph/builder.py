"""Assembles the graph:
input_guard -> intent -> (template | extract_entities -> rewrite_query -> retrieve -> generate)
-> validate_output -> review (interrupt)."""
from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from graph.deps import Deps
from graph.state import PostingState
from nodes.extract_entities import make_extract_entities
from nodes.generate import make_generate
from nodes.input_guard import make_input_guard
from nodes.intent import make_intent
from nodes.retrieve import make_retrieve
from nodes.review import make_review
from nodes.rewrite_query import make_rewrite_query
from nodes.template import make_template
from nodes.validate_output import make_validate_output


def _after_guard(state: PostingState) -> str:
    return END if state.get("status") == "rejected" else "intent"


def _after_intent(state: PostingState) -> str:
    return "template" if state.get("route") == "template" else "extract_entities"


def _after_validation(state: PostingState) -> str:
    return END if state.get("status") == "blocked" else "review"


def _after_review(state: PostingState) -> str:
    # An edit that needed a fix goes back to the reviewer with the fixed text.
    return "review" if state.get("status") == "pending_review" else END


def build_graph(deps: Deps, checkpointer=None):
    g = StateGraph(PostingState)
    g.add_node("input_guard", make_input_guard(deps))
    g.add_node("intent", make_intent(deps))
    g.add_node("template", make_template(deps))
    g.add_node("extract_entities", make_extract_entities(deps))
    g.add_node("rewrite_query", make_rewrite_query(deps))
    g.add_node("retrieve", make_retrieve(deps))
    g.add_node("generate", make_generate(deps))
    g.add_node("validate_output", make_validate_output(deps))
    g.add_node("review", make_review(deps))
    g.add_edge(START, "input_guard")
    g.add_conditional_edges("input_guard", _after_guard, ["intent", END])
    g.add_conditional_edges("intent", _after_intent, ["template", "extract_entities"])
    g.add_edge("template", "validate_output")
    g.add_edge("extract_entities", "rewrite_query")
    g.add_edge("rewrite_query", "retrieve")
    g.add_edge("retrieve", "generate")
    g.add_edge("generate", "validate_output")
    g.add_conditional_edges("validate_output", _after_validation, ["review", END])
    g.add_conditional_edges("review", _after_review, ["review", END])
    return g.compile(checkpointer=checkpointer)
