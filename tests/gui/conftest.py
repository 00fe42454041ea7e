"""GUI tests: async tests run on a qasync loop over the session QApplication."""

from __future__ import annotations

import asyncio
import io
import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEventLoop, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.log import teardown_logging
from desktop.paths import AppPaths
from tests.memory_keyring import InMemoryKeyring

log = logging.getLogger(__name__)

# Closed qasync loops stay referenced: a loop's timer QObject still has Qt timers pending (e.g. a
# cancelled wait_for timeout); if garbage collection deletes it while Qt is activating timers,
# the process crashes (seen as a segfault in QCoreApplication::notifyInternal2).
_LOOPS: list[asyncio.AbstractEventLoop] = []


def _qasync_loop() -> asyncio.AbstractEventLoop:
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    loop.set_exception_handler(_wake_lost_tasks_again)
    _LOOPS.append(loop)
    return loop


# -- nested event loops inside a task ----------------------------------------------------------
# Under qasync every asyncio callback, a task's wake-up included, is a Qt timer event. A nested Qt
# event loop started while a task runs (``processEvents``, ``QEventLoop.exec``, a modal
# ``QDialog.exec``, qtbot's waits) fires those timers inside that task's step: asyncio refuses the
# other task's wake-up ("Cannot enter into task ... while another task ... is being executed") and
# never schedules it again, so that task waits forever on a future that is already done, and the
# loop's close after the test (which waits for every task, with no time limit) hangs the run. This
# was the hang seen about once in five runs after the MCP GUI test: its ``processEvents()`` before
# quitting ran the wake-up of the conversation list's refresh, which then never ended.

#: The wake-ups a nested event loop refused during the current test (the errors' texts).
_LOST_WAKE_UPS: list[str] = []
#: The functions the guard replaced, unguarded (tests of the guard reproduce the race with them).
UNGUARDED: dict[str, Callable[..., Any]] = {}


def _task_of_a_qasync_loop() -> asyncio.Task[Any] | None:
    """The asyncio task running now on a qasync loop, or None (no loop, plain callback, other loop)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return asyncio.current_task(loop) if isinstance(loop, qasync.QEventLoop) else None


def _refused_inside_a_task(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        task = _task_of_a_qasync_loop()
        if task is not None:
            raise RuntimeError(
                f"{name} inside the asyncio task {task.get_name()!r} runs a nested Qt event loop, which can "
                "run another task's wake-up inside this task and lose it (that task then never ends); "
                "in async tests wait with `await until(...)` or `await asyncio.sleep(...)`"
            )
        return original(*args, **kwargs)

    UNGUARDED[name] = original
    return guarded


QCoreApplication.processEvents = staticmethod(  # type: ignore[method-assign]
    _refused_inside_a_task("QCoreApplication.processEvents", QCoreApplication.processEvents)
)
QEventLoop.exec = _refused_inside_a_task("QEventLoop.exec", QEventLoop.exec)  # type: ignore[method-assign]
QDialog.exec = _refused_inside_a_task("QDialog.exec", QDialog.exec)  # type: ignore[method-assign]
for _wait in ("wait", "waitActive", "waitCallback", "waitExposed", "waitSignal", "waitSignals", "waitUntil"):
    setattr(QtBot, _wait, _refused_inside_a_task(f"qtbot.{_wait}", getattr(QtBot, _wait)))


def _wake_lost_tasks_again(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The qasync loops' exception handler: a refused wake-up is recorded (the test then fails) and
    scheduled again from the outer loop, so the task ends and the run goes on to report it."""
    error = context.get("exception")
    handle = context.get("handle")
    if isinstance(error, RuntimeError) and str(error).startswith("Cannot enter into task") and handle is not None:
        _LOST_WAKE_UPS.append(str(error))
        loop.call_soon(handle._callback, *handle._args)  # type: ignore[attr-defined]
        return
    loop.default_exception_handler(context)


def take_lost_wake_ups() -> list[str]:
    """The wake-ups refused so far in this test (and forget them: a test that provokes one on purpose)."""
    taken = list(_LOST_WAKE_UPS)
    _LOST_WAKE_UPS.clear()
    return taken


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Any]:
    """Every async test in tests/gui runs on a qasync loop, so Qt events and timers run while it awaits."""
    return {"qasync": _qasync_loop}


#: Apps booted by the current test and not known to have quit: (window, ``app.run()`` task, loop).
_RUNNING_APPS: list[tuple[QWidget, asyncio.Task[int], asyncio.AbstractEventLoop]] = []


