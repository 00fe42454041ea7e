"""Attachments of a prompt: the model, reading and uploading them, and the ``input`` they make.

Flow for one attachment (driven by ``desktop.controllers.attachments``)::

    READING --inspect()--> READY (inline block)            small files, text files
                      \\--> UPLOADING --upload()--> PROCESSING --> READY (uri block)
    any step --> FAILED (an AppError on the chip) | CANCELLED (the user stopped the upload)

"Small" means the whole request stays under the ``inline_limit_mb`` setting: ``plan_uploads``
moves the largest inline attachments to the Files API until the inline total fits. Uploads are
looked up by content hash first (``UploadRepository``), so a file is uploaded once per 48 h.
Nothing here imports Qt; blocking work goes through ``run_blocking``.
"""

from __future__ import annotations

import codecs
import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote_to_bytes, urlparse

from desktop import errors as app
from desktop.domain.api import UploadedFile
from desktop.domain.conversation import BlobPart, Part, TextPart
from desktop.services.attachments.detect import FileType
from desktop.services.attachments.errors import NotLocalFileError, NotReadyError
from desktop.services.attachments.read import (
    BlobSink,
    Examined,
    encoded_size,
    examine_bytes,
    examine_path,
    human_size,
    media_block,
    text_block,
)
from desktop.services.blocking import run_blocking

log = logging.getLogger(__name__)

MB = 1024 * 1024
_SHOWN_URL_CHARS = 80  # a link quoted in an error message is cut to this length


class AttachmentState(StrEnum):
    """Where an attachment is on its way into a request."""

    READING = "reading"
    UPLOADING = "uploading"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(eq=False)
