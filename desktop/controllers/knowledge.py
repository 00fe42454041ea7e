"""Drives the Knowledge dialog and the File Search store choice: list, create and delete stores,
list and delete documents, and add files with upload progress and processing status.

Widgets emit what the user asked for; this controller does the work through the task runner and
the API service (``GeminiService.knowledge``), and reports back with signals. QtCore only.
"""

from __future__ import annotations

import itertools
import logging
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop import errors as app
from desktop.controllers.task_runner import TaskRunner
from desktop.domain.knowledge import KnowledgeStore

log = logging.getLogger(__name__)

# What File Search indexes when the system does not know a file's type.
FALLBACK_MIME = "text/plain"


def mime_type_of(path: Path) -> str:
    """The MIME type to upload ``path`` with (by its name; text for unknown types)."""
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or FALLBACK_MIME


class KnowledgeController(QObject):
    """File Search stores of the signed-in key (one instance per app).

    Signals:
        stores_listed: The stores: ``list[KnowledgeStore]``.
        documents_listed: A store's documents: (store name, ``list[KnowledgeDocument]``).
        choice_ready: The stores to choose from for a conversation's File Search: ``list[KnowledgeStore]``.
        upload_started: A file being added: (upload key, file name, store name).
        upload_progress: Bytes of a file sent so far: (upload key, sent, total).
        upload_state: A file's state changed: (upload key, "uploading" | "processing" | "active" | "failed", message).
        failed: Something failed: the ``AppError``.
    """

    stores_listed = Signal(list)
    documents_listed = Signal(str, list)
    choice_ready = Signal(list)
    upload_started = Signal(str, str, str)
    upload_progress = Signal(str, int, int)
    upload_state = Signal(str, str, str)
    failed = Signal(object)

    def __init__(self, runner: TaskRunner, service: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._keys = itertools.count(1)
        # Seconds between polls of an upload's processing (tests make it short).
        self.poll_s = 2.0

    def _api(self) -> Any:
        service = self._service()
        if service is None:
            raise app.missing_key_error()
        return service.knowledge

    def _spawn(self, coro_fn: Callable[[], Any], name: str) -> None:
        async def run() -> None:
            try:
                await coro_fn()
            except app.AppError as exc:
                self.failed.emit(exc)

        self._runner.spawn(run(), name=name)

    # -- stores ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the stores (``stores_listed``)."""
        self._spawn(self._refresh, "knowledge-list")

    async def _refresh(self) -> list[KnowledgeStore]:
        stores = await self._api().list_stores()
        self.stores_listed.emit(stores)
        return stores  # type: ignore[no-any-return]

    def request_choice(self) -> None:
        """List the stores for a conversation's File Search choice (``choice_ready``)."""

        async def run() -> None:
            self.choice_ready.emit(await self._refresh())

        self._spawn(run, "knowledge-choice")

    def create_store(self, display_name: str) -> None:
        """A new store, then the list again."""

        async def run() -> None:
            await self._api().create_store(display_name.strip())
            await self._refresh()

        self._spawn(run, "knowledge-create")

    def delete_store(self, name: str) -> None:
        """Delete a store with its documents, then the list again."""

        async def run() -> None:
            await self._api().delete_store(name)
            await self._refresh()

        self._spawn(run, "knowledge-delete-store")

    # -- documents -------------------------------------------------------------------------------
    def open_store(self, name: str) -> None:
        """List a store's documents (``documents_listed``)."""
        self._spawn(lambda: self._documents(name), "knowledge-documents")

    async def _documents(self, store: str) -> None:
        self.documents_listed.emit(store, await self._api().list_documents(store))

    def delete_document(self, store: str, name: str) -> None:
        """Delete one document, then the store's documents and the stores again."""

        async def run() -> None:
            await self._api().delete_document(name)
            await self._documents(store)
            await self._refresh()

        self._spawn(run, "knowledge-delete-document")

    def add_files(self, store: str, paths: list[Path]) -> list[str]:
        """Upload ``paths`` into ``store`` one after another; returns their upload keys.

        Each file reports ``upload_started``, ``upload_progress`` while its bytes go, ``upload_state``
        "processing" while the server indexes it, then "active" or "failed" (with the reason).
        A failing file does not stop the others.
        """
        jobs = [(f"u{next(self._keys)}", path) for path in paths if path.is_file()]
        for key, path in jobs:
            self.upload_started.emit(key, path.name, store)
            self.upload_state.emit(key, "uploading", "")

        async def run() -> None:
            for key, path in jobs:
                await self._upload(store, key, path)
            await self._documents(store)
            await self._refresh()

        if jobs:
            self._spawn(run, "knowledge-upload")
        return [key for key, _ in jobs]

    async def _upload(self, store: str, key: str, path: Path) -> None:
        try:
            result = await self._api().upload(
                store,
                path,
                mime_type=mime_type_of(path),
                display_name=path.name,
                progress=lambda sent, total: self.upload_progress.emit(key, sent, total),
                processing=lambda: self.upload_state.emit(key, "processing", ""),
                poll_s=self.poll_s,
            )
        except app.AppError as exc:
            log.info("upload of %s into %s failed: %s", path.name, store, exc.title)
            self.upload_state.emit(key, "failed", exc.message)
            return
        self.upload_state.emit(key, result.state, result.error)
