"""Research tasks in SQLite: the task row plus an append-only timeline.

``update`` rewrites the task's own row but never its timeline, which only grows through
``append_timeline``; ``set_last_event_id`` is a single small UPDATE for every stream event.
All methods are synchronous and thread-safe.
"""

from __future__ import annotations

import builtins
import time
from collections.abc import Iterable
from typing import Any

from desktop.domain.research import (
    TERMINAL_STATUSES,
    ResearchTask,
    Source,
    TimelineEntry,
)
from desktop.store.blobs import BlobStore
from desktop.store.codec import dumps, loads
from desktop.store.database import Database, Row
from desktop.store.errors import MissingBlobError

_COLUMNS = (
    "id",
    "interaction_id",
    "title",
    "prompt",
    "agent",
    "options_json",
    "status",
    "created_at",
    "updated_at",
    "finished_at",
    "last_event_id",
    "last_progress_at",
    "report",
    "sources_json",
    "usage_json",
    "error",
)
_INSERT = f"INSERT INTO research_tasks ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})"
_UPDATE = "UPDATE research_tasks SET " + ", ".join(f"{c} = :{c}" for c in _COLUMNS if c != "id") + " WHERE id = :id"
_TERMINAL = tuple(sorted(str(s) for s in TERMINAL_STATUSES))
_NOT_TERMINAL_SQL = f"status NOT IN ({', '.join('?' * len(_TERMINAL))})"


def _values(task: ResearchTask) -> dict[str, Any]:
    return {
        "id": task.id,
        "interaction_id": task.interaction_id,
        "title": task.title,
        "prompt": task.prompt,
        "agent": task.agent,
        "options_json": dumps(task.options),
        "status": str(task.status),
        "created_at": task.created_at,
        "updated_at": task.updated_at,
        "finished_at": task.finished_at,
        "last_event_id": task.last_event_id,
        "last_progress_at": task.last_progress_at,
        "report": task.report,
        "sources_json": dumps([{"url": s.url, "title": s.title} for s in task.sources]),
        "usage_json": None if task.usage is None else dumps(task.usage),
        "error": task.error,
    }


