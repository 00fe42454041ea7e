"""Server-side state of one stored interaction: its event log, release clock and status.

A finished streamed/unary create is a record whose events are all released at once; a background
run releases one event every ``seconds_per_event`` on the server's monotonic clock. The caller
(the server) holds its lock around every method call.
"""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime
from typing import Any

from .assemble import assemble_interaction
from .replies import BackgroundRun

TERMINAL_STATUSES = frozenset({"completed", "failed", "cancelled", "incomplete", "budget_exceeded"})


def iso_now() -> str:
    """The current UTC time as the API's ISO-8601 string."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class InteractionRecord:
    """One interaction the fake server knows about (``get``/``cancel``/``delete`` target)."""

    def __init__(
        self,
        interaction_id: str,
        events: list[dict[str, Any]],
        *,
        defaults: dict[str, Any] | None = None,
        seconds_per_event: float | None = 0.0,
        initial_status: str = "in_progress",
        final_status: str | None = None,
        snapshot: dict[str, Any] | None = None,
        request_body: dict[str, Any] | None = None,
        background: bool = False,
    ) -> None:
        self.interaction_id = interaction_id
        self.events = events
        self.defaults = dict(defaults or {})
        self.seconds_per_event = seconds_per_event
        self.initial_status = initial_status
        self.final_status = final_status
        self.snapshot = snapshot
        self.request_body = request_body or {}
        self.background = background
        self.started_at = time.monotonic()
        self.manual_released = 1 if events else 0
        self.frozen_count: int | None = None
        self.status_override: str | None = None
        self.created = self.defaults.setdefault("created", iso_now())
        self.updated = self.created

    @classmethod
    def from_run(
        cls, run: BackgroundRun, events: list[dict[str, Any]], request_body: dict[str, Any] | None = None
    ) -> InteractionRecord:
        """A record for a background run; the completed event is patched to ``final_status``."""
        events = copy.deepcopy(events)
        for event in events:
            if event.get("event_type") == "interaction.completed":
                event.setdefault("interaction", {})["status"] = run.final_status
        defaults: dict[str, Any] = dict(run.extra)
        if run.agent:
            defaults["agent"] = run.agent
        if run.model:
            defaults["model"] = run.model
        return cls(
            run.interaction_id,
            events,
            defaults=defaults,
            seconds_per_event=run.seconds_per_event,
            initial_status=run.initial_status,
            final_status=run.final_status,
            request_body=request_body,
            background=True,
        )

    # -- release clock ---------------------------------------------------------------------
    def released(self, now: float | None = None) -> int:
        """How many events the server has produced so far."""
        if self.frozen_count is not None:
            return self.frozen_count
        total = len(self.events)
        if self.seconds_per_event is None:
            return min(total, self.manual_released)
        if self.seconds_per_event <= 0:
            return total
        now = time.monotonic() if now is None else now
        return min(total, 1 + int((now - self.started_at) / self.seconds_per_event))

    def next_release_in(self, now: float | None = None) -> float | None:
        """Seconds until the next event is released; None when nothing more will come by itself."""
        now = time.monotonic() if now is None else now
        count = self.released(now)
        if self.frozen_count is not None or count >= len(self.events):
            return None
        if self.seconds_per_event is None:
            return None
        return max(0.0, self.started_at + count * self.seconds_per_event - now)

    def finished(self, now: float | None = None) -> bool:
        """True when no further events will ever be released."""
        return self.frozen_count is not None or self.released(now) >= len(self.events)

    def advance(self, n: int | None = None) -> None:
        """Release ``n`` more events (all when None) regardless of the clock."""
        if self.frozen_count is not None:
            return
        current = self.released()
        target = len(self.events) if n is None else min(len(self.events), current + n)
        self.manual_released = target
        if self.seconds_per_event is not None and self.seconds_per_event > 0:
            # Shift the clock so the time-based count agrees with the manual one.
            self.started_at = min(self.started_at, time.monotonic() - (target - 1) * self.seconds_per_event)
        self.updated = iso_now()

    def index_after(self, last_event_id: str | None) -> int:
        """Position in ``events`` just after ``last_event_id`` (0 when None or unknown)."""
        if last_event_id is None:
            return 0
        for i, event in enumerate(self.events):
            if event.get("event_id") == last_event_id:
                return i + 1
        return 0

    # -- state changes ---------------------------------------------------------------------
    def terminate(self, status: str, extra_events: list[dict[str, Any]]) -> None:
        """Stop releasing; append terminal events (given ids) and release them at once."""
        count = self.released()
        self.events = self.events[:count]
        for n, extra in enumerate(extra_events, start=count + 1):
            event = dict(extra)
            event.setdefault("event_id", f"{self.interaction_id}:{n}")
            self.events.append(event)
        self.frozen_count = len(self.events)
        self.status_override = status
        self.updated = iso_now()

    def cancel(self) -> None:
        """Cancel: status ``cancelled`` and a closing ``interaction.completed`` frame."""
        self.terminate("cancelled", [self._completed_event("cancelled")])

    def fail(self, code: str, message: str) -> None:
        """Fail: an ``error`` frame then ``interaction.completed`` with status ``failed``."""
        error = {"event_type": "error", "error": {"code": code, "message": message}}
        self.terminate("failed", [error, self._completed_event("failed")])

    def set_status(self, status: str | None) -> None:
        """Report ``status`` from now on (None: back to the natural status); a terminal status
        also stops further releases."""
        self.status_override = status
        if status in TERMINAL_STATUSES and self.frozen_count is None:
            self.frozen_count = self.released()
        self.updated = iso_now()

    def _completed_event(self, status: str) -> dict[str, Any]:
        interaction = {"id": self.interaction_id, "status": status, "object": "interaction"}
        return {"event_type": "interaction.completed", "interaction": interaction}

    # -- views -----------------------------------------------------------------------------
    def status(self, now: float | None = None) -> str:
        """The status a ``get`` reports right now."""
        if self.status_override:
            return self.status_override
        if self.snapshot is not None:
            return str(self.snapshot.get("status") or "completed")
        if not self.finished(now):
            return self.initial_status
        return (
            assemble_interaction(self.events, interaction_id=None)["status"]
            if not self.background
            else (self.final_status or "completed")
        )

    def interaction(
        self, now: float | None = None, *, include_input: bool = False, input_steps: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """The Interaction JSON for ``get``/``cancel``.

        ``input_steps`` (the request's input as steps) is prepended: ``get`` returns the full
        timeline including the ``user_input`` step (spec §2).
        """
        if self.snapshot is not None:
            body = copy.deepcopy(self.snapshot)
            body.setdefault("id", self.interaction_id)
            body.setdefault("object", "interaction")
        else:
            released = self.events[: self.released(now)]
            body = assemble_interaction(released, interaction_id=self.interaction_id, defaults=self.defaults)
        body["status"] = self.status(now)
        body.setdefault("created", self.created)
        body["updated"] = self.updated
        if input_steps:
            body["steps"] = copy.deepcopy(input_steps) + list(body.get("steps") or [])
        if include_input and "input" in self.request_body:
            body["input"] = copy.deepcopy(self.request_body["input"])
        if self.request_body.get("previous_interaction_id"):
            body.setdefault("previous_interaction_id", self.request_body["previous_interaction_id"])
        return body
