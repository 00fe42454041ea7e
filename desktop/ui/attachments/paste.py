"""Turning a paste into attachments: clipboard images, copied files and long text.

An image on the clipboard is written as a PNG into the cache folder (encoding a screenshot can
take a few hundred ms, so it happens on a pool thread) and then attached like a file. Copied
files are attached as they are. Text longer than ``long_text_chars`` becomes a ``.txt``
attachment instead of flooding the prompt; shorter text is left to the editor.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from desktop.ui.attachments.mime_input import MimeContent, read_mime

# Pasted text at least this long becomes an attachment.
LONG_TEXT_CHARS = 10_000


class _Signals(QObject):
    written = Signal(list)
    failed = Signal(str)


class _Write(QRunnable):
    """Writes an image (as PNG) or text to ``path`` on a pool thread."""

    def __init__(self, path: Path, payload: QImage | str, signals: _Signals) -> None:
        super().__init__()
        self._path, self._payload, self._signals = path, payload, signals

    def run(self) -> None:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(self._payload, QImage):
                if not self._payload.save(str(self._path), "PNG"):  # type: ignore[call-overload]  # takes str; stubs say bytes
                    raise OSError("the image could not be encoded")
            else:
                self._path.write_text(self._payload, encoding="utf-8")
        except OSError as exc:
            self._signals.failed.emit(
                QCoreApplication.translate("PasteHelper", "The pasted content could not be saved: {0}").format(exc)
            )
            return
        self._signals.written.emit([self._path])


class PasteHelper(QObject):
    """Call ``handle(mime)`` from the editor's paste; attachments arrive on ``files_pasted``.

    Signals:
        files_pasted: Files to attach (``list[Path]``): copied files, or a saved image/text.
        urls_rejected: Pasted items that cannot be attached (``list[str]``, a message for the user).
        failed: Saving pasted content failed (message).
    """

    files_pasted = Signal(list)
    urls_rejected = Signal(list, str)
    failed = Signal(str)

    def __init__(
        self,
        cache_dir: Path,
        parent: QObject | None = None,
        *,
        long_text_chars: int = LONG_TEXT_CHARS,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.long_text_chars = long_text_chars
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _Signals(self)
        self._signals.written.connect(self.files_pasted)
        self._signals.failed.connect(self.failed)
        self._reserved: set[Path] = set()

    def handle(self, mime: QMimeData) -> bool:
        """Take what should become attachments; False means "let the editor paste it as text"."""
        content = read_mime(mime)
        if content.attachable:
            self._deliver(content)
            return True
        if len(content.text) >= self.long_text_chars:
            self._pool.start(_Write(self._fresh(self.tr("Pasted text"), ".txt"), content.text, self._signals))
            return True
        return False

    def _deliver(self, content: MimeContent) -> None:
        if content.rejected:
            self.urls_rejected.emit(content.rejected, content.rejection_message())
        if content.files:
            self.files_pasted.emit(list(content.files))
        if content.image is not None:
            self.save_image(content.image)

    def save_image(self, image: QImage) -> None:
        """Write ``image`` as a PNG off the GUI thread, then emit it on ``files_pasted``."""
        self._pool.start(_Write(self._fresh(self.tr("Pasted image"), ".png"), image.copy(), self._signals))

    def _fresh(self, stem: str, suffix: str) -> Path:
        stamp = time.strftime("%Y-%m-%d %H.%M.%S")
        path = self.cache_dir / f"{stem} {stamp}{suffix}"
        n = 2
        while path.exists() or path in self._reserved:  # two pastes within a second
            path = self.cache_dir / f"{stem} {stamp} ({n}){suffix}"
            n += 1
        self._reserved.add(path)
        return path
