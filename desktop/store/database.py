"""Opening the SQLite database: integrity check, corruption recovery, backups, migrations.

One connection per process, shared by the repositories and guarded by a re-entrant lock,
so every public store method may be called from any thread (the app uses
``asyncio.to_thread``). WAL mode lets reads proceed while a write commits, and
``synchronous=NORMAL`` in WAL mode cannot corrupt the file on a crash; at worst the last
commits before a power loss are lost.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    MigrationError,
    StoreError,
    StoreWriteError,
    write_error_cause,
)
from desktop.store.migrations import LATEST_VERSION, MIGRATIONS, Migration
from desktop.store.salvage import salvage_into

log = logging.getLogger(__name__)

Row = sqlite3.Row
Params = Sequence[Any] | Mapping[str, Any]

# SQLite result codes that mean "the file itself is bad", as opposed to locked/readonly/IO.
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_MAGIC = b"SQLite format 3\x00"
# Below this much free space in the data folder, start-up says the disk is full.
MIN_FREE_BYTES = 256 * 1024


class Database:
    """A thread-safe wrapper around the app's single SQLite connection."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._conn = connection
        self._lock = threading.RLock()
        self._depth = 0
        self.path = path

    @property
    def schema_version(self) -> int:
        """The ``PRAGMA user_version`` of the open file."""
        row = self.query_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement and return the number of rows it changed."""
        with self._lock, _translated(self.path):
            return self._conn.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> int:
        """Run one statement for each parameter row; return the rows changed."""
        with self._lock, _translated(self.path):
            return self._conn.executemany(sql, rows).rowcount

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a query and return all rows (columns by name or index)."""
        with self._lock, _translated(self.path):
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> Row | None:
        """Run a query and return its first row, or ``None``."""
        with self._lock, _translated(self.path):
            row: Row | None = self._conn.execute(sql, params).fetchone()
            return row

    @contextmanager
    def locked(self) -> Iterator[Database]:
        """Hold the lock so several reads see no write from another thread in between."""
        with self._lock:
            yield self

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Hold the lock and group statements atomically; nested uses join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            with _translated(self.path):
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                if self._conn.in_transaction:
                    try:
                        self._conn.execute("ROLLBACK")
                    except sqlite3.Error:  # the original error is the one to report
                        log.warning("rollback failed", exc_info=True)
                raise
            else:
                with _translated(self.path):
                    self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def close(self) -> None:
        """Let SQLite refresh its statistics, then close the connection."""
        with self._lock:
            try:
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:  # closing must not fail because of housekeeping
                log.debug("PRAGMA optimize failed", exc_info=True)
            self._conn.close()


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Re-raise ``sqlite3`` errors as ``StoreError`` so callers need not import sqlite3.

    A write the folder refused (full, read-only, I/O error) becomes ``StoreWriteError``, which
    names the folder and the cause.
    """
    try:
        yield
    except sqlite3.Error as error:
        raise _refused(path, error, str(error)) from error


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    Raises ``CorruptDatabaseError`` after moving a damaged file aside (call again to start
    afresh), ``DatabaseTooNewError`` for a file from a newer app, ``MigrationError`` if a
    migration failed (the file keeps its old version and a backup was made), and
    ``StoreWriteError`` when the folder refuses to be written (full, read-only, I/O error).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _refused(path, error) from error
    conn = _connect_checked(path)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > LATEST_VERSION:
            raise DatabaseTooNewError(path, version, LATEST_VERSION)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        if version < LATEST_VERSION:
            if _has_schema(conn):
                _backup(conn, path.with_name(f"{path.name}.bak-v{version}"))
            _migrate(conn, version)
        # A read-only folder or a full disk would otherwise pass unnoticed until the first turn.
        _probe_write(path.parent)
    except (sqlite3.Error, OSError) as error:
        conn.close()
        raise _refused(path, error, f"cannot prepare {path}: {error}") from error
    except MigrationError as error:
        conn.close()
        cause = error.__cause__
        if isinstance(cause, sqlite3.Error) and write_error_cause(cause, path.parent) is not None:
            raise _refused(path, cause) from error
        raise
    except BaseException:
        conn.close()
        raise
    return Database(conn, path)


def open_memory_database() -> Database:
    """A fresh, migrated database that lives in memory only ("Continue without saving")."""
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    _migrate(conn, 0)
    return Database(conn, Path(":memory:"))


def _refused(path: Path, error: BaseException, message: str | None = None) -> StoreError:
    """The error to raise for a failure to open or prepare ``path``."""
    cause = write_error_cause(error, path.parent)
    if cause is not None:
        return StoreWriteError(path.parent, cause, str(error))
    return StoreError(message or f"cannot open {path}: {error}")


def _probe_write(folder: Path) -> None:
    """Write (and remove) a small file, so a folder that refuses writes is found at start-up, not mid-turn.

    A file, not a database commit: a commit costs a WAL frame now and a checkpoint at close. A folder
    with almost no free space is refused too: the first turn would fail anyway.
    """
    probe = folder / f".write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, b"\0" * 4096)
        finally:
            os.close(fd)
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise StoreWriteError(folder, "full", f"only {free} bytes free")


def open_or_recover(path: Path) -> tuple[Database, CorruptDatabaseError | None]:
    """Open the database; if it was damaged, start a new one with what could be salvaged.

    The returned error (to show) carries ``salvage``: a ``SalvageReport`` of the rows copied from
    the damaged file, which is kept where ``moved_to`` says.
    """
    try:
        return open_database(path), None
    except CorruptDatabaseError as error:
        log.error("%s", error)
        db = open_database(path)
        try:
            error.salvage = salvage_into(error.moved_to, db._conn)
        except sqlite3.Error:
            log.exception("salvaging %s failed", error.moved_to)
        return db, error


def _connect_checked(path: Path) -> sqlite3.Connection:
    """Connect and verify the file; move it aside and raise if it is damaged."""
    problem = _header_problem(path)
    if problem is not None:
        # Decided before SQLite touches it: on close SQLite deletes a WAL it cannot use,
        # and the WAL must travel with the damaged file untouched.
        raise CorruptDatabaseError(path, _move_aside(path), problem)
    try:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)
    except sqlite3.Error as error:
        raise _refused(path, error) from error
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        problem = None if [tuple(r) for r in rows] == [("ok",)] else str(rows[0][0])
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) not in _CORRUPT_CODES:
            conn.close()
            raise _refused(path, error) from error
        problem = str(error)
    if problem is None:
        return conn
    conn.close()
    raise CorruptDatabaseError(path, _move_aside(path), problem)


def _header_problem(path: Path) -> str | None:
    """Describe why ``path`` cannot be an SQLite file, or return ``None``."""
    try:
        with open(path, "rb") as file:
            header = file.read(len(_MAGIC))
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None  # not ours to judge: a new file, or sqlite3 reports the real error
    if header and header != _MAGIC:
        return "file is not a database"
    return None


def _move_aside(path: Path) -> Path:
    """Rename the file (and its WAL/SHM companions) to ``<name>.corrupt-<timestamp>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            # Keep the companions next to the copy so sqlite3 can still open it for rescue.
            companion.replace(target.with_name(target.name + suffix))
    return target


def _has_schema(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count > 0


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    log.info("backing up %s before migrating", target)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()


def _migrate(conn: sqlite3.Connection, current: int) -> None:
    for step in MIGRATIONS:
        if step.version > current:
            _apply(conn, step)


def _apply(conn: sqlite3.Connection, step: Migration) -> None:
    log.info("migrating database to v%d: %s", step.version, step.description)
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{step.sql}\nPRAGMA user_version = {step.version};\nCOMMIT;")
    except sqlite3.Error as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise MigrationError(f"migration to v{step.version} failed: {error}") from error
