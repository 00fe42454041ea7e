"""Builds the Interaction JSON a unary response or ``get`` returns from a list of SSE events.

Mirrors what the real server stores: steps accumulated from ``step.start``/``step.delta``/
``step.stop``, status and usage from ``interaction.completed`` (spec §3.2, §3.3).
"""

from __future__ import annotations

import copy
import json
from typing import Any

_MEDIA_DELTAS = frozenset({"image", "audio", "video", "document"})


class StepAssembler:
    """Accumulates events into interaction fields and steps, in arrival order."""

    def __init__(self) -> None:
        self.steps: dict[int, dict[str, Any]] = {}
        self.fields: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []
        self.status: str | None = None
        self._arguments: dict[int, str] = {}

    def feed_all(self, events: list[dict[str, Any]]) -> StepAssembler:
        """Feed every event; returns self for chaining."""
        for event in events:
            self.feed(event)
        return self

    def feed(self, event: dict[str, Any]) -> None:
        """Apply one SSE event (a dict with ``event_type``)."""
        kind = event.get("event_type")
        if kind in ("interaction.created", "interaction.completed"):
            interaction = dict(event.get("interaction") or {})
            steps = interaction.pop("steps", None)
            if steps and not self.steps:
                for i, step in enumerate(steps):
                    self.steps[i] = copy.deepcopy(step)
            self.fields.update({k: v for k, v in interaction.items() if v is not None})
            if interaction.get("status"):
                self.status = interaction["status"]
        elif kind == "interaction.status_update":
            self.status = event.get("status") or self.status
            if event.get("usage"):
                self.fields["usage"] = event["usage"]
        elif kind == "step.start":
            self.steps[int(event["index"])] = copy.deepcopy(event.get("step") or {})
        elif kind == "step.delta":
            self._apply_delta(int(event["index"]), event.get("delta") or {})
        elif kind == "step.stop":
            self._finish_arguments(int(event["index"]))
            if event.get("usage"):
                self.fields["usage"] = event["usage"]
        elif kind == "error":
            self.errors.append(dict(event.get("error") or {}))

    def _apply_delta(self, index: int, delta: dict[str, Any]) -> None:  # noqa: PLR0912 - one branch per delta type
        step = self.steps.setdefault(index, {"type": "model_output"})
        kind = delta.get("type")
        payload = {k: v for k, v in delta.items() if k != "type"}
        if kind == "text":
            content = step.setdefault("content", [])
            if content and content[-1].get("type") == "text":
                content[-1]["text"] = content[-1].get("text", "") + delta.get("text", "")
            else:
                content.append({"type": "text", "text": delta.get("text", "")})
        elif kind == "thought_summary":
            block = copy.deepcopy(delta.get("content") or {})
            summary = step.setdefault("summary", [])
            if summary and summary[-1].get("type") == "text" and block.get("type") == "text":
                summary[-1]["text"] = summary[-1].get("text", "") + block.get("text", "")
            elif block:
                summary.append(block)
        elif kind == "thought_signature":
            step["signature"] = delta.get("signature")
        elif kind == "arguments_delta":
            self._arguments[index] = self._arguments.get(index, "") + str(delta.get("arguments", ""))
        elif kind in _MEDIA_DELTAS:
            step.setdefault("content", []).append(copy.deepcopy(delta))
        elif kind == "text_annotation_delta":
            content = step.setdefault("content", [])
            texts = [block for block in content if block.get("type") == "text"]
            if not texts:
                content.append({"type": "text", "text": ""})
                texts = [content[-1]]
            texts[-1].setdefault("annotations", []).extend(copy.deepcopy(delta.get("annotations") or []))
        else:
            # Tool call/result deltas carry the step's own payload fields.
            for key, value in payload.items():
                current = step.get(key)
                if isinstance(current, list) and isinstance(value, list):
                    current.extend(copy.deepcopy(value))
                else:
                    step[key] = copy.deepcopy(value)

    def _finish_arguments(self, index: int) -> None:
        text = self._arguments.pop(index, None)
        if text is None or index not in self.steps:
            return
        try:
            self.steps[index]["arguments"] = json.loads(text)
        except ValueError:
            # A deliberately broken fragment stays visible instead of crashing the server.
            self.steps[index]["arguments"] = {"_unparsed": text}

    def ordered_steps(self) -> list[dict[str, Any]]:
        """Steps by index, pending argument fragments resolved."""
        for index in list(self._arguments):
            self._finish_arguments(index)
        return [self.steps[i] for i in sorted(self.steps)]


def assemble_interaction(
    events: list[dict[str, Any]],
    *,
    interaction_id: str | None,
    defaults: dict[str, Any] | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """The Interaction dict for ``events``; ``defaults`` fill fields the events lack.

    ``status`` overrides what the events say. Without ``interaction.completed`` the status is
    ``in_progress`` (or ``failed`` when an ``error`` event was seen).
    """
    assembler = StepAssembler().feed_all(events)
    result: dict[str, Any] = {"object": "interaction"}
    result.update(defaults or {})
    result.update(assembler.fields)
    if interaction_id:
        result["id"] = interaction_id
    completed = any(e.get("event_type") == "interaction.completed" for e in events)
    derived = assembler.status if completed else ("failed" if assembler.errors else "in_progress")
    result["status"] = status or derived
    result["steps"] = assembler.ordered_steps()
    if assembler.errors:
        result["errors"] = assembler.errors
    result.setdefault("usage", {"total_tokens": 0})
    return result
