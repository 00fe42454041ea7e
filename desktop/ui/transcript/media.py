"""Attachments and generated media of a turn: thumbnails and inline images, decoded off the GUI thread.

A ``MediaStrip`` shows a turn's ``BlobPart``s. Under a prompt they are small tiles (a thumbnail
for images, a format badge and the file name for other kinds); under an answer, images are shown
as large as the column allows (never above their own size or ``ANSWER_MAX``), each with an
"Edit this image" button. Pixels come from the local blob store through a ``ThumbnailLoader``
(a thread pool), so neither a 20 MB photo nor a history of images stalls scrolling.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop.domain.conversation import BlobPart
from desktop.services.attachments.read import human_size
from desktop.ui.attachments.chip import badge_pixmap
from desktop.ui.attachments.thumbnails import ThumbnailLoader
from desktop.ui.common.flow_layout import FlowLayout
from desktop.ui.common.palette import dim_text
from desktop.ui.common.plain import plain_tooltip

# Where a blob's bytes are on disk (``BlobStore.path``).
BlobPaths = Callable[[str], Path]

# Prompt thumbnails.
PROMPT_THUMB = QSize(72, 72)
# Largest size an answer image is decoded at (it is then scaled to the column's width).
ANSWER_MAX = QSize(640, 640)
# Size of an answer image's place while it is decoding.
_PLACEHOLDER = QSize(200, 140)
_DECODABLE = {"image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp"}
_SHORT = {"application/pdf": "PDF", "image/heic": "HEIC", "image/heif": "HEIF"}


def _short_label(part: BlobPart) -> str:
    if part.mime_type in _SHORT:
        return _SHORT[part.mime_type]
    suffix = Path(part.name).suffix.lstrip(".").upper()
    if suffix:
        return suffix[:4]
    return part.mime_type.rsplit("/", 1)[-1].upper()[:4] or "FILE"


class _Picture(QLabel):
    """A clickable image (or badge) that keeps its image to rescale when the column narrows."""

    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image: QImage | None = None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class MediaTile(QWidget):
    """One attachment or generated file: its picture and, depending on the place, a caption or buttons.

    Signals:
        open_requested: Open it (a viewer for images, the system's app for other files).
        edit_requested: Put it back into the composer to refine it ("Edit this image").
    """

    open_requested = Signal(object)
    edit_requested = Signal(object)

    def __init__(self, part: BlobPart, *, large: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mediaTile")
        self.part = part
        self.large = large
        # A generated file the app could not download: only its link is kept.
        self.linked = not part.sha256 and bool(part.uri)
        self.picture = _Picture(self)
        self.picture.setObjectName("mediaPicture")
        what = self.tr("image") if part.kind == "image" else self.tr("file")
        self.picture.setAccessibleName(self.tr("Open {0} {1}").format(what, part.name or ""))
        self.picture.setToolTip(self._tooltip())
        self.picture.clicked.connect(lambda: self.open_requested.emit(self.part))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignLeft)
        self.caption: QLabel | None = None
        self.edit_button: QToolButton | None = None
        self._max_width = ANSWER_MAX.width()
        if large and part.kind == "image" and not self.linked:
            row = QHBoxLayout()
            self.edit_button = QToolButton(self)
            self.edit_button.setObjectName("editImageButton")
            self.edit_button.setText(self.tr("Edit this image"))
            self.edit_button.setAccessibleName(self.tr("Edit this image: attach it to the next prompt"))
            self.edit_button.setToolTip(self.tr("Attach this image to the next prompt to refine it"))
            self.edit_button.setAutoRaise(True)
            self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.part))
            open_button = QToolButton(self)
            open_button.setObjectName("openImageButton")
            open_button.setText(self.tr("Open…"))
            open_button.setToolTip(self.tr("Open in the viewer: zoom, Save as…, Copy, drag out"))
            open_button.setAutoRaise(True)
            open_button.clicked.connect(lambda: self.open_requested.emit(self.part))
            row.addWidget(self.edit_button)
            row.addWidget(open_button)
            row.addStretch(1)
            layout.addLayout(row)
        if self.linked:
            self.caption = QLabel(self)
            self.caption.setObjectName("mediaLink")
            self.caption.setTextFormat(Qt.TextFormat.RichText)
            what = self.tr("Generated image") if part.kind == "image" else self.tr("Generated file")
            self.caption.setText(
                '{} <a href="{}">{}</a>'.format(
                    html.escape(self.tr("{0}, not downloaded:").format(what)),
                    html.escape(part.uri or "", quote=True),
                    html.escape(self.tr("open the link")),
                )
            )
            self.caption.setToolTip(plain_tooltip(part.uri))
            self.caption.setAccessibleName(self.tr("{0}, not downloaded: open the link").format(what))
            self.caption.linkActivated.connect(lambda _href: self.open_requested.emit(self.part))
            layout.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignLeft)
        elif not large or part.kind != "image":
            self.caption = QLabel(self)
            self.caption.setObjectName("mediaCaption")
            dim_text(self.caption)
            metrics = self.caption.fontMetrics()
            self.caption.setText(
                metrics.elidedText(
                    part.name or _short_label(part), Qt.TextElideMode.ElideMiddle, PROMPT_THUMB.width() + 48
                )
            )
            self.caption.setToolTip(self._tooltip())
            layout.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignLeft)
        if self.decodable:
            self._show_placeholder()
        else:
            ratio = self.devicePixelRatioF()
            self.picture.setPixmap(badge_pixmap(_short_label(part), part.kind, PROMPT_THUMB, ratio))
            self.picture.setFixedSize(PROMPT_THUMB)

    @property
    def decodable(self) -> bool:
        """Whether Qt can draw it (other images, e.g. HEIC, get a badge)."""
        return self.part.kind == "image" and self.part.mime_type in _DECODABLE and not self.linked

    @property
    def box(self) -> QSize:
        """The size it is decoded at (device pixels are handled by the caller)."""
        return ANSWER_MAX if self.large else PROMPT_THUMB

    @property
    def loaded(self) -> bool:
        """Whether its pixels are shown."""
        return self.picture.image is not None

    def _tooltip(self) -> str:
        size = human_size(self.part.size) if self.part.size else ""
        return " · ".join(p for p in (self.part.name, size, self.part.mime_type) if p)

    def _show_placeholder(self) -> None:
        size = _PLACEHOLDER if self.large else PROMPT_THUMB
        pixmap = QPixmap(size)
        pixmap.fill(QColor(128, 128, 128, 40))
        painter = QPainter(pixmap)
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "…")
        painter.end()
        self.picture.setPixmap(pixmap)
        self.picture.setFixedSize(size)

    def set_image(self, image: QImage) -> None:
        """The decoded pixels arrived (a null image leaves the placeholder, marked unreadable)."""
        if image.isNull():
            self.picture.setToolTip(self.tr("This image cannot be shown: {0}").format(self._tooltip()))
            return
        self.picture.image = image
        self._fit()

    def set_max_width(self, width: int) -> None:
        """The column's width changed: large images shrink to fit it."""
        width = max(80, width)
        if width != self._max_width:
            self._max_width = width
            if self.loaded:
                self._fit()

    def _fit(self) -> None:
        image = self.picture.image
        assert image is not None
        ratio = image.devicePixelRatio() or 1.0
        logical = QSize(round(image.width() / ratio), round(image.height() / ratio))
        limit = QSize(min(self._max_width, self.box.width()), self.box.height()) if self.large else PROMPT_THUMB
        shown = (
            logical.scaled(limit, Qt.AspectRatioMode.KeepAspectRatio)
            if (logical.width() > limit.width() or logical.height() > limit.height())
            else logical
        )
        device = QSize(round(shown.width() * ratio), round(shown.height() * ratio))
        scaled = (
            image
            if device == image.size()
            else image.scaled(device, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        # Prompt tiles keep one square size so the names under them line up.
        self.picture.setFixedSize(shown if self.large else PROMPT_THUMB)


class MediaStrip(QWidget):
    """The media of one side of a turn (prompt or answer); hidden while there are none.

    Signals:
        open_requested: Open a part (``BlobPart``).
        edit_requested: "Edit this image" on a generated image (``BlobPart``).
        height_changed: Its height changed (an image was decoded).
    """

    open_requested = Signal(object)
    edit_requested = Signal(object)
    height_changed = Signal()

    def __init__(self, *, large: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerMedia" if large else "promptMedia")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.large = large
        self._paths: BlobPaths | None = None
        self._tiles: dict[str, MediaTile] = {}
        self._flow = FlowLayout(self, spacing=12)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self._loader: ThumbnailLoader | None = None
        self._max_width = ANSWER_MAX.width()
        self.setVisible(False)

    def set_blob_paths(self, paths: BlobPaths | None) -> None:
        """Where the bytes are (None: nothing is shown, e.g. in tests without a store)."""
        self._paths = paths

    @property
    def tiles(self) -> list[MediaTile]:
        """The tiles in order."""
        return list(self._tiles.values())

    def set_parts(self, parts: list[BlobPart]) -> None:
        """Show these parts (new ones are added; the list only grows while an answer streams)."""
        if self._paths is None:
            return
        for part in parts:
            key = part.sha256 or f"uri:{part.uri}"
            if key in self._tiles:
                continue
            tile = MediaTile(part, large=self.large, parent=self)
            tile.open_requested.connect(self.open_requested)
            tile.edit_requested.connect(self.edit_requested)
            tile.set_max_width(self._max_width)
            self._tiles[key] = tile
            self._flow.addWidget(tile)
            tile.show()
            if tile.decodable:
                self._request(tile)
        self.setVisible(bool(self._tiles))
        self._refit()

    def set_max_width(self, width: int) -> None:
        """The column's width (large images are scaled to fit it)."""
        if width == self._max_width:
            return
        self._max_width = width
        for tile in self._tiles.values():
            tile.set_max_width(width)
        self._refit()

    def _request(self, tile: MediaTile) -> None:
        assert self._paths is not None
        try:
            path = self._paths(tile.part.sha256)
        except ValueError:
            return
        if self._loader is None:
            self._loader = ThumbnailLoader(self)
            self._loader.loaded.connect(self._loaded)
        ratio = self.devicePixelRatioF()
        self._loader.request(
            tile.part.sha256, path, QSize(round(tile.box.width() * ratio), round(tile.box.height() * ratio))
        )

    def _loaded(self, sha: str, image: QImage) -> None:
        tile = self._tiles.get(sha)
        if tile is None:
            return
        if not image.isNull():
            image.setDevicePixelRatio(self.devicePixelRatioF())
        tile.set_image(image)
        self._refit()

    def _refit(self) -> None:
        width = max(self.width(), self._max_width)
        self.setFixedHeight(self._flow.heightForWidth(width) if self._tiles else 0)
        self.height_changed.emit()
