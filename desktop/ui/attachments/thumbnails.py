"""Image thumbnails decoded and scaled on a thread pool, never on the GUI thread.

``QImageReader.setScaledSize`` lets JPEG decoders skip most of the work for a small preview,
and ``QImage`` (unlike ``QPixmap``) may be used off the GUI thread. Results come back through a
queued signal; the widget turns the image into a pixmap.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader


class _Signals(QObject):
    """Lives on the GUI thread; emitted from pool threads (queued delivery)."""

    done = Signal(str, QImage)


def read_scaled(source: Path | bytes, box: QSize) -> QImage:
    """Decode ``source`` scaled to fit ``box`` (keeps the aspect ratio); a null image on failure."""
    if isinstance(source, Path):
        reader = QImageReader(str(source))
    else:
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if not image.isNull() and (image.width() > box.width() or image.height() > box.height()):
        image = image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


class _Job(QRunnable):
    def __init__(self, key: str, source: Path | bytes, box: QSize, signals: _Signals) -> None:
        super().__init__()
        self._key, self._source, self._box, self._signals = key, source, box, signals

    def run(self) -> None:
        try:
            image = read_scaled(self._source, self._box)
        except Exception:  # noqa: BLE001 - a bad file simply has no thumbnail
            image = QImage()
        self._signals.done.emit(self._key, image)


class ThumbnailLoader(QObject):
    """Loads thumbnails in the background; ``loaded(key, QImage)`` fires on the GUI thread.

    Signals:
        loaded: A thumbnail is ready (``key``, ``QImage``; null when the image could not be decoded).
    """

    loaded = Signal(str, QImage)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _Signals(self)
        self._signals.done.connect(self.loaded)

    def request(self, key: str, source: Path | bytes, box: QSize) -> None:
        """Start decoding ``source`` scaled into ``box``; the result arrives on ``loaded``."""
        self._pool.start(_Job(key, source, box, self._signals))
