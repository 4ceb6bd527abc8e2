"""Progress items on a run's custom stream (request-side facts, never posting text): the streaming
routes forward them as they come (api.streaming: ("progress", dict))."""
from __future__ import annotations

from langgraph.config import get_stream_writer


def send_progress(**items: object) -> None:
    """Sends e.g. send_progress(understood={...}); a node called outside a graph run has no stream."""
    try:
        writer = get_stream_writer()
    except RuntimeError:
        return
    writer({"progress": items})
