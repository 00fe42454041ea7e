"""Migration 6: a turn keeps its function calls (decisions, results) and its interactions."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.domain.function_calls import FunctionCallState
from desktop.store import ConversationRepository, open_database
from desktop.store.migrations import LATEST_VERSION
from tests.old_databases import add_answered_turn, built_before


def test_an_older_file_migrates_and_a_pending_call_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    conn = built_before(path, "function calls and interactions per turn")
    add_answered_turn(conn)
    conn.commit()
    conn.close()
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
