"""Background runs on the fake server: release over time, poll, stream, resume, cancel, fail."""

from __future__ import annotations

import time
from typing import Any

import pytest
from google.genai import _interactions as api_errors
from google.genai import interactions as gi

from tests.fake_api import BackgroundRun, FakeInteractionsServer, fixtures, scenarios
from tests.fake_api.fixtures import make_client, unknown_or_missing

# Fixtures shared through assignment (an import would look unused to linters).
fake_server = fixtures.fake_server
genai_client = fixtures.genai_client

AGENT = "deep-research-preview-04-2026"
RUN_ID = "v1_dr1"


def research_run(**kwargs: Any) -> BackgroundRun:
    return BackgroundRun(RUN_ID, scenarios.deep_research(RUN_ID), **kwargs)


def start(client: Any, **kwargs: Any) -> Any:
    return client.interactions.create(
        agent=AGENT,
        input="Research batteries",
        background=True,
        agent_config={"type": "deep-research", "thinking_summaries": "auto"},
        **kwargs,
    )


def total_events() -> int:
    return len(scenarios.deep_research(RUN_ID))


def test_status_changes_when_events_are_released(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=None))
    created = start(genai_client)
    assert (created.id, created.status, created.agent) == (RUN_ID, "in_progress", AGENT)
    assert fake_server.interaction_requests()[0].json["background"] is True
    assert genai_client.interactions.get(RUN_ID).status == "in_progress"
    fake_server.advance(RUN_ID, 4)  # 5 of the events: created .. the first thought step.stop
    partial = genai_client.interactions.get(RUN_ID)
    assert partial.status == "in_progress"
    assert [type(s).__name__ for s in partial.steps] == ["UserInputStep", "ThoughtStep"]
    fake_server.advance(RUN_ID)
    done = genai_client.interactions.get(RUN_ID)
    assert done.status == "completed"
    assert done.output_text.startswith("# Report: solid-state batteries")
    assert done.usage.total_tokens == 7000
    kinds = [type(s).__name__ for s in done.steps]
    assert kinds[:2] == ["UserInputStep", "ThoughtStep"] and kinds[-1] == "ModelOutputStep"
    assert "URLContextResultStep" in kinds and "GoogleSearchCallStep" in kinds
    annotations = done.steps[-1].content[0].annotations
    assert {a.url for a in annotations} == {"https://example.org/batteries", "https://example.net/review"}
    assert unknown_or_missing(done) == []


def test_clock_releases_events_over_time(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=0.01))
    assert start(genai_client).status == "in_progress"
    statuses = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        statuses.append(genai_client.interactions.get(RUN_ID).status)
        if statuses[-1] == "completed":
            break
        time.sleep(0.02)
    # Nothing advanced the run by hand: the server clock alone completed it.
    assert statuses[-1] == "completed"
    assert set(statuses) <= {"in_progress", "completed"}


def test_streamed_background_create_follows_releases(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=0.002))
    events = list(start(genai_client, stream=True))
    assert [e.event_id for e in events] == [f"{RUN_ID}:{n}" for n in range(1, total_events() + 1)]
    assert isinstance(events[0], gi.InteractionCreatedEvent) and events[0].interaction.agent == AGENT
    assert events[-1].interaction.status == "completed"
    assert unknown_or_missing(events) == []


def test_get_stream_waits_for_new_frames(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=None))
    start(genai_client)
    ids = []
    for event in genai_client.interactions.get(RUN_ID, stream=True):
        ids.append(event.event_id)
        fake_server.advance(RUN_ID, 1)  # the server produces the next frame only now
    assert ids == [f"{RUN_ID}:{n}" for n in range(1, total_events() + 1)]


