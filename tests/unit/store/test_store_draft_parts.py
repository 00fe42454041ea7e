"""Attachments of a conversation's draft are saved and read back; the migration adding them applies
to a database built by the earlier steps (a conversation saved before keeps its draft text)."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.conversation import BlobPart
from desktop.store import ConversationRepository, open_database
from tests.old_databases import built_before


def test_draft_parts_round_trip_after_migrating_an_older_database(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    raw = built_before(path, "attachments of conversation drafts")
    raw.execute(
        "INSERT INTO conversations (id, title, created_at, updated_at, draft) VALUES ('c1', 'Old', 1, 1, 'half')"
    )
    raw.commit()
    raw.close()
    db = open_database(path)
    repo = ConversationRepository(db)
    assert repo.draft_parts("c1") == [] and repo.get("c1").draft == "half"  # type: ignore[union-attr]
    part = BlobPart(kind="text", mime_type="text/plain", sha256="a" * 64, name="notes.txt", size=3)
    assert repo.save_draft_parts("c1", [part])
    assert repo.draft_parts("c1") == [part]
    assert repo.save_draft_parts("c1", [])
    assert repo.draft_parts("c1") == [] and repo.draft_parts("unknown") == []
    db.close()
