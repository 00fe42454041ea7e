"""Finds bare JSON error lines inside an SSE body, which the SDK drops without a word.

A blocked answer may end its stream with a line like ``{"error": {"code": "prohibited_content",
"message": "The response was blocked."}}`` that is no SSE field (no ``data:``). google-genai 3.6
ignores every line whose field name it does not know, so the app would only see the stream end.
This module watches the decoded bytes of each ``text/event-stream`` response (an httpx response
hook wraps ``aiter_bytes``) and hands such lines to the collector of the task that opened the
request (a context variable), so the service can say what the server said. The bytes reach the
SDK unchanged; the scan is two ``bytes.find`` calls per chunk.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

log = logging.getLogger(__name__)

# A line longer than this cannot be an error line worth reading (it is not buffered further).
MAX_LINE = 64 * 1024

_collector: contextvars.ContextVar[list[dict[str, Any]] | None] = contextvars.ContextVar(
    "bare_stream_errors", default=None
)


def collect_into(sink: list[dict[str, Any]]) -> contextvars.Token[list[dict[str, Any]] | None]:
    """Collect the error lines of streams opened from now on in this task into ``sink``."""
    return _collector.set(sink)


def stop_collecting(token: contextvars.Token[list[dict[str, Any]] | None]) -> None:
    """Undo ``collect_into``."""
    _collector.reset(token)


def error_of(line: bytes) -> dict[str, Any] | None:
    """``{"code", "message"}`` of a bare JSON error line, or None when it is not one."""
    try:
        value = json.loads(line.decode("utf-8", "replace"))
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    err = value.get("error", None)
    if isinstance(err, dict):
        return {"code": err.get("status") or err.get("code"), "message": err.get("message")}
    if isinstance(err, str):
        return {"code": None, "message": err}
    return None


class LineScanner:
    """Feeds on body chunks; calls ``found`` with each line that starts with ``{``, parsed.

    SSE lines start with a field name (``data:``, ``event:``) or ``:``; a line starting with ``{``
    is outside the protocol. Lines may be split across chunks.
    """

    def __init__(self, found: Callable[[dict[str, Any]], None]) -> None:
        self._found = found
        self._at_line_start = True
        self._partial: bytearray | None = None

    def feed(self, chunk: bytes) -> None:
        """Scan one chunk."""
        pos, size = 0, len(chunk)
        while pos < size:
            if self._partial is not None:
                end = _line_end(chunk, pos)
                if end < 0:
                    if len(self._partial) + size - pos <= MAX_LINE:
                        self._partial += chunk[pos:]
                    else:
                        self._partial = None
                    self._at_line_start = False
                    return
                line = bytes(self._partial) + chunk[pos:end]
                self._partial = None
                self._emit(line)
                pos = end
                continue
            if self._at_line_start and chunk[pos : pos + 1] == b"{":
                self._partial = bytearray()
                self._at_line_start = False
                continue
            hits = [i for i in (chunk.find(b"\n{", pos), chunk.find(b"\r{", pos)) if i >= 0]
            if not hits:
                self._at_line_start = chunk[-1:] in (b"\n", b"\r")
                return
            pos = min(hits) + 1
            self._partial = bytearray()

    def _emit(self, line: bytes) -> None:
        err = error_of(line)
        if err is not None:
            log.info("the stream carried a bare error line: %s", err.get("code"))
            self._found(err)


def _line_end(chunk: bytes, pos: int) -> int:
    ends = [i for i in (chunk.find(b"\n", pos), chunk.find(b"\r", pos)) if i >= 0]
    return min(ends) if ends else -1


async def on_response(response: Any) -> None:
    """httpx response hook: watch an event stream for the task's collector, if it has one."""
    sink = _collector.get()
    if sink is None or "text/event-stream" not in response.headers.get("content-type", ""):
        return
    scanner = LineScanner(sink.append)
    original = response.aiter_bytes

    async def aiter_bytes(*args: Any, **kwargs: Any) -> AsyncIterator[bytes]:
        async for chunk in original(*args, **kwargs):
            scanner.feed(chunk)
            yield chunk

    # The SDK reads the body with ``aiter_bytes`` (decoded): shadow it on this response only.
    response.aiter_bytes = aiter_bytes
