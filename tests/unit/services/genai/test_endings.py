"""How streams end, through the real SDK against the fake server: refused (bare JSON error line, or
a 404 on the turn's own interaction), cut off, the other final statuses, an interrupted
continuation hop, and outputs given as a ``uri``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from google.genai import errors as genai_errors

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain.api import TurnRequest
from desktop.services.genai import GeminiService, ServiceConfig, fastpath
from desktop.services.genai.stream_errors import LineScanner
from tests.fake_api import FakeInteractionsServer, RawSse, Stream, scenarios
from tests.fake_api.fixtures import make_client
from tests.service_helpers import TEST_KEY, started_service

FIELD_CASES = Path(__file__).resolve().parents[3] / "field_cases"


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    async with started_service(fake_server) as svc:
        yield svc


async def collect(stream: object) -> list[ev.StreamEvent]:
    return [e async for e in stream]  # type: ignore[attr-defined]


def gets_of(server: FakeInteractionsServer, interaction_id: str) -> list:
    return [r for r in server.requests_for("interactions.get") if r.params.get("id") == interaction_id]


# -- refused ---------------------------------------------------------------------------------------
def test_the_sdk_itself_drops_a_bare_json_error_line(fake_server):
    """What google-genai 3.6 does with the field case: no error, no event; the stream just ends."""
    fake_server.push(RawSse.from_file(FIELD_CASES / "refused_stream.sse", stored=False))
    client = make_client(fake_server)
    try:
        events = list(client.interactions.create(model="gemini-3-flash-preview", input="x", stream=True))
    finally:
        client.close()
    assert [e.event_type for e in events] == ["interaction.created", "interaction.status_update"]


async def test_field_case_refused_stream_gives_the_servers_reason_and_sends_nothing_more(service, fake_server):
    fake_server.push(RawSse.from_file(FIELD_CASES / "refused_stream.sse", stored=False))
    seen: list[ev.StreamEvent] = []
    with pytest.raises(app.AnswerRefusedError) as info:
        async for e in service.stream_turn(TurnRequest(input="x", model="m", previous_interaction_id=None)):
            seen.append(e)
    err = info.value
    assert err.reason == "The response was blocked."
    assert "The response was blocked." in err.message and "retry or edit" in err.message
    assert "prohibited_content" in (err.detail or "")
    assert isinstance(seen[0], ev.Started) and seen[0].interaction_id == "v1_x1"
    # Nothing more was sent: no resume GET, no second create.
    assert [r.route for r in fake_server.requests] == ["interactions.create"]


async def test_a_404_on_the_turns_own_interaction_is_a_refusal_not_an_expired_chain(service, fake_server):
    fake_server.remember("v1_prev")
    fake_server.push(Stream(scenarios.refused("v1_gone"), stored=False))
    with pytest.raises(app.AnswerRefusedError) as info:
        await collect(service.stream_turn(TurnRequest(input="x", model="m", previous_interaction_id="v1_prev")))
    err = info.value
    assert not isinstance(err, app.ExpiredInteractionError)
    assert err.message.startswith("The answer stopped before any reason was given (it may have been blocked)")
    assert err.status_code == 404
    # It asked once for the rest of its own interaction, then stopped.
    assert len(gets_of(fake_server, "v1_gone")) == 1
    assert len(fake_server.interaction_requests()) == 1


async def test_an_expired_previous_interaction_is_still_told_as_such(service, fake_server):
    with pytest.raises(app.ExpiredInteractionError):
        await collect(service.stream_turn(TurnRequest(input="x", model="m", previous_interaction_id="v1_unknown")))


async def test_a_bare_error_line_without_a_message_says_no_reason_was_given(service, fake_server):
    fake_server.push(
        Stream(
            scenarios.refused("v1_nomsg"),
            stored=False,
            raw_frames={2: scenarios.bare_error_line("prohibited_content", None)},
        )
    )
    with pytest.raises(app.AnswerRefusedError) as info:
        await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    assert info.value.reason is None
    assert "before any reason was given" in info.value.message


@pytest.mark.parametrize(
    "chunks",
    [
        [b'data: {"a": 1}\n\n{"error": {"code": "c", "message": "m"}}\n\n'],
        [b'data: {"a": 1}\n\n{"err', b'or": {"code": "c", "message": "m"}}\r\n\r\n'],
        [b'data: {"a": 1}\n\n', b'{"error": {"code": "c", "message": "m"}}\n'],
        [b'{"error": {"code": "c", "message": "m"}}\n\ndata: [DONE]\n\n'],
    ],
)
def test_the_line_scanner_finds_error_lines_across_chunks(chunks):
    found: list[dict] = []
    scanner = LineScanner(found.append)
    for chunk in chunks:
        scanner.feed(chunk)
    assert found == [{"code": "c", "message": "m"}]


def test_the_line_scanner_ignores_sse_fields_and_other_json():
    found: list[dict] = []
    scanner = LineScanner(found.append)
    scanner.feed(b'data: {"error": {"message": "inside data"}}\n\n{"not_an_error": 1}\n\n: comment {x}\n\n')
    assert found == []


# -- cut off and other final statuses ---------------------------------------------------------------
async def test_field_case_cut_off_ends_with_status_incomplete(service, fake_server):
    fake_server.push(RawSse.from_file(FIELD_CASES / "cut_off.sse"))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    done = events[-1]
    assert isinstance(done, ev.Completed) and done.status == "incomplete"
    text = "".join(e.text for e in events if isinstance(e, ev.TextDelta))
    assert text == "The first half of a long essay that was cut off in the mid"


@pytest.mark.parametrize("status", ["failed", "cancelled", "budget_exceeded", "idle"])
async def test_other_final_statuses_arrive_with_the_servers_errors(service, fake_server, status):
    errors = [{"code": "quota", "message": f"Stopped: {status}"}]
    fake_server.push(Stream(scenarios.ended("v1_end", ["Some ", "text"], status, errors=errors)))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    done = events[-1]
    assert isinstance(done, ev.Completed) and done.status == status
    assert done.errors == ({"code": "quota", "message": f"Stopped: {status}"},)


# -- continuation hops ------------------------------------------------------------------------------
def test_the_sdk_raises_continuation_interrupted_when_a_hop_drops_after_output(fake_server):
    fake_server.push(Stream(scenarios.continuation_hop("v1_h"), drop_after=4))
    client = make_client(fake_server)
    try:
        with pytest.raises(genai_errors.ContinuationInterruptedError) as info:
            list(client.interactions.create(model="gemini-3-flash-preview", input="x", stream=True))
    finally:
        client.close()
    assert info.value.continuation_token == "tok_1" and info.value.interaction_id == "v1_h"


async def test_an_interrupted_continuation_hop_is_resumed_like_a_dropped_stream(service, fake_server):
    fake_server.push(Stream(scenarios.continuation_hop("v1_h"), drop_after=4))
    events = await collect(service.stream_turn(TurnRequest(input="x", model="m")))
    text = "".join(e.text for e in events if isinstance(e, ev.TextDelta))
    assert text == "First part, second part."
    assert isinstance(events[-1], ev.Completed) and events[-1].status == "completed"
    resume = gets_of(fake_server, "v1_h")
    assert resume and resume[0].query == {"last_event_id": "v1_h:4", "stream": "true"}


async def test_an_interrupted_hop_that_cannot_be_resumed_reads_as_a_dropped_connection(service, fake_server):
    fake_server.push(Stream(scenarios.continuation_hop("v1_h2"), drop_after=4))
    with pytest.raises(app.NetworkError) as info:
        await collect(service.stream_turn(TurnRequest(input="x", model="m", store=False)))
    assert "ContinuationInterruptedError" not in info.value.message
    assert "connection dropped" in info.value.message


# -- outputs given by uri ---------------------------------------------------------------------------
async def test_an_image_given_as_uri_arrives_as_a_link_and_can_be_fetched(service, fake_server):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    uri = fake_server.put_media("cat.png", png)
    fake_server.push(Stream(scenarios.image_uri("v1_u", uri)))
    events = await collect(service.stream_turn(TurnRequest(input="a cat", model="m")))
    media = [e for e in events if isinstance(e, ev.MediaOutput)]
    assert media == [ev.MediaOutput(0, "image", "image/png", None, uri)]
    assert await service.fetch_media(uri) == png
    fetch = fake_server.requests_for("media.get")[-1]
    assert fetch.headers.get("x-goog-api-key") == TEST_KEY  # the API's own host


async def test_fetching_media_fails_readably(service, fake_server):
    with pytest.raises(app.NotFoundError):
        await service.fetch_media(f"{fake_server.base_url}/media/missing.png")
    with pytest.raises(app.InvalidRequestError):
        await service.fetch_media("file:///etc/passwd")


async def test_the_bare_error_line_is_found_with_the_sdks_stock_parser_too(fake_server):
    """The line is read from the response bytes, not from the (optional) fast SSE parser."""
    was = fastpath.is_installed()
    fastpath.uninstall()
    try:
        svc = GeminiService(
            ServiceConfig(api_key=TEST_KEY, base_url=fake_server.base_url, timeout_s=10.0, fast_path=False)
        )
        await svc.start()
        try:
            fake_server.push(RawSse.from_file(FIELD_CASES / "refused_stream.sse", stored=False))
            with pytest.raises(app.AnswerRefusedError) as info:
                await collect(svc.stream_turn(TurnRequest(input="x", model="m")))
            assert not fastpath.is_installed()
        finally:
            await svc.aclose()
        assert info.value.reason == "The response was blocked."
    finally:
        if was:
            fastpath.install()
