"""Rendered HTML of finished messages, cached, and rendered ahead of need in a helper process.

Rendering a long answer with code takes tens of milliseconds of pure Python; doing it when a turn
scrolls into view stalls the GUI. ``BackgroundRenderer`` renders the messages of an opened
conversation ahead of need into an ``HtmlCache`` that the transcript reads synchronously.

It renders in a separate process, not a thread: a Python thread busy rendering holds the GIL,
and the GUI thread must win it back for every Python callback Qt makes (event filters, slots),
so scrolling stalled for 150+ ms while the "background" thread rendered (measured).
"""

from __future__ import annotations

import atexit
import concurrent.futures
import logging
import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from desktop.render.markdown import render_markdown
from desktop.render.theme import LIGHT, RenderTheme

log = logging.getLogger(__name__)


def cache_key(message_id: str, text: str) -> tuple[str, int, int]:
    """A key that changes whenever the text does."""
    return (message_id, len(text), hash(text))


class HtmlCache:
    """A thread-safe LRU of rendered HTML, bounded by the total characters it holds."""

    def __init__(self, max_chars: int = 40_000_000) -> None:
        self._items: OrderedDict[Hashable, str] = OrderedDict()
        self._chars = 0
        self._max = max_chars
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        """The HTML for ``key``, or None."""
        with self._lock:
            html = self._items.get(key)
            if html is not None:
                self._items.move_to_end(key)
            return html

    def put(self, key: Hashable, html: str) -> None:
        """Remember ``html``; the least recently used entries go when the cache is full."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._chars -= len(old)
            self._items[key] = html
            self._chars += len(html)
            while self._chars > self._max and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._chars -= len(dropped)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


_pool_lock = threading.Lock()
_pool: concurrent.futures.ProcessPoolExecutor | None = None


def _render_pool() -> concurrent.futures.ProcessPoolExecutor:
    """One renderer process for the whole app, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # "spawn": never fork a process that runs Qt and several threads.
            _pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
            atexit.register(_stop_pool)
        return _pool


def _stop_pool() -> None:
    """At exit: end the renderer process before the interpreter tears its modules down."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _in_process(render: Callable[..., str]) -> Callable[..., str]:
    """``render`` run in the renderer process (the calling thread waits without the GIL)."""

    def call(*args: Any, **kwargs: Any) -> str:
        return _render_pool().submit(render, *args, **kwargs).result()

    return call


class BackgroundRenderer:
    """Renders Markdown into an ``HtmlCache`` off the GUI thread.

    The default renders ``render_markdown`` with ``theme`` in the shared renderer process; a custom
    ``render`` (tests) runs on the worker thread. ``prerender`` replaces any earlier batch (opening
    another conversation, or another colour scheme, makes the old one irrelevant); ``done``
    callbacks run on the worker thread, so a Qt caller must marshal them. Keys must name the theme
    (the cache holds HTML of both schemes).
    """

    def __init__(self, cache: HtmlCache, render: Callable[[str], str] | None = None) -> None:
        self.cache = cache
        self._custom_render = render
        self._default_render = _in_process(render_markdown)
        # The theme of the HTML rendered from now on (read when a batch or request is queued).
        self.theme: RenderTheme = LIGHT
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
        self._generation = 0
        self._lock = threading.Lock()

    def prerender(
        self,
        items: Iterable[tuple[Hashable, str]],
        done: Callable[[Hashable, str], None] | None = None,
    ) -> None:
        """Render ``items`` (key, text) in order, skipping cached ones; a new call cancels the rest."""
        with self._lock:
            self._generation += 1
            generation = self._generation
        batch = list(items)
        theme = self.theme

        def work() -> None:
            for key, text in batch:
                if self._generation != generation:
                    return
                if self.cache.get(key) is not None:
                    continue
                try:
                    html = self._render(text, theme)
                except Exception:  # one bad message must not stop the rest
                    log.exception("rendering a message failed")
                    continue
                self.cache.put(key, html)
                if done is not None:
                    done(key, html)

        self._executor.submit(work)

    def request(self, key: Hashable, text: str, done: Callable[[Hashable, str], None]) -> None:
        """Render one message soon (ahead of a batch in progress is not guaranteed)."""
        theme = self.theme

        def work() -> None:
            html = self.cache.get(key)
            if html is None:
                html = self._render(text, theme)
                self.cache.put(key, html)
            done(key, html)

        self._executor.submit(work)

    def _render(self, text: str, theme: RenderTheme) -> str:
        if self._custom_render is not None:
            return self._custom_render(text)
        return self._default_render(text, theme=theme)

    def shutdown(self) -> None:
        """Stop rendering (pending work is dropped)."""
        with self._lock:
            self._generation += 1
        self._executor.shutdown(wait=False, cancel_futures=True)
