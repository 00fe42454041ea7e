"""Background research tasks (Deep Research agent runs) as the app tracks them (pure data).

A task is created locally first (status ``starting``) and gets its ``interaction_id`` once
the server accepted it. ``last_event_id`` lets a dropped stream resume where it stopped;
``last_progress_at`` lets the app flag a run that went quiet (local status ``stalled``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, TypeAlias

from desktop.domain.conversation import new_id, title_from_prompt


class ResearchStatus(StrEnum):
    """Known task statuses: the server's, plus the local ``starting``, ``stalled`` and ``unreadable``.

    ``idle`` (the server's) is not final: the run is watched until it is marked ``stalled``.
    ``unreadable``: the run's status cannot be read (a permanent 400/401/403); the task waits for
    the user to check again or cancel, with the server's reason in ``error``.
    """

    STARTING = "starting"
    QUEUED = "queued"
    IN_PROGRESS = "in_progress"
    REQUIRES_ACTION = "requires_action"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INCOMPLETE = "incomplete"
    BUDGET_EXCEEDED = "budget_exceeded"
    IDLE = "idle"
    STALLED = "stalled"
    UNREADABLE = "unreadable"


TERMINAL_STATUSES: frozenset[str] = frozenset(
    {
        ResearchStatus.COMPLETED,
        ResearchStatus.FAILED,
        ResearchStatus.CANCELLED,
        ResearchStatus.INCOMPLETE,
        ResearchStatus.BUDGET_EXCEEDED,
    }
)


def is_terminal(status: str) -> bool:
    """True when a run with this status will not change any more.

    Unknown statuses (a newer server) count as not terminal so the app keeps watching.
    """
    return status in TERMINAL_STATUSES


# ``step``: a tool call with its result; the entry's text is the step as JSON (``tool_block_to_dict``).
# ``plan``, ``reply`` and ``approval``: a plan the agent proposed and the user's answer to it.
TimelineKind: TypeAlias = Literal["thought", "search", "page", "status", "note", "step", "plan", "reply", "approval"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a task's progress log."""

    kind: TimelineKind
    text: str
    at: float


@dataclass(frozen=True, slots=True)
class Source:
    """A web page the report cites."""

    url: str
    title: str = ""


@dataclass(slots=True)
class ResearchTask:
    """A research run and everything the app has learnt about it so far."""

    id: str
    interaction_id: str | None
    title: str
    prompt: str
    agent: str
    options: dict[str, Any] = field(default_factory=dict)
    status: str = ResearchStatus.STARTING.value
    created_at: float = 0.0
    updated_at: float = 0.0
    finished_at: float | None = None
    last_event_id: str | None = None
    last_progress_at: float = 0.0
    timeline: list[TimelineEntry] = field(default_factory=list)
    report: str = ""
    sources: list[Source] = field(default_factory=list)
    usage: dict[str, Any] | None = None
    error: str | None = None

    @classmethod
    def new(
        cls,
        prompt: str,
        agent: str,
        options: dict[str, Any] | None = None,
        title: str | None = None,
    ) -> ResearchTask:
        """Create a ``starting`` task with a fresh local id, stamped now."""
        now = time.time()
        return cls(
            id=new_id(),
            interaction_id=None,
            title=title or title_from_prompt(prompt),
            prompt=prompt,
            agent=agent,
            options=dict(options or {}),
            created_at=now,
            updated_at=now,
            last_progress_at=now,
        )

    @property
    def is_terminal(self) -> bool:
        """True when the run has finished one way or another."""
        return is_terminal(self.status)
