"""An asyncio event loop in a daemon thread, and a pipe that carries its results to another loop.

The google-genai SDK parses every SSE frame in pure Python (about 2 ms per event, seconds for a
large inline image). Running the SDK on its own loop in a worker thread keeps that CPU off the GUI
thread: the GUI loop only receives the app's small, already-decoded events.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import threading
import time
from collections.abc import Coroutine
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class LoopThread:
    """Runs coroutines on a private asyncio loop in a daemon thread."""

    def __init__(self, name: str = "sdk-loop") -> None:
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        # Guards ``_stopping`` so that a submit is either queued before the stop or refused: one
        # queued after it would be dropped when the loop closes, its future never resolved.
        self._lock = threading.Lock()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        self._ready.wait()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The worker loop (use only through :meth:`submit` from other threads)."""
        return self._loop

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.call_soon(self._ready.set)
        self._loop.run_forever()
        # Let cancelled tasks run their ``finally`` blocks (closing HTTP streams) before exit.
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        if pending:
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.close()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Schedule ``coro`` on the worker loop; cancelling the future cancels the task.

        Raises RuntimeError once :meth:`stop` was called (``coro`` is closed): the future of a
        coroutine that reached the loop after its stop would never resolve.
        """
        with self._lock:
            if not self._stopping:
                return asyncio.run_coroutine_threadsafe(coro, self._loop)
        coro.close()
        raise RuntimeError("the worker loop is stopping")

    async def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await ``coro`` on the worker loop from the caller's loop; cancellation propagates.

        Raises RuntimeError once :meth:`stop` was called.
        """
        return await asyncio.wrap_future(self.submit(coro))

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the loop, cancel what still runs and join the thread (bounded by ``timeout``).

        From then on :meth:`submit` refuses work. Every future it returned before is resolved
        (the tasks still running are cancelled), unless the thread outlives ``timeout``.
        """
        with self._lock:
            self._stopping = True
            # RuntimeError: the loop is already closed.
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        """Whether the worker thread still runs."""
        return self._thread.is_alive()


class _End:
    """Marks the end of a pipe, optionally with the error that ended it."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


class EventPipe(Generic[T]):
    """A one-way channel from a producer thread to a consumer asyncio loop.

    The producer appends without blocking; the consumer is woken at most once per batch, so a
    burst of thousands of events costs one cross-thread wake-up, not thousands.
    """

    def __init__(self, consumer_loop: asyncio.AbstractEventLoop) -> None:
        self._loop = consumer_loop
        self._items: collections.deque[T | _End] = collections.deque()
        self._lock = threading.Lock()
        self._wake_pending = False
        self._waiter: asyncio.Future[None] | None = None
        self._ended = False
        self._detached = False

    # producer side (any thread)
    def put(self, item: T) -> None:
        """Append an item and wake the consumer if it is not already due to wake."""
        self._items.append(item)
        self._schedule_wake()

    def close(self, error: BaseException | None = None) -> None:
        """End the pipe; the consumer raises ``error`` after draining, if given."""
        self._items.append(_End(error))
        self._schedule_wake()

    def _schedule_wake(self) -> None:
        with self._lock:
            # A detached consumer's loop may be closed: waking it then would touch dead Qt objects.
            if self._wake_pending or self._detached or self._loop.is_closed():
                return
            self._wake_pending = True
            # RuntimeError: the consumer loop closed, so nobody is listening any more.
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._wake)

    def detach(self) -> None:
        """The consumer is gone: later puts are dropped without waking its loop."""
        with self._lock:
            self._detached = True

    def _wake(self) -> None:
        with self._lock:
            self._wake_pending = False
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    # consumer side (the consumer loop)
    async def get_batch(self) -> list[T]:
        """Wait for items and return all that are there; [] once the pipe has ended.

        Raises the error the producer closed the pipe with, after the items before it.
        """
        if self._ended:
            return []
        while not self._items:
            self._waiter = self._loop.create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        batch: list[T] = []
        while self._items:
            item = self._items.popleft()
            if isinstance(item, _End):
                self._ended = True
                if item.error is not None and not batch:
                    raise item.error
                if item.error is not None:
                    self._items.appendleft(item)  # raise it on the next call, after this batch
                    self._ended = False
                break
            batch.append(item)
        return batch


class TimeSlicer:
    """Tells a consumer when to give its loop a turn, so a burst never starves the GUI."""

    def __init__(self, budget_s: float = 0.008) -> None:
        self._budget = budget_s
        self._since = time.perf_counter()

    def due(self) -> bool:
        """True when more than the budget has passed since the last yield."""
        return time.perf_counter() - self._since > self._budget

    async def yield_if_due(self) -> None:
        """Suspend once (``sleep(0)``) if the budget is used up."""
        if self.due():
            await asyncio.sleep(0)
            self._since = time.perf_counter()

    def reset(self) -> None:
        """Start a new budget (call after any real suspension)."""
        self._since = time.perf_counter()
