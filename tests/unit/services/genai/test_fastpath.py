"""The cached SDK decoder gives exactly what the stock decoder gives, on every kind of event."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.services.genai import fastpath
from tests.fake_api import FakeInteractionsServer, Json, Stream, scenarios
from tests.fake_api.fixtures import make_client

SCENARIOS = {
    "plain": lambda: scenarios.plain_text("v1_p", ["Hello", ", world"]),
    "thoughts": lambda: scenarios.thoughts_and_text("v1_t"),
    "function": lambda: scenarios.function_call("v1_f"),
    "image": lambda: scenarios.image("v1_i", b"\x89PNG" + bytes(300)),
    "search": lambda: scenarios.google_search("v1_s"),
    "code": lambda: scenarios.code_execution("v1_c"),
    "url": lambda: scenarios.url_context("v1_u"),
    "research": lambda: scenarios.deep_research("v1_r"),
    "error": lambda: scenarios.error_midstream("v1_e"),
}


STATUS = b'{"event_type":"interaction.status_update","interaction_id":"v1_raw","status":"in_progress"}'
RAW_FRAMES = {
    1: b"data: " + STATUS + b"\r\n\r\n",
    2: b": keep-alive comment\n\n",
    3: b'data: {"event_type":"interaction.status_update",\ndata: "interaction_id":"v1_raw","status":"queued"}\n\n',
    4: b"data: " + STATUS + b"\r\r",
    5: b"id: custom-7\nevent: interaction.status_update\ndata: " + STATUS + b"\n\n",
    6: b"data: {not json at all\n\n",
    7: b"retry: 100\n\n",
    8: b"data: " + STATUS + b"\r\n",  # the boundary is completed by the next chunk
    9: b"\r\n",
    10: b"data:" + STATUS + b"\n\r\n\n\n",
}


@pytest.fixture(autouse=True)
def restore_fastpath() -> Iterator[None]:
    was = fastpath.is_installed()
    yield
    if was:
        fastpath.install()
    else:
        fastpath.uninstall()


def _decode(server: FakeInteractionsServer, events: list[dict], **stream: object) -> list[tuple[str, object]]:
    server.push(Stream(events, **stream))  # type: ignore[arg-type]
    client = make_client(server)
    try:
        stream = client.interactions.create(model="m", input="x", stream=True)
        return [(type(e).__name__, e if isinstance(e, str) else e.model_dump(mode="json")) for e in stream]
    finally:
        client.close()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_cached_decoder_is_equivalent_to_the_stock_one(fake_server, name):
    events = SCENARIOS[name]()
    fastpath.uninstall()
    stock = _decode(fake_server, events)
    assert fastpath.install() is True
    fast = _decode(fake_server, events)
    assert fast == stock
    assert not any(cls.startswith("Unknown") for cls, _ in fast)


@pytest.mark.parametrize("event_lines", [True, False])
def test_fast_sse_framing_is_equivalent_on_odd_frames(fake_server, event_lines):
    events = scenarios.plain_text("v1_raw", ["a", "b", "c"])
    fastpath.uninstall()
    stock = _decode(fake_server, events, raw_frames=RAW_FRAMES, sse_event_lines=event_lines)
    fastpath.install()
    fast = _decode(fake_server, events, raw_frames=RAW_FRAMES, sse_event_lines=event_lines)
    assert fast == stock
    assert len(stock) > len(events)  # the raw frames were really parsed
    assert ("str", "{not json at all") in stock  # a malformed frame comes through as a raw string


def test_large_image_frame_is_equivalent(fake_server):
    events = scenarios.image("v1_big", bytes(range(256)) * 8192, text=None)  # 2 MiB
    fastpath.uninstall()
    stock = _decode(fake_server, events)
    fastpath.install()
    assert _decode(fake_server, events) == stock


def test_unary_interaction_decodes_identically(fake_server):
    # The same bytes twice (a stored interaction's JSON has time stamps, so build it once).
    fake_server.push(Stream(scenarios.google_search("v1_unary")))
    client = make_client(fake_server)
    try:
        client.interactions.create(model="m", input="x")
        body = fake_server.stored("v1_unary")
        assert body and body["steps"]
        fake_server.push(Json(body), Json(body))
        fastpath.uninstall()
        stock = client.interactions.create(model="m", input="x").model_dump(mode="json")
        fastpath.install()
        fast = client.interactions.create(model="m", input="x").model_dump(mode="json")
    finally:
        client.close()
    assert fast == stock
    assert stock["output_text"]


def test_only_verified_versions_are_patched():
    assert fastpath.is_supported("3.6.1")
    assert not fastpath.is_supported("3.7.0")
    assert not fastpath.is_supported("4.0.0")
