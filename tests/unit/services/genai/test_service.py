"""The API service against the fake server, through the real google-genai SDK."""

from __future__ import annotations

import asyncio
import base64
import socket
import time
from collections.abc import AsyncIterator

import pytest

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain.api import TurnRequest
from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig
from desktop.services.genai.service import Fed, ReplayFilter, coalesce, coalesce_fed
from tests.fake_api import BackgroundRun, ErrorReply, FakeInteractionsServer, Stream, scenarios

FAST_RETRY = RetryPolicy(attempts=1, resume_delays=(0.05, 0.05, 0.05))


def make_service(server: FakeInteractionsServer, **kw: object) -> GeminiService:
    options: dict[str, object] = {"timeout_s": 5.0, "retry": FAST_RETRY}
    options.update(kw)
    return GeminiService(ServiceConfig(api_key="test-key-123456", base_url=server.base_url, **options))  # type: ignore[arg-type]


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    svc = make_service(fake_server)
    await svc.start()
    yield svc
    await svc.aclose()


async def collect(stream: object) -> list[ev.StreamEvent]:
    return [e async for e in stream]  # type: ignore[attr-defined]


def text_of(events: list[ev.StreamEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, ev.TextDelta))


async def test_plain_text_turn_streams_app_events_and_sends_the_request(service, fake_server):
    fake_server.push(Stream(scenarios.plain_text("v1_a", ["Hello", ", world"])))
    request = TurnRequest(
        input="hi",
        model="gemini-3-flash-preview",
        previous_interaction_id=None,
        system_instruction="Be terse.",
        generation_config={"temperature": 0.5},
        store=True,
    )
    events = await collect(service.stream_turn(request))

    assert isinstance(events[0], ev.Started) and events[0].interaction_id == "v1_a"
    assert text_of(events) == "Hello, world"
    done = events[-1]
    assert isinstance(done, ev.Completed)
    assert done.status == "completed"
    assert done.usage.total_tokens > 0
    assert done.steps == ({"type": "model_output", "content": [{"type": "text", "text": "Hello, world"}]},)
    sent = fake_server.interaction_requests()[-1]
    assert sent.json == {
        "model": "gemini-3-flash-preview",
        "input": "hi",
        "system_instruction": "Be terse.",
        "generation_config": {"temperature": 0.5},
        "store": True,
        "stream": True,
    }
    assert sent.headers["x-goog-api-key"] == "test-key-123456"


async def test_chained_turn_sends_previous_interaction_id(service, fake_server):
    fake_server.push(
        Stream(scenarios.plain_text("v1_first", ["one"])), Stream(scenarios.plain_text("v1_second", ["two"]))
    )
    first = await collect(service.stream_turn(TurnRequest(input="a", model="m")))
    prev = first[-1].interaction_id  # type: ignore[union-attr]
    await collect(service.stream_turn(TurnRequest(input="b", model="m", previous_interaction_id=prev)))
    assert fake_server.interaction_requests()[-1].json["previous_interaction_id"] == "v1_first"


async def test_thought_summary_and_signature_are_kept_for_replay(service, fake_server):
    fake_server.push(Stream(scenarios.thoughts_and_text("v1_b")))
    events = await collect(service.stream_turn(TurnRequest(input="q", model="m")))
    thoughts = "".join(e.text for e in events if isinstance(e, ev.ThoughtDelta))
    assert "Considering the question" in thoughts
    done = events[-1]
    assert isinstance(done, ev.Completed)
    thought_step = done.steps[0]
    assert thought_step["type"] == "thought" and thought_step["signature"]
    assert done.steps[1]["type"] == "model_output"


@pytest.mark.parametrize("status", ["requires_action", "completed"])
async def test_function_call_arguments_are_assembled(service, fake_server, status):
    fake_server.push(Stream(scenarios.function_call("v1_c", status=status)))
    events = await collect(service.stream_turn(TurnRequest(input="weather?", model="m")))
    calls = [e for e in events if isinstance(e, ev.FunctionCall)]
    assert calls == [ev.FunctionCall(1, "call_1", "get_weather", {"city": "Paris"})]
    done = events[-1]
    assert isinstance(done, ev.Completed)
    # Pending calls are found by scanning steps, whatever the status says.
    assert [c["id"] for c in done.pending_function_calls] == ["call_1"]


