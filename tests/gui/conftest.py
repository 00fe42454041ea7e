"""GUI tests: async tests run on a qasync loop over the session QApplication."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
import qasync
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

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
    _LOOPS.append(loop)
    return loop


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
        settle_leftover_tasks(loop)


def settle_leftover_tasks(loop: asyncio.AbstractEventLoop, timeout: float = 3.0) -> None:
    """Cancel the tasks a quit app left on ``loop`` and give them ``timeout`` seconds to end.

    pytest-asyncio closes the loop after the test by cancelling every task and waiting for all of
    them with no time limit; one task that never ends (seen about once in five full runs after an
    MCP test, cause not found yet) then hangs the whole run until pytest-timeout kills it. A task
    still running after ``timeout`` is reported and left out of that wait.
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
    for task in pending:
        if not task.done():
            log.warning("a task the app left did not end after cancel: %r", task)
            asyncio.tasks._all_tasks.discard(task)  # type: ignore[attr-defined]  # keep the loop's close bounded


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After each GUI test, passed or failed, quit the apps it left running."""
    try:
        return (yield)
    finally:
        quit_apps_left_running()


async def until(predicate: Callable[[], Any], timeout: float = 5.0, message: str = "") -> Any:
    """Wait (letting Qt and asyncio run) until ``predicate()`` is truthy; fail after ``timeout``.

    Never use qtbot.waitSignal/waitUntil in async tests: the nested Qt loop re-enters asyncio.
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
