"""Migration 5: each turn keeps the JSON Schema its answer was asked to follow."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.store import ConversationRepository, open_database
from desktop.store.migrations import LATEST_VERSION, MIGRATIONS

SCHEMA = {"type": "object", "properties": {"label": {"type": "string"}}}


def _build_file(path: Path, up_to: int) -> None:
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:up_to]:
        conn.executescript(step.sql)
    conn.execute(f"PRAGMA user_version = {up_to}")
    conn.execute(
        "INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'Before JSON mode', 1, 2)"
    )
    conn.execute(
        "INSERT INTO turns (id, conversation_id, prompt_text, answer_text, status, created_at, updated_at)"
        " VALUES ('t1', 'c1', 'hello', 'Hi there.', 'completed', 1, 2)"
    )
    conn.commit()
    conn.close()


def test_a_v4_file_migrates_and_turns_keep_their_output_schema(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    step = next(m for m in MIGRATIONS if m.description == "structured output schema per turn")
    _build_file(path, step.version - 1)
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
