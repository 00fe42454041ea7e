"""Turns the SDK's SSE events into the app's stream events, assembling each step as it goes.

The ``interaction.completed`` event carries no steps, so the transcript (and the wire steps kept
for stateless replay) must be built from the deltas. Runs on the SDK worker thread, so base64
decoding of media happens off the GUI thread.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from typing import Any

from desktop.domain import events as ev
from desktop.services.genai.errors import from_error_frame

log = logging.getLogger(__name__)

_MEDIA = ("image", "audio", "video", "document")
_FUNCTION_STEPS = ("function_call",)


def _dump(model: Any) -> dict[str, Any]:
    """A pydantic SDK object as a wire dict (unknown objects keep their raw payload)."""
    raw = getattr(model, "raw", None)
    if getattr(model, "is_unknown", False) and isinstance(raw, dict):
        return dict(raw)
    if hasattr(model, "model_dump"):
        dumped: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
        return dumped
    return dict(model) if isinstance(model, dict) else {}


def _tool_name(step_type: str) -> str:
    for suffix in ("_call", "_result"):
        if step_type.endswith(suffix):
            return step_type[: -len(suffix)]
    return step_type


class StreamConverter:
    """Feeds on SDK events; returns app events; remembers every step of the turn."""

    def __init__(self) -> None:
        self.interaction_id: str | None = None
        self.status: str | None = None
        self.last_event_id: str | None = None
        self.completed: ev.Completed | None = None
        self.error_frames: list[ev.ServerErrorFrame] = []
        # Bare JSON error lines found in the SSE body (the SDK drops them): ``{"code", "message"}``.
        self.bare_errors: list[dict[str, Any]] = []
        self._steps: dict[tuple[int, int], dict[str, Any]] = {}
        self._args: dict[tuple[int, int], list[str]] = {}
        # Text is kept as pieces and joined when the step is read: += on a long answer is quadratic.
        self._text: dict[tuple[int, int], list[str]] = {}
        self._hop = 0
        # Usage of the hops automatic continuation already finished (the SDK reports each hop's own).
        self._earlier_usage = ev.Usage()

    @property
    def finished(self) -> bool:
        """True once a final ``interaction.completed`` arrived."""
        return self.completed is not None

    def feed(self, sdk_event: Any) -> list[ev.StreamEvent]:
        """Convert one SDK event (or a raw string from a malformed frame) into app events."""
        if isinstance(sdk_event, str):
            log.warning("ignored a malformed stream frame (%d characters)", len(sdk_event))
            return []
        event_id = getattr(sdk_event, "event_id", None)
        if event_id:
            self.last_event_id = event_id
        kind = getattr(sdk_event, "event_type", None)
        handler = _HANDLERS.get(kind or "")
        if handler is None:
            log.info("ignored an unknown stream event %r", kind)
            return []
        return handler(self, sdk_event)

    # -- handlers -----------------------------------------------------------------------------
    def _on_created(self, e: Any) -> list[ev.StreamEvent]:
        inter = e.interaction
        if self._steps:
            self._hop += 1  # automatic continuation: a new hop may restart step indexes
        self.interaction_id = inter.id or self.interaction_id
        self.status = str(inter.status) if inter.status else "in_progress"
        return [
            ev.Started(
                interaction_id=self.interaction_id or "",
                status=self.status,
                model=getattr(inter, "model", None),
                agent=getattr(inter, "agent", None),
            )
        ]

    def _on_status(self, e: Any) -> list[ev.StreamEvent]:
        self.status = str(e.status)
        out: list[ev.StreamEvent] = [ev.StatusChanged(e.interaction_id or self.interaction_id or "", self.status)]
        if getattr(e, "usage", None) is not None:
            out.append(ev.UsageUpdated(self._earlier_usage + ev.Usage.from_wire(_dump(e.usage))))
        return out

    def _on_step_start(self, e: Any) -> list[ev.StreamEvent]:
        step = _dump(e.step)
        key = (self._hop, int(e.index))
        self._steps[key] = step
        kind = str(step.get("type", "unknown"))
        out: list[ev.StreamEvent] = [ev.StepStarted(int(e.index), kind)]
        # A step may start with content already in it (docs show model_output with text).
        for block in step.get("content") or []:
            out.extend(self._content_event(int(e.index), block))
        for block in step.get("summary") or []:
            if block.get("type") == "text" and block.get("text"):
                out.append(ev.ThoughtDelta(int(e.index), block["text"]))
        if kind == "function_call" and isinstance(step.get("arguments"), str):
            self._args[key] = [step.pop("arguments")]
        return out

    def _content_event(self, index: int, block: dict[str, Any]) -> list[ev.StreamEvent]:
        t = block.get("type")
        if t == "text" and block.get("text"):
            return [ev.TextDelta(index, block["text"])]
        if t in _MEDIA:
            return [self._media(index, t, block.get("mime_type"), block.get("data"), block.get("uri"))]
        return []

    @staticmethod
    def _media(index: int, kind: str, mime: str | None, data: str | None, uri: str | None) -> ev.MediaOutput:
        raw: bytes | None = None
        if data:
            try:
                raw = base64.b64decode(data, validate=False)
            except (binascii.Error, ValueError):
                log.warning("a %s output had undecodable data", kind)
        return ev.MediaOutput(index, kind, mime or "application/octet-stream", raw, uri)

    def _on_step_delta(self, e: Any) -> list[ev.StreamEvent]:
        index = int(e.index)
        key = (self._hop, index)
        step = self._steps.setdefault(key, {"type": "model_output"})
        delta = e.delta
        t = getattr(delta, "type", None)
        if t == "text":
            text = delta.text or ""
            self._text.setdefault(key, []).append(text)
            return [ev.TextDelta(index, text)] if text else []
        if t == "thought_summary":
            content = delta.content
            text = getattr(content, "text", None) or ""
            summary = step.setdefault("summary", [])
            if summary and summary[-1].get("type") == "text":
                summary[-1]["text"] += text
            else:
                summary.append({"type": "text", "text": text})
            return [ev.ThoughtDelta(index, text)] if text else []
        if t == "thought_signature":
            step["signature"] = delta.signature
            return []
        if t == "arguments_delta":
            self._args.setdefault(key, []).append(delta.arguments or "")
            return []
        if t == "text_annotation_delta":
            annotations = [_dump(a) for a in (delta.annotations or [])]
            self._flush_text(key)
            blocks = [b for b in step.get("content", []) if b.get("type") == "text"]
            if blocks:
                blocks[-1].setdefault("annotations", []).extend(annotations)
            cites = tuple(c for c in (_citation(a) for a in annotations) if c is not None)
            return [ev.CitationsAdded(index, cites)] if cites else []
        if t in _MEDIA:
            block = {k: v for k, v in _dump(delta).items() if v is not None}
            self._flush_text(key)
            step.setdefault("content", []).append(block)
            return [self._media(index, t, delta.mime_type, getattr(delta, "data", None), getattr(delta, "uri", None))]
        # tool call / result deltas carry the same payload as their step
        payload = _dump(delta)
        payload.pop("type", None)
        step.update(payload)
        return []

    def _on_step_stop(self, e: Any) -> list[ev.StreamEvent]:
        index = int(e.index)
        key = (self._hop, index)
        step = self._steps.get(key, {"type": "unknown"})
        self._flush_text(key)
        out: list[ev.StreamEvent] = []
        kind = str(step.get("type", ""))
        if key in self._args:
            text = "".join(self._args.pop(key))
            try:
                step["arguments"] = json.loads(text) if text.strip() else {}
            except ValueError:
                log.warning("function call %s had arguments that are not JSON", step.get("name"))
                step["arguments"] = {"_raw": text}
        if kind in _FUNCTION_STEPS:
            out.append(
                ev.FunctionCall(
                    index, str(step.get("id", "")), str(step.get("name", "")), dict(step.get("arguments") or {})
                )
            )
        elif kind.endswith("_call"):
            out.append(
                ev.ToolCall(
                    index,
                    _tool_name(kind),
                    step.get("id"),
                    dict(step.get("arguments") or {}),
                    name=step.get("name"),
                    server_name=step.get("server_name"),
                )
            )
        elif kind.endswith("_result") and kind != "function_result":
            out.append(
                ev.ToolResult(
                    index,
                    _tool_name(kind),
                    step.get("call_id"),
                    step.get("result"),
                    bool(step.get("is_error")),
                    name=step.get("name"),
                    server_name=step.get("server_name"),
                )
            )
        if getattr(e, "usage", None) is not None:
            out.append(ev.UsageUpdated(self._earlier_usage + ev.Usage.from_wire(_dump(e.usage))))
        out.append(ev.StepFinished(index, step))
        return out

    def _on_completed(self, e: Any) -> list[ev.StreamEvent]:
        inter = e.interaction
        status = str(inter.status) if inter.status else "completed"
        self.status = status
        self.interaction_id = inter.id or self.interaction_id
        hop_usage = ev.Usage.from_wire(_dump(inter.usage) if inter.usage is not None else None)
        usage = self._earlier_usage + hop_usage
        if status == "requires_continuation":
            # Automatic continuation merges the next hop into this answer: its tokens count too.
            self._earlier_usage = usage
            return [ev.StatusChanged(self.interaction_id or "", status), ev.UsageUpdated(usage)]
        for key in list(self._text):
            self._flush_text(key)
        steps = [self._steps[k] for k in sorted(self._steps)]
        errors = tuple(_dump(err) for err in (getattr(inter, "errors", None) or []))
        self.completed = ev.Completed(self.interaction_id or "", status, usage, tuple(steps), errors)
        return [ev.UsageUpdated(usage), self.completed]

    def _flush_text(self, key: tuple[int, int]) -> None:
        pieces = self._text.pop(key, None)
        if pieces:
            _append_text(self._steps.setdefault(key, {"type": "model_output"}), "".join(pieces))

    def _on_error(self, e: Any) -> list[ev.StreamEvent]:
        err = getattr(e, "error", None)
        frame = ev.ServerErrorFrame(from_error_frame(getattr(err, "code", None), getattr(err, "message", None)))
        self.error_frames.append(frame)
        return [frame]


def _citation(note: dict[str, Any]) -> ev.Citation | None:
    """The app's citation for a wire annotation (url, file or place), or None for other kinds."""
    kind = note.get("type")
    if kind == "url_citation" and note.get("url"):
        return ev.Citation(note["url"], note.get("title"), note.get("start_index"), note.get("end_index"))
    if kind == "file_citation":
        title = note.get("file_name") or note.get("source") or note.get("document_uri")
        return ev.Citation(
            str(note.get("document_uri") or ""), title, note.get("start_index"), note.get("end_index"), "file"
        )
    if kind == "place_citation":
        return ev.Citation(
            str(note.get("url") or ""), note.get("name"), note.get("start_index"), note.get("end_index"), "place"
        )
    return None


def _append_text(step: dict[str, Any], text: str) -> None:
    content = step.setdefault("content", [])
    if content and content[-1].get("type") == "text":
        content[-1]["text"] = content[-1].get("text", "") + text
    else:
        content.append({"type": "text", "text": text})


_HANDLERS = {
    "interaction.created": StreamConverter._on_created,
    "interaction.status_update": StreamConverter._on_status,
    "step.start": StreamConverter._on_step_start,
    "step.delta": StreamConverter._on_step_delta,
    "step.stop": StreamConverter._on_step_stop,
    "interaction.completed": StreamConverter._on_completed,
    "error": StreamConverter._on_error,
}
