"""A started ``GeminiService`` pointed at the fake server, for tests (retries off), and what a turn runner needs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from desktop.domain.conversation import Turn
from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig
from tests.fake_api import FakeInteractionsServer

TEST_KEY = "test-key-123456"


@asynccontextmanager
async def started_service(
    server: FakeInteractionsServer, *, timeout_s: float = 10.0, resume_delays: tuple[float, ...] = (0.05, 0.05, 0.05)
) -> AsyncIterator[GeminiService]:
    """The real service (client built and warm), closed afterwards."""
    service = GeminiService(
        ServiceConfig(
            api_key=TEST_KEY,
            base_url=server.base_url,
            timeout_s=timeout_s,
            retry=RetryPolicy(attempts=1, resume_delays=resume_delays),
        )
    )
    await service.start()
    try:
        yield service
    finally:
        await service.aclose()


class Sink:
    """A turn runner's listener that keeps the streamed text and counts the turn's changes."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.changes = 0

    def turn_changed(self, turn: Turn) -> None:
        self.changes += 1

    def text_arrived(self, turn_id: str, text: str) -> None:
        self.text.append(text)

    def thought_arrived(self, turn_id: str, text: str) -> None: ...


async def blocking(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """A runner's ``blocking``: ``fn(*args, **kwargs)`` on a worker thread."""
    return await asyncio.to_thread(fn, *args, **kwargs)
