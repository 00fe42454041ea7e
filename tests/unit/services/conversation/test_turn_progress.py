"""The turn runner writes streamed text to the repository while it streams, not only at the end.

The real service streams from the fake server through the SDK into a real SQLite repository;
what the database holds is read while the turn is still running.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.conversation import ConversationSettings, TextPart, Turn, TurnStatus
from desktop.services.blocking import run_blocking
from desktop.services.conversation.chat_turn import TurnRunner
from desktop.services.genai import GeminiService
from desktop.store import ConversationRepository, open_database
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.service_helpers import Sink, started_service


class RecordingRepository:
    """The real repository; every write of answer text is also recorded as (method, status, text)."""

    def __init__(self, repo: ConversationRepository) -> None:
        self.repo = repo
        self.writes: list[tuple[str, str, str]] = []

    def add_turn(self, turn: Turn, **kwargs: Any) -> None:
        self.repo.add_turn(turn, **kwargs)

    def update_turn(self, turn: Turn) -> bool:
        self.writes.append(("update_turn", TurnStatus(turn.status).value, turn.answer_text))
        return self.repo.update_turn(turn)

    def append_stream_progress(
        self, turn_id: str, answer_text: str, thoughts: str, status: TurnStatus, last_event_id: str | None = None
    ) -> bool:
        self.writes.append(("append_stream_progress", TurnStatus(status).value, answer_text))
        return self.repo.append_stream_progress(turn_id, answer_text, thoughts, status, last_event_id)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[ConversationRepository]:
    db = open_database(tmp_path / "db.sqlite3")
    try:
        yield ConversationRepository(db)
    finally:
        db.close()


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    async with started_service(fake_server) as svc:
        yield svc


def new_turn(repo: ConversationRepository) -> Turn:
    conversation = repo.create("Progress")
    return Turn.new(conversation.id, None, [TextPart("Tell me")])


async def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.02)


def stored_answer(repo: ConversationRepository, turn: Turn) -> str:
    stored = repo.get_turn(turn.id)
    return stored.answer_text if stored is not None else ""


async def test_text_is_in_the_repository_during_a_pause_in_the_stream(repo, service, fake_server):
    # created, status, step start, the first delta: then the server goes silent.
    events = scenarios.plain_text("v1_pause", ["Before the pause. ", "After it."])
    fake_server.push(Stream(events, stall_after=4, stall_seconds=60))
    # A clock that never moves: only the runner's own timer can write during the pause.
    runner = TurnRunner(repo, lambda: service, run_blocking, clock=lambda: 0.0)
    turn = new_turn(repo)
    sink = Sink()
    task = asyncio.ensure_future(runner.run(turn, ConversationSettings(), [], sink))
    try:
        await wait_for(lambda: sink.text == ["Before the pause. "])
        await wait_for(lambda: stored_answer(repo, turn) == "Before the pause. ")
        assert not task.done()  # still streaming: the text was written during the pause
        assert repo.get_turn(turn.id).status == TurnStatus.STREAMING
    finally:
        runner.stop(turn.id)
        done = await asyncio.wait_for(task, 10)
    assert done.status == TurnStatus.STOPPED
    assert stored_answer(repo, turn) == "Before the pause. "


async def test_text_reaches_the_repository_before_the_turn_ends(repo, service, fake_server):
    chunks = [f"part {i}. " for i in range(12)]
    # Frames 50 ms apart arrive as separate deltas (a burst would be merged into one).
    fake_server.push(Stream(scenarios.plain_text("v1_prog", chunks), frame_delay=0.05))
    ticks = itertools.count(step=1.0)  # every delta finds a write due
    recording = RecordingRepository(repo)
    runner = TurnRunner(recording, lambda: service, run_blocking, clock=lambda: next(ticks))
    turn = new_turn(repo)
    done = await runner.run(turn, ConversationSettings(), [], Sink())
    answer = "".join(chunks)
    assert done.status == TurnStatus.COMPLETED and stored_answer(repo, turn) == answer
    final = recording.writes.index(("update_turn", TurnStatus.COMPLETED.value, answer))
    partial = [text for _, status, text in recording.writes[:final] if text and text != answer]
    assert partial, recording.writes  # written while it streamed...
    assert all(answer.startswith(text) for text in partial)  # ...always what had arrived so far
    assert partial == sorted(partial, key=len)  # and growing
