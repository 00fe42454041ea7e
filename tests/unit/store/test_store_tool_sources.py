"""Migration 5 (tool sources): turns stored before it keep their steps and become findable by source title."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.domain.steps import ToolBlock, cite
from desktop.store import ConversationRepository, open_database
from desktop.store.migrations import MIGRATIONS

STEPS = [
    {"type": "google_search_call", "id": "gs_1", "arguments": {"queries": ["euro 2024 winner"]}},
    {"type": "google_search_result", "call_id": "gs_1", "result": [{"search_suggestions": "<div>x</div>"}]},
    {
        "type": "model_output",
        "content": [
            {
                "type": "text",
                "text": "Spain won Euro 2024.",
                "annotations": [
                    {
                        "type": "url_citation",
                        "url": "https://uefa.com/e",
                        "title": "Uefa Final Report",
                        "start_index": 0,
                        "end_index": 20,
                    },
                    {
                        "type": "file_citation",
                        "file_name": "notes-kickoff.pdf",
                        "page_number": 2,
                        "start_index": 0,
                        "end_index": 20,
                    },
                ],
            }
        ],
    },
]


def _build_v4(path: Path) -> None:
    """A file as the app before tool steps wrote it, with one answered turn holding steps_json."""
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:4]:
        conn.executescript(step.sql)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'Football', 1, 2)")
    conn.execute(
        "INSERT INTO turns (id, conversation_id, prompt_json, prompt_text, answer_text, status, steps_json,"
        " created_at, updated_at) VALUES ('t1', 'c1', ?, 'who won?', 'Spain won Euro 2024.', 'completed', ?, 1, 2)",
        (json.dumps([{"part": "text", "text": "who won?"}]), json.dumps(STEPS)),
    )
    conn.execute(
        "INSERT INTO turns (id, conversation_id, prompt_json, prompt_text, answer_text, status, steps_json,"
        " created_at, updated_at) VALUES ('t2', 'c1', '[]', 'x', 'y', 'completed', 'not json', 3, 4)"
    )
    conn.commit()
    conn.close()


def test_an_old_turn_keeps_its_steps_and_its_sources_become_searchable(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    _build_v4(path)
    db = open_database(path)
    repo = ConversationRepository(db)
    assert [h.conversation_id for h in repo.search("uefa final")] == ["c1"]
    assert [h.conversation_id for h in repo.search("kickoff")] == ["c1"]
    turn = repo.get_turn("t1")
    assert turn is not None
    blocks = turn.blocks
    assert [b.tool for b in blocks if isinstance(b, ToolBlock)] == ["google_search"]
    assert [s.label for s in cite(blocks).sources] == ["Uefa Final Report", "notes-kickoff.pdf"]
    db.close()


def test_new_turns_index_their_sources_once_settled(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.sqlite3")
    repo = ConversationRepository(db)
    conv = repo.create("Chat")
    turn = Turn.new(conv.id, None, [TextPart("who won?")])
    turn.status = TurnStatus.STREAMING
    turn.answer = [TextPart("Spain won Euro 2024.")]
    turn.steps = STEPS
    repo.add_turn(turn)
    assert repo.search("uefa") == []  # not indexed while streaming
    turn.status = TurnStatus.COMPLETED
    repo.update_turn(turn)
    assert [h.conversation_id for h in repo.search("uefa")] == [conv.id]
    db.close()