def quit_after_the_test(window: QWidget, task: asyncio.Task[int]) -> None:
    """Have the app whose ``run()`` is ``task`` quit after the test if the test does not quit it."""
    _RUNNING_APPS.append((window, task, asyncio.get_running_loop()))


def quit_apps_left_running(timeout: float = 5.0) -> None:
    """Quit, as the user would, every app the test booted and did not quit (it failed, say).

    This runs right after the test's call phase, while its loop is still open. Left to pytest-qt's
    teardown, which closes the window later, the app's shutdown ran with no loop running ("no
    running event loop"): its SDK thread, database and timers stayed behind, and its draft-save
    timer fired into the next test or the process exit.
    """
    loops = {id(loop): loop for _window, _task, loop in _RUNNING_APPS}
    while _RUNNING_APPS:
        window, task, loop = _RUNNING_APPS.pop()
        if task.done() or loop.is_closed() or loop.is_running():
            continue

        async def quit_now(window: QWidget = window, task: asyncio.Task[int] = task) -> None:
            window.close()
            await asyncio.wait_for(task, timeout)

        try:
            loop.run_until_complete(quit_now())
        except BaseException:  # clean-up after a failure must never hide that failure
            log.warning("the app of a test that did not quit did not shut down cleanly", exc_info=True)
    for loop in loops.values():
        fail_on_tasks_left(loop)


def fail_on_tasks_left(loop: asyncio.AbstractEventLoop, timeout: float = 3.0) -> None:
    """Cancel the tasks the quit apps left on ``loop``; fail the test, loudly, if any does not end.

    A task that never ends would hang the whole run: pytest-asyncio closes the loop after the test by
    cancelling every task and waiting for all of them with no time limit, and pytest-timeout stops
    guarding a test once it has failed (``pytest_exception_interact`` cancels its timer), so nothing
    would end that wait. So a stuck task's name and stack are printed at once, the task is left out
    of that wait, and the test fails.
    """
    if loop.is_closed() or loop.is_running():
        return
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    if not pending:
        return
    for task in pending:
        task.cancel()
    try:
        loop.run_until_complete(asyncio.wait(pending, timeout=timeout))
    except BaseException:  # clean-up must never hide the test's own outcome
        log.warning("leftover tasks did not settle", exc_info=True)
    stuck = [t for t in pending if not t.done()]
    if not stuck:
        return
    report = io.StringIO()
    report.write(f"{len(stuck)} task(s) the app left did not end {timeout:g} s after being cancelled:\n")
    for task in stuck:
        report.write(f"{task!r}\n")
        task.print_stack(file=report)
    if sys.__stderr__ is not None:
        sys.__stderr__.write(report.getvalue())
    for task in stuck:
        asyncio.tasks._all_tasks.discard(task)  # type: ignore[attr-defined]  # keep the loop's close bounded
    pytest.fail(report.getvalue(), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After each GUI test, passed or failed, quit the apps it left running."""
    _LOST_WAKE_UPS.clear()
    try:
        outcome = yield
    finally:
        quit_apps_left_running()
    lost = take_lost_wake_ups()
    if lost:
        pytest.fail(
            "a nested Qt event loop inside an asyncio task lost another task's wake-up:\n" + "\n".join(lost),
            pytrace=False,
        )
    return outcome


async def until(predicate: Callable[[], Any], timeout: float = 5.0, message: str = "") -> Any:
    """Wait (letting Qt and asyncio run) until ``predicate()`` is truthy; fail after ``timeout``.

    Never use qtbot.waitSignal/waitUntil or QApplication.processEvents in async tests: the nested
    Qt loop re-enters asyncio and can lose another task's wake-up (the guard above refuses them).
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message or predicate}")
        await asyncio.sleep(0.01)


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the app asks the desktop to open, recorded instead of opened.

    The headless display cannot open anything (``QDesktopServices.openUrl`` returns False), so a
    test that calls the real opener passes whether or not the app would have opened the link.
    """
    opened: list[str] = []

    def record(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return opened


@pytest.fixture
def memory_keyring() -> Iterator[InMemoryKeyring]:
    """An in-memory keyring backend for the test (the real one is tested in test_keystore)."""
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def app_paths(tmp_path: Path) -> Iterator[AppPaths]:
    """The app's folders, in the test's temporary folder."""
    yield AppPaths(config=tmp_path / "config", data=tmp_path / "data", cache=tmp_path / "cache", logs=tmp_path / "logs")
    teardown_logging()
