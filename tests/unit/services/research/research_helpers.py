"""What the research service tests share: the agent, a recording listener, the spawned monitors."""

from __future__ import annotations

import asyncio

from desktop.domain.research import ResearchTask, TimelineEntry
from desktop.services.research.service import Media
from tests.fake_api import BackgroundRun, FakeInteractionsServer, scenarios

AGENT = "deep-research-preview-04-2026"


class Recorder:
    """A listener that keeps what it was told."""

    def __init__(self) -> None:
        self.added: list[ResearchTask] = []
        self.changed: list[str] = []
        self.entries: list[TimelineEntry] = []
        self.finished: list[str] = []
        self.media: list[Media] = []

    def task_added(self, task: ResearchTask) -> None:
        self.added.append(task)

    def task_changed(self, task: ResearchTask) -> None:
        self.changed.append(task.status)

    def timeline_added(self, task: ResearchTask, entries: list[TimelineEntry]) -> None:
        self.entries.extend(entries)

    def media_added(self, task: ResearchTask, media: list[Media]) -> None:
        self.media.extend(media)

    def task_finished(self, task: ResearchTask) -> None:
        self.finished.append(task.status)


class Runs(list[asyncio.Task]):
    """The monitor tasks a manager spawned; the instance itself is the manager's ``spawn``."""

    def __call__(self, coro) -> asyncio.Task:
        self.append(asyncio.ensure_future(coro))
        return self[-1]


def push_report_run(fake_server: FakeInteractionsServer, interaction_id: str) -> tuple[list[dict], int, list[str]]:
    """Queue a stepped research run with a six-piece report.

    Returns its events, the index of its model_output step and the pieces of the report.
    """
    events = scenarios.deep_research(interaction_id, report_chunks=6)
    output = next(i for i, e in enumerate(events) if e.get("step", {}).get("type") == "model_output")
    pieces = [e["delta"]["text"] for e in events if e.get("delta", {}).get("type") == "text"]
    fake_server.push(BackgroundRun(interaction_id, events, seconds_per_event=None))
    return events, output, pieces
