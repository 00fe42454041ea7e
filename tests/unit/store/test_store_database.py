"""Opening the database: fresh files, migrations with backups, corruption, too-new files."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.domain.research import ResearchTask
from desktop.store import (
    LATEST_VERSION,
    ConversationRepository,
    CorruptDatabaseError,
    DatabaseTooNewError,
    MigrationError,
    ResearchRepository,
    StoreError,
    open_database,
    open_or_recover,
)
from desktop.store import database as database_module
from desktop.store.migrations import MIGRATIONS, Migration


def _build_file(path: Path, up_to: int) -> sqlite3.Connection:
    """Create a file exactly as an older app version did: its migrations' DDL only."""
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:up_to]:
        conn.executescript(step.sql)
    conn.execute(f"PRAGMA user_version = {up_to}")
    conn.commit()
    return conn


def test_fresh_file_gets_latest_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "sub" / "app.sqlite3")
    assert db.schema_version == LATEST_VERSION >= 3
    assert db.query_one("PRAGMA journal_mode")[0] == "wal"
    assert db.query_one("PRAGMA foreign_keys")[0] == 1
    assert db.query_one("PRAGMA synchronous")[0] == 1  # NORMAL
    db.close()
    assert not list(tmp_path.glob("sub/*.bak-*"))  # nothing to back up


def test_reopening_a_current_file_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    open_database(path).close()
    open_database(path).close()
    assert not list(tmp_path.glob("*.bak-*"))


def test_v1_file_is_backed_up_and_migrated_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    conn = _build_file(path, 1)
    conn.execute(
        "INSERT INTO conversations (id, title, created_at, updated_at, settings_json)"
        " VALUES ('c1', 'Old chat', 1, 2, '{\"model\": \"gemini-2.5-flash\"}')"
    )
    conn.execute(
        "INSERT INTO turns (id, conversation_id, prompt_json, prompt_text, answer_text,"
        " status, created_at, updated_at) VALUES ('t1', 'c1',"
        ' \'[{"part": "text", "text": "tell me about zebras"}]\','
        " 'tell me about zebras', 'Zebras have stripes.', 'completed', 1, 2)"
    )
    conn.execute(
        "INSERT INTO turns (id, conversation_id, parent_id, prompt_text, answer_text, status,"
        " created_at, updated_at) VALUES ('t2', 'c1', 't1', 'and giraffes', 'Giraff',"
        " 'streaming', 3, 3)"
    )
    conn.commit()
    conn.close()

    db = open_database(path)
    assert db.schema_version == LATEST_VERSION
    backup = tmp_path / "app.sqlite3.bak-v1"
    assert backup.is_file()
    with sqlite3.connect(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT title FROM conversations").fetchall() == [("Old chat",)]

    repo = ConversationRepository(db)
    conversation = repo.get("c1")
    assert conversation is not None
    assert conversation.title == "Old chat"
    assert conversation.draft == ""  # column added by v2
    assert conversation.settings.model == "gemini-2.5-flash"
    turns = repo.turns("c1")
    assert [t.prompt_text for t in turns] == ["tell me about zebras", ""]
    assert turns[0].answer == [TextPart("Zebras have stripes.")]
    # v2 back-filled the search index with settled turns only.
    assert [h.conversation_id for h in repo.search("zebra")] == ["c1"]
    assert repo.search("giraffes") == []
    repo.mark_interrupted_streaming_turns()
    assert [h.conversation_id for h in repo.search("giraffes")] == ["c1"]
    # v3 added research tables.
    ResearchRepository(db).add(ResearchTask.new("q", "agent"))
    db.close()


def test_v2_file_migrates_to_latest_with_its_own_backup(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    _build_file(path, 2).close()
    db = open_database(path)
    assert db.schema_version == LATEST_VERSION
    assert (tmp_path / "app.sqlite3.bak-v2").is_file()
    db.close()


def test_failed_migration_rolls_back_and_keeps_the_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "app.sqlite3"
    db = open_database(path)
    ConversationRepository(db).create("Keep me")
    db.close()
    broken = Migration(LATEST_VERSION + 1, "broken", "CREATE TABLE extra (x);\nTHIS IS NOT SQL;")
    monkeypatch.setattr(database_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(database_module, "LATEST_VERSION", broken.version)
    with pytest.raises(MigrationError):
        open_database(path)
    monkeypatch.undo()
    db = open_database(path)
    assert db.schema_version == LATEST_VERSION
    assert db.query_one("SELECT name FROM sqlite_master WHERE name = 'extra'") is None
    assert [c.title for c in ConversationRepository(db).list()] == ["Keep me"]
    assert (tmp_path / f"app.sqlite3.bak-v{LATEST_VERSION}").is_file()
    db.close()


def test_file_from_a_newer_app_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(path)
    assert info.value.found == 999
    assert path.read_bytes() == before


def test_not_a_database_is_moved_aside_with_its_content(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    garbage = b"this is certainly not an SQLite file\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    moved = info.value.moved_to
    assert moved.name.startswith("app.sqlite3.corrupt-")
    assert moved.read_bytes() == garbage
    assert not path.exists()
    db = open_database(path)  # the caller then starts afresh
    assert ConversationRepository(db).list() == []
    db.close()
    assert moved.read_bytes() == garbage


def test_damaged_pages_are_detected_by_quick_check(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    db = open_database(path)
    repo = ConversationRepository(db)
    for i in range(30):
        conversation = repo.create(f"chat {i}")
        repo.add_turn(Turn.new(conversation.id, None, [TextPart("x" * 3000)]))
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[2 * page : len(data) - page] = b"\xa5" * (len(data) - 3 * page)  # keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    assert info.value.moved_to.read_bytes() == bytes(data)
    assert not path.exists()


def test_corrupt_file_companions_move_with_it(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    path.write_bytes(b"garbage" * 100)
    (tmp_path / "app.sqlite3-wal").write_bytes(b"wal bytes")
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(path)
    moved_wal = info.value.moved_to.with_name(info.value.moved_to.name + "-wal")
    assert moved_wal.read_bytes() == b"wal bytes"
    assert not (tmp_path / "app.sqlite3-wal").exists()


def test_open_or_recover_reports_the_damage_and_returns_a_fresh_db(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    db, damaged = open_or_recover(path)
    assert damaged is not None and damaged.moved_to.exists()
    assert db.schema_version == LATEST_VERSION
    db.close()


def test_an_unopenable_path_is_not_treated_as_corruption(tmp_path: Path) -> None:
    folder = tmp_path / "app.sqlite3"
    folder.mkdir()
    with pytest.raises(StoreError) as info:
        open_database(folder)
    assert not isinstance(info.value, CorruptDatabaseError)
    assert folder.is_dir()
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_repositories_can_be_used_from_many_threads(tmp_path: Path) -> None:
    db = open_database(tmp_path / "app.sqlite3")
    repo = ConversationRepository(db)
    conversation = repo.create()
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(25):
                turn = Turn.new(conversation.id, None, [TextPart(f"thread {n} turn {i}")])
                repo.add_turn(turn)
                repo.append_stream_progress(turn.id, "partial", "", TurnStatus.STREAMING)
                repo.list()
        except BaseException as error:  # noqa: BLE001 - collected and asserted empty on the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(repo.turns(conversation.id)) == 100
    db.close()