def test_resume_after_dropped_create_stream(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=0.002, drop_after=5))
    seen: list[Any] = []
    with pytest.raises(api_errors.APIConnectionError):
        for event in start(genai_client, stream=True):
            seen.append(event)
    assert len(seen) == 5
    resumed = list(genai_client.interactions.get(RUN_ID, stream=True, last_event_id=seen[-1].event_id))
    ids = [e.event_id for e in seen + resumed]
    assert ids == [f"{RUN_ID}:{n}" for n in range(1, total_events() + 1)]


def test_dropped_and_stalled_get_streams(fake_server: FakeInteractionsServer) -> None:
    client = make_client(fake_server, timeout_ms=600)
    try:
        fake_server.add_background_run(research_run(seconds_per_event=0))
        fake_server.drop_next_get_stream(after_frames=3)
        seen: list[Any] = []
        with pytest.raises(api_errors.APIConnectionError):
            for event in client.interactions.get(RUN_ID, stream=True):
                seen.append(event)
        assert len(seen) == 3
        fake_server.stall_next_get_stream(after_frames=2, seconds=30)
        seen = []
        with pytest.raises(api_errors.APITimeoutError):
            for event in client.interactions.get(RUN_ID, stream=True, last_event_id=f"{RUN_ID}:3"):
                seen.append(event)
        assert [e.event_id for e in seen] == [f"{RUN_ID}:4", f"{RUN_ID}:5"]
        # Polling still works as the fallback, and the next stream is clean again.
        assert client.interactions.get(RUN_ID).status == "completed"
        assert len(list(client.interactions.get(RUN_ID, stream=True))) == total_events()
    finally:
        client.close()


def test_cancel_stops_a_live_stream(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=None))
    start(genai_client)
    fake_server.advance(RUN_ID, 2)
    events = []
    for event in genai_client.interactions.get(RUN_ID, stream=True):
        events.append(event)
        if len(events) == 3:
            cancelled = genai_client.interactions.cancel(RUN_ID)
            assert cancelled.status == "cancelled"
    assert len(events) == 4
    assert isinstance(events[-1], gi.InteractionCompletedEvent) and events[-1].interaction.status == "cancelled"
    assert genai_client.interactions.get(RUN_ID).status == "cancelled"
    assert fake_server.requests_for("interactions.cancel")[0].path == f"/v1/interactions/{RUN_ID}/cancel"


def test_fail_run_reports_error_and_failed_status(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=None))
    start(genai_client)
    fake_server.fail_run(RUN_ID, "resource_exhausted", "Budget exceeded.")
    got = genai_client.interactions.get(RUN_ID)
    assert got.status == "failed"
    assert [(e.code, e.message) for e in got.errors] == [("resource_exhausted", "Budget exceeded.")]
    events = list(genai_client.interactions.get(RUN_ID, stream=True))
    assert isinstance(events[-2], gi.ErrorEvent) and events[-2].error.message == "Budget exceeded."
    assert events[-1].interaction.status == "failed"


def test_registered_run_without_create_and_forced_status(
    fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.add_background_run(research_run(seconds_per_event=None, final_status="incomplete"))
    fake_server.set_status(RUN_ID, "queued")
    assert genai_client.interactions.get(RUN_ID).status == "queued"
    fake_server.set_status(RUN_ID, "in_progress")
    fake_server.advance(RUN_ID)
    assert genai_client.interactions.get(RUN_ID).status == "in_progress"  # an override stays until cleared
    fake_server.set_status(RUN_ID, None)
    final = genai_client.interactions.get(RUN_ID)
    assert final.status == "incomplete"
    assert fake_server.interaction_requests() == []


def test_reset_aborts_a_waiting_get_stream(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(research_run(seconds_per_event=None))
    start(genai_client)
    stream = genai_client.interactions.get(RUN_ID, stream=True)
    iterator = iter(stream)
    assert next(iterator).event_id == f"{RUN_ID}:1"
    fake_server.reset()  # the server is now waiting for a release that never comes
    with pytest.raises(api_errors.APIConnectionError):
        list(iterator)
    with pytest.raises(api_errors.NotFoundError):
        genai_client.interactions.get(RUN_ID)
