"""Faults the fake server injects, as the real SDK experiences them (spec §3.1, §4)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from google.genai import _interactions as api_errors
from google.genai import interactions as gi

from tests.fake_api import ErrorReply, FakeInteractionsServer, Stream, fixtures, scenarios
from tests.fake_api.fixtures import make_client

# Fixtures shared through assignment (an import would look unused to linters).
fake_server = fixtures.fake_server
genai_client = fixtures.genai_client

MODEL = "gemini-3-flash-preview"


def create_stream(client: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("model", MODEL)
    kwargs.setdefault("input", "hi")
    return client.interactions.create(stream=True, **kwargs)


@pytest.mark.parametrize(
    "status, exc_class",
    [
        (400, api_errors.BadRequestError),
        (401, api_errors.AuthenticationError),
        (403, api_errors.PermissionDeniedError),
        (404, api_errors.NotFoundError),
        (429, api_errors.RateLimitError),
        (500, api_errors.InternalServerError),
        (503, api_errors.InternalServerError),
    ],
)
def test_error_reply_raises_sdk_exception(
    status: int, exc_class: type, fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.push(ErrorReply(status, message=f"boom {status}", headers={"Retry-After": "7"}))
    with pytest.raises(exc_class) as caught:
        create_stream(genai_client)
    assert caught.value.status_code == status
    assert caught.value.body["error"]["message"] == f"boom {status}"
    assert isinstance(caught.value.body["error"]["code"], str)
    assert caught.value.response.headers["retry-after"] == "7"


def test_error_reply_on_unary_create_with_custom_code(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(ErrorReply(429, code="too_many_requests", message="quota"))
    with pytest.raises(api_errors.RateLimitError) as caught:
        genai_client.interactions.create(model=MODEL, input="x")
    assert caught.value.body == {"error": {"code": "too_many_requests", "message": "quota"}}


def test_sse_framed_error_reply(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(ErrorReply(400, code="invalid_request", message="Corrupted thought signature.", sse=True))
    with pytest.raises(api_errors.BadRequestError) as caught:
        create_stream(genai_client)
    assert caught.value.response.headers["content-type"].startswith("text/event-stream")
    assert "Corrupted thought signature." in str(caught.value.body)
    assert '"event_type": "error"' in str(caught.value.body)


def test_drop_after_raises_connection_error_after_n_events(
    fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a", ["a", "b", "c"]), drop_after=4))
    seen: list[Any] = []
    with pytest.raises(api_errors.APIConnectionError):
        for event in create_stream(genai_client):
            seen.append(event)
    assert [e.event_id for e in seen] == ["v1_a:1", "v1_a:2", "v1_a:3", "v1_a:4"]
    # The server still stored the whole interaction, so the app can recover with get().
    assert genai_client.interactions.get("v1_a").output_text == "abc"


def test_end_without_done_ends_silently(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.incomplete("v1_j"), end_without_done=True))
    seen = list(create_stream(genai_client))
    assert len(seen) == 4 and not any(isinstance(e, gi.InteractionCompletedEvent) for e in seen)
    assert genai_client.interactions.get("v1_j").status == "in_progress"


def test_error_frame_midstream_is_yielded(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.error_midstream("v1_i", code="resource_exhausted", message="overloaded")))
    seen = list(create_stream(genai_client))
    error = seen[-1]
    assert isinstance(error, gi.ErrorEvent)
    assert (error.error.code, error.error.message) == ("resource_exhausted", "overloaded")
    stored = genai_client.interactions.get("v1_i")
    assert stored.status == "failed"
    assert [(e.code, e.message) for e in stored.errors] == [("resource_exhausted", "overloaded")]


def test_malformed_raw_frame_reaches_app_as_string(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a"), raw_frames={2: b"data: {not json\n\n"}))
    seen = list(create_stream(genai_client))
    assert seen[2] == "{not json"
    assert isinstance(seen[3], gi.StepStart) and isinstance(seen[-1], gi.InteractionCompletedEvent)


def test_stall_with_client_timeout_raises_timeout(fake_server: FakeInteractionsServer) -> None:
    client = make_client(fake_server, timeout_ms=500)
    try:
        fake_server.push(Stream(scenarios.plain_text("v1_a"), stall_after=2, stall_seconds=30))
        seen: list[Any] = []
        with pytest.raises(api_errors.APITimeoutError):
            for event in create_stream(client):
                seen.append(event)
        assert len(seen) == 2
    finally:
        client.close()


def test_short_stall_then_stream_continues(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a"), stall_after=3, stall_seconds=0.05))
    assert isinstance(list(create_stream(genai_client))[-1], gi.InteractionCompletedEvent)


def test_stop_interrupts_a_long_stall(genai_client: Any, fake_server: FakeInteractionsServer) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a"), stall_after=1, stall_seconds=60))
    outcome: list[BaseException | None] = []

    def consume() -> None:
        try:
            list(create_stream(genai_client))
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=consume, daemon=True)
    worker.start()
    assert fake_server.wait_for(lambda s: len(s.interaction_requests()) == 1)
    fake_server.stop()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert isinstance(outcome[0], api_errors.APIConnectionError)


def test_reset_interrupts_stall_and_clears_state(genai_client: Any, fake_server: FakeInteractionsServer) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a"), stall_after=1, stall_seconds=60), ErrorReply(500))
    stream = create_stream(genai_client)
    first = next(iter(stream))
    assert isinstance(first, gi.InteractionCreatedEvent)
    fake_server.reset()
    with pytest.raises(api_errors.APIConnectionError):
        list(stream)
    assert fake_server.requests == [] and fake_server.pending_replies == 0
    assert fake_server.stored("v1_a") is None
    # The queued ErrorReply is gone: the default echo answer comes back.
    assert genai_client.interactions.create(model=MODEL, input="x").status == "completed"


def test_unknown_previous_id_is_404_and_keeps_reply_queued(
    fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_next")))
    with pytest.raises(api_errors.NotFoundError) as caught:
        create_stream(genai_client, previous_interaction_id="v1_gone")
    assert caught.value.body["error"] == {"code": "not_found", "message": "Interaction v1_gone not found or expired."}
    assert fake_server.pending_replies == 1
    fake_server.remember("v1_gone")
    assert next(iter(create_stream(genai_client, previous_interaction_id="v1_gone"))).interaction.id == "v1_next"


def test_expired_previous_id_as_400(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a")))
    list(create_stream(genai_client))
    chained = list(create_stream(genai_client, previous_interaction_id="v1_a"))
    assert isinstance(chained[-1], gi.InteractionCompletedEvent)
    fake_server.expire("v1_a")
    fake_server.expired_previous_id_status = 400
    with pytest.raises(api_errors.BadRequestError) as caught:
        genai_client.interactions.create(model=MODEL, input="x", previous_interaction_id="v1_a")
    assert caught.value.body["error"]["code"] == "invalid_request"
    assert "previous_interaction_id" in caught.value.body["error"]["message"]
    fake_server.check_previous_ids = False
    assert genai_client.interactions.create(model=MODEL, input="x", previous_interaction_id="v1_a").id


def test_function_call_left_pending_with_completed_status(
    fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.push(Stream(scenarios.function_call("v1_c", status="completed")))
    seen = list(create_stream(genai_client))
    assert seen[-1].interaction.status == "completed"
    args = "".join(
        e.delta.arguments for e in seen if isinstance(e, gi.StepDelta) and isinstance(e.delta, gi.ArgumentsDelta)
    )
    assert args == '{"city": "Paris"}'


def test_route_error_injection_on_get(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.plain_text("v1_a")))
    list(create_stream(genai_client))
    fake_server.push_route_error("interactions.get", ErrorReply(503, message="try later"))
    with pytest.raises(api_errors.InternalServerError):
        genai_client.interactions.get("v1_a")
    assert genai_client.interactions.get("v1_a").status == "completed"
    assert fake_server.internal_errors == []
