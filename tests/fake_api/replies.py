"""Reply kinds a test pushes onto the fake server: what the next create request gets.

Each reply is plain data; the server turns it into HTTP. See ``FakeInteractionsServer.push``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

#: Default error codes per HTTP status: the Interactions API uses string codes (spec §4.1).
_DEFAULT_CODES: dict[int, str] = {
    400: "invalid_request",
    401: "unauthenticated",
    403: "permission_denied",
    404: "not_found",
    408: "deadline_exceeded",
    409: "conflict",
    422: "unprocessable_entity",
    429: "resource_exhausted",
    500: "internal",
    501: "not_implemented",
    502: "bad_gateway",
    503: "unavailable",
    504: "deadline_exceeded",
}


def default_error_code(status: int) -> str:
    """The string error code the fake uses for ``status`` when a test gives none."""
    return _DEFAULT_CODES.get(status, "internal" if status >= 500 else "invalid_request")


@dataclass
class Stream:
    """A ``200 text/event-stream`` reply made of ``events`` plus optional transport faults.

    ``drop_after``/``stall_after`` count event frames written (raw frames do not count).
    ``raw_frames[i]`` is written verbatim before event ``i`` (``i == len(events)``: after the last).
    """

    events: list[dict[str, Any]]
    _: KW_ONLY
    interaction_id: str | None = None
    drop_after: int | None = None
    stall_after: int | None = None
    stall_seconds: float = 30.0
    frame_delay: float = 0.0
    end_without_done: bool = False
    raw_frames: dict[int, bytes] | None = None
    sse_event_lines: bool = True
    #: False: the server keeps no copy (a blocked answer): a later ``get`` of its id answers 404.
    stored: bool = True

    def resolved_id(self) -> str | None:
        """The interaction id: explicit, else the one in the ``interaction.created`` event."""
        if self.interaction_id:
            return self.interaction_id
        return interaction_id_of(self.events)


@dataclass
class Json:
    """A plain JSON reply with any status and extra headers."""

    body: dict[str, Any]
    status: int = 200
    headers: dict[str, str] | None = None


@dataclass
class ErrorReply:
    """An API error: ``{"error": {"code": code, "message": message}}`` with ``status``.

    ``sse=True`` frames the error as ``text/event-stream`` (seen live for some 400s, spec §4.1).
    ``code=None`` picks a code matching the status.
    """

    status: int
    code: str | None = None
    message: str = "Fake API error."
    headers: dict[str, str] | None = None
    sse: bool = False

    def error_body(self) -> dict[str, Any]:
        """The JSON body of this error."""
        code = self.code if self.code is not None else default_error_code(self.status)
        return {"error": {"code": code, "message": self.message}}

    def encoded(self) -> tuple[str, bytes]:
        """Content type and bytes to send."""
        body = self.error_body()
        if self.sse:
            payload = dict(body, event_type="error")
            return "text/event-stream", b"event: error\ndata: " + json.dumps(payload).encode() + b"\n\n"
        return "application/json", json.dumps(body).encode()


@dataclass
class BackgroundRun:
    """A background interaction whose ``events`` are released over time on the server clock.

    ``seconds_per_event=None`` releases nothing on its own: the test calls ``server.advance(id, n)``.
    The first event is released at creation. ``drop_after``/``stall_after`` apply to the stream
    answering a ``create(stream=True)``; use ``server.drop_next_get_stream`` for ``get`` streams.
    """

    interaction_id: str
    events: list[dict[str, Any]]
    _: KW_ONLY
    agent: str | None = "deep-research-preview-04-2026"
    model: str | None = None
    seconds_per_event: float | None = 0.05
    final_status: str = "completed"
    initial_status: str = "in_progress"
    drop_after: int | None = None
    stall_after: int | None = None
    stall_seconds: float = 30.0
    sse_event_lines: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RawSse:
    """A ``200 text/event-stream`` reply whose body is sent verbatim, one HTTP chunk per SSE block.

    For recorded bodies (``tests/field_cases/*.sse``), including lines no SSE field starts
    (a bare JSON error line). The ``data:`` JSON frames that carry an ``event_type`` make the
    stored interaction when ``stored`` is true.
    """

    body: bytes
    _: KW_ONLY
    stored: bool = True

    @classmethod
    def from_file(cls, path: Any, *, stored: bool = True) -> RawSse:
        """Read a recorded body; leading ``#`` lines (notes about the case) are not part of it."""
        with open(path, "rb") as handle:
            lines = handle.read().splitlines(keepends=True)
        while lines and lines[0].startswith(b"#"):
            lines.pop(0)
        return cls(b"".join(lines), stored=stored)

    def blocks(self) -> list[bytes]:
        """The body cut after each blank line (each block keeps its terminating blank line)."""
        text = self.body.replace(b"\r\n", b"\n")
        out = [block + b"\n\n" for block in text.split(b"\n\n") if block.strip()]
        return out

    def events(self) -> list[dict[str, Any]]:
        """The JSON events of the body (frames with ``event_type``), in order."""
        out: list[dict[str, Any]] = []
        for block in self.blocks():
            data = [line[5:].strip() for line in block.splitlines() if line.startswith(b"data:")]
            if not data:
                continue
            try:
                value = json.loads(b"\n".join(data))
            except ValueError:
                continue
            if isinstance(value, dict) and value.get("event_type"):
                out.append(value)
        return out


Reply = Stream | Json | ErrorReply | BackgroundRun | RawSse
#: A reply or a factory called with the parsed create body (``{}`` if none).
ReplySource = Reply | Callable[[dict[str, Any]], Reply]


def interaction_id_of(events: list[dict[str, Any]]) -> str | None:
    """The id of the first ``interaction.created`` event, if any."""
    for event in events:
        if event.get("event_type") == "interaction.created":
            interaction = event.get("interaction") or {}
            if interaction.get("id"):
                return str(interaction["id"])
    return None


def with_event_ids(events: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """Deep copies of ``events`` where each lacking an ``event_id`` gets ``f"{prefix}:{n}"`` (n from 1)."""
    out: list[dict[str, Any]] = []
    for n, original in enumerate(events, start=1):
        event = copy.deepcopy(original)
        if "event_id" not in event:
            event["event_id"] = f"{prefix}:{n}"
        out.append(event)
    return out
