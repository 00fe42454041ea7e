"""Runs blocking work (SQLite, files, hashing) off the GUI thread on plain Python threads.

Not the loop's default executor: under qasync that is a pool of QThreads, which must not outlive
their loop; these threads belong to no loop and work the same under any.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_IO = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="io")


async def run_blocking(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn(*args, **kwargs)`` on an I/O thread and await its result."""
    return await asyncio.wrap_future(_IO.submit(functools.partial(fn, *args, **kwargs)))
