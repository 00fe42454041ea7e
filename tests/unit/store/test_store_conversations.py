"""ConversationRepository: CRUD, soft delete, drafts, turns, branches, streaming saves."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.conversation import (
    BlobPart,
    ConversationSettings,
    TextPart,
    Turn,
    TurnStatus,
    branch_path,
    replay_steps,
    siblings,
)
from desktop.store import ConversationRepository, Database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "app.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def repo(db: Database) -> ConversationRepository:
    return ConversationRepository(db)


def _reopen(db: Database) -> ConversationRepository:
    db.close()
    return ConversationRepository(open_database(db.path))


def _completed(conv_id: str, parent: str | None, prompt: str, answer: str) -> Turn:
    turn = Turn.new(conv_id, parent, [TextPart(prompt)])
    turn.answer = [TextPart(answer)]
    turn.status = TurnStatus.COMPLETED
    return turn


def test_create_get_and_list_newest_activity_first(repo: ConversationRepository) -> None:
    older = repo.create("Older")
    newer = repo.create("Newer")
    assert [c.title for c in repo.list()] == ["Newer", "Older"]
    time.sleep(0.002)
    repo.add_turn(_completed(older.id, None, "hi", "hello"))
    assert [c.id for c in repo.list()] == [older.id, newer.id]
    assert [c.id for c in repo.list(limit=1)] == [older.id]
    assert repo.get(newer.id) == newer
    assert repo.get("missing") is None


def test_rename_and_settings_persist(db: Database) -> None:
    repo = ConversationRepository(db)
    conversation = repo.create("Draft title", ConversationSettings(model="m1"))
    assert repo.rename(conversation.id, "Better title")
    assert repo.update_settings(conversation.id, ConversationSettings(temperature=0.5))
    assert not repo.rename("missing", "x")
    repo = _reopen(db)
    loaded = repo.get(conversation.id)
    assert loaded is not None
    assert loaded.title == "Better title"
    assert loaded.settings == ConversationSettings(temperature=0.5)


def test_drafts_survive_reopen(db: Database) -> None:
    repo = ConversationRepository(db)
    conversation = repo.create()
    repo.save_draft(conversation.id, "half-written question about ünïcode 🎉")
    repo = _reopen(db)
    loaded = repo.get(conversation.id)
    assert loaded is not None and loaded.draft == "half-written question about ünïcode 🎉"


def test_deleted_conversation_is_hidden_then_restored(repo: ConversationRepository) -> None:
    conversation = repo.create("Secret plans")
    repo.add_turn(_completed(conversation.id, None, "hide the zeppelin", "ok"))
    assert repo.delete(conversation.id)
    assert repo.list() == []
    assert repo.get(conversation.id) is None
    assert repo.get(conversation.id, include_deleted=True) is not None
    assert repo.search("zeppelin") == [] and repo.search("secret") == []
    assert repo.restore(conversation.id)
    assert [c.id for c in repo.list()] == [conversation.id]
    assert [h.conversation_id for h in repo.search("zeppelin")] == [conversation.id]
    assert len(repo.turns(conversation.id)) == 1


def test_purge_erases_only_deleted_conversations_and_their_turns(repo: ConversationRepository, db: Database) -> None:
    kept = repo.create("kept")
    gone = repo.create("gone")
    repo.add_turn(_completed(gone.id, None, "walrus facts", "tusks"))
    repo.add_turn(_completed(kept.id, None, "walrus jokes", "none"))
    repo.delete(gone.id)
    assert repo.purge_deleted(older_than=time.time() - 3600) == 0  # too recent
    assert repo.purge_deleted() == 1
    assert repo.get(gone.id, include_deleted=True) is None
    assert repo.turns(gone.id) == []
    assert [h.conversation_id for h in repo.search("walrus")] == [kept.id]
    db.execute("INSERT INTO turn_fts(turn_fts, rank) VALUES ('integrity-check', 1)")


def test_turns_round_trip_every_field(db: Database) -> None:
    repo = ConversationRepository(db)
    conversation = repo.create()
    image = BlobPart("image", "image/png", "a" * 64, "cat.png", 1234, None)
    turn = Turn.new(conversation.id, None, [TextPart("what is this?"), image], model="m2")
    turn.answer = [TextPart("A cat. Here is another:"), BlobPart("image", "image/png", "b" * 64)]
    turn.thoughts = "**Looking** at the picture"
    turn.interaction_id = "v1_abc"
    turn.previous_interaction_id = "v1_prev"
    turn.status = TurnStatus.COMPLETED
    turn.usage = {"total_tokens": 42, "input_tokens_by_modality": [{"modality": "image"}]}
    turn.steps = [
        {"type": "thought", "signature": "sig=="},
        {"type": "model_output", "content": [{"type": "text", "text": "A cat."}]},
    ]
    turn.note = "keep"
    turn.error = None
    repo.add_turn(turn)
    repo = _reopen(db)
    assert repo.turns(conversation.id) == [turn]
    assert repo.get_turn(turn.id) == turn
    assert repo.referenced_blobs() == {"a" * 64, "b" * 64}


def test_add_turn_moves_the_current_leaf_unless_told_not_to(repo: ConversationRepository) -> None:
    conversation = repo.create()
    first = _completed(conversation.id, None, "one", "1")
    repo.add_turn(first)
    assert repo.get(conversation.id).current_leaf_turn_id == first.id  # type: ignore[union-attr]
    side = _completed(conversation.id, None, "one again", "1'")
    repo.add_turn(side, make_current=False)
    assert repo.get(conversation.id).current_leaf_turn_id == first.id  # type: ignore[union-attr]


def test_set_current_leaf_rejects_a_turn_of_another_conversation(
    repo: ConversationRepository,
) -> None:
    mine, theirs = repo.create(), repo.create()
    foreign = _completed(theirs.id, None, "x", "y")
    repo.add_turn(foreign)
    with pytest.raises(ValueError):
        repo.set_current_leaf(mine.id, foreign.id)
    assert repo.set_current_leaf(mine.id, None)


def test_branches_reload_as_paths_and_siblings(db: Database) -> None:
    repo = ConversationRepository(db)
    conversation = repo.create()
    a = _completed(conversation.id, None, "Plan a trip", "Where to?")
    repo.add_turn(a)
    b1 = _completed(conversation.id, a.id, "Paris", "Paris is lovely")
    repo.add_turn(b1)
    b2 = _completed(conversation.id, a.id, "Rome", "Rome is ancient")  # edited prompt
    repo.add_turn(b2)
    c = _completed(conversation.id, b1.id, "Food?", "Croissants")
    repo.add_turn(c, make_current=False)
    repo.set_current_leaf(conversation.id, c.id)

    repo = _reopen(db)
    loaded = repo.get(conversation.id)
    assert loaded is not None
    turns = repo.turns(conversation.id)
    path = branch_path(turns, loaded.current_leaf_turn_id)
    assert [t.prompt_text for t in path] == ["Plan a trip", "Paris", "Food?"]
    assert [t.id for t in siblings(turns, path[1])] == [b1.id, b2.id]
    assert [s["type"] for s in replay_steps(path)] == ["user_input", "model_output"] * 3


def test_stream_progress_is_one_small_update_and_survives_a_crash(db: Database) -> None:
    repo = ConversationRepository(db)
    conversation = repo.create()
    for i in range(50):
        repo.add_turn(_completed(conversation.id, None, f"old {i}", "x" * 1000))
    turn = Turn.new(conversation.id, None, [TextPart("stream please")])
    turn.status = TurnStatus.STREAMING
    repo.add_turn(turn)
    before = db.query_one("SELECT total_changes()")[0]
    repo.append_stream_progress(turn.id, "Partial answer", "thinking…", TurnStatus.STREAMING)
    assert db.query_one("SELECT total_changes()")[0] - before == 1  # one row, no reindex
    repo.append_stream_progress(turn.id, "Partial answer, longer", "thinking more")
    # no close(): reopen from the file as a crashed process would leave it
    other = ConversationRepository(open_database(db.path))
    saved = other.get_turn(turn.id)
    assert saved is not None
    assert saved.answer == [TextPart("Partial answer, longer")]
    assert saved.thoughts == "thinking more"
    assert saved.status is TurnStatus.STREAMING
    assert not repo.append_stream_progress("missing", "x", "", TurnStatus.STREAMING)


def test_stream_text_after_a_full_save_is_appended_after_the_saved_parts(
    repo: ConversationRepository,
) -> None:
    conversation = repo.create()
    turn = Turn.new(conversation.id, None, [TextPart("draw and describe")])
    turn.status = TurnStatus.STREAMING
    repo.add_turn(turn)
    image = BlobPart("image", "image/png", "c" * 64, "generated.png", 10)
    turn.answer = [TextPart("Here it is:"), image]
    repo.update_turn(turn)
    repo.append_stream_progress(turn.id, "Here it is: a red fox.", "", TurnStatus.STREAMING)
    saved = repo.get_turn(turn.id)
    assert saved is not None
    assert saved.answer == [TextPart("Here it is:"), image, TextPart(" a red fox.")]


def test_update_turn_rewrites_only_that_turn(repo: ConversationRepository) -> None:
    conversation = repo.create()
    others = [_completed(conversation.id, None, f"q{i}", f"a{i}") for i in range(30)]
    for other in others:
        repo.add_turn(other)
    turn = Turn.new(conversation.id, None, [TextPart("final?")])
    repo.add_turn(turn)
    turn.answer = [TextPart("Yes, final.")]
    turn.status = TurnStatus.COMPLETED
    assert repo.update_turn(turn)
    assert repo.get_turn(turn.id).answer == [TextPart("Yes, final.")]  # type: ignore[union-attr]
    assert repo.turns(conversation.id)[:30] == others


def test_interrupted_turns_are_marked_at_start_up(db: Database) -> None:
    repo = ConversationRepository(db)
    conversation = repo.create()
    done = _completed(conversation.id, None, "done", "yes")
    pending = Turn.new(conversation.id, done.id, [TextPart("pending narwhal")])
    streaming = Turn.new(conversation.id, done.id, [TextPart("streaming narwhal")])
    streaming.status = TurnStatus.STREAMING
    for turn in (done, pending, streaming):
        repo.add_turn(turn)
    repo.append_stream_progress(streaming.id, "half an ans", "", TurnStatus.STREAMING)
    assert repo.search("narwhal") == []  # unsettled turns are not indexed yet

    repo = _reopen(db)
    marked = repo.mark_interrupted_streaming_turns()
    assert {t.id for t in marked} == {pending.id, streaming.id}
    assert all(t.status is TurnStatus.INTERRUPTED for t in marked)
    assert repo.mark_interrupted_streaming_turns() == []
    by_id = {t.id: t for t in repo.turns(conversation.id)}
    assert by_id[done.id].status is TurnStatus.COMPLETED
    assert by_id[streaming.id].status is TurnStatus.INTERRUPTED
    assert by_id[streaming.id].answer == [TextPart("half an ans")]
    assert len(repo.search("narwhal")) == 1