def _task(row: Row, timeline: builtins.list[TimelineEntry]) -> ResearchTask:
    return ResearchTask(
        id=row["id"],
        interaction_id=row["interaction_id"],
        title=row["title"],
        prompt=row["prompt"],
        agent=row["agent"],
        options=loads(row["options_json"], {}),
        status=row["status"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        finished_at=row["finished_at"],
        last_event_id=row["last_event_id"],
        last_progress_at=row["last_progress_at"],
        timeline=timeline,
        report=row["report"],
        sources=[
            Source(str(s.get("url", "")), str(s.get("title", "")))
            for s in loads(row["sources_json"], [])
            if isinstance(s, dict)
        ],
        usage=loads(row["usage_json"], None),
        error=row["error"],
    )


class ResearchRepository:
    """Reads and writes research tasks, and keeps their images (bytes in ``blobs``, when given)."""

    def __init__(self, db: Database, blobs: BlobStore | None = None) -> None:
        self._db = db
        self._blobs = blobs

    def add_media(self, task_id: str, media: Iterable[tuple[str, bytes]]) -> int:
        """Keep images of a task: ``(mime_type, data)`` pairs, each stored once; returns how many were new.

        Does nothing without a blob store. Raises ``OSError`` when the bytes cannot be written.
        """
        if self._blobs is None:
            return 0
        rows = [(task_id, self._blobs.put(data), mime) for mime, data in media]
        with self._db.transaction():
            before = self._db.query_one("SELECT count(*) FROM research_media WHERE task_id = ?", (task_id,))
            self._db.executemany(
                "INSERT OR IGNORE INTO research_media (task_id, sha256, mime_type) VALUES (?, ?, ?)", rows
            )
            after = self._db.query_one("SELECT count(*) FROM research_media WHERE task_id = ?", (task_id,))
        return int(after[0]) - int(before[0]) if before is not None and after is not None else 0

    def media(self, task_id: str) -> builtins.list[tuple[str, bytes]]:
        """A task's kept images as ``(mime_type, data)``, in the order they arrived (missing blobs skipped)."""
        if self._blobs is None:
            return []
        rows = self._db.query("SELECT sha256, mime_type FROM research_media WHERE task_id = ? ORDER BY seq", (task_id,))
        out: builtins.list[tuple[str, bytes]] = []
        for sha, mime in rows:
            try:
                out.append((mime, self._blobs.get(sha)))
            except MissingBlobError:
                continue
        return out

    def referenced_blobs(self) -> set[str]:
        """Hashes of every kept research image (for blob garbage collection)."""
        return {r[0] for r in self._db.query("SELECT DISTINCT sha256 FROM research_media")}

    def add(self, task: ResearchTask) -> None:
        """Save a new task together with any timeline it already has."""
        with self._db.transaction():
            self._db.execute(_INSERT, _values(task))
            self._insert_timeline(task.id, task.timeline)

    def update(self, task: ResearchTask) -> bool:
        """Rewrite the task's row (not its timeline); False if it does not exist."""
        return self._db.execute(_UPDATE, _values(task)) > 0

    def get(self, task_id: str) -> ResearchTask | None:
        """Return the task with its timeline, or ``None``."""
        with self._db.locked():
            rows = self._db.query("SELECT * FROM research_tasks WHERE id = ?", (task_id,))
            return self._with_timelines(rows)[0] if rows else None

    def list(self) -> builtins.list[ResearchTask]:
        """Every task with its timeline, newest first."""
        with self._db.locked():
            rows = self._db.query("SELECT * FROM research_tasks ORDER BY created_at DESC, seq DESC")
            return self._with_timelines(rows)

    def unfinished(self) -> builtins.list[ResearchTask]:
        """Tasks that are not in a terminal state (to resume at start-up), oldest first."""
        with self._db.locked():
            rows = self._db.query(
                f"SELECT * FROM research_tasks WHERE {_NOT_TERMINAL_SQL} ORDER BY seq",
                _TERMINAL,
            )
            return self._with_timelines(rows)

    def delete(self, task_id: str) -> bool:
        """Remove a task and its timeline."""
        return self._db.execute("DELETE FROM research_tasks WHERE id = ?", (task_id,)) > 0

    def append_timeline(self, task_id: str, entries: Iterable[TimelineEntry]) -> None:
        """Append timeline entries and count them as progress (``last_progress_at``)."""
        entries = builtins.list(entries)
        if not entries:
            return
        latest = max(e.at for e in entries)
        with self._db.transaction():
            self._insert_timeline(task_id, entries)
            self._db.execute(
                "UPDATE research_tasks SET updated_at = ?, last_progress_at = max(last_progress_at, ?) WHERE id = ?",
                (time.time(), latest, task_id),
            )

    def set_last_event_id(self, task_id: str, event_id: str, at: float | None = None) -> bool:
        """Remember the last stream event seen (for resuming); also marks progress."""
        return (
            self._db.execute(
                "UPDATE research_tasks SET last_event_id = ?, last_progress_at = ? WHERE id = ?",
                (event_id, time.time() if at is None else at, task_id),
            )
            > 0
        )

    def _insert_timeline(self, task_id: str, entries: Iterable[TimelineEntry]) -> None:
        self._db.executemany(
            "INSERT INTO research_timeline (task_id, kind, text, at) VALUES (?, ?, ?, ?)",
            [(task_id, e.kind, e.text, e.at) for e in entries],
        )

    def _with_timelines(self, rows: builtins.list[Row]) -> builtins.list[ResearchTask]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        by_task: dict[str, builtins.list[TimelineEntry]] = {i: [] for i in ids}
        placeholders = ", ".join("?" * len(ids))
        for task_id, kind, text, at in self._db.query(
            f"SELECT task_id, kind, text, at FROM research_timeline WHERE task_id IN ({placeholders}) ORDER BY seq",
            ids,
        ):
            by_task[task_id].append(TimelineEntry(kind, text, at))
        return [_task(r, by_task[r["id"]]) for r in rows]
