"""Fixtures of the research service tests: the real service against the fake server, a real store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop.services.genai import GeminiService
from desktop.store import ResearchRepository, open_database
from tests.fake_api import FakeInteractionsServer
from tests.service_helpers import started_service


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    async with started_service(fake_server, timeout_s=5.0, resume_delays=()) as svc:
        yield svc


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[ResearchRepository]:
    db = open_database(tmp_path / "r.sqlite3")
    yield ResearchRepository(db)
    db.close()