async def test_inline_image_is_decoded_to_bytes(service, fake_server):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10
    fake_server.push(Stream(scenarios.image("v1_e", png)))
    events = await collect(service.stream_turn(TurnRequest(input="a cat", model="m")))
    media = [e for e in events if isinstance(e, ev.MediaOutput)]
    assert len(media) == 1
    assert media[0].kind == "image" and media[0].mime_type == "image/png" and media[0].data == png


async def test_builtin_search_call_result_and_citations(service, fake_server):
    fake_server.push(Stream(scenarios.google_search("v1_f")))
    events = await collect(service.stream_turn(TurnRequest(input="q", model="m", tools=[{"type": "google_search"}])))
    call = next(e for e in events if isinstance(e, ev.ToolCall))
    assert call.tool == "google_search" and call.arguments["queries"]
    result = next(e for e in events if isinstance(e, ev.ToolResult))
    assert result.tool == "google_search" and result.call_id == call.call_id
    cites = [c for e in events if isinstance(e, ev.CitationsAdded) for c in e.citations]
    assert cites and cites[0].url.startswith("https://")
    assert fake_server.interaction_requests()[-1].json["tools"] == [{"type": "google_search"}]


@pytest.mark.parametrize(
    ("reply", "error_type", "words"),
    [
        (ErrorReply(401, "unauthenticated", "API key not valid."), app.InvalidKeyError, "API key"),
        (
            ErrorReply(400, "invalid_request", "API key not valid. Please pass a valid API key."),
            app.InvalidKeyError,
            "API key",
        ),
        (ErrorReply(403, "permission_denied", "Model not allowed"), app.PermissionDeniedError, "may not use"),
        (
            ErrorReply(429, "too_many_requests", "Slow down", headers={"Retry-After": "7"}),
            app.RateLimitedError,
            "7 seconds",
        ),
        (
            ErrorReply(429, "resource_exhausted", "Quota exceeded for metric", headers={"Retry-After": "30"}),
            app.QuotaExceededError,
            "quota",
        ),
        (ErrorReply(503, "unavailable", "Overloaded"), app.ServerError, "Try again"),
        (
            ErrorReply(400, "invalid_request", "Corrupted thought signature.", sse=True),
            app.InvalidRequestError,
            "Corrupted thought signature",
        ),
    ],
)
async def test_http_errors_become_app_errors_a_person_can_read(service, fake_server, reply, error_type, words):
    fake_server.push(reply)
    with pytest.raises(error_type) as info:
        await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    err = info.value
    assert type(err) is error_type
    assert words.lower() in err.message.lower()
    assert "Error code" not in err.message and "{" not in err.message
    assert "test-key-123456" not in err.message
    if isinstance(err, app.QuotaExceededError):
        assert err.retry_after == float(reply.headers["Retry-After"])  # type: ignore[index]


async def test_unknown_previous_interaction_is_reported_as_expired(service, fake_server):
    with pytest.raises(app.ExpiredInteractionError):
        await collect(service.stream_turn(TurnRequest(input="x", model="m", previous_interaction_id="v1_gone")))


async def test_expired_previous_interaction_as_400_is_also_recognised(service, fake_server):
    fake_server.expired_previous_id_status = 400
    with pytest.raises(app.ExpiredInteractionError):
        await collect(service.stream_turn(TurnRequest(input="x", model="m", previous_interaction_id="v1_gone")))


async def test_unreachable_server_is_a_network_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    svc = GeminiService(ServiceConfig(api_key="k", base_url=f"http://127.0.0.1:{port}", timeout_s=2, retry=FAST_RETRY))
    try:
        with pytest.raises(app.NetworkError) as info:
            await collect(svc.stream_turn(TurnRequest(input="x", model="m")))
        assert "connection" in info.value.message.lower()
    finally:
        await svc.aclose()


async def test_a_stalled_stream_times_out(fake_server):
    svc = make_service(fake_server, timeout_s=0.5)
    fake_server.push(Stream(scenarios.plain_text("v1_s", ["a", "b"]), stall_after=2, stall_seconds=10))
    try:
        with pytest.raises(app.RequestTimeoutError):
            await collect(svc.stream_turn(TurnRequest(input="x", model="m", store=False)))
    finally:
        await svc.aclose()


