"""Research images kept locally: stored once per task, read back in order, gone with the task, and
the migration that adds them applies to a database built by the earlier steps."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.research import ResearchTask
from desktop.store import BlobStore, ResearchRepository, open_database
from tests.old_databases import built_before


def test_images_are_kept_once_in_order_and_leave_with_their_task(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    built_before(path, "research images kept locally").close()
    db = open_database(path)
    blobs = BlobStore(tmp_path / "blobs")
    repo = ResearchRepository(db, blobs)
    task = ResearchTask.new("Charts", "deep-research-preview-04-2026")
    repo.add(task)
    assert repo.add_media(task.id, [("image/png", b"one"), ("image/jpeg", b"two")]) == 2
    assert repo.add_media(task.id, [("image/png", b"one")]) == 0  # the final get repeats it
    assert repo.media(task.id) == [("image/png", b"one"), ("image/jpeg", b"two")]
    assert len(repo.referenced_blobs()) == 2 and all(blobs.exists(h) for h in repo.referenced_blobs())
    repo.delete(task.id)
    assert repo.media(task.id) == [] and repo.referenced_blobs() == set()
    db.close()


def test_without_a_blob_store_nothing_is_kept(tmp_path: Path):
    db = open_database(tmp_path / "new.sqlite3")
    repo = ResearchRepository(db)
    task = ResearchTask.new("x", "deep-research-preview-04-2026")
    repo.add(task)
    assert repo.add_media(task.id, [("image/png", b"z")]) == 0 and repo.media(task.id) == []
    db.close()
