"""The HTML cache and the background renderer."""

from __future__ import annotations

import threading
import time

from desktop.render import render_markdown
from desktop.render.cache import BackgroundRenderer, HtmlCache, cache_key


def test_cache_key_changes_with_the_text():
    assert cache_key("t1", "abc") == cache_key("t1", "abc")
    assert cache_key("t1", "abc") != cache_key("t1", "abcd")
    assert cache_key("t1", "abc") != cache_key("t2", "abc")


def test_lru_is_bounded_by_characters():
    cache = HtmlCache(max_chars=10)
    cache.put("a", "12345")
    cache.put("b", "12345")
    assert cache.get("a") == "12345"  # a is now the most recent
    cache.put("c", "123")
    assert cache.get("b") is None and cache.get("a") == "12345" and cache.get("c") == "123"


def test_prerender_fills_the_cache_in_the_renderer_process():
    cache = HtmlCache()
    renderer = BackgroundRenderer(cache)
    threads: set[str] = set()
    done = threading.Event()
    items = [(cache_key(f"t{i}", f"# Title {i}\n\n`code`"), f"# Title {i}\n\n`code`") for i in range(20)]

    def on_done(key, html):
        threads.add(threading.current_thread().name)
        if key == items[-1][0]:
            done.set()

    renderer.prerender(items, on_done)
    assert done.wait(10)
    assert all(cache.get(k) == render_markdown(t) for k, t in items)
    assert threading.current_thread().name not in threads
    renderer.shutdown()


def test_a_new_batch_cancels_the_old_one():
    cache = HtmlCache()
    started = threading.Event()
    release = threading.Event()

    def slow_render(text: str) -> str:
        started.set()
        release.wait(5)
        return text.upper()

    renderer = BackgroundRenderer(cache, render=slow_render)
    renderer.prerender([(i, f"old {i}") for i in range(50)])
    assert started.wait(5)
    renderer.prerender([("new", "new text")])
    release.set()
    deadline = time.monotonic() + 5
    while cache.get("new") is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("new") == "NEW TEXT"
    assert len(cache) <= 3  # the old batch stopped after the item in progress
    renderer.shutdown()


def test_the_default_renderer_runs_in_another_process():
    import os

    from desktop.render.cache import _in_process

    assert _in_process(_pid)("x") != str(os.getpid())


def _pid(_text: str) -> str:
    import os

    return str(os.getpid())
