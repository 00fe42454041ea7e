"""The one place where coroutines are started from Qt: strong references, one error path, cancel on quit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.errors import AppError

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    """Spawns coroutines on the running (qasync) loop and keeps them alive until they end.

    asyncio keeps only weak references to tasks, and ``qasync.asyncSlot`` hands its task to Qt,
    which drops it; so every task goes through here.

    Signals:
        failed: An uncaught error of a task: payload is the ``AppError`` (or any exception, wrapped).
    """

    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task[Any]:
        """Start ``coro`` as a task; its failure is emitted on ``failed``.

        After :meth:`close` the task is cancelled before it starts (``coro`` never runs).
        """
        task = asyncio.get_event_loop().create_task(coro, name=name)
        if self._closed:
            # The app is quitting: a task started by another's clean-up (the conversation list's
            # refresh after a cancelled turn, say) would run against a closed database.
            task.cancel()
            return task
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if not isinstance(exc, AppError):
            log.error("task %s failed", task.get_name(), exc_info=exc)
            exc = AppError("Unexpected error: " + type(exc).__name__, detail=str(exc))
        self.failed.emit(exc)

    @property
    def running(self) -> int:
        """How many tasks are still running."""
        return len(self._tasks)

    async def close(self, timeout: float = 1.0) -> None:
        """At quit: cancel every task, wait (bounded) for them to finish, and start no task any more."""
        self._closed = True
        await self.cancel_all(timeout)

    async def cancel_all(self, timeout: float = 1.0) -> None:
        """Cancel every task and wait (bounded) for them to finish."""
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)
