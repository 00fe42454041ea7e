"""The task runner at quit: once closed, a task started by another's clean-up never runs (it would
run against the database the quit is about to close)."""

from __future__ import annotations

import asyncio

from desktop.controllers.task_runner import TaskRunner


async def test_a_task_started_while_the_runner_closes_never_runs() -> None:
    runner = TaskRunner()
    refreshed: list[str] = []
    spawned: list[asyncio.Task[None]] = []

    async def refresh(why: str) -> None:
        refreshed.append(why)

    async def turn() -> None:
        try:
            await asyncio.sleep(3600)
        finally:  # as a cancelled turn's clean-up asks for the conversation list again
            spawned.append(runner.spawn(refresh("after the cancelled turn"), name="list-conversations"))

    runner.spawn(turn(), name="turn")
    await asyncio.sleep(0)
    await runner.close(timeout=1.0)
    spawned.append(runner.spawn(refresh("after the close"), name="list-conversations"))
    await asyncio.wait(spawned)
    assert refreshed == []
    assert all(t.cancelled() for t in spawned)
    assert runner.running == 0


async def test_cancel_all_alone_does_not_close_the_runner() -> None:
    runner = TaskRunner()
    runner.spawn(asyncio.sleep(3600))
    await runner.cancel_all(timeout=1.0)
    task = runner.spawn(asyncio.sleep(0, result="ran"))
    assert await task == "ran"
