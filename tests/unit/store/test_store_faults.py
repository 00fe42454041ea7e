"""Storage faults: writes the folder refuses name the folder and the cause; a damaged file is salvaged."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from desktop import errors as app
from desktop.domain.conversation import Conversation
from desktop.store import BlobStore, ConversationRepository, StoreError, open_database, open_or_recover
from desktop.store import database as database_module
from desktop.store.database import open_memory_database
from desktop.store.errors import StoreWriteError, write_error_cause
from tests.storage_faults import FULL, IO_ERROR, READ_ONLY, damage_pages, fill_database, inject, sqlite_error


@pytest.mark.parametrize(
    ("kind", "cause", "words"),
    [(FULL, "full", "the disk is full"), (READ_ONLY, "read-only", "read-only"), (IO_ERROR, "io", "I/O error")],
)
def test_a_refused_write_names_the_folder_and_the_cause(tmp_path: Path, kind, cause, words) -> None:
    db = open_database(tmp_path / "data" / "app.sqlite3")
    repo = ConversationRepository(db)
    proxy = inject(db)
    proxy.fault = kind
    with pytest.raises(StoreWriteError) as caught:
        repo.insert(Conversation.new(title="t"))
    error = caught.value
    # One exception that is both the store's and the app's: it reaches the user as it is.
    assert isinstance(error, StoreError) and isinstance(error, app.StorageError)
    assert error.cause == cause and error.folder == str(tmp_path / "data")
    assert str(tmp_path / "data") in error.message and words in error.message
    proxy.fault = None
    repo.insert(Conversation.new(title="t"))  # space came back: writes work again
    db.close()


def test_other_sqlite_errors_stay_plain_store_errors(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.sqlite3")
    with pytest.raises(StoreError) as caught:
        db.execute("SELECT * FROM no_such_table")
    assert not isinstance(caught.value, app.StorageError)
    db.close()


def test_causes_from_os_errors_and_messages(tmp_path: Path) -> None:
    assert write_error_cause(OSError(errno.ENOSPC, "No space left on device")) == "full"
    assert write_error_cause(OSError(errno.EROFS, "Read-only file system")) == "read-only"
    assert write_error_cause(OSError(errno.ENOENT, "gone")) is None
    assert write_error_cause(sqlite3.OperationalError("database or disk is full")) == "full"
    assert write_error_cause(sqlite_error(READ_ONLY)) == "read-only"


def test_blob_store_names_a_full_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blobs = BlobStore(tmp_path / "blobs")

    def no_space(fd: int) -> None:  # where a full disk shows up for buffered writes
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreWriteError) as caught:
        blobs.put(b"x" * 100_000)
    monkeypatch.undo()
    assert caught.value.cause == "full" and caught.value.folder == str(tmp_path / "blobs")
    assert not list((tmp_path / "blobs" / "tmp").iterdir())  # no half-written file left


def test_opening_on_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(
        database_module.shutil, "disk_usage", lambda p: real(p)._replace(free=database_module.MIN_FREE_BYTES - 1)
    )
    with pytest.raises(StoreWriteError) as caught:
        open_database(tmp_path / "data" / "app.sqlite3")
    assert caught.value.cause == "full" and caught.value.folder == str(tmp_path / "data")


def test_opening_a_read_only_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite_error(READ_ONLY)

    monkeypatch.setattr(database_module.sqlite3, "connect", refuse)
    with pytest.raises(StoreWriteError) as caught:
        open_database(tmp_path / "data" / "app.sqlite3")
    assert caught.value.cause == "read-only"
    assert "Could not save to " + str(tmp_path / "data") in str(caught.value)


def test_the_in_memory_database_has_the_whole_schema() -> None:
    db = open_memory_database()
    repo = ConversationRepository(db)
    conversation = Conversation.new(title="kept in memory")
    repo.insert(conversation)
    assert [c.title for c in repo.list()] == ["kept in memory"]
    db.close()


# -- salvage -----------------------------------------------------------------------------------------


def test_a_damaged_database_is_salvaged_and_the_damaged_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    fill_database(path)
    page_count = path.stat().st_size // 4096
    damaged_bytes = damage_pages(path, page_count // 3, 5)

    db, damaged = open_or_recover(path)

    assert damaged is not None and damaged.moved_to.read_bytes() == damaged_bytes  # kept, untouched
    report = damaged.salvage
    repo = ConversationRepository(db)
    conversations = repo.list()
    turns = [t for c in conversations for t in repo.turns(c.id)]
    # Most of it is back; five damaged pages cost at most a few dozen turns.
    assert report.recovered("turns") == len(turns) and 300 <= len(turns) < 400
    assert report.found("turns") == "400"
    rebuilt = report.table("conversations").rebuilt
    assert report.recovered("conversations") + rebuilt == len(conversations) >= 35
    assert all(t.answer_text.startswith("answer ") for t in turns)
    # The new database is whole: it passes its own check and search finds salvaged text.
    assert db.query_one("PRAGMA integrity_check")[0] == "ok"
    assert repo.search("prompt")
    db.close()


def test_a_file_that_is_not_a_database_salvages_nothing(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    db, damaged = open_or_recover(path)
    assert damaged is not None and damaged.moved_to.exists()
    assert damaged.salvage is not None and not damaged.salvage.any_recovered
    assert ConversationRepository(db).list() == []
    db.close()


def test_turns_whose_conversation_row_was_lost_are_kept_in_a_rebuilt_conversation(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    fill_database(path, conversations=30, turns=10)
    db = open_database(path)
    root = db.query_one("SELECT rootpage FROM sqlite_master WHERE name = 'conversations'")[0]
    db.close()
    damage_pages(path, root - 1, 1)  # the conversations table's only (root) page

    db, damaged = open_or_recover(path)
    repo = ConversationRepository(db)
    rebuilt = [c for c in repo.list() if c.title == "Recovered conversation"]
    assert damaged.salvage.recovered("conversations") == 0
    assert len(rebuilt) == damaged.salvage.table("conversations").rebuilt == 30
    assert sum(len(repo.turns(c.id)) for c in rebuilt) == 300  # every turn kept
    db.close()


def test_a_database_locked_by_another_program_is_named_too(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    db = open_database(path)
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreWriteError) as caught:
            ConversationRepository(db).insert(Conversation.new(title="t"))
        assert caught.value.cause == "locked" and "another program" in caught.value.message
    finally:
        other.rollback()
        other.close()
        db.close()