class Attachment:
    """One file the user attached; mutated only on the loop thread that owns it."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    size: int = 0
    file_type: FileType | None = None
    sha256: str | None = None
    state: AttachmentState = AttachmentState.READING
    sent: int = 0
    error: app.AppError | None = None
    block: dict[str, Any] | None = None
    uploaded: UploadedFile | None = None

    @classmethod
    def from_path(cls, path: Path) -> Attachment:
        """An attachment read from a file on disk.

        ``path`` keeps the name's original bytes (undecodable ones as ``surrogateescape``
        characters, as ``os`` gives them); ``name`` is what is shown and sent, with each such
        byte replaced by U+FFFD.
        """
        return cls(name=readable_name(path.name or str(path)), path=path)

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> Attachment:
        """An attachment from memory (a pasted or generated image)."""
        return cls(name=name, data=data, size=len(data))

    @property
    def source(self) -> Path | bytes:
        """The bytes in memory, else the file on disk; ``ValueError`` if it has neither (a bug)."""
        if self.data is not None:
            return self.data
        if self.path is None:
            raise ValueError(f"attachment {self.id} has neither bytes nor a path")
        return self.path

    @property
    def kind(self) -> str | None:
        """``image``, ``audio``, ``video``, ``document`` or ``text`` once detected."""
        return self.file_type.kind if self.file_type else None

    @property
    def mime_type(self) -> str | None:
        """The MIME type that is sent, once detected."""
        return self.file_type.mime_type if self.file_type else None

    @property
    def ready(self) -> bool:
        """Whether it can be sent now."""
        return self.state is AttachmentState.READY and self.block is not None

    @property
    def busy(self) -> bool:
        """Whether it is still being read, uploaded or processed."""
        return self.state in (AttachmentState.READING, AttachmentState.UPLOADING, AttachmentState.PROCESSING)

    @property
    def inline(self) -> bool:
        """Whether its block carries the bytes (or text) rather than a ``uri``."""
        return self.block is not None and "uri" not in self.block

    @property
    def request_bytes(self) -> int:
        """What it adds to the request body while inline."""
        if self.file_type is not None and self.file_type.kind == "text" and self.block is not None:
            return len(self.block["text"].encode("utf-8"))
        return encoded_size(self.size)

    @property
    def message(self) -> str:
        """A one-line status for the chip."""
        if self.state is AttachmentState.FAILED and self.error is not None:
            return self.error.message
        if self.state is AttachmentState.CANCELLED:
            return "Upload cancelled."
        if self.state is AttachmentState.UPLOADING:
            return f"Uploading… {human_size(self.sent)} of {human_size(self.size)}"
        if self.state is AttachmentState.PROCESSING:
            return "Processing on the server…"
        if self.state is AttachmentState.READING:
            return "Reading…"
        return ""

    def fail(self, error: app.AppError) -> None:
        """Mark failed with ``error`` (shown on the chip)."""
        self.state = AttachmentState.FAILED
        self.error = error

    def to_part(self) -> BlobPart:
        """The stored form of this attachment for the turn (its bytes are in the blob store)."""
        if not self.ready or self.file_type is None or self.sha256 is None:
            raise NotReadyError(f"“{self.name}” is not ready to send.")
        return BlobPart(
            kind=self.file_type.kind,
            mime_type=self.file_type.mime_type,
            sha256=self.sha256,
            name=self.name,
            size=self.size,
            uri=self.uploaded.uri if self.uploaded else None,
        )


def readable_name(name: str) -> str:
    """``name`` with bytes that are not valid in the file system's encoding shown as U+FFFD.

    File names are bytes on Linux; ``os`` turns invalid ones into lone surrogates, which can be
    neither shown, stored in SQLite nor sent as JSON text.
    """
    return os.fsencode(name).decode("utf-8", errors="replace") if _has_surrogates(name) else name


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


class Uploader(Protocol):
    """The Files API part of ``GeminiService``."""

    async def upload_file(
        self,
        path: Path | bytes,
        *,
        mime_type: str,
        display_name: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> UploadedFile: ...
    async def get_file(self, name: str) -> UploadedFile: ...
    async def wait_until_active(self, name: str, *, poll_s: float = 2.0, timeout_s: float = 600.0) -> UploadedFile: ...


class UploadCache(Protocol):
    """``desktop.store.uploads.UploadRepository`` (synchronous; called off the GUI thread)."""

    def remember(self, sha256: str, file: UploadedFile, *, scope: str = "") -> None: ...
    def lookup(self, sha256: str, *, scope: str = "") -> UploadedFile | None: ...
    def forget(self, sha256: str, *, scope: str = "") -> bool: ...


class AttachmentService:
    """Reads, encodes and uploads attachments (no Qt; every blocking step runs off-thread).

    ``uploader`` may be set later (the API service exists only once a key is known);
    ``blobs`` keeps a local copy of every attachment so history shows it after the server
    forgot the upload; ``scope`` separates cached uploads of different keys/endpoints.
    """

    def __init__(
        self,
        uploader: Uploader | None = None,
        cache: UploadCache | None = None,
        blobs: BlobSink | None = None,
        *,
        inline_limit_bytes: int = 15 * MB,
        scope: str = "",
        poll_s: float = 2.0,
        processing_timeout_s: float = 600.0,
    ) -> None:
        self.uploader = uploader
        self.cache = cache
        self.blobs = blobs
        self.inline_limit_bytes = inline_limit_bytes
        self.scope = scope
        self.poll_s = poll_s
        self.processing_timeout_s = processing_timeout_s

    async def inspect(self, att: Attachment) -> None:
        """Read, detect and hash ``att`` off-thread; small files get their inline block.

        Leaves it READY (inline) or UPLOADING (too large: call ``upload``). Raises an
        ``AppError`` (e.g. ``UnsupportedTypeError``) for a file that cannot be attached.
        """
        att.state = AttachmentState.READING
        if att.data is not None:
            found: Examined = await run_blocking(
                examine_bytes, att.data, att.name, inline_limit=self.inline_limit_bytes, blobs=self.blobs
            )
        elif att.path is not None:
            found = await run_blocking(
                examine_path, att.path, att.name, inline_limit=self.inline_limit_bytes, blobs=self.blobs
            )
        else:  # pragma: no cover - constructors always set one
            raise ValueError("an attachment needs a path or data")
        att.file_type, att.size, att.sha256, att.block = found.file_type, found.size, found.sha256, found.block
        att.state = AttachmentState.READY if found.block is not None else AttachmentState.UPLOADING

    def plan_uploads(self, attachments: Sequence[Attachment]) -> list[Attachment]:
        """Inline attachments to move to the Files API so the whole request fits the limit.

        The largest go first; their inline block is dropped (and its memory freed). Text files
        always stay inline. Call after every ``inspect`` that finished.
        """
        inline = [a for a in attachments if a.state is AttachmentState.READY and a.inline]
        total = sum(a.request_bytes for a in inline)
        moved: list[Attachment] = []
        for att in sorted((a for a in inline if a.kind != "text"), key=lambda a: a.size, reverse=True):
            if total <= self.inline_limit_bytes:
                break
            total -= att.request_bytes
            att.block = None
            att.state = AttachmentState.UPLOADING
            moved.append(att)
        return moved

    async def upload(self, att: Attachment, on_progress: Callable[[Attachment], None] | None = None) -> None:
        """Make ``att`` reference a Files API upload (reusing a cached one), then mark it READY.

        ``on_progress(att)`` is called on this loop as bytes go out and when processing starts.
        Cancelling the awaiting task cancels the upload; the caller marks the state.
        """
        if self.uploader is None:
            raise app.missing_key_error()
        assert att.file_type is not None and att.sha256 is not None
        att.state, att.sent = AttachmentState.UPLOADING, 0
        file = await self._cached(att.sha256)
        if file is None:

            def progress(sent: int, total: int) -> None:
                if att.state is AttachmentState.UPLOADING:
                    att.sent = sent
                    if on_progress is not None:
                        on_progress(att)

            file = await self.uploader.upload_file(
                att.source, mime_type=att.file_type.mime_type, display_name=att.name, progress=progress
            )
            if not file.active:
                att.state = AttachmentState.PROCESSING
                if on_progress is not None:
                    on_progress(att)
                file = await self.uploader.wait_until_active(
                    file.name, poll_s=self.poll_s, timeout_s=self.processing_timeout_s
                )
            if self.cache is not None:
                await run_blocking(self.cache.remember, att.sha256, file, scope=self.scope)
        att.sent = att.size
        att.uploaded = file
        att.block = {"type": att.file_type.kind, "uri": file.uri, "mime_type": att.file_type.mime_type}
        att.state = AttachmentState.READY

    async def _cached(self, sha256: str) -> UploadedFile | None:
        """A remembered upload the server still has, else None (stale entries are dropped)."""
        if self.cache is None or self.uploader is None:
            return None
        file = await run_blocking(self.cache.lookup, sha256, scope=self.scope)
        if file is None:
            return None
        try:
            current = await self.uploader.get_file(file.name)
        except (app.NotFoundError, app.PermissionDeniedError, app.InvalidRequestError):
            await run_blocking(self.cache.forget, sha256, scope=self.scope)
            return None
        if current.state == "FAILED":
            await run_blocking(self.cache.forget, sha256, scope=self.scope)
            return None
        if not current.active:
            current = await self.uploader.wait_until_active(
                current.name, poll_s=self.poll_s, timeout_s=self.processing_timeout_s
            )
        log.info("reusing upload %s for content %s", current.name, sha256[:12])
        return current

    async def refresh_upload(self, part: BlobPart, *, force: bool = False) -> str | None:
        """A live Files API ``uri`` for a stored attachment about to be sent again (regenerate,
        edit, stateless replay): its own while the server still has it, else that of a new upload
        of the local copy. None when nothing can be done here (no key, no local copy): the caller
        sends the old ``uri`` and the server says what is wrong.

        ``force``: the server refused the ``uri`` although it looked alive: upload again.
        Raises an ``AppError`` when the new upload fails.
        """
        if self.uploader is None or not part.sha256 or not part.uri:
            return None
        if not force:
            cached = await run_blocking(self.cache.lookup, part.sha256, scope=self.scope) if self.cache else None
            if cached is not None:
                return cached.uri  # still alive by the server's own expiry time (perhaps a newer upload)
            name = file_name_from_uri(part.uri)
            if name is not None:
                try:
                    current = await self.uploader.get_file(name)
                except (app.NotFoundError, app.PermissionDeniedError, app.InvalidRequestError):
                    current = None  # expired: the server answers 403 "... or it may not exist"
                if current is not None and current.active and current.uri == part.uri and _lives(current):
                    if self.cache is not None:
                        await run_blocking(self.cache.remember, part.sha256, current, scope=self.scope)
                    return part.uri
        elif self.cache is not None:
            await run_blocking(self.cache.forget, part.sha256, scope=self.scope)
        local = getattr(self.blobs, "path", None)
        if local is None or not (source := local(part.sha256)).is_file():
            log.warning("upload of %s expired and there is no local copy", part.sha256[:12])
            return None
        log.info("upload of %s expired; uploading the local copy again", part.sha256[:12])
        file = await self.uploader.upload_file(source, mime_type=part.mime_type, display_name=part.name or "file")
        if not file.active:
            file = await self.uploader.wait_until_active(
                file.name, poll_s=self.poll_s, timeout_s=self.processing_timeout_s
            )
        if self.cache is not None:
            await run_blocking(self.cache.remember, part.sha256, file, scope=self.scope)
        return file.uri


# A file this close to its expiry is uploaded again rather than risk it expiring mid-answer.
_EXPIRY_MARGIN_S = 3600.0


def _lives(file: UploadedFile) -> bool:
    return file.expires_at is None or file.expires_at - time.time() > _EXPIRY_MARGIN_S


def file_name_from_uri(uri: str) -> str | None:
    """``files/abc`` for a Files API ``uri`` like ``https://…/v1beta/files/abc``; None for other URLs."""
    _, found, rest = uri.partition("/files/")
    file_id = rest.split("?", 1)[0].split("/", 1)[0]
    return f"files/{file_id}" if found and file_id else None


