"""The composer's pending attachments: add, read/upload in the background, cancel, remove.

Widgets call the ``add_*``/``remove``/``cancel``/``retry`` slots and listen to the signals; all
work runs as tasks on the GUI loop whose blocking parts go to I/O threads (reading, hashing,
encoding) or the SDK worker thread (uploading). A failure stays on its own attachment: the
prompt and the other attachments are never touched.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop import errors as app
from desktop.domain.conversation import BlobPart, Part
from desktop.services.attachments.errors import AttachmentError
from desktop.services.attachments.service import (
    Attachment,
    AttachmentService,
    AttachmentState,
    build_input,
    path_from_url,
    prompt_parts,
)

log = logging.getLogger(__name__)


class AttachmentsController(QObject):
    """Owns the attachments of one composer (QtCore only).

    Signals:
        added: A new attachment (``Attachment``) was added; its chip should appear.
        changed: An attachment's state, progress or error changed (``Attachment``).
        removed: The attachment with this id was removed.
        rejected: Something could not even become an attachment (e.g. a web link): a message for the composer.
        busy_changed: Whether any attachment is still being read, uploaded or processed (``bool``).
    """

    added = Signal(object)
    changed = Signal(object)
    removed = Signal(str)
    rejected = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, service: AttachmentService, runner: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._runner = runner  # a TaskRunner (spawn); None: tasks are kept here
        self._items: dict[str, Attachment] = {}
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._busy = False
        # The conversation whose draft these attachments belong to ("" before one is open).
        self.owner = ""
        # Attachments of the other conversations' drafts (their work goes on in the background).
        self._drafts: dict[str, dict[str, Attachment]] = {}
        # ``(conversation id, ready parts)``: keep a draft's attachments across restarts.
        self.save_draft: Callable[[str, list[BlobPart]], Awaitable[Any]] | None = None
        # ``conversation id -> parts`` saved by ``save_draft`` (read when a draft is first shown).
        self.load_draft: Callable[[str], Awaitable[list[BlobPart]]] | None = None
        # Where the local copy of a stored part is (``BlobStore.path``), to attach it again.
        self.blob_path: Callable[[str], Path] | None = None
        self._saved: dict[str, list[tuple[str, str]]] = {}
        self._save_lock = asyncio.Lock()

    # -- queries ----------------------------------------------------------------------------------
    @property
    def attachments(self) -> list[Attachment]:
        """The attachments in the order they were added."""
        return list(self._items.values())

    def get(self, attachment_id: str) -> Attachment | None:
        """The attachment with this id, if still there."""
        return self._items.get(attachment_id)

    @property
    def can_send(self) -> bool:
        """True when every attachment is ready (a prompt may then be sent)."""
        return all(a.ready for a in self._items.values())

    def blocking_message(self) -> str:
        """Why the prompt cannot be sent yet ("" when it can)."""
        for att in self._items.values():
            if not att.ready:
                try:
                    build_input("", [att])
                except AttachmentError as exc:
                    return exc.message
        return ""

    def send_blocker(self) -> str:
        """Why the prompt cannot be sent yet, for the composer's send gate ("" when it can)."""
        return "" if self.can_send else self.blocking_message()

    def parts(self) -> list[Part]:
        """Blob parts of the ready attachments (a ``Composer`` part provider)."""
        return [a.to_part() for a in self._items.values() if a.ready]

    def prompt_parts(self, prompt: str) -> list[Part]:
        """Text plus every attachment; raises ``NotReadyError`` if one is not ready."""
        return prompt_parts(prompt, self.attachments)

    def build_input(self, prompt: str) -> str | list[dict[str, Any]]:
        """The ``TurnRequest.input`` for ``prompt`` with the attachments (see ``build_input``)."""
        return build_input(prompt, self.attachments)

    def block_for(self, part: BlobPart) -> dict[str, Any] | None:
        """The prepared block of a pending attachment with this content (no re-read, no re-encode)."""
        for att in self._items.values():
            if att.sha256 == part.sha256 and att.ready and att.block is not None:
                return dict(att.block)
        return None

    # -- drafts -----------------------------------------------------------------------------------
    def switch_to(self, conversation_id: str) -> None:
        """Another conversation is open: its draft's attachments replace the shown ones.

        The shown ones stay with their conversation (uploads and reading go on), so coming back
        shows them again; a draft seen for the first time since start-up gets its saved ones.
        """
        conversation_id = conversation_id or ""
        if conversation_id == self.owner:
            return
        if self._items:
            self._drafts[self.owner] = self._items
        for attachment_id in list(self._items):
            self.removed.emit(attachment_id)
        self._items = {}
        self.owner = conversation_id
        restored = self._drafts.pop(conversation_id, None)
        if restored is not None:
            self._items = restored
            for att in restored.values():
                self.added.emit(att)
        elif self.load_draft is not None and conversation_id:
            self._spawn_draft_load(conversation_id)
        self._update_busy()

    def has_draft(self, conversation_id: str) -> bool:
        """Whether a conversation's draft holds attachments (so leaving it must not discard it)."""
        items = self._items if conversation_id == self.owner else self._drafts.get(conversation_id, {})
        return bool(items)

    def _spawn_draft_load(self, conversation_id: str) -> None:
        coro = self._load_draft(conversation_id)
        if self._runner is not None:
            self._runner.spawn(coro, name="draft-attachments")
        else:
            asyncio.get_event_loop().create_task(coro)

    async def _load_draft(self, conversation_id: str) -> None:
        assert self.load_draft is not None
        try:
            parts = await self.load_draft(conversation_id)
        except Exception:
            log.warning("could not read the draft attachments of %s", conversation_id, exc_info=True)
            return
        if self.owner != conversation_id or self.blob_path is None:
            return
        known = {a.sha256 for a in self._items.values()}
        for part in parts:
            path = self.blob_path(part.sha256) if part.sha256 else None
            if part.sha256 in known or path is None or not path.is_file():
                continue
            self.add_file(path, part.name or "file")

    def _save_soon(self) -> None:
        """Keep the open draft's ready attachments (written in order, only when they changed)."""
        if self.save_draft is None or not self.owner:
            return
        coro = self._save_draft(self.owner)
        if self._runner is not None:
            self._runner.spawn(coro, name="save-draft-attachments")
        else:
            asyncio.get_event_loop().create_task(coro)

    async def _save_draft(self, owner: str) -> None:
        assert self.save_draft is not None
        async with self._save_lock:  # saves of one draft must not overtake each other
            items = self._items if owner == self.owner else self._drafts.get(owner, {})
            parts = [a.to_part() for a in items.values() if a.ready and a.sha256]
            key = [(p.sha256, p.name or "") for p in parts]
            if self._saved.get(owner) == key:
                return
            try:
                await self.save_draft(owner, parts)
            except Exception:
                log.warning("could not save the draft attachments of %s", owner, exc_info=True)
                return
            self._saved[owner] = key

    # -- slots ------------------------------------------------------------------------------------
    def add_paths(self, paths: Iterable[Path]) -> list[Attachment]:
        """Attach files (from a drop, a paste or the file dialog)."""
        return [self._add(Attachment.from_path(Path(p))) for p in paths]

    def add_file(self, path: Path, name: str) -> Attachment:
        """Attach a file under another name (e.g. a generated image from the blob store: "Edit this image")."""
        att = Attachment.from_path(Path(path))
        att.name = name
        return self._add(att)

    def add_urls(self, urls: Iterable[str]) -> list[Attachment]:
        """Attach ``file:`` URLs; any other link is rejected with a message."""
        paths: list[Path] = []
        for url in urls:
            try:
                paths.append(path_from_url(url))
            except AttachmentError as exc:
                self.rejected.emit(exc.message)
        return self.add_paths(paths)

    def add_bytes(self, data: bytes, name: str) -> Attachment:
        """Attach in-memory content (a pasted image, or a generated image to edit)."""
        return self._add(Attachment.from_bytes(data, name))

    def remove(self, attachment_id: str) -> None:
        """Drop an attachment, stopping whatever it was doing."""
        self._stop(attachment_id)
        if self._items.pop(attachment_id, None) is not None:
            self.removed.emit(attachment_id)
        self._update_busy()
        self._save_soon()

    def cancel(self, attachment_id: str) -> None:
        """Stop an upload; the chip stays (cancelled) so the user can retry or remove it."""
        att = self._items.get(attachment_id)
        if att is None or not att.busy:
            return
        self._stop(attachment_id)
        att.state = AttachmentState.CANCELLED
        att.block = None
        self.changed.emit(att)
        self._update_busy()

    def retry(self, attachment_id: str) -> None:
        """Try a failed or cancelled attachment again."""
        att = self._items.get(attachment_id)
        if att is None or att.busy or att.ready:
            return
        att.error = None
        att.state = AttachmentState.READING
        self.changed.emit(att)
        self._start(att)

    def set_inline_limit(self, limit_bytes: int) -> None:
        """A new inline size limit (bytes) for the whole request; it applies to the next send.

        Files added from now on are read against it; ready inline files that no longer fit are
        moved to the Files API now (largest first), so the prompt waits for their upload.
        """
        self.service.inline_limit_bytes = limit_bytes
        for moved in self.service.plan_uploads(self.attachments):
            self.changed.emit(moved)
            self._stop(moved.id)
            self._spawn(moved.id, self._upload(moved))
        self._update_busy()

    def clear(self) -> None:
        """Forget every attachment (after the prompt was sent)."""
        for attachment_id in list(self._items):
            self.remove(attachment_id)

    # -- work -------------------------------------------------------------------------------------
    def _add(self, att: Attachment) -> Attachment:
        self._items[att.id] = att
        self.added.emit(att)
        self._start(att)
        return att

    def _start(self, att: Attachment) -> None:
        self._spawn(att.id, self._prepare(att))
        self._update_busy()

    def _spawn(self, attachment_id: str, coro: Coroutine[Any, Any, None]) -> None:
        if self._runner is not None:
            task = self._runner.spawn(coro, name=f"attachment-{attachment_id[:8]}")
        else:
            task = asyncio.get_event_loop().create_task(coro)
        self._tasks[attachment_id] = task
        task.add_done_callback(lambda t, i=attachment_id: self._task_done(i, t))

    def _task_done(self, attachment_id: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(attachment_id) is task:
            del self._tasks[attachment_id]
        self._update_busy()
        if attachment_id in self._items:
            self._save_soon()

    def _stop(self, attachment_id: str) -> None:
        task = self._tasks.pop(attachment_id, None)
        if task is not None and not task.done():
            task.cancel()

    async def _prepare(self, att: Attachment) -> None:
        try:
            if att.sha256 is None or att.file_type is None or att.state is AttachmentState.READING:
                await self.service.inspect(att)
                self.changed.emit(att)
            for moved in self.service.plan_uploads(self.attachments):
                if moved is not att:
                    self.changed.emit(moved)
                    self._stop(moved.id)
                    self._spawn(moved.id, self._upload(moved))
            if att.state is AttachmentState.UPLOADING:
                await self._upload(att)
        except asyncio.CancelledError:
            raise
        except app.AppError as exc:
            self._failed(att, exc)
        except Exception as exc:  # a bug must not take the composer down
            log.exception("preparing %s failed", att.name)
            self._failed(att, app.AppError("Unexpected error: " + type(exc).__name__, detail=str(exc)))

    async def _upload(self, att: Attachment) -> None:
        try:
            self.changed.emit(att)
            await self.service.upload(att, self.changed.emit)
            self.changed.emit(att)
        except asyncio.CancelledError:
            raise
        except app.AppError as exc:
            self._failed(att, exc)

    def _failed(self, att: Attachment, error: app.AppError) -> None:
        if att.id not in self._items and not any(att.id in d for d in self._drafts.values()):
            return
        att.fail(error)
        att.block = None
        self.changed.emit(att)

    def _update_busy(self) -> None:
        busy = any(a.busy for a in self._items.values())
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