async def test_error_frame_mid_stream_is_yielded_then_raised(service, fake_server):
    fake_server.push(Stream(scenarios.error_midstream("v1_x", message="The model failed mid-stream.")))
    seen: list[ev.StreamEvent] = []
    with pytest.raises(app.StreamFailedError) as info:
        async for e in service.stream_turn(TurnRequest(input="x", model="m")):
            seen.append(e)
    assert text_of(seen) == "Partial answer"
    assert any(isinstance(e, ev.ServerErrorFrame) for e in seen)
    assert "failed mid-stream" in info.value.message


async def test_stream_that_ends_without_completing_is_an_error(service, fake_server):
    fake_server.push(Stream(scenarios.incomplete("v1_i"), end_without_done=True))
    with pytest.raises(app.IncompleteStreamError):
        await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    # It tried to fetch the rest from the server before giving up.
    gets = [r for r in fake_server.requests if r.method == "GET" and r.path.endswith("/interactions/v1_i")]
    assert gets and all(r.query.get("stream") == "true" for r in gets)


async def test_dropped_stream_is_resumed_from_the_last_event_without_duplicates(service, fake_server):
    chunks = [f"w{i} " for i in range(20)]
    fake_server.push(Stream(scenarios.plain_text("v1_d", chunks), drop_after=8))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    assert text_of(events) == "".join(chunks)
    assert isinstance(events[-1], ev.Completed)
    resume = [r for r in fake_server.requests if r.method == "GET" and r.query.get("stream") == "true"]
    assert resume and resume[0].query["last_event_id"] == "v1_d:8"  # the 8th frame, the last one received
    assert sum(isinstance(e, ev.Started) for e in events) == 1


def count(events: list[ev.StreamEvent], kind: type) -> int:
    return sum(isinstance(e, kind) for e in events)


@pytest.mark.parametrize("overlap", [1, 3, 100])
async def test_an_overlapping_resume_is_deduplicated(service, fake_server, overlap):
    # The server may resume inclusively, or replay a few events before last_event_id (spec §3.4).
    fake_server.resume_overlap = overlap
    chunks = [f"w{i} " for i in range(20)]
    usage = scenarios.default_usage(output_tokens=20)
    fake_server.push(Stream(scenarios.plain_text("v1_ov", chunks, usage=usage), drop_after=8))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    resume = [r for r in fake_server.requests if r.method == "GET" and r.query.get("stream") == "true"]
    assert [r.query.get("last_event_id") for r in resume] == ["v1_ov:8"]
    assert text_of(events) == "".join(chunks)
    assert count(events, ev.Started) == 1
    assert count(events, ev.StepStarted) == 1 and count(events, ev.StepFinished) == 1
    assert count(events, ev.Completed) == 1 and count(events, ev.UsageUpdated) == 1
    done = events[-1]
    assert isinstance(done, ev.Completed)
    assert done.usage.output_tokens == usage["total_output_tokens"] and done.usage.total_tokens == usage["total_tokens"]
    assert done.steps[0]["content"][0]["text"] == "".join(chunks)  # the stored step too


@pytest.mark.parametrize("overlap", [1, 4, 100])
async def test_watch_from_a_stored_last_event_id_skips_what_an_overlapping_replay_repeats(
    service, fake_server, overlap
):
    # Research re-attach and "Fetch the rest" resume from an id stored in an earlier session, so
    # the ids of the events before it are not known: the replay must still not repeat them.
    chunks = [f"w{i} " for i in range(20)]
    fake_server.push(Stream(scenarios.plain_text("v1_wo", chunks)))
    await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    fake_server.resume_overlap = overlap
    # Events 1-3 are created, status and step start; event n >= 4 carries chunks[n - 4].
    events = await collect(service.watch("v1_wo", "v1_wo:8"))
    assert text_of(events) == "".join(chunks[5:])
    assert count(events, ev.Started) == 0 and count(events, ev.StepStarted) == 0
    assert count(events, ev.Completed) == 1 and count(events, ev.UsageUpdated) == 1
    assert isinstance(events[-1], ev.Completed)


async def test_watch_of_a_background_run_with_overlapping_resumes(service, fake_server):
    fake_server.resume_overlap = 3
    run_events = scenarios.deep_research("v1_dro")
    fake_server.add_background_run(BackgroundRun("v1_dro", run_events, seconds_per_event=None))
    fake_server.advance("v1_dro")
    fake_server.drop_next_get_stream(after_frames=5)
    from_start = await collect(service.watch("v1_dro"))
    fake_server.resume_overlap = 0
    reference = await collect(service.watch("v1_dro"))
    gets = [r for r in fake_server.requests if r.method == "GET" and r.query.get("stream") == "true"]
    assert gets[1].query.get("last_event_id") == "v1_dro:5"
    # Batches merge text deltas differently from run to run: compare the merged sequences.
    assert coalesce(from_start) == coalesce(reference)
    assert count(from_start, ev.Started) == 1 and count(from_start, ev.Completed) == 1


