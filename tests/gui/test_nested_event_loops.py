"""A nested Qt event loop inside an asyncio task (the cause of the teardown hang seen after the MCP
GUI test): the GUI tests refuse one at once, and a wake-up one loses anyway is run again and reported."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import UNGUARDED, _qasync_loop, fail_on_tasks_left, take_lost_wake_ups


async def test_process_events_inside_a_task_is_refused() -> None:
    with pytest.raises(RuntimeError, match="nested Qt event loop"):
        QApplication.processEvents()
    with pytest.raises(RuntimeError, match="nested Qt event loop"):
        QEventLoop().exec()


async def test_qtbot_waits_inside_a_task_are_refused(qtbot) -> None:
    with pytest.raises(RuntimeError, match=r"qtbot\.waitUntil"):
        qtbot.waitUntil(lambda: True)
    with pytest.raises(RuntimeError, match=r"qtbot\.wait\b"):
        qtbot.wait(1)


def test_process_events_outside_a_task_is_allowed(qtbot) -> None:
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired))
    QApplication.processEvents()


async def test_a_wake_up_lost_in_a_nested_loop_is_run_again_and_reported() -> None:
    # The race, made certain: a task's future completes, so its wake-up is due (a 0 ms Qt timer under
    # qasync), and this task runs a nested event loop before yielding; the nested loop fires that
    # timer inside this task's step, and asyncio refuses it ("Cannot enter into task").
    done = asyncio.get_running_loop().create_future()

    async def refresh() -> str:
        return await done

    waiter = asyncio.ensure_future(refresh())
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # the waiter now awaits ``done``
    done.set_result("listed")
    UNGUARDED["QCoreApplication.processEvents"]()
    lost = take_lost_wake_ups()  # taken, so that this test (which lost one on purpose) passes
    assert lost and "Cannot enter into task" in lost[0]
    # Without the exception handler the waiter would wait for ever, and the loop's close with it.
    assert await asyncio.wait_for(waiter, 5) == "listed"


def test_a_task_that_ignores_cancel_fails_the_test_loudly_and_the_loop_still_closes(qapp) -> None:
    loop = _qasync_loop()

    async def stubborn() -> None:
        while True:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                continue

    task = loop.create_task(stubborn(), name="stubborn-task")
    loop.run_until_complete(asyncio.sleep(0))
    with pytest.raises(pytest.fail.Exception, match="stubborn-task"):
        fail_on_tasks_left(loop, timeout=0.1)
    # pytest-asyncio's close waits for every task of the loop: this one is no longer among them.
    assert task not in asyncio.all_tasks(loop)
    loop.close()
