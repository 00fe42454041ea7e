"""The fake Interactions server, driven by the real google-genai SDK: scenarios, stored interactions."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Callable
from typing import Any

import pytest
from google.genai import _interactions as api_errors
from google.genai import interactions as gi

from tests.fake_api import FakeInteractionsServer, Json, Stream, fixtures, scenarios
from tests.fake_api.fixtures import make_client, unknown_or_missing

# Fixtures shared through assignment (an import would look unused to linters).
fake_server = fixtures.fake_server
genai_client = fixtures.genai_client

MODEL = "gemini-3-flash-preview"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))


def stream_events(client: Any, **kwargs: Any) -> list[Any]:
    """Everything a streamed create yields."""
    if "agent" not in kwargs:
        kwargs.setdefault("model", MODEL)
    kwargs.setdefault("input", "hi")
    return list(client.interactions.create(stream=True, **kwargs))


def shape(events: list[Any]) -> list[str]:
    """Event class names, with the delta class for step.delta."""
    return [f"StepDelta/{type(e.delta).__name__}" if isinstance(e, gi.StepDelta) else type(e).__name__ for e in events]


SCENARIOS: dict[str, tuple[Callable[[], list[dict[str, Any]]], list[str]]] = {
    "plain_text": (
        lambda: scenarios.plain_text("v1_a", ["Hello", ", world"]),
        [
            "InteractionCreatedEvent",
            "InteractionStatusUpdate",
            "StepStart",
            "StepDelta/TextDelta",
            "StepDelta/TextDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "thoughts_and_text": (
        lambda: scenarios.thoughts_and_text("v1_b"),
        [
            "InteractionCreatedEvent",
            "StepStart",
            "StepDelta/ThoughtSummaryDelta",
            "StepDelta/ThoughtSignatureDelta",
            "StepStop",
            "StepStart",
            "StepDelta/TextDelta",
            "StepDelta/TextDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "function_call": (
        lambda: scenarios.function_call("v1_c"),
        [
            "InteractionCreatedEvent",
            "StepStart",
            "StepDelta/ThoughtSignatureDelta",
            "StepStop",
            "StepStart",
            "StepDelta/ArgumentsDelta",
            "StepDelta/ArgumentsDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "image": (
        lambda: scenarios.image("v1_e", PNG),
        [
            "InteractionCreatedEvent",
            "StepStart",
            "StepDelta/TextDelta",
            "StepDelta/ImageDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "google_search": (
        lambda: scenarios.google_search("v1_f"),
        [
            "InteractionCreatedEvent",
            "StepStart",
            "StepStop",
            "StepStart",
            "StepDelta/GoogleSearchResultDelta",
            "StepStop",
            "StepStart",
            "StepDelta/TextDelta",
            "StepDelta/TextAnnotationDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "code_execution": (
        lambda: scenarios.code_execution("v1_g"),
        [
            "InteractionCreatedEvent",
            "StepStart",
            "StepStop",
            "StepStart",
            "StepDelta/CodeExecutionResultDelta",
            "StepStop",
            "StepStart",
            "StepDelta/TextDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "url_context": (
        lambda: scenarios.url_context("v1_h"),
        [
            "InteractionCreatedEvent",
            "StepStart",
            "StepStop",
            "StepStart",
            "StepDelta/URLContextResultDelta",
            "StepStop",
            "StepStart",
            "StepDelta/TextDelta",
            "StepDelta/TextAnnotationDelta",
            "StepStop",
            "InteractionCompletedEvent",
        ],
    ),
    "error_midstream": (
        lambda: scenarios.error_midstream("v1_i"),
        ["InteractionCreatedEvent", "StepStart", "StepDelta/TextDelta", "StepDelta/TextDelta", "ErrorEvent"],
    ),
    "incomplete": (
        lambda: scenarios.incomplete("v1_j"),
        ["InteractionCreatedEvent", "StepStart", "StepDelta/TextDelta", "StepDelta/TextDelta"],
    ),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_parses_into_sdk_classes(name: str, fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    build, expected = SCENARIOS[name]
    events = build()
    fake_server.push(Stream(events))
    received = stream_events(genai_client)
    assert shape(received) == expected
    assert unknown_or_missing(received) == []
    interaction_id = events[0]["interaction"]["id"]
    assert [e.event_id for e in received] == [f"{interaction_id}:{n}" for n in range(1, len(events) + 1)]


def test_deep_research_and_many_deltas_parse(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.deep_research("v1_dr")), Stream(scenarios.many_deltas("v1_m", 50)))
    research = stream_events(genai_client, agent="deep-research-preview-04-2026")
    assert unknown_or_missing(research) == []
    kinds = {type(e.step).__name__ for e in research if isinstance(e, gi.StepStart)}
    assert kinds == {
        "ThoughtStep",
        "GoogleSearchCallStep",
        "GoogleSearchResultStep",
        "URLContextCallStep",
        "URLContextResultStep",
        "ModelOutputStep",
    }
    report = "".join(
        e.delta.text for e in research if isinstance(e, gi.StepDelta) and isinstance(e.delta, gi.TextDelta)
    )
    assert report.startswith("# Report")
    many = stream_events(genai_client)
    assert sum(isinstance(e, gi.StepDelta) for e in many) == 50
    assert unknown_or_missing(many) == []


def test_text_deltas_and_completion_values(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a", ["Hello", ", world"])))
    received = stream_events(genai_client)
    assert "".join(e.delta.text for e in received if isinstance(e, gi.StepDelta)) == "Hello, world"
    done = received[-1]
    assert isinstance(done, gi.InteractionCompletedEvent)
    assert done.interaction.status == "completed"
    assert done.interaction.usage.total_tokens == 7


def test_image_delta_carries_base64_png(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.image("v1_e", PNG)))
    deltas = [e.delta for e in stream_events(genai_client) if isinstance(e, gi.StepDelta)]
    image = next(d for d in deltas if isinstance(d, gi.ImageDelta))
    assert base64.b64decode(image.data) == PNG
    assert image.mime_type == "image/png"


def test_unary_create_assembles_steps_from_events(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(
        Stream(scenarios.function_call("v1_c", status="completed")),
        Stream(scenarios.google_search("v1_f")),
        Stream(scenarios.image("v1_e", PNG)),
        Stream(scenarios.thoughts_and_text("v1_b", thoughts=["A", "B"])),
    )
    call = genai_client.interactions.create(model=MODEL, input="weather?")
    assert call.id == "v1_c" and call.status == "completed"
    assert [type(s).__name__ for s in call.steps] == ["ThoughtStep", "FunctionCallStep"]
    assert call.steps[1].arguments == {"city": "Paris"} and call.steps[1].id == "call_1"
    assert call.steps[0].signature == "EpoGCpcG"
    search = genai_client.interactions.create(model=MODEL, input="who won?")
    assert search.output_text == "Spain won Euro 2024."
    text_block = search.steps[-1].content[0]
    assert text_block.annotations[0].url == "https://uefa.com/euro2024"
    assert search.steps[1].result[0].search_suggestions.startswith("<div")
    picture = genai_client.interactions.create(model=MODEL, input="a cat")
    assert base64.b64decode(picture.output_image.data) == PNG
    thought = genai_client.interactions.create(model=MODEL, input="think")
    assert thought.steps[0].summary[0].text == "AB"
    assert thought.output_text == "The answer is 42."
    for result in (call, search, picture, thought):
        assert unknown_or_missing(result) == []


def test_get_returns_stored_timeline_with_input(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a", ["Hi ", "there"])))
    stream_events(genai_client, input="hello")
    got = genai_client.interactions.get("v1_a")
    assert got.status == "completed" and got.model == MODEL
    assert [type(s).__name__ for s in got.steps] == ["UserInputStep", "ModelOutputStep"]
    assert got.steps[0].content[0].text == "hello"
    assert got.output_text == "Hi there"
    assert got.model_extra["object"] == "interaction"
    assert got.created and got.updated and got.usage.total_tokens
    assert unknown_or_missing(got) == []


def test_get_stream_replays_exactly_after_last_event_id(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    events = scenarios.plain_text("v1_a", ["a", "b", "c"])
    fake_server.push(Stream(events))
    original = [e.event_id for e in stream_events(genai_client)]
    everything = list(genai_client.interactions.get("v1_a", stream=True))
    assert [e.event_id for e in everything] == original
    rest = list(genai_client.interactions.get("v1_a", stream=True, last_event_id="v1_a:3"))
    assert [e.event_id for e in rest] == original[3:]
    assert shape(rest) == shape(everything)[3:]
    query = fake_server.requests_for("interactions.get")[-1].query
    assert query == {"last_event_id": "v1_a:3", "stream": "true"}


def test_resume_overlap_replays_the_last_event_and_some_before_it(
    fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_ov", ["a", "b", "c", "d"])))
    original = [e.event_id for e in stream_events(genai_client)]
    fake_server.resume_overlap = 2
    rest = [e.event_id for e in genai_client.interactions.get("v1_ov", stream=True, last_event_id="v1_ov:5")]
    assert rest == original[3:]  # v1_ov:4 and v1_ov:5 again, then the rest
    fake_server.resume_overlap = 100  # never before the first event
    assert [
        e.event_id for e in genai_client.interactions.get("v1_ov", stream=True, last_event_id="v1_ov:2")
    ] == original
    # Without last_event_id the whole log is replayed either way.
    assert [e.event_id for e in genai_client.interactions.get("v1_ov", stream=True)] == original


def test_cancel_and_delete(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a")))
    stream_events(genai_client)
    cancelled = genai_client.interactions.cancel("v1_a")
    assert cancelled.status == "cancelled" and cancelled.id == "v1_a"
    assert genai_client.interactions.delete("v1_a") is None
    with pytest.raises(api_errors.NotFoundError) as caught:
        genai_client.interactions.get("v1_a")
    assert caught.value.body["error"] == {"code": "not_found", "message": "Interaction v1_a not found."}
    with pytest.raises(api_errors.NotFoundError):
        genai_client.interactions.delete("v1_a")
    assert [r.route for r in fake_server.requests[1:]] == [
        "interactions.cancel",
        "interactions.delete",
        "interactions.get",
        "interactions.delete",
    ]


def test_requests_are_recorded_with_body_and_headers(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    stream_events(genai_client, input="ping", system_instruction="Be terse.")
    (create,) = fake_server.interaction_requests()
    assert create.method == "POST" and create.path == "/v1/interactions"
    assert create.json == {"model": MODEL, "input": "ping", "system_instruction": "Be terse.", "stream": True}
    assert json.loads(create.body) == create.json
    assert create.headers["x-goog-api-key"] == "test-key"
    assert create.headers["accept"] == "text/event-stream"


def test_default_reply_echoes_model_and_queue_is_fifo(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(
        Stream(scenarios.plain_text("v1_1", ["one"])), Json({"id": "v1_2", "status": "completed", "steps": []})
    )
    first = stream_events(genai_client)
    assert first[0].interaction.id == "v1_1"
    second = genai_client.interactions.create(model=MODEL, input="x")
    assert second.id == "v1_2" and fake_server.pending_replies == 0
    echoed = genai_client.interactions.create(model="gemini-2.5-flash", input="x")
    assert echoed.status == "completed" and "gemini-2.5-flash" in echoed.output_text
    streamed = stream_events(genai_client, model="gemini-3.1-pro-preview")
    text = "".join(e.delta.text for e in streamed if isinstance(e, gi.StepDelta))
    assert "gemini-3.1-pro-preview" in text
    assert fake_server.stored("v1_2")["status"] == "completed"


def test_base_url_prefix_and_other_api_version(fake_server: FakeInteractionsServer) -> None:
    client = make_client(fake_server, base_url=fake_server.base_url + "/proxy/", api_version="v1beta")
    try:
        fake_server.push(Stream(scenarios.plain_text("v1_p")))
        assert client.interactions.create(model=MODEL, input="x").output_text == "Hello, world"
        assert client.interactions.get("v1_p").status == "completed"
    finally:
        client.close()
    assert [r.path for r in fake_server.requests] == ["/proxy/v1beta/interactions", "/proxy/v1beta/interactions/v1_p"]


def test_wire_framing_is_one_chunk_per_frame_with_event_lines(fake_server: FakeInteractionsServer) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_w", ["x"])))
    body = json.dumps({"model": MODEL, "input": "x", "stream": True}).encode()
    with socket.create_connection(("127.0.0.1", fake_server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, rest = raw.partition(b"\r\n\r\n")
    assert b"200" in head.split(b"\r\n")[0]
    assert b"transfer-encoding: chunked" in head.lower() and b"text/event-stream" in head
    chunks = []
    while True:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        chunks.append(rest[:size])
        rest = rest[size + 2 :]
    assert chunks[-1] == b"data: [DONE]\n\n"
    frames = chunks[:-1]
    assert len(frames) == 6
    first_line, data_line = frames[0].rstrip(b"\n").split(b"\n")
    assert first_line == b"event: interaction.created"
    payload = json.loads(data_line.removeprefix(b"data: "))
    assert payload["event_type"] == "interaction.created" and payload["event_id"] == "v1_w:1"


def test_stream_without_event_lines_still_parses(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a"), sse_event_lines=False, frame_delay=0.001))
    received = stream_events(genai_client)
    assert shape(received)[-1] == "InteractionCompletedEvent" and unknown_or_missing(received) == []


@pytest.mark.asyncio
async def test_async_client_streams_and_gets(fake_server: FakeInteractionsServer) -> None:
    client = make_client(fake_server)
    try:
        fake_server.push(Stream(scenarios.thoughts_and_text("v1_b")))
        stream = await client.aio.interactions.create(model=MODEL, input="x", stream=True)
        received = [event async for event in stream]
        assert shape(received) == SCENARIOS["thoughts_and_text"][1]
        replay = await client.aio.interactions.get("v1_b", stream=True, last_event_id="v1_b:9")
        assert [event.event_id async for event in replay] == ["v1_b:10"]
        got = await client.aio.interactions.get("v1_b")
        assert got.output_text == "The answer is 42."
    finally:
        await client.aio.aclose()
        client.close()
