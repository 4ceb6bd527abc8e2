"""What nodes put on a run's custom stream: posting text they did not get from a model (composed,
or reused), in pieces, and progress items (request-side facts, never posting text). The streaming
routes read both (api.streaming: "token" pieces go through the stream guard; ("progress", dict))."""
from __future__ import annotations

from langgraph.config import get_stream_writer
from langgraph.types import StreamWriter

PIECE_CHARS = 40  # a composed text goes out in pieces about a model chunk's size


def _writer() -> StreamWriter | None:
    try:
        return get_stream_writer()
    except RuntimeError:  # a node called outside a graph run has no stream
        return None


def send_text(text: str) -> None:
    """Posting text, in pieces, as a model would stream it."""
    if (writer := _writer()) is not None:
        for i in range(0, len(text), PIECE_CHARS):
            writer({"token": text[i:i + PIECE_CHARS]})


def send_progress(**items: object) -> None:
    """E.g. send_progress(understood={...})."""
    if (writer := _writer()) is not None:
        writer({"progress": items})
