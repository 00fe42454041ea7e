"""A started ``GeminiService`` pointed at the fake server, for tests (retries off)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
