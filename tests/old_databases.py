"""Database files as an older app version left them, for tests of a migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.store.migrations import MIGRATIONS


def built_before(path: Path, description: str) -> sqlite3.Connection:
    """Create ``path`` as the app before the migration named ``description`` wrote it.

    Only the earlier migrations' DDL runs and ``user_version`` names the last of them. Returns the
    open connection, for the rows of that time; the caller commits and closes it.
    Raises ``StopIteration`` if no migration has that description.
    """
    step = next(m for m in MIGRATIONS if m.description == description)
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS:
        if migration.version >= step.version:
            break
        conn.executescript(migration.sql)
        conn.execute(f"PRAGMA user_version = {migration.version}")
    return conn


def add_answered_turn(conn: sqlite3.Connection, title: str = "Old") -> None:
    """Add conversation ``c1`` (``title``) with turn ``t1``: "hello" answered "Hi there.", completed."""
    conn.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', ?, 1, 2)", (title,))
    conn.execute(
        "INSERT INTO turns (id, conversation_id, prompt_text, answer_text, status, created_at, updated_at)"
        " VALUES ('t1', 'c1', 'hello', 'Hi there.', 'completed', 1, 2)"
    )
