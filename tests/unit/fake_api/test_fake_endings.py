"""The fake server's endings, as the real SDK sees them: recorded SSE bodies, unstored (blocked)
answers, final statuses with ``errors``, continuation checkpoints, media by ``uri``, unreadable runs."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest
from google.genai import _interactions as api_errors
from google.genai import interactions as gi

from tests.fake_api import BackgroundRun, ErrorReply, RawSse, Stream, fixtures, scenarios
from tests.fake_api.fixtures import unknown_or_missing

fake_server = fixtures.fake_server
genai_client = fixtures.genai_client

MODEL = "gemini-3-flash-preview"
FIELD_CASES = Path(__file__).resolve().parents[2] / "field_cases"


def test_a_recorded_body_is_served_verbatim_and_stored(fake_server, genai_client):
    fake_server.push(RawSse.from_file(FIELD_CASES / "cut_off.sse"))
    events = list(genai_client.interactions.create(model=MODEL, input="x", stream=True))
    assert [e.event_type for e in events][-1] == "interaction.completed"
    assert events[-1].interaction.status == "incomplete"
    stored = genai_client.interactions.get("v1_x1")
    assert stored.status == "incomplete" and stored.output_text.endswith("cut off in the mid")


def test_an_unstored_stream_is_not_found_afterwards(fake_server, genai_client):
    fake_server.push(Stream(scenarios.refused("v1_b"), stored=False, raw_frames={2: scenarios.bare_error_line()}))
    events = list(genai_client.interactions.create(model=MODEL, input="x", stream=True))
    assert [e.event_type for e in events] == ["interaction.created", "interaction.status_update"]
    with pytest.raises(api_errors.NotFoundError):
        genai_client.interactions.get("v1_b", stream=True)
    assert fake_server.stored("v1_b") is None


@pytest.mark.parametrize("status", ["incomplete", "failed", "cancelled", "budget_exceeded", "idle"])
def test_final_statuses_parse_with_their_errors(fake_server, genai_client, status):
    errors = [{"code": "internal", "message": "Why."}]
    fake_server.push(Stream(scenarios.ended("v1_e", ["a"], status, errors=errors)))
    events = list(genai_client.interactions.create(model=MODEL, input="x", stream=True))
    done = events[-1]
    assert isinstance(done, gi.InteractionCompletedEvent) and done.interaction.status == status
    # The SDK keeps ``errors`` as plain dicts (its schema types them loosely).
    assert [(e["code"], e["message"]) for e in done.interaction.errors] == [("internal", "Why.")]
    assert unknown_or_missing(events) == []
    assert genai_client.interactions.get("v1_e").status == status


def test_a_checkpoint_carries_its_continuation_token(fake_server, genai_client):
    fake_server.push(Stream(scenarios.continuation_hop("v1_h")))
    events = list(genai_client.interactions.create(model=MODEL, input="x", stream=True))
    checkpoint = next(e for e in events if e.event_type == "interaction.status_update")
    assert checkpoint.continuation_token == "tok_1"
    assert unknown_or_missing(events) == []


def test_media_by_uri_is_served(fake_server, genai_client):
    uri = fake_server.put_media("a.png", b"PNGDATA", "image/png")
    fake_server.push(Stream(scenarios.image_uri("v1_u", uri)))
    events = list(genai_client.interactions.create(model=MODEL, input="x", stream=True))
    delta = next(e for e in events if e.event_type == "step.delta" and e.delta.type == "image")
    assert delta.delta.uri == uri and delta.delta.data is None
    response = httpx2.get(uri)
    assert response.status_code == 200 and response.content == b"PNGDATA"
    assert response.headers["content-type"] == "image/png"
    assert httpx2.get(f"{fake_server.base_url}/media/none.png").status_code == 404


@pytest.mark.parametrize(
    ("status", "exc_class"),
    [
        (400, api_errors.BadRequestError),
        (401, api_errors.AuthenticationError),
        (403, api_errors.PermissionDeniedError),
    ],
)
def test_reads_of_a_run_fail_until_allowed(fake_server, genai_client, status, exc_class):
    fake_server.add_background_run(BackgroundRun("v1_r", scenarios.deep_research("v1_r"), seconds_per_event=None))
    fake_server.fail_reads("v1_r", ErrorReply(status, message="No."))
    for _ in range(2):
        with pytest.raises(exc_class):
            genai_client.interactions.get("v1_r")
    with pytest.raises(exc_class):
        genai_client.interactions.get("v1_r", stream=True)
    fake_server.allow_reads("v1_r")
    assert genai_client.interactions.get("v1_r").status == "in_progress"