def path_from_url(url: str) -> Path:
    """The local path of a ``file:`` URL (or a plain path); ``NotLocalFileError`` for web links etc."""
    parsed = urlparse(url)
    if parsed.scheme in ("", "file") and (parsed.netloc in ("", "localhost")):
        # The name's bytes are kept as they are (a Latin-1 name on a UTF-8 system still opens).
        path = os.fsdecode(unquote_to_bytes(parsed.path)) if parsed.scheme else url
        if path:
            return Path(path)
    shown = url if len(url) <= _SHOWN_URL_CHARS else url[: _SHOWN_URL_CHARS - 3] + "…"
    raise NotLocalFileError(
        f"“{shown}” is a link, not a file on this computer. Download it first, then attach the file."
    )


# -- what a prompt sends ------------------------------------------------------------------------


def build_input(prompt: str, attachments: Sequence[Attachment]) -> str | list[dict[str, Any]]:
    """The ``input`` of a ``TurnRequest``: the prompt alone as a string, else content blocks.

    Attachments come first (the model reads media before the question about it), then the text.
    A prompt may be attachments only. Raises ``NotReadyError`` if any attachment is not ready.
    """
    if not attachments:
        return prompt
    blocks: list[dict[str, Any]] = []
    for att in attachments:
        if not att.ready or att.block is None:
            raise NotReadyError(_not_ready_message(att))
        blocks.append(dict(att.block))
    if prompt.strip():
        blocks.append({"type": "text", "text": prompt})
    return blocks


def prompt_parts(prompt: str, attachments: Sequence[Attachment]) -> list[Part]:
    """The parts a turn stores (and ``desktop.services.conversation.chat.plan_turn`` sends): text, then files."""
    parts: list[Part] = [TextPart(prompt)] if prompt.strip() else []
    for att in attachments:
        if not att.ready:
            raise NotReadyError(_not_ready_message(att))
        parts.append(att.to_part())
    return parts


def _not_ready_message(att: Attachment) -> str:
    if att.state is AttachmentState.FAILED:
        return f"“{att.name}” could not be attached. Remove it to send the prompt."
    if att.state is AttachmentState.CANCELLED:
        return f"The upload of “{att.name}” was cancelled. Remove it or add it again."
    return f"“{att.name}” is still being prepared. It can be sent when it is ready."


def stored_block(part: BlobPart, data: bytes) -> dict[str, Any]:
    """The inline block for a stored attachment's bytes (replay after the upload expired).

    Text files become a text block (``name:\\ncontent``) like when they were first sent;
    media become base64 ``data`` blocks.
    """
    if part.kind == "text":
        codec = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
        return text_block(part.name or "file", data.decode(codec, errors="replace"))
    return media_block(FileType(part.kind, part.mime_type, part.mime_type), data)
