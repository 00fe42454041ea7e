"""Storage faults injected at the SQLite boundary: a connection whose writes fail like a full disk;
and a database file with damaged pages.

Field cases: "a full disk mid-session" and "a read-only or full
data folder at start-up". SQLite raises exactly these errors there; the proxy raises them from the
real connection's place, so everything above the driver runs as it would on a full tmpfs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from desktop.domain.conversation import Conversation, TextPart, Turn, TurnStatus
from desktop.store import ConversationRepository, open_database

#: SQLite's own messages and result codes for the three causes.
FULL = ("database or disk is full", sqlite3.SQLITE_FULL)
READ_ONLY = ("attempt to write a readonly database", sqlite3.SQLITE_READONLY)
IO_ERROR = ("disk I/O error", sqlite3.SQLITE_IOERR)

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN IMMEDIATE", "CREATE", "COMMIT")


def sqlite_error(kind: tuple[str, int]) -> sqlite3.OperationalError:
    """An ``OperationalError`` as SQLite raises it (message, code and code name)."""
    error = sqlite3.OperationalError(kind[0])
    error.sqlite_errorcode = kind[1]  # type: ignore[attr-defined]
    error.sqlite_errorname = {v: k for k, v in vars(sqlite3).items() if k.startswith("SQLITE_")}.get(kind[1], "")  # type: ignore[attr-defined]
    return error


class FailingConnection:
    """Wraps a ``sqlite3.Connection``; while ``fault`` is set, matching writes raise it.

    ``only`` restricts the failure to statements starting with one of these prefixes (e.g.
    ``("UPDATE turns",)`` for a disk that fills up after a turn was inserted).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.fault: tuple[str, int] | None = None
        self.only: tuple[str, ...] | None = None
        self.refused = 0

    def _fails(self, sql: str) -> bool:
        if self.fault is None:
            return False
        head = " ".join(sql.split()).upper()
        if self.only is not None:
            return head.startswith(tuple(p.upper() for p in self.only))
        return head.startswith(_WRITES)

    def execute(self, sql: str, *args: Any) -> Any:
        if self._fails(sql):
            self.refused += 1
            assert self.fault is not None
            raise sqlite_error(self.fault)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        if self._fails(sql):
            self.refused += 1
            assert self.fault is not None
            raise sqlite_error(self.fault)
        return self._conn.executemany(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def inject(db: Any) -> FailingConnection:
    """Put a ``FailingConnection`` between ``db`` (a ``desktop.store.Database``) and SQLite."""
    proxy = FailingConnection(db._conn)
    db._conn = proxy
    return proxy


def fill_database(path: Path, conversations: int = 40, turns: int = 10) -> None:
    """Create ``path`` with ``conversations`` of ``turns`` answered turns each (~1.2 KB a turn), checkpointed."""
    db = open_database(path)
    repo = ConversationRepository(db)
    for i in range(conversations):
        conversation = Conversation.new(title=f"conversation {i}")
        repo.insert(conversation)
        parent = None
        for j in range(turns):
            turn = Turn.new(conversation.id, parent, [TextPart(f"prompt {i}.{j} " + "x" * 400)], model="m")
            turn.answer = [TextPart(f"answer {i}.{j} " + "y" * 800)]
            turn.status = TurnStatus.COMPLETED
            repo.add_turn(turn)
            parent = turn.id
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def damage_pages(path: Path, first_page: int, pages: int) -> bytes:
    """Overwrite ``pages`` pages from ``first_page`` (0-based) with garbage; return the file's bytes."""
    with open(path, "r+b") as file:
        for page in range(first_page, first_page + pages):
            file.seek(page * 4096)
            file.write(bytes((page * 7 + i) % 251 for i in range(4096)))
    return path.read_bytes()
