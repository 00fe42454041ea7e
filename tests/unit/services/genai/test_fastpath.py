"""The cached SDK decoder gives exactly what the stock decoder gives, on every kind of event."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator

import pytest
from google.genai import version
from google.genai._gaos import utils as sdk_utils
from google.genai._gaos.utils import eventstreaming as es
from google.genai._gaos.utils import serializers as ser

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
    for other in ("3.6.0", "3.6.10", "3.6.1rc1", "3.6", "3.7.0", "4.0.0", ""):
        assert not fastpath.is_supported(other), other


def test_the_installed_sdk_is_a_verified_version():
    # Upgrading google-genai makes this fail: run the equivalence tests above on the new version,
    # then add it to VERIFIED_VERSIONS (until then the app runs the slower stock path).
    assert fastpath.sdk_version() in fastpath.VERIFIED_VERSIONS


def _sdk_functions() -> dict[str, object]:
    return {
        "ser.unmarshal": ser.unmarshal,
        "utils.unmarshal": sdk_utils.unmarshal,
        "es.stream_events_async": es.stream_events_async,
        "es._parse_event": es._parse_event,
    }


@pytest.mark.parametrize("reported", ["3.6.2", "3.6.10", "3.7.0", "4.0.0"])
def test_install_declines_another_version_and_leaves_the_sdk_alone(monkeypatch, caplog, reported):
    fastpath.uninstall()
    stock = _sdk_functions()
    monkeypatch.setattr(version, "__version__", reported)
    with caplog.at_level(logging.INFO, logger=fastpath.__name__):
        assert fastpath.install() is False
    assert not fastpath.is_installed()
    assert _sdk_functions() == stock  # the very same function objects: nothing was patched
    assert any(reported in r.getMessage() and "stock path" in r.getMessage() for r in caplog.records)


def test_install_applies_to_the_verified_version(caplog):
    fastpath.uninstall()
    stock = _sdk_functions()
    assert fastpath.install() is True
    patched = _sdk_functions()
    assert all(patched[name] is not stock[name] for name in stock)
    fastpath.uninstall()
    assert _sdk_functions() == stock


def test_the_replaced_functions_have_the_verified_signatures():
    fastpath.uninstall()
    functions = {
        "serializers.unmarshal": ser.unmarshal,
        "serializers._coerce_iterables_for_type": ser._coerce_iterables_for_type,
        "eventstreaming.stream_events_async": es.stream_events_async,
        "eventstreaming._parse_event": es._parse_event,
    }
    assert fastpath.signature_mismatches(functions) == []


def _unmarshal_with_a_new_parameter(val, typ, coerce_iterables=True, allow_unknown_union_variants=False, strict=False):
    raise AssertionError("never called")


def _parse_event_made_positional(raw, decoder, sentinel=None, event_id=None, data_required=True):
    raise AssertionError("never called")


async def _stream_events_with_another_default(response, decoder, sentinel=None, data_required=False):
    raise AssertionError("never called")
    yield


@pytest.mark.parametrize(
    ("module", "name", "replacement"),
    [
        ("serializers", "unmarshal", _unmarshal_with_a_new_parameter),
        ("eventstreaming", "_parse_event", _parse_event_made_positional),
        ("eventstreaming", "stream_events_async", _stream_events_with_another_default),
    ],
)
def test_a_changed_signature_keeps_the_whole_stock_path(monkeypatch, caplog, module, name, replacement):
    fastpath.uninstall()
    target = importlib.import_module(f"google.genai._gaos.utils.{module}")
    monkeypatch.setattr(target, name, replacement)
    if name == "unmarshal":
        monkeypatch.setattr(sdk_utils, "unmarshal", replacement)
    stock = _sdk_functions()
    with caplog.at_level(logging.WARNING, logger=fastpath.__name__):
        assert fastpath.install() is False
    assert not fastpath.is_installed()
    assert _sdk_functions() == stock
    assert any(f"{module}.{name}" in r.getMessage() and "stock path" in r.getMessage() for r in caplog.records)


def test_a_stock_service_still_streams_on_an_unverified_version(fake_server, monkeypatch):
    fastpath.uninstall()
    monkeypatch.setattr(version, "__version__", "3.7.0")
    assert not fastpath.install()
    events = SCENARIOS["plain"]()
    decoded = _decode(fake_server, events)
    assert not fastpath.is_installed()
    assert decoded[0][0] == "InteractionCreatedEvent"
