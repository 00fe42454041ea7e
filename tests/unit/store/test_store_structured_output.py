"""Migration 5: each turn keeps the JSON Schema its answer was asked to follow."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.store import ConversationRepository, open_database
from desktop.store.migrations import LATEST_VERSION
from tests.old_databases import add_answered_turn, built_before

SCHEMA = {"type": "object", "properties": {"label": {"type": "string"}}}


def test_a_v4_file_migrates_and_turns_keep_their_output_schema(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    conn = built_before(path, "structured output schema per turn")
    add_answered_turn(conn, "Before JSON mode")
    conn.commit()
    conn.close()
    db = open_database(path)
    assert db.schema_version == LATEST_VERSION
    repo = ConversationRepository(db)
    old = repo.turns("c1")[0]
    assert old.answer_text == "Hi there." and old.output_schema is None  # prose, as it was

    json_turn = Turn.new("c1", "t1", [TextPart("classify")])
    json_turn.output_schema, json_turn.status = SCHEMA, TurnStatus.COMPLETED
    repo.add_turn(json_turn)
    free = Turn.new("c1", json_turn.id, [TextPart("any json")])
    free.output_schema = {}
    repo.add_turn(free)
    db.close()

    db = open_database(path)
    by_id = {t.id: t for t in ConversationRepository(db).turns("c1")}
    assert by_id[json_turn.id].output_schema == SCHEMA
    assert by_id[free.id].output_schema == {}
    assert by_id["t1"].output_schema is None
    db.close()
