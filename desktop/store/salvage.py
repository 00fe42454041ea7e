"""Salvaging a damaged database: copy every row that can still be read into a fresh database.

SQLite's ``.recover`` lives in the ``sqlite3`` shell, not in Python's module, so this does the
same job row by row: each table is read in rowid order; where a damaged page stops the scan, the
rest of the table is read one rowid at a time (a lookup walks from the root, so only the rows on
an unreadable page are lost) and the scan resumes after it. Rows go into the new database through
its normal schema (full-text indexes are rebuilt by its triggers); a row the new schema refuses,
such as a turn whose conversation was lost, is skipped.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Tables copied first, in this order (parents before children); any other table follows.
TABLE_ORDER = ("conversations", "turns", "research_tasks", "research_timeline", "uploads")
# When the highest rowid cannot be read, rowids are probed this far past the last one read.
PROBE_SPAN = 200_000
# After this many probes in a row with nothing found, the table is taken to end there.
PROBE_GIVE_UP = 20_000
# The title of a conversation rebuilt for turns whose own conversation row was unreadable.
REBUILT_TITLE = "Recovered conversation"


@dataclass
class TableSalvage:
    """What became of one table: rows copied, and how many there were (None when unknown)."""

    name: str
    recovered: int = 0
    found: int | None = None
    # Rows made up to keep rows that need them (a conversation for turns whose own was lost).
    rebuilt: int = 0


@dataclass
class SalvageReport:
    """Per-table counts of a salvage (tables in copy order)."""

    tables: list[TableSalvage] = field(default_factory=list)

    def table(self, name: str) -> TableSalvage:
        """The counts for ``name`` (zeros if the table was not there)."""
        return next((t for t in self.tables if t.name == name), TableSalvage(name))

    def recovered(self, name: str) -> int:
        """Rows of ``name`` copied into the new database."""
        return self.table(name).recovered

    def found(self, name: str) -> str:
        """How many rows ``name`` had, as text ("?" when the damaged file does not say)."""
        found = self.table(name).found
        return "?" if found is None else str(max(found, self.recovered(name)))

    @property
    def any_recovered(self) -> bool:
        """Whether anything at all was copied."""
        return any(t.recovered for t in self.tables)


def salvage_into(damaged: Path, target: sqlite3.Connection) -> SalvageReport:
    """Copy what can be read from the database file ``damaged`` into the open ``target`` connection.

    ``damaged`` is never written (a copy is opened when it has a WAL to replay). Never raises for
    damage: a table or row that cannot be read is counted as lost. ``target`` must hold the app's
    current schema; the rows are committed in one transaction.
    """
    report = SalvageReport()
    with _open_damaged(damaged) as source:
        if source is None:
            return report
        names = _tables(target)
        try:
            present = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            log.warning("the damaged database's schema cannot be read: nothing to salvage")
            return report
        target.execute("BEGIN IMMEDIATE")
        try:
            for name in names:
                if name in present:
                    report.tables.append(_copy_table(source, target, name, report))
        except BaseException:
            target.execute("ROLLBACK")
            raise
        target.execute("COMMIT")
    for table in report.tables:
        log.info("salvaged %d of %s rows of %s", table.recovered, table.found, table.name)
    return report


@contextlib.contextmanager
def _open_damaged(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to the damaged file (a temporary copy if a WAL must be replayed)."""
    scratch: tempfile.TemporaryDirectory[str] | None = None
    conn: sqlite3.Connection | None = None
    try:
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            scratch = tempfile.TemporaryDirectory(prefix="gemini-desktop-salvage-")
            copy = Path(scratch.name) / "damaged.sqlite3"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            conn = sqlite3.connect(copy)
        else:
            conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
        yield conn
    except (sqlite3.Error, OSError):
        log.warning("cannot open the damaged database %s for salvage", path, exc_info=True)
        if conn is None:
            yield None
    finally:
        if conn is not None:
            conn.close()
        if scratch is not None:
            scratch.cleanup()


