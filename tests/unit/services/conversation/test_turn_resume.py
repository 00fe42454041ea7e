""" "Fetch the rest" of an interrupted conversation turn resumes after the last event its saved
answer holds (real service against the fake server, real store), instead of replaying it all."""

from __future__ import annotations

import contextlib
from pathlib import Path

from desktop import errors as app
from desktop.domain.conversation import Conversation, ConversationSettings, TextPart, Turn, TurnStatus
from desktop.services.conversation.chat_turn import TurnRunner
from desktop.store import ConversationRepository, open_database
from desktop.store.database import Database
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.old_databases import built_before
from tests.service_helpers import Sink, blocking, started_service


async def test_fetch_the_rest_resumes_after_the_last_saved_event(fake_server: FakeInteractionsServer, tmp_path: Path):
    db = open_database(tmp_path / "c.sqlite3")
    repo = ConversationRepository(db)
    conversation = Conversation.new()
    repo.insert(conversation)
    # created, status_update, step.start, "one ", "two " reach the app; then the connection drops.
    fake_server.push(Stream(scenarios.plain_text("v1_cut", ["one ", "two ", "three ", "four"]), drop_after=5))
    turn = Turn.new(conversation.id, None, [TextPart("count")])
    async with started_service(fake_server, resume_delays=()) as service:
        runner = TurnRunner(repo, lambda: service, blocking)
        with contextlib.suppress(app.AppError):
            await runner.run(turn, ConversationSettings(), [], Sink())
        stored = repo.get_turn(turn.id)
        assert stored is not None
        assert stored.answer_text == "one two " and stored.last_event_id == "v1_cut:5"
        stored.status = TurnStatus.INTERRUPTED  # as the next start-up marks it

        sink = Sink()
        await runner.fetch_rest(stored, sink)

    gets = [r for r in fake_server.requests_for("interactions.get") if r.query.get("stream") == "true"]
    assert [g.query.get("last_event_id") for g in gets] == ["v1_cut:5"]
    assert "".join(sink.text) == "three four"  # only the rest travelled
    again = repo.get_turn(turn.id)
    assert again is not None and again.status is TurnStatus.COMPLETED
    assert again.answer_text == "one two three four"
    db.close()


async def test_without_a_saved_event_the_whole_answer_is_fetched_again(
    fake_server: FakeInteractionsServer, tmp_path: Path
):
    db = open_database(tmp_path / "c.sqlite3")
    repo = ConversationRepository(db)
    conversation = Conversation.new()
    repo.insert(conversation)
    fake_server.push(Stream(scenarios.plain_text("v1_old", ["a", "b"])))
    turn = Turn.new(conversation.id, None, [TextPart("x")])
    async with started_service(fake_server) as service:
        runner = TurnRunner(repo, lambda: service, blocking)
        await runner.run(turn, ConversationSettings(), [], Sink())
        old = repo.get_turn(turn.id)
        assert old is not None
        old.answer, old.last_event_id, old.status = [TextPart("a")], None, TurnStatus.INTERRUPTED  # saved before v5
        await runner.fetch_rest(old, Sink())
    gets = [r for r in fake_server.requests_for("interactions.get") if r.query.get("stream") == "true"]
    assert [g.query.get("last_event_id") for g in gets] == [None]
    assert old.answer_text == "ab"
    db.close()


def test_the_migration_adds_the_column_to_a_database_built_by_the_earlier_steps(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    raw = built_before(path, "last stream event of conversation turns")
    raw.execute(
        "INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'Old', 1, 1)",
    )
    raw.execute(
        "INSERT INTO turns (id, conversation_id, prompt_json, prompt_text, answer_text, thoughts, model, status,"
        " created_at, updated_at) VALUES ('t1', 'c1', '[]', '', 'kept', '', 'm', 'interrupted', 1, 1)"
    )
    raw.commit()
    raw.close()
    db: Database = open_database(path)
    repo = ConversationRepository(db)
    turn = repo.get_turn("t1")
    assert turn is not None and turn.answer_text == "kept" and turn.last_event_id is None
    assert repo.append_stream_progress("t1", "kept more", "", TurnStatus.STREAMING, "v1_x:9")
    assert repo.get_turn("t1").last_event_id == "v1_x:9"  # type: ignore[union-attr]
    db.close()
