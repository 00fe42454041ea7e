"""How a turn records each ending (real service against the fake server, real store): cut off and
continued, refused without re-sending the history, each other final status in its own words, and
generated images given by ``uri``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from desktop import errors as app
from desktop.domain.conversation import BlobPart, Conversation, ConversationSettings, TextPart, Turn, TurnStatus
from desktop.domain.endings import ending_message
from desktop.services.conversation.chat import CONTINUE_PROMPT, chain_point, plan_turn, replayable
from desktop.services.conversation.chat_turn import TurnRunner
from desktop.services.conversation.export import export_conversation
from desktop.services.genai import GeminiService
from desktop.store import BlobStore, ConversationRepository, open_database
from tests.fake_api import FakeInteractionsServer, RawSse, Stream, scenarios
from tests.service_helpers import Sink, blocking, started_service

FIELD_CASES = Path(__file__).resolve().parents[3] / "field_cases"


class Setup:
    def __init__(self, service: GeminiService, tmp: Path) -> None:
        self.db = open_database(tmp / "c.sqlite3")
        self.repo = ConversationRepository(self.db)
        self.blobs = BlobStore(tmp / "blobs")
        self.conversation = Conversation.new()
        self.repo.insert(self.conversation)
        self.runner = TurnRunner(self.repo, lambda: service, blocking, blobs=self.blobs)
        self.settings = ConversationSettings()
        self.turns: list[Turn] = []

    async def send(self, text: str) -> Turn:
        parent = self.turns[-1].id if self.turns else None
        turn = Turn.new(self.conversation.id, parent, [TextPart(text)])
        history = list(self.turns)
        self.turns.append(turn)
        with contextlib.suppress(app.AppError):  # a failed turn is asserted on, not raised
            await self.runner.run(turn, self.settings, history, Sink())
        return turn

    def stored(self, turn: Turn) -> Turn:
        return next(t for t in self.repo.turns(self.conversation.id) if t.id == turn.id)


@pytest.fixture
async def setup(fake_server: FakeInteractionsServer, tmp_path: Path) -> AsyncIterator[Setup]:
    async with started_service(fake_server) as service:
        s = Setup(service, tmp_path)
        yield s
        s.db.close()


async def test_a_cut_off_answer_is_kept_as_such_and_continue_appends_to_the_same_turn(setup, fake_server):
    fake_server.push(RawSse.from_file(FIELD_CASES / "cut_off.sse"))
    turn = await setup.send("Write a long essay")
    assert turn.status is TurnStatus.INCOMPLETE and turn.error is None
    assert setup.stored(turn).status is TurnStatus.INCOMPLETE
    assert turn.answer_text.endswith("cut off in the mid")

    fake_server.push(Stream(scenarios.plain_text("v1_more", ["dle of a sentence."])))
    ids_while_streaming: list[str | None] = []

    class Watch(Sink):
        def text_arrived(self, turn_id: str, text: str) -> None:
            ids_while_streaming.append(setup.stored(turn).interaction_id)

    await setup.runner.continue_turn(turn, setup.settings, Watch())
    # Until the continuation completes, the stored turn still points at the cut-off interaction.
    assert ids_while_streaming and set(ids_while_streaming) == {"v1_x1"}
    body = fake_server.interaction_requests()[-1].json
    assert body["previous_interaction_id"] == "v1_x1" and body["input"] == CONTINUE_PROMPT
    stored = setup.stored(turn)
    assert len(setup.repo.turns(setup.conversation.id)) == 1  # the same turn, not a new one
    assert stored.status is TurnStatus.COMPLETED
    assert stored.answer_text == "The first half of a long essay that was cut off in the middle of a sentence."
    assert stored.interaction_id == "v1_more"
    assert [s["type"] for s in stored.steps] == ["model_output", "model_output"]
    assert stored.usage["output_tokens"] == 3 + 1  # both interactions counted

    # The next prompt chains on the continuation, which holds the whole answer.
    fake_server.push(Stream(scenarios.plain_text("v1_next", ["ok"])))
    await setup.send("Thanks")
    assert fake_server.interaction_requests()[-1].json["previous_interaction_id"] == "v1_more"


async def test_a_failed_continue_leaves_the_answer_cut_off_with_the_error(setup, fake_server):
    fake_server.push(Stream(scenarios.ended("v1_c1", ["Half "], "incomplete")))
    turn = await setup.send("Go")
    fake_server.expire("v1_c1")
    with pytest.raises(app.AppError):
        await setup.runner.continue_turn(turn, setup.settings, Sink())
    stored = setup.stored(turn)
    assert stored.status is TurnStatus.INCOMPLETE and stored.answer_text == "Half "
    assert stored.error


async def test_a_refused_later_turn_never_resends_the_history_nor_claims_a_rebuild(setup, fake_server):
    fake_server.push(Stream(scenarios.plain_text("v1_ok", ["Hello Ann"])))
    await setup.send("My name is Ann")
    fake_server.push(RawSse.from_file(FIELD_CASES / "refused_stream.sse", stored=False))
    refused = await setup.send("Something the model refuses")
    stored = setup.stored(refused)
    assert stored.status is TurnStatus.REFUSED and stored.note is None
    assert stored.error == (
        "The answer stopped before it was finished: The response was blocked. You can retry or edit the prompt."
    )
    creates = fake_server.interaction_requests()
    assert len(creates) == 2  # nothing re-sent
    assert creates[1].json["previous_interaction_id"] == "v1_ok" and creates[1].json["input"] == (
        "Something the model refuses"
    )
    assert fake_server.requests_for("interactions.get") == []
    # The refused turn is neither replayed nor chained on: the next prompt chains on the last answer.
    plan = plan_turn(setup.settings, [TextPart("next")], setup.turns)
    assert not plan.stateless and plan.request.previous_interaction_id == "v1_ok"


async def test_a_refusal_found_by_a_404_on_its_own_interaction(setup, fake_server):
    fake_server.push(Stream(scenarios.plain_text("v1_a", ["A"])))
    await setup.send("one")
    fake_server.push(Stream(scenarios.refused("v1_blocked"), stored=False))
    refused = await setup.send("two")
    assert refused.status is TurnStatus.REFUSED and refused.note is None
    assert refused.error.startswith("The answer stopped before any reason was given (it may have been blocked)")
    assert len(fake_server.interaction_requests()) == 2


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("failed", "failed on the server: <b>Backend</b> error"),
        ("cancelled", "cancelled on the server"),
        ("budget_exceeded", "used up its budget"),
        ("idle", "went idle"),
    ],
)
async def test_each_final_status_has_its_own_message_and_keeps_the_text(setup, fake_server, status, words):
    errors = [{"code": "internal", "message": "<b>Backend</b> error"}] if status == "failed" else None
    fake_server.push(Stream(scenarios.ended("v1_s", ["Partial ", "text"], status, errors=errors)))
    turn = await setup.send("q")
    stored = setup.stored(turn)
    assert stored.status is TurnStatus.FAILED and stored.answer_text == "Partial text"
    assert words in stored.error
    assert stored.error == ending_message(status, errors or [])


async def test_a_failure_with_an_error_frame_uses_its_message(setup, fake_server):
    events = [
        *scenarios.ended("v1_ef", ["x"], "failed")[:-1],
        scenarios.error_event("internal", "Tool crashed."),
        scenarios.completed("v1_ef", "failed"),
    ]
    fake_server.push(Stream(events))
    turn = await setup.send("q")
    assert turn.status is TurnStatus.FAILED and turn.error == "The answer failed on the server: Tool crashed."


async def test_an_image_given_by_uri_is_fetched_into_the_blob_store(setup, fake_server):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(100))
    fake_server.push(Stream(scenarios.image_uri("v1_img", fake_server.put_media("cat.png", png))))
    turn = await setup.send("a cat")
    blobs = [p for p in setup.stored(turn).answer if not isinstance(p, TextPart)]
    assert len(blobs) == 1 and blobs[0].sha256 and setup.blobs.get(blobs[0].sha256) == png


async def test_an_image_that_cannot_be_fetched_keeps_its_link(setup, fake_server):
    uri = f"{fake_server.base_url}/media/expired.png"
    fake_server.push(Stream(scenarios.image_uri("v1_gone_img", uri)))
    turn = await setup.send("a cat")
    assert turn.status is TurnStatus.COMPLETED
    blobs = [p for p in setup.stored(turn).answer if not isinstance(p, TextPart)]
    assert len(blobs) == 1 and blobs[0].uri == uri and blobs[0].sha256 == ""


def test_chaining_rules_for_the_new_endings():
    cut = Turn.new("c", None, [TextPart("a")])
    cut.status, cut.interaction_id, cut.answer = TurnStatus.INCOMPLETE, "v1_cut", [TextPart("half")]
    refused = Turn.new("c", cut.id, [TextPart("b")])
    refused.status, refused.interaction_id, refused.answer = TurnStatus.REFUSED, "v1_no", [TextPart("bad start")]
    assert chain_point([cut]) == "v1_cut"
    assert replayable([cut, refused]) == [cut]
    assert chain_point([cut, refused]) == "v1_cut"


def test_exports_say_how_answers_ended_and_keep_links_of_undownloaded_images(tmp_path):
    db = open_database(tmp_path / "e.sqlite3")
    repo = ConversationRepository(db)
    conv = repo.create("Endings")
    cut = Turn.new(conv.id, None, [TextPart("essay")])
    cut.answer, cut.status = [TextPart("half")], TurnStatus.INCOMPLETE
    repo.add_turn(cut)
    link = BlobPart("image", "image/png", "", name="gemini-image (not downloaded)", uri="https://x.test/i.png")
    refused = Turn.new(conv.id, cut.id, [TextPart("bad")])
    refused.answer, refused.status = [link], TurnStatus.REFUSED
    repo.add_turn(refused)
    md = export_conversation(repo, BlobStore(tmp_path / "b"), conv.id, tmp_path / "c.md").read_text()
    assert "*Cut off: the answer is partial.*" in md
    assert "Stopped before any reason was given" in md
    assert "[image: gemini-image (not downloaded)](<https://x.test/i.png>)" in md
    page = export_conversation(repo, BlobStore(tmp_path / "b"), conv.id, tmp_path / "c.html").read_text()
    assert '<a href="https://x.test/i.png">gemini-image (not downloaded)</a>' in page
    db.close()