def _tables(target: sqlite3.Connection) -> list[str]:
    """The new database's ordinary tables, parents first (no full-text or internal tables)."""
    rows = target.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    names = [r[0] for r in rows if "VIRTUAL TABLE" not in (r[1] or "").upper() and not _is_fts_shadow(r[0], rows)]
    return sorted(names, key=lambda n: (TABLE_ORDER.index(n) if n in TABLE_ORDER else len(TABLE_ORDER), n))


def _is_fts_shadow(name: str, rows: list[Any]) -> bool:
    virtual = [r[0] for r in rows if "VIRTUAL TABLE" in (r[1] or "").upper()]
    return any(name.startswith(v + "_") for v in virtual)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _count(source: sqlite3.Connection, table: str) -> int | None:
    """How many rows the damaged table had: from the table, else from any of its indexes."""
    attempts = [f'SELECT count(*) FROM "{table}"']
    with contextlib.suppress(sqlite3.DatabaseError):
        for (index,) in source.execute(f'SELECT name FROM pragma_index_list("{table}") WHERE partial = 0'):
            attempts.append(f'SELECT count(*) FROM "{table}" INDEXED BY "{index}"')
    # Rowids only grow (rows are rarely deleted), so the highest one is the next best estimate.
    attempts.append(f'SELECT max(rowid) FROM "{table}"')
    for sql in attempts:
        with contextlib.suppress(sqlite3.DatabaseError):
            return int(source.execute(sql).fetchone()[0] or 0)
    return None


def _rebuild_conversation(target: sqlite3.Connection, columns: list[str], row: Any, report: SalvageReport) -> bool:
    """Make up the conversation of a turn whose own conversation row was unreadable; True if made."""
    values = dict(zip(columns, tuple(row[1:]), strict=False))
    conversation_id = values.get("conversation_id")
    if not conversation_id:
        return False
    when = values.get("created_at") or 0.0
    try:
        target.execute(
            "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (conversation_id, REBUILT_TITLE, when, values.get("updated_at") or when),
        )
    except sqlite3.DatabaseError:
        return False
    report.table("conversations").rebuilt += 1
    return True


def _copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str, report: SalvageReport | None = None
) -> TableSalvage:
    result = TableSalvage(table, found=_count(source, table))
    try:
        wanted = set(_columns(target, table))
        columns = [c for c in _columns(source, table) if c in wanted]
    except sqlite3.DatabaseError:
        return result
    if not columns:
        return result
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    scan = f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid'
    lookup = f'SELECT rowid, {names} FROM "{table}" WHERE rowid = ?'

    def keep(row: Any) -> None:
        try:
            if target.execute(insert, tuple(row[1:])).rowcount > 0:
                result.recovered += 1
        except sqlite3.IntegrityError:
            # A turn whose conversation row was on a damaged page: keep the turn in a rebuilt one.
            if table == "turns" and report is not None and _rebuild_conversation(target, columns, row, report):
                keep(row)
        except sqlite3.DatabaseError:
            pass

    last = -(2**63)
    highest = _highest_rowid(source, table)
    while True:
        try:
            for row in source.execute(scan, (last,)):
                last = row[0]
                keep(row)
            return result  # the scan reached the end
        except sqlite3.DatabaseError:
            pass
        # A damaged page: probe one rowid at a time until a scan can go on past it.
        resumed = False
        end = highest if highest is not None else max(last, 0) + PROBE_SPAN
        misses = 0
        rowid = max(last, 0) + 1
        while rowid <= end and misses < PROBE_GIVE_UP:
            try:
                row = source.execute(lookup, (rowid,)).fetchone()
            except sqlite3.DatabaseError:
                row, misses = None, 0  # unreadable, but rows exist around here
            else:
                misses = 0 if row is not None else misses + 1
            if row is not None:
                keep(row)
                last = rowid
                resumed = True
                break
            rowid += 1
        if not resumed:
            return result


def _highest_rowid(source: sqlite3.Connection, table: str) -> int | None:
    try:
        value = source.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    return int(value) if value is not None else None
