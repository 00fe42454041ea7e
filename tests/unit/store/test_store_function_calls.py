"""Migration 6: a turn keeps its function calls (decisions, results) and its interactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.domain.function_calls import FunctionCallState
from desktop.store import ConversationRepository, open_database
from desktop.store.migrations import LATEST_VERSION, MIGRATIONS


def _build_file(path: Path, up_to: int) -> None:
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:up_to]:
        conn.executescript(step.sql)
    conn.execute(f"PRAGMA user_version = {up_to}")
    conn.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'Old', 1, 2)")
    conn.execute(
        "INSERT INTO turns (id, conversation_id, prompt_text, answer_text, status, created_at, updated_at)"
        " VALUES ('t1', 'c1', 'hello', 'Hi there.', 'completed', 1, 2)"
    )
    conn.commit()
    conn.close()


def test_an_older_file_migrates_and_a_pending_call_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    step = next(m for m in MIGRATIONS if m.description == "function calls and interactions per turn")
    _build_file(path, step.version - 1)
    db = open_database(path)
    assert db.schema_version == LATEST_VERSION
    repo = ConversationRepository(db)
    old = repo.turns("c1")[0]
    assert old.tool_calls == [] and old.interaction_ids == []

    turn = Turn.new("c1", "t1", [TextPart("what time is it?")])
    turn.status = TurnStatus.AWAITING
    turn.interaction_ids = ["v1_a", "v1_b"]
    waiting = FunctionCallState("call_1", "current_time", {"zone": "UTC"}, interaction_id="v1_b", round=2)
    done = FunctionCallState("call_2", "read_file", None, raw_arguments="{bad", decision="deny")
    done.fail("The user denied this call")
    turn.tool_calls = [waiting, done]
    repo.add_turn(turn)
    db.close()

    db = open_database(path)
    back = {t.id: t for t in ConversationRepository(db).turns("c1")}[turn.id]
    assert back.status is TurnStatus.AWAITING
    assert back.interaction_ids == ["v1_a", "v1_b"]
    assert [c.to_dict() for c in back.tool_calls] == [waiting.to_dict(), done.to_dict()]
    assert back.tool_calls[1].result_step() == {
        "type": "function_result",
        "call_id": "call_2",
        "name": "read_file",
        "result": "The user denied this call",
        "is_error": True,
    }
    db.close()
