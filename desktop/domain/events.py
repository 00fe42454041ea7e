"""The app's own stream events: what a streamed turn or a watched run tells the rest of the app.

The API service turns the SDK's SSE events into these, so nothing outside the service depends on
the shape of google-genai's classes (the API replaced ``outputs`` with ``steps`` in 2.0 and may
change again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.errors import AppError


@dataclass(frozen=True, slots=True)
class Started:
    """The server created the interaction (``interaction.created``)."""

    interaction_id: str
    status: str
    model: str | None = None
    agent: str | None = None


@dataclass(frozen=True, slots=True)
class StatusChanged:
    """``interaction.status_update``: the run moved to another status."""

    interaction_id: str
    status: str


@dataclass(frozen=True, slots=True)
class StepStarted:
    """A new step began; ``kind`` is the wire step type (``model_output``, ``thought``, ...)."""

    index: int
    kind: str


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of answer text. Consecutive deltas of one step may arrive merged."""

    index: int
    text: str


@dataclass(frozen=True, slots=True)
class ThoughtDelta:
    """A piece of a thought summary."""

    index: int
    text: str


@dataclass(frozen=True, slots=True)
class Citation:
    """A source the answer cites, with the cited span of the text (UTF-8 byte offsets).

    ``kind`` is ``url`` (``url_citation``: ``url``, ``title``), ``file`` (``file_citation``:
    ``title`` holds the file name) or ``place`` (``place_citation``: ``title`` holds the place name).
    """

    url: str
    title: str | None = None
    start_index: int | None = None
    end_index: int | None = None
    kind: str = "url"


@dataclass(frozen=True, slots=True)
class CitationsAdded:
    """Citations attached to the answer text of a step."""

    index: int
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class MediaOutput:
    """An image (or audio, video, document) the model produced, decoded off the GUI thread."""

    index: int
    kind: str
    mime_type: str
    data: bytes | None = None
    uri: str | None = None


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """The model asks the app to run a local function; arguments are assembled and parsed."""

    index: int
    call_id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A built-in tool the server ran for the model (search, code execution, URL context, ...)."""

    index: int
    tool: str
    call_id: str | None
    arguments: dict[str, Any]
    # Remote MCP calls: the tool's own name and the server it ran on (``mcp_server_tool_call``).
    name: str | None = None
    server_name: str | None = None


@dataclass(frozen=True, slots=True)
class ToolResult:
    """The result of a built-in tool call."""

    index: int
    tool: str
    call_id: str | None
    result: Any
    is_error: bool = False
    name: str | None = None
    server_name: str | None = None


@dataclass(frozen=True, slots=True)
class StepFinished:
    """A step ended; ``step`` is the whole step as a wire dict (for local replay)."""

    index: int
    step: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Usage:
    """Token usage of the interaction so far."""

    input_tokens: int = 0
    output_tokens: int = 0
    thought_tokens: int = 0
    cached_tokens: int = 0
    tool_use_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.thought_tokens + other.thought_tokens,
            self.cached_tokens + other.cached_tokens,
            self.tool_use_tokens + other.tool_use_tokens,
            self.total_tokens + other.total_tokens,
        )

    @classmethod
    def from_wire(cls, usage: dict[str, Any] | None) -> Usage:
        """Build from the API's ``usage`` object (missing fields count as 0)."""
        u = usage or {}
        return cls(
            input_tokens=int(u.get("total_input_tokens") or 0),
            output_tokens=int(u.get("total_output_tokens") or 0),
            thought_tokens=int(u.get("total_thought_tokens") or 0),
            cached_tokens=int(u.get("total_cached_tokens") or 0),
            tool_use_tokens=int(u.get("total_tool_use_tokens") or 0),
            total_tokens=int(u.get("total_tokens") or 0),
        )


@dataclass(frozen=True, slots=True)
class UsageUpdated:
    """Usage reported mid-stream or at the end."""

    usage: Usage


@dataclass(frozen=True, slots=True)
class ServerErrorFrame:
    """An ``error`` frame arrived mid-stream (the stream may continue after it)."""

    error: AppError


@dataclass(frozen=True, slots=True)
class Completed:
    """The interaction reached a final status (``interaction.completed``).

    ``steps`` holds every step of this turn assembled from the deltas, as wire dicts, including
    thought steps with their signatures, so the turn can be replayed statelessly later.
    """

    interaction_id: str
    status: str
    usage: Usage
    steps: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    # The server's diagnostics (``[{"code", "message"}]``), e.g. why a ``failed`` run failed.
    errors: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    @property
    def pending_function_calls(self) -> list[dict[str, Any]]:
        """``function_call`` steps without a matching ``function_result`` (status is not reliable)."""
        answered = {s.get("call_id") for s in self.steps if s.get("type") == "function_result"}
        return [s for s in self.steps if s.get("type") == "function_call" and s.get("id") not in answered]


StreamEvent = (
    Started
    | StatusChanged
    | StepStarted
    | TextDelta
    | ThoughtDelta
    | CitationsAdded
    | MediaOutput
    | FunctionCall
    | ToolCall
    | ToolResult
    | StepFinished
    | UsageUpdated
    | ServerErrorFrame
    | Completed
)

TERMINAL_STATUSES = frozenset({"completed", "failed", "cancelled", "incomplete", "budget_exceeded"})
