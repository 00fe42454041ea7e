"""Pytest fixtures and helpers for tests that talk to the fake server through the real SDK.

Import the fixtures into a test module (or a conftest) to use them::

    from tests.fake_api.fixtures import fake_server, genai_client  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from google import genai
from google.genai import types
from pydantic import BaseModel

from .server import FakeInteractionsServer


def make_client(
    server: FakeInteractionsServer,
    *,
    timeout_ms: int | None = 10_000,
    base_url: str | None = None,
    api_version: str | None = None,
    api_key: str = "test-key",
    **options: Any,
) -> genai.Client:
    """A real ``genai.Client`` pointed at ``server`` with retries off (spec §4.2)."""
    http_options = types.HttpOptions(
        base_url=base_url or server.base_url,
        timeout=timeout_ms,
        api_version=api_version,
        retry_options=types.HttpRetryOptions(attempts=1),
        **options,
    )
    return genai.Client(api_key=api_key, http_options=http_options)


@pytest.fixture
def fake_server() -> Iterator[FakeInteractionsServer]:
    """A started fake server, stopped after the test."""
    with FakeInteractionsServer() as server:
        yield server


@pytest.fixture
def genai_client(fake_server: FakeInteractionsServer) -> Iterator[genai.Client]:
    """A sync/async-capable SDK client talking to ``fake_server``."""
    client = make_client(fake_server)
    try:
        yield client
    finally:
        client.close()


def unknown_or_missing(obj: Any, path: str = "root") -> list[str]:
    """Places where the SDK fell back to ``Unknown*`` classes or left a required field None.

    The SDK parses leniently (spec §2.4), so a fake-server bug shows up only this way.
    """
    problems: list[str] = []
    if isinstance(obj, BaseModel):
        name = type(obj).__name__
        if name.startswith("Unknown") or getattr(obj, "is_unknown", False) is True:
            problems.append(f"{path}: {name}")
        for field_name, info in type(obj).model_fields.items():
            # __dict__ avoids the DeprecationWarning that attribute access raises for deprecated fields.
            value = obj.__dict__.get(field_name)
            if info.is_required() and value is None:
                problems.append(f"{path}.{field_name}: required but None")
            problems.extend(unknown_or_missing(value, f"{path}.{field_name}"))
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            problems.extend(unknown_or_missing(item, f"{path}[{i}]"))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            problems.extend(unknown_or_missing(item, f"{path}[{key!r}]"))
    return problems
