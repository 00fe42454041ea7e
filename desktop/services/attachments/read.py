"""Reading an attachment off the GUI thread: validate, detect, hash, and encode it if it is small.

Everything here is blocking and runs on an I/O thread (``run_blocking``). Large files are never
read whole: they are hashed (and copied into the blob store) in 1 MiB chunks; only files small
enough to travel inline are read into memory and base64-encoded.
"""

from __future__ import annotations

import base64
import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from desktop.services.attachments.detect import SNIFF_BYTES, FileType, sniff
from desktop.services.attachments.errors import (
    EmptyFileError,
    FileTooLargeError,
    NotAFileError,
    UnreadableFileError,
    UnsupportedTypeError,
)

# The Files API refuses files over 2 GB.
FILES_API_LIMIT = 2 * 1024**3
# Text and code files go in as text; longer than this (about 500k tokens) is refused.
MAX_TEXT_BYTES = 2 * 1024**2
_CHUNK = 1 << 20
_DECIMAL_STEP = 1000  # kB, MB, GB as file managers show sizes


class BlobSink(Protocol):
    """Where a local copy goes (``desktop.store.BlobStore`` fits)."""

    def put(self, data: bytes) -> str: ...
    def put_file(self, source: Path) -> str: ...


@dataclass(frozen=True, slots=True)
class Examined:
    """What reading a file found: its type, size, hash and, when small, its ready content block."""

    file_type: FileType
    size: int
    sha256: str
    block: dict[str, Any] | None
    text: str | None = None


def encoded_size(size: int) -> int:
    """Bytes a payload of ``size`` bytes takes in a request once base64-encoded."""
    return 4 * ((size + 2) // 3)


def human_size(size: int) -> str:
    """``1.4 MB``-style sizes (decimal units, as file managers show them)."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < _DECIMAL_STEP or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= _DECIMAL_STEP
    return f"{value:.1f} GB"  # pragma: no cover - loop always returns


def text_block(name: str, text: str) -> dict[str, Any]:
    """The block a text or code file is sent as: its name, a colon, then its content."""
    return {"type": "text", "text": f"{name}:\n{text}"}


def media_block(file_type: FileType, data: bytes) -> dict[str, Any]:
    """An inline media block holding ``data`` base64-encoded."""
    return {"type": file_type.kind, "data": base64.b64encode(data).decode("ascii"), "mime_type": file_type.mime_type}


def _decode_text(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise UnsupportedTypeError(f"“{name}” starts like text but is not valid UTF-8 further on.") from None


def _check_size(size: int, name: str) -> None:
    if size == 0:
        raise EmptyFileError(f"“{name}” is empty.")
    if size > FILES_API_LIMIT:
        raise FileTooLargeError(f"“{name}” is {human_size(size)}; the Gemini Files API accepts files up to 2 GB.")


def _finish(
    file_type: FileType,
    codec: str | None,
    data: bytes | None,
    size: int,
    name: str,
    inline_limit: int,
    blobs: BlobSink | None,
) -> Examined:
    """Common tail for small payloads already in memory."""
    assert data is not None
    sha = blobs.put(data) if blobs is not None else hashlib.sha256(data).hexdigest()
    if codec is not None:
        text = _decode_text(data, codec, name)
        return Examined(file_type, size, sha, text_block(name, text), text)
    block = media_block(file_type, data) if encoded_size(size) <= inline_limit else None
    return Examined(file_type, size, sha, block)


def examine_bytes(data: bytes, name: str, *, inline_limit: int, blobs: BlobSink | None = None) -> Examined:
    """Examine in-memory content (a pasted or generated image)."""
    _check_size(len(data), name)
    file_type, codec = sniff(data[:SNIFF_BYTES], data[-SNIFF_BYTES:], len(data), name)
    if codec is not None and len(data) > MAX_TEXT_BYTES:
        raise _too_long_text(name, len(data))
    return _finish(file_type, codec, data, len(data), name, inline_limit, blobs)


def _too_long_text(name: str, size: int) -> FileTooLargeError:
    return FileTooLargeError(
        f"“{name}” is {human_size(size)} of text; text files up to {human_size(MAX_TEXT_BYTES)} can be attached."
    )


def examine_path(path: Path, name: str, *, inline_limit: int, blobs: BlobSink | None = None) -> Examined:
    """Examine a file on disk, reading it whole only when it is small enough to go inline."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableFileError(f"“{name}” no longer exists.") from None
    except OSError as exc:
        raise UnreadableFileError(f"“{name}” cannot be read: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(f"“{name}” is a folder. Attach the files inside it instead.")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(f"“{name}” is not a regular file.")
    size = info.st_size
    _check_size(size, name)
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if size > SNIFF_BYTES:
                handle.seek(max(0, size - SNIFF_BYTES))
                tail = handle.read(SNIFF_BYTES)
            else:
                tail = head
            file_type, codec = sniff(head, tail, size, name)
            if codec is not None and size > MAX_TEXT_BYTES:
                raise _too_long_text(name, size)
            if codec is not None or encoded_size(size) <= inline_limit:
                handle.seek(0)
                data = handle.read()
                if len(data) != size:
                    raise UnreadableFileError(f"“{name}” changed while it was being read. Try again.")
                return _finish(file_type, codec, data, size, name, inline_limit, blobs)
            handle.seek(0)
            sha = _hash_stream(handle) if blobs is None else None
    except PermissionError:
        raise UnreadableFileError(f"You do not have permission to read “{name}”.") from None
    except OSError as exc:
        raise UnreadableFileError(f"“{name}” cannot be read: {exc.strerror or exc}.") from None
    if sha is None:
        assert blobs is not None
        sha = blobs.put_file(path)  # hashes while it copies: one pass over a large file
    return Examined(file_type, size, sha, None)


def _hash_stream(handle: Any) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
