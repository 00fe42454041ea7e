"""The cached SDK decoder gives exactly what the stock decoder gives, on every kind of event."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.services.genai import fastpath
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
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


@pytest.fixture(autouse=True)
def restore_fastpath() -> Iterator[None]:
    was = fastpath.is_installed()
    yield
    if was:
        fastpath.install()
    else:
        fastpath.uninstall()


def _decode(server: FakeInteractionsServer, events: list[dict]) -> list[tuple[str, dict]]:
    server.push(Stream(events))
    client = make_client(server)
    try:
        stream = client.interactions.create(model="m", input="x", stream=True)
        return [(type(e).__name__, e.model_dump(mode="json")) for e in stream]
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


def test_unary_interaction_decodes_identically(fake_server):
    fake_server.push(Stream(scenarios.google_search("v1_unary")))
    fake_server.push(Stream(scenarios.google_search("v1_unary")))
    client = make_client(fake_server)
    try:
        fastpath.uninstall()
        stock = client.interactions.create(model="m", input="x").model_dump(mode="json")
        fastpath.install()
        fast = client.interactions.create(model="m", input="x").model_dump(mode="json")
    finally:
        client.close()
    assert fast == stock


def test_only_verified_versions_are_patched():
    assert fastpath.is_supported("3.6.1")
    assert not fastpath.is_supported("3.7.0")
    assert not fastpath.is_supported("4.0.0")
