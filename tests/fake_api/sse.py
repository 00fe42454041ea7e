"""SSE framing and a chunked HTTP writer that can misbehave on purpose (drop, stall, garbage).

One HTTP chunk per frame, like the real server, so the SDK's incremental parser is exercised.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any, Protocol

DONE_FRAME = b"data: [DONE]\n\n"


class _Writable(Protocol):
    def write(self, data: bytes, /) -> Any: ...
    def flush(self) -> Any: ...


class ConnectionAborted(Exception):
    """The response must end by closing the socket without the terminating chunk."""


@dataclass
class StreamFaults:
    """Transport faults for one streamed response; frame counts are event frames written."""

    drop_after: int | None = None
    stall_after: int | None = None
    stall_seconds: float = 30.0
    frame_delay: float = 0.0
    end_without_done: bool = False
    raw_frames: dict[int, bytes] | None = None
    sse_event_lines: bool = True


def encode_frame(event: dict[str, Any], sse_event_lines: bool = True) -> bytes:
    """``event: <type>\\ndata: <json>\\n\\n`` (the ``event:`` line only when asked)."""
    data = b"data: " + json.dumps(event, separators=(",", ":")).encode() + b"\n\n"
    if sse_event_lines and event.get("event_type"):
        return b"event: " + str(event["event_type"]).encode() + b"\n" + data
    return data


class SseWriter:
    """Writes frames as HTTP chunks to ``wfile`` and applies ``faults`` as frames go out.

    ``interrupt`` is set when the server stops or resets: a stall then aborts the connection,
    so tests never wait out a long stall.
    """

    def __init__(self, wfile: _Writable, faults: StreamFaults, interrupt: threading.Event) -> None:
        self.wfile = wfile
        self.faults = faults
        self.interrupt = interrupt
        self.frames_written = 0
        self._raw_written: set[int] = set()

    def _chunk(self, payload: bytes) -> None:
        self.wfile.write(b"%x\r\n" % len(payload) + payload + b"\r\n")
        self.wfile.flush()

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self.interrupt.wait(seconds):
            raise ConnectionAborted("server stopped or reset")

    def write_event(self, event: dict[str, Any], position: int) -> None:
        """Write the event at ``position`` (its index in the scenario, for ``raw_frames``)."""
        self.write_raw_before(position)
        if self.faults.drop_after is not None and self.frames_written >= self.faults.drop_after:
            raise ConnectionAborted("drop_after reached")
        if self.frames_written and self.faults.frame_delay:
            self._sleep(self.faults.frame_delay)
        self._chunk(encode_frame(event, self.faults.sse_event_lines))
        self.frames_written += 1
        if self.faults.stall_after is not None and self.frames_written == self.faults.stall_after:
            self._sleep(self.faults.stall_seconds)
        if self.faults.drop_after is not None and self.frames_written >= self.faults.drop_after:
            raise ConnectionAborted("drop_after reached")

    def write_raw(self, payload: bytes) -> None:
        """Write ``payload`` verbatim as one chunk (a recorded body's block)."""
        self._chunk(payload)

    def write_raw_before(self, position: int) -> None:
        """Write the malformed frame scheduled before event ``position``, once."""
        raw = (self.faults.raw_frames or {}).get(position)
        if raw is not None and position not in self._raw_written:
            self._raw_written.add(position)
            self._chunk(raw)

    def check_start(self) -> None:
        """Apply faults that trigger before any frame (``drop_after=0``/``stall_after=0``)."""
        if self.faults.stall_after == 0:
            self._sleep(self.faults.stall_seconds)
        if self.faults.drop_after == 0:
            raise ConnectionAborted("drop_after=0")

    def finish(self, end_position: int) -> None:
        """Trailing raw frame, ``[DONE]`` unless ``end_without_done``, then the 0-chunk."""
        self.write_raw_before(end_position)
        if not self.faults.end_without_done:
            self._chunk(DONE_FRAME)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