async def test_drop_without_store_is_a_network_error(service, fake_server):
    fake_server.push(Stream(scenarios.plain_text("v1_n", ["a", "b", "c"]), drop_after=3))
    with pytest.raises(app.NetworkError):
        await collect(service.stream_turn(TurnRequest(input="x", model="m", store=False)))


async def test_stop_closes_the_stream_at_once(service, fake_server):
    fake_server.push(Stream(scenarios.many_deltas("v1_stop", 400), frame_delay=0.02))
    stream = service.stream_turn(TurnRequest(input="x", model="m"))
    received = []
    async with asyncio.timeout(3):
        async for e in stream:
            received.append(e)
            if isinstance(e, ev.TextDelta):
                stream.stop()
    assert stream.stopped
    assert not any(isinstance(e, ev.Completed) for e in received)
    assert len(text_of(received)) < 400 * len("word ")


async def test_cancelling_the_consumer_task_cancels_the_stream(service, fake_server):
    fake_server.push(Stream(scenarios.many_deltas("v1_cx", 400), frame_delay=0.02))
    got_text = asyncio.Event()

    async def consume() -> None:
        async for e in service.stream_turn(TurnRequest(input="x", model="m")):
            if isinstance(e, ev.TextDelta):
                got_text.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(got_text.wait(), 3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The service still works afterwards.
    fake_server.push(Stream(scenarios.plain_text("v1_after", ["ok"])))
    assert text_of(await collect(service.stream_turn(TurnRequest(input="y", model="m")))) == "ok"


async def test_burst_of_deltas_is_merged(service, fake_server):
    fake_server.push(Stream(scenarios.many_deltas("v1_burst", 500)))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    deltas = [e for e in events if isinstance(e, ev.TextDelta)]
    assert "".join(d.text for d in deltas) == "word " * 500
    assert len(deltas) < 500  # merged in batches


async def test_get_cancel_delete(service, fake_server):
    fake_server.push(Stream(scenarios.plain_text("v1_g", ["stored answer"])))
    await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    snap = await service.get("v1_g")
    assert snap.id == "v1_g" and snap.status == "completed" and snap.is_terminal
    assert snap.output_text == "stored answer"

    fake_server.add_background_run(BackgroundRun("v1_bg", scenarios.deep_research("v1_bg"), seconds_per_event=5))
    cancelled = await service.cancel("v1_bg")
    assert cancelled.status == "cancelled"

    await service.delete("v1_g")
    assert [r.method for r in fake_server.requests if r.path.endswith("/v1_g")][-1] == "DELETE"
    with pytest.raises(app.NotFoundError):
        await service.get("v1_g")


async def test_background_create_and_watch_with_resume(service, fake_server):
    run_events = scenarios.deep_research("v1_dr")
    fake_server.push(BackgroundRun("v1_dr", run_events, seconds_per_event=0.01))
    snap = await service.create(
        TurnRequest(input="Research X", agent="deep-research-preview-04-2026", background=True, store=True)
    )
    assert snap.id == "v1_dr" and snap.status in ("in_progress", "queued")
    fake_server.drop_next_get_stream(after_frames=3)
    events = await collect(service.watch("v1_dr"))
    done = events[-1]
    assert isinstance(done, ev.Completed) and done.status == "completed"
    assert any(isinstance(e, ev.ToolCall) and e.tool == "google_search" for e in events)
    gets = [r for r in fake_server.requests if r.method == "GET" and r.query.get("stream") == "true"]
    assert len(gets) >= 2 and gets[1].query.get("last_event_id")
    ids = [e for e in events if isinstance(e, ev.Started)]
    assert len(ids) == 1


async def test_models_list_filters_and_caches(service, fake_server):
    models = await service.list_models()
    names = [m.name for m in models]
    assert "gemini-3-flash-preview" in names
    assert "text-embedding-004" not in names
    assert not any(n.startswith("models/") for n in names)
    count = len(fake_server.requests_for("models.list"))
    assert count >= 1
    await service.list_models()
    assert len(fake_server.requests_for("models.list")) == count


async def test_models_list_falls_back_when_unreachable():
    svc = GeminiService(ServiceConfig(api_key="k", base_url="http://127.0.0.1:9", timeout_s=2, retry=FAST_RETRY))
    try:
        models = await svc.list_models()
        assert "gemini-3-flash-preview" in [m.name for m in models]
    finally:
        await svc.aclose()


async def test_check_key_rejects_a_bad_key(service, fake_server):
    fake_server.push_models_error(
        ErrorReply(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")
    )
    with pytest.raises(app.InvalidKeyError):
        await service.check_key()
    await service.check_key()  # the next call succeeds


async def test_explicit_retry_policy_retries_transient_errors(fake_server):
    svc = make_service(fake_server, retry=RetryPolicy(attempts=2, initial_delay=0.01, max_delay=0.02))
    fake_server.push(ErrorReply(503, "unavailable", "busy"), Stream(scenarios.plain_text("v1_r", ["ok"])))
    try:
        events = await collect(svc.stream_turn(TurnRequest(input="x", model="m")))
        assert text_of(events) == "ok"
        assert len(fake_server.interaction_requests()) == 2
    finally:
        await svc.aclose()


def test_retry_policy_and_timeout_are_always_explicit():
    config = ServiceConfig(api_key="k")
    assert config.timeout_s > 0
    assert config.retry.attempts >= 1 and 429 in config.retry.statuses


async def test_media_base64_roundtrip_large_image(service, fake_server):
    data = bytes(range(256)) * 4096  # 1 MiB
    fake_server.push(Stream(scenarios.image("v1_big", data, text=None)))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    media = next(e for e in events if isinstance(e, ev.MediaOutput))
    assert media.data == data
    assert base64.b64encode(media.data).decode()[:10] == base64.b64encode(data).decode()[:10]


def test_coalesce_merges_runs_of_one_kind_and_step_only():
    from desktop.services.genai.service import coalesce

    batch: list[ev.StreamEvent] = [
        ev.TextDelta(0, "a"),
        ev.TextDelta(0, "b"),
        ev.TextDelta(0, "c"),
        ev.ThoughtDelta(0, "t"),
        ev.ThoughtDelta(0, "u"),
        ev.TextDelta(1, "d"),
        ev.StatusChanged("i1", "in_progress"),
        ev.TextDelta(1, "e"),
        ev.TextDelta(1, "f"),
        ev.TextDelta(2, "g"),
    ]
    assert coalesce(batch) == [
        ev.TextDelta(0, "abc"),
        ev.ThoughtDelta(0, "tu"),
        ev.TextDelta(1, "d"),
        ev.StatusChanged("i1", "in_progress"),
        ev.TextDelta(1, "ef"),
        ev.TextDelta(2, "g"),
    ]
    assert coalesce([]) == []


async def test_reconfigure_takes_effect_on_the_next_request(fake_server):
    from dataclasses import replace

    svc = make_service(fake_server)
    try:
        fake_server.push(Stream(scenarios.plain_text("v1_one", ["one"])))
        assert text_of(await collect(svc.stream_turn(TurnRequest(input="a", model="m")))) == "one"
        with FakeInteractionsServer() as second:
            # A new endpoint and more attempts: the next request goes there and retries the 503.
            retry = RetryPolicy(attempts=2, initial_delay=0.01, max_delay=0.02)
            svc.reconfigure(replace(svc.config, base_url=second.base_url, retry=retry))
            second.push(ErrorReply(503, "unavailable", "busy"), Stream(scenarios.plain_text("v1_two", ["two"])))
            assert text_of(await collect(svc.stream_turn(TurnRequest(input="b", model="m")))) == "two"
            assert len(second.interaction_requests()) == 2 and len(fake_server.interaction_requests()) == 1
            # A shorter timeout: a silent stream is given up after it.
            svc.reconfigure(replace(svc.config, timeout_s=0.5, retry=FAST_RETRY))
            second.push(Stream(scenarios.plain_text("v1_s", ["a", "b"]), stall_after=2, stall_seconds=10))
            with pytest.raises(app.RequestTimeoutError):
                await collect(svc.stream_turn(TurnRequest(input="x", model="m", store=False)))
    finally:
        await svc.aclose()


async def test_a_stream_running_during_reconfigure_finishes_on_its_client(service, fake_server):
    from dataclasses import replace

    fake_server.push(Stream(scenarios.plain_text("v1_long", ["a", "b", "c"]), frame_delay=0.05))
    stream = service.stream_turn(TurnRequest(input="x", model="m"))
    events = []
    async for event in stream:
        events.append(event)
        if len(events) == 1:
            service.reconfigure(replace(service.config, timeout_s=30.0))
    assert text_of(events) == "abc"
    assert service._retired == []  # nothing was rebuilt yet: that waits for the next request
    fake_server.push(Stream(scenarios.plain_text("v1_next", ["d"])))
    assert text_of(await collect(service.stream_turn(TurnRequest(input="y", model="m")))) == "d"
    assert len(service._retired) == 1  # the old client is kept until aclose closes it


def test_replay_filter_judges_ids_by_position_only_within_the_same_interaction():
    seen = ReplayFilter("v1_a:5")
    assert not seen.is_new("v1_a:5") and not seen.is_new("v1_a:2")
    assert seen.is_new("v1_a:6") and not seen.is_new("v1_a:6")
    assert seen.is_new("v1_b:1")  # another interaction's numbering
    assert seen.is_new("opaque-7") and not seen.is_new("opaque-7")  # other shapes: by identity
    assert seen.is_new(None) and seen.is_new(None)  # no id: never a known replay
    fresh = ReplayFilter()
    assert fresh.is_new("v1_a:1") and not fresh.is_new("v1_a:1")


async def test_last_event_id_is_the_last_event_handed_over_not_the_last_received(service, fake_server):
    # The worker thread decodes ahead of a slow consumer; an id stored for resuming must cover
    # exactly what the consumer has been given (the research monitor stores it after each event).
    chunks = [f"c{i} " for i in range(40)]
    events = scenarios.plain_text("v1_ids", chunks)
    fake_server.push(Stream(events, frame_delay=0.003))
    text_upto: dict[str, str] = {}
    so_far = ""
    for n, event in enumerate(events, start=1):
        so_far += event.get("delta", {}).get("text", "")
        text_upto[f"v1_ids:{n}"] = so_far
    stream = service.stream_turn(TurnRequest(input="x", model="m"))
    received = ""
    checked = 0
    async for event in stream:
        if isinstance(event, ev.TextDelta):
            received += event.text
            time.sleep(0.01)  # handling it takes a while: the worker thread runs ahead meanwhile
            assert stream.last_event_id is not None
            assert text_upto[stream.last_event_id] == received, (stream.last_event_id, received)
            checked += 1
    assert received == "".join(chunks) and checked
    assert stream.last_event_id == f"v1_ids:{len(events)}"


def test_coalesce_fed_keeps_the_id_of_the_last_event_each_item_completes():
    fed = [
        Fed((ev.StepStarted(0, "model_output"),), "e:3"),
        Fed((ev.TextDelta(0, "a"),), "e:4"),
        Fed((ev.TextDelta(0, "b"),), "e:5"),
        Fed((), "e:6"),  # an event with nothing to show (a signature, say)
        Fed((ev.TextDelta(2, "c"),), "e:7"),
    ]
    assert coalesce_fed(fed) == [
        (ev.StepStarted(0, "model_output"), "e:3"),
        (ev.TextDelta(0, "ab"), "e:6"),
        (ev.TextDelta(2, "c"), "e:7"),
    ]
    assert coalesce_fed([Fed((), "e:1"), Fed((ev.TextDelta(0, "x"),), None)]) == [
        (None, "e:1"),
        (ev.TextDelta(0, "x"), None),
    ]


async def test_remote_mcp_steps_keep_server_and_tool_names(service, fake_server):
    fake_server.push(Stream(scenarios.mcp_server_tool("v1_m", server_name="deepwiki", tool="ask_question")))
    events = await collect(service.stream_turn(TurnRequest(input="ask", model="m")))
    call = next(e for e in events if isinstance(e, ev.ToolCall))
    result = next(e for e in events if isinstance(e, ev.ToolResult))
    assert (call.tool, call.name, call.server_name) == ("mcp_server_tool", "ask_question", "deepwiki")
    assert (result.name, result.server_name, result.result) == (
        "ask_question",
        "deepwiki",
        "The repo is a desktop app.",
    )
    done = events[-1]
    assert done.steps[0]["server_name"] == "deepwiki" and done.steps[1]["name"] == "ask_question"
