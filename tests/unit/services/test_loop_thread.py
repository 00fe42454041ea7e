"""The worker loop's stop at quit: a coroutine handed to it while it stops is refused, never lost."""

from __future__ import annotations

import asyncio
import threading

import pytest

from desktop.services.loop_thread import LoopThread


async def _answer() -> int:
    return 42


def test_a_coroutine_submitted_while_the_loop_stops_is_refused_not_lost() -> None:
    worker = LoopThread(name="test-loop")
    gate_running, first, second, in_second = (threading.Event() for _ in range(4))

    def hold_second() -> None:
        in_second.set()
        second.wait(5)

    def gate() -> None:
        gate_running.set()
        first.wait(5)
        # Queued behind the loop's stop (requested while this ran): both run in the next batch.
        worker.loop.call_soon(hold_second)

    # Make the race certain: the loop runs the stop, then (same iteration) waits for us; a
    # coroutine submitted now lands after the stop, where a closing loop used to drop it.
    # The stop is requested only once the gate runs: had it been in the gate's batch, the loop
    # would end after that batch without running hold_second (seen under load).
    worker.loop.call_soon_threadsafe(gate)
    assert gate_running.wait(5)
    worker.stop(timeout=0)
    first.set()
    assert in_second.wait(5)
    coro = _answer()
    try:
        with pytest.raises(RuntimeError, match="stopping"):
            future = worker.submit(coro)
            # Without the fix the future is returned and never resolves (its task is never made).
            future.result(timeout=5)
    finally:
        second.set()
        worker.stop()
    assert not worker.alive
    assert coro.cr_frame is None  # closed, not left "never awaited"


def test_run_after_stop_raises_in_the_caller() -> None:
    worker = LoopThread(name="test-loop")
    assert worker.submit(_answer()).result(5) == 42
    worker.stop()
    with pytest.raises(RuntimeError):
        asyncio.run(worker.run(_answer()))
    with pytest.raises(RuntimeError):
        worker.submit(_answer())


def test_stop_cancels_what_still_runs_and_resolves_its_future() -> None:
    worker = LoopThread(name="test-loop")
    started = threading.Event()

    async def forever() -> None:
        started.set()
        await asyncio.sleep(3600)

    future = worker.submit(forever())
    assert started.wait(5)
    worker.stop()
    assert not worker.alive
    assert future.cancelled()
