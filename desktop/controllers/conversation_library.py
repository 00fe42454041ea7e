"""The list of conversations: refresh, search (FTS5), rename, delete with undo, export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.controllers.task_runner import TaskRunner
from desktop.services.blocking import run_blocking

log = logging.getLogger(__name__)

# Search hits are wrapped in these markers; the sidebar escapes the snippet, then turns them into bold.
HIGHLIGHT = ("\x02", "\x03")


class ConversationLibrary(QObject):
    """Answers the sidebar: what conversations exist, which match a search; renames and deletes.

    Signals:
        conversations_listed: The conversation list, newest activity first: ``list[ConversationSummary]``.
        search_results: Search results: (query, ``list[SearchHit]``); snippets carry ``HIGHLIGHT`` markers.
        deleted: A conversation was deleted and can be restored: (id, title).
        restored: A conversation was restored: its id.
        exported: An export was written: the file path.
    """

    conversations_listed = Signal(list)
    search_results = Signal(str, list)
    deleted = Signal(str, str)
    restored = Signal(str)
    exported = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.repo: Any = None
        self.blobs: Any = None
        self._query = ""
        self._search_seq = 0

    def attach_storage(self, repo: Any, blobs: Any) -> None:
        """Use this repository (called once the database is open)."""
        self.repo = repo
        self.blobs = blobs

    def on_refresh(self) -> None:
        """Re-read the list (and re-run the active search)."""
        if self.repo is None:
            return
        self._runner.spawn(self.refresh(), name="list-conversations")

    async def refresh(self) -> None:
        """Emit the current list, and the current search's results when one is active."""
        summaries = await run_blocking(self.repo.list)
        self.conversations_listed.emit(summaries)
        if self._query:
            await self.search(self._query)

    def on_search(self, query: str) -> None:
        """The search box changed."""
        self._query = query.strip()
        if self.repo is None:
            return
        if not self._query:
            self.search_results.emit("", [])
            return
        self._runner.spawn(self.search(self._query), name="search-conversations")

    async def search(self, query: str) -> None:
        """Run an FTS search; stale answers (the user kept typing) are dropped."""
        self._search_seq += 1
        seq = self._search_seq
        hits = await run_blocking(self.repo.search, query, highlight=HIGHLIGHT)
        if seq == self._search_seq and query == self._query:
            self.search_results.emit(query, hits)

    def on_rename(self, conversation_id: str, title: str) -> None:
        """Rename a conversation (blank titles are ignored)."""
        title = " ".join(title.split())
        if title:
            self._runner.spawn(self._rename(conversation_id, title), name="rename-conversation")

    async def _rename(self, conversation_id: str, title: str) -> None:
        await run_blocking(self.repo.rename, conversation_id, title)
        await self.refresh()

    def on_delete(self, conversation_id: str) -> None:
        """Soft-delete a conversation; the sidebar offers Undo."""
        self._runner.spawn(self._delete(conversation_id), name="delete-conversation")

    async def _delete(self, conversation_id: str) -> None:
        conversation = await run_blocking(self.repo.get, conversation_id)
        if conversation is None:
            return
        await run_blocking(self.repo.delete, conversation_id)
        self.deleted.emit(conversation_id, conversation.title)
        await self.refresh()

    def on_undo_delete(self, conversation_id: str) -> None:
        """Bring back the conversation deleted last."""
        self._runner.spawn(self._restore(conversation_id), name="restore-conversation")

    async def _restore(self, conversation_id: str) -> None:
        if await run_blocking(self.repo.restore, conversation_id):
            self.restored.emit(conversation_id)
        await self.refresh()

    def on_export(self, conversation_id: str, path: str) -> None:
        """Write the conversation (the branch shown) to ``path``: ``.html`` or Markdown."""
        self._runner.spawn(self.export(conversation_id, Path(path)), name="export-conversation")

    async def export(self, conversation_id: str, path: Path) -> None:
        """Export off the GUI thread and say where it went."""
        from desktop.services.conversation.export import export_conversation

        await run_blocking(export_conversation, self.repo, self.blobs, conversation_id, path)
        self.exported.emit(str(path))
