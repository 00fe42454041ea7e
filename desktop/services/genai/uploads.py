"""Files API helpers for the service: a progress-reporting reader and SDK ``File`` → app type.

The SDK reads an upload in 8 MiB chunks from a seekable binary stream and reads the next chunk
only after the server acknowledged the previous one, so "bytes confirmed" is the position at
which each read starts. Reads happen on the SDK worker thread; progress is handed to the
caller's loop with ``call_soon_threadsafe`` (never a direct call into GUI code).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.domain.api import UploadedFile

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ProgressReader(io.RawIOBase):
    """A read-only binary stream over a file or bytes that reports upload progress.

    ``progress(sent, total)`` is scheduled on ``loop`` each time the SDK asks for the next
    chunk. ``mode`` is ``"rb"`` because the SDK refuses streams that do not say they are binary.
    """

    mode = "rb"

    def __init__(self, source: Path | bytes, loop: asyncio.AbstractEventLoop | None, progress: Progress | None) -> None:
        super().__init__()
        self._raw: io.BufferedIOBase = open(source, "rb") if isinstance(source, Path) else io.BytesIO(source)  # noqa: SIM115
        self._loop = loop
        self._progress = progress
        self._raw.seek(0, io.SEEK_END)
        self.total = self._raw.tell()
        self._raw.seek(0)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def read(self, size: int = -1) -> bytes:
        self.report(self._raw.tell())
        return self._raw.read(size)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def report(self, sent: int) -> None:
        """Tell the caller's loop how many bytes are through (thread-safe, fire and forget)."""
        if self._progress is None or self._loop is None or self._loop.is_closed():
            return
        # RuntimeError: the caller's loop closed meanwhile, so nobody is listening.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._progress, sent, self.total)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _timestamp(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value.timestamp())
    except (AttributeError, TypeError, ValueError, OverflowError):
        return None


def uploaded_file(file: Any) -> UploadedFile:
    """Convert an SDK ``types.File`` into the app's ``UploadedFile``."""
    state = getattr(file.state, "value", file.state) if file.state is not None else "ACTIVE"
    return UploadedFile(
        name=file.name or "",
        uri=file.uri or "",
        mime_type=file.mime_type or "application/octet-stream",
        size=int(file.size_bytes or 0),
        state=str(state),
        expires_at=_timestamp(getattr(file, "expiration_time", None)),
    )
