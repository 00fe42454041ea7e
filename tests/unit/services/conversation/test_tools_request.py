"""The request side of tools, structured output and generation settings, proved on the wire.

Real ``TurnRunner`` → real ``GeminiService`` → real SDK → fake server; assertions are on the JSON
bodies the fake recorded.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator
from typing import Any

import pytest

from desktop import errors as app
from desktop.domain.api import TurnRequest
from desktop.domain.conversation import ConversationSettings, TextPart, Turn, TurnStatus
from desktop.services.conversation.chat_turn import TurnRunner
from desktop.services.conversation.structured import InvalidSchemaError
from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig
from tests.fake_api import FakeInteractionsServer, Json
from tests.service_helpers import Sink, blocking

SCHEMA = {"type": "object", "properties": {"colors": {"type": "array", "items": {"type": "string"}}}}


class _Repo:
    def add_turn(self, turn: Turn) -> None: ...
    def update_turn(self, turn: Turn) -> None: ...
    def append_stream_progress(self, *args: Any) -> None: ...


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    svc = GeminiService(
        ServiceConfig(api_key="test-key-123456", base_url=fake_server.base_url, timeout_s=5.0, retry=RetryPolicy(1))
    )
    await svc.start()
    yield svc
    await svc.aclose()


async def send(service: GeminiService, settings: ConversationSettings, history: list[Turn] | None = None) -> Turn:
    runner = TurnRunner(_Repo(), lambda: service, blocking)
    parent = history[-1].id if history else None
    turn = Turn.new("c", parent, [TextPart("hi")])
    return await runner.run(turn, settings, history or [], Sink())


def everything_on() -> ConversationSettings:
    return ConversationSettings(
        tools=["google_search", "url_context", "code_execution", "google_maps", "file_search"],
        file_search_stores=["fileSearchStores/manuals-1"],
        tool_choice="any",
        max_output_tokens=256,
        thinking_level="xhigh",
        structured_output=True,
        response_schema=SCHEMA,
    )


async def test_tools_choice_format_and_limits_are_on_the_wire_every_turn(service, fake_server):
    settings = everything_on()
    first = await send(service, settings)
    second = await send(service, settings, [first])
    assert first.status is TurnStatus.COMPLETED and second.status is TurnStatus.COMPLETED
    bodies = [r.json for r in fake_server.interaction_requests()]
    assert len(bodies) == 2
    for body in bodies:  # tools are interaction-scoped: re-sent with every turn
        assert body["tools"] == [
            {"type": "google_search"},
            {"type": "url_context"},
            {"type": "code_execution"},
            {"type": "google_maps"},
            {"type": "file_search", "file_search_store_names": ["fileSearchStores/manuals-1"]},
        ]
        assert body["generation_config"] == {
            "thinking_summaries": "auto",
            "thinking_level": "xhigh",
            "max_output_tokens": 256,
            "tool_choice": "any",
        }
        assert "tool_choice" not in body
        assert body["response_format"] == {"type": "text", "mime_type": "application/json", "schema": SCHEMA}
    assert bodies[1]["previous_interaction_id"] == first.interaction_id


async def test_nothing_tool_related_is_sent_by_default_and_temperature_only_when_set(service, fake_server):
    await send(service, ConversationSettings())
    body = fake_server.interaction_requests()[0].json
    assert "tools" not in body and "response_format" not in body
    assert body["generation_config"] == {"thinking_summaries": "auto"}

    await send(service, ConversationSettings(temperature=0.4))
    assert fake_server.interaction_requests()[1].json["generation_config"]["temperature"] == 0.4


async def test_no_sdk_deprecation_warning_escapes_when_deprecated_fields_come_back(fake_server):
    # The server echoes request fields; the SDK warns on validating deprecated ones (image_config...).
    echoed = {"temperature": 0.4, "image_config": {"aspect_ratio": "1:1"}}
    fake_server.push(Json({"id": "v1_echo", "status": "completed", "generation_config": echoed, "steps": []}))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svc = GeminiService(
            ServiceConfig(api_key="test-key-123456", base_url=fake_server.base_url, timeout_s=5.0, retry=RetryPolicy(1))
        )
        try:
            await svc.start()
            snapshot = await svc.create(TurnRequest(input="hi", model="m", generation_config={"temperature": 0.4}))
        finally:
            await svc.aclose()
    assert snapshot.id == "v1_echo"
    assert not [w for w in caught if issubclass(w.category, DeprecationWarning)]


async def test_json_mode_and_image_options_travel_together(service, fake_server):
    settings = ConversationSettings(structured_output=True, response_schema=SCHEMA, image_aspect_ratio="1:1")
    await send(service, settings)
    assert fake_server.interaction_requests()[0].json["response_format"] == [
        {"type": "text", "mime_type": "application/json", "schema": SCHEMA},
        {"type": "image", "aspect_ratio": "1:1"},
    ]


@pytest.mark.parametrize(
    ("chosen", "sent"),
    [
        ("gemini-1.5-pro", "gemini-3.1-pro-preview"),
        ("gemini-2.0-flash", "gemini-3-flash-preview"),
        ("models/gemini-2.0-pro-exp", "gemini-3.1-pro-preview"),
        ("gemini-1.5-flash-8b", "gemini-3-flash-preview"),
        ("gemini-2.5-flash", "gemini-2.5-flash"),
    ],
)
async def test_a_retired_model_is_never_sent(service, fake_server, chosen, sent):
    turn = await send(service, ConversationSettings(model=chosen))
    assert fake_server.interaction_requests()[0].json["model"] == sent
    assert turn.model == sent


async def test_an_invalid_schema_sends_nothing_and_says_where(service, fake_server):
    bad = {"type": "object", "properties": {"label": {"type": "string", "enum": "yes"}}}
    with pytest.raises(InvalidSchemaError) as caught:
        await send(service, ConversationSettings(structured_output=True, response_schema=bad))
    assert "properties → label → enum" in caught.value.message
    assert fake_server.interaction_requests() == []


async def test_file_search_without_stores_sends_nothing(service, fake_server):
    with pytest.raises(app.InvalidRequestError) as caught:
        await send(service, ConversationSettings(tools=["file_search"]))
    assert "no File Search store" in caught.value.message
    assert fake_server.interaction_requests() == []


async def test_the_knowledge_api_manages_stores_and_uploads_with_progress(service, fake_server):
    fake_server.file_search.processing_polls = 1
    store = await service.knowledge.create_store("Manuals")
    assert store.display_name == "Manuals" and store.documents == 0
    seen: list[tuple[int, int]] = []
    processing: list[bool] = []
    result = await service.knowledge.upload(
        store.name,
        b"x" * 1000,
        mime_type="text/plain",
        display_name="notes.txt",
        progress=lambda sent, total: seen.append((sent, total)),
        processing=lambda: processing.append(True),
        poll_s=0.01,
    )
    await asyncio.sleep(0.05)  # the callbacks are scheduled on this loop
    assert result.state == "active" and result.document_name
    assert seen[-1] == (1000, 1000) and processing == [True]
    docs = await service.knowledge.list_documents(store.name)
    assert [(d.display_name, d.state, d.size_bytes) for d in docs] == [("notes.txt", "active", 1000)]
    assert [s.active_documents for s in await service.knowledge.list_stores()] == [1]
    await service.knowledge.delete_document(docs[0].name)
    assert await service.knowledge.list_documents(store.name) == []
    await service.knowledge.delete_store(store.name)
    assert await service.knowledge.list_stores() == []
    with pytest.raises(app.NotFoundError):
        await service.knowledge.list_documents(store.name)
