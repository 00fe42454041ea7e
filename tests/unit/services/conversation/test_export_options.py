"""Exports carry the conversation's JSON Schema (structured output) and its tools."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.domain.conversation import ConversationSettings, TextPart, Turn, TurnStatus
from desktop.services.conversation.export import export_conversation
from desktop.store import BlobStore, ConversationRepository, open_database

SCHEMA = {"type": "object", "properties": {"label": {"type": "string", "enum": ["a", "<b>"]}}}


def test_the_schema_and_tools_are_in_both_exports(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    repo = ConversationRepository(db)
    conv = repo.create("JSON")
    settings = ConversationSettings(
        tools=["google_search", "google_maps"], structured_output=True, response_schema=SCHEMA
    )
    repo.update_settings(conv.id, settings)
    turn = Turn.new(conv.id, None, [TextPart("classify")])
    turn.answer, turn.status = [TextPart('{"label": "a"}')], TurnStatus.COMPLETED
    repo.add_turn(turn)
    blobs = BlobStore(tmp_path / "blobs")

    md = export_conversation(repo, blobs, conv.id, tmp_path / "c.md").read_text(encoding="utf-8")
    assert "**Tools:** Google Search, Google Maps" in md
    block = md.split("**Structured output** (on), JSON Schema:\n\n```json\n", 1)[1].split("\n```", 1)[0]
    assert json.loads(block) == SCHEMA
    html = export_conversation(repo, blobs, conv.id, tmp_path / "c.html").read_text(encoding="utf-8")
    assert "Tools: Google Search, Google Maps" in html
    assert "Structured output (on): JSON Schema" in html and "&lt;b&gt;" in html and '"<b>"' not in html
    db.close()
