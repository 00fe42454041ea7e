"""A viewer for an attached or generated image: zoom, fit, Save as…, Copy, and drag-out.

Save as… writes the original bytes (not a re-encoded copy). The file dialog is opened through
the module-level ``ask_save_path`` so tests replace it instead of clicking a modal. Dragging the
image out offers both the pixels and a file (written to the cache folder) so file managers,
chat apps and editors all accept it.
"""

from __future__ import annotations

import mimetypes
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import (
    QDrag,
    QGuiApplication,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 16.0


def ask_save_path(parent: QWidget | None, suggested: str, mime_type: str) -> Path | None:
    """Ask where to save; None when cancelled. Replace this function in tests."""
    suffix = mimetypes.guess_extension(mime_type) or Path(suggested).suffix or ".png"
    name = suggested if Path(suggested).suffix else suggested + suffix
    chosen, _ = QFileDialog.getSaveFileName(
        parent, QApplication.translate("ImageViewer", "Save image as"), name, f"{mime_type} (*{suffix});;All files (*)"
    )
    return Path(chosen) if chosen else None


class _ImageLabel(QLabel):
    """Shows the pixmap and starts a drag-out when the mouse is dragged over it."""

    def __init__(self, viewer: ImageViewer) -> None:
        super().__init__()
        self._viewer = viewer
        self._press: QPoint | None = None
        self.setObjectName("imageViewerImage")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._press is not None
            and (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance()
        ):
            self._press = None
            self._viewer.start_drag()
        super().mouseMoveEvent(event)


class ImageViewer(QDialog):
    """Shows one image (its original bytes) with zoom controls and export actions."""

    def __init__(
        self,
        data: bytes,
        *,
        name: str = "image.png",
        mime_type: str = "image/png",
        parent: QWidget | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        self.setWindowTitle(name)
        self.data, self.name, self.mime_type = data, name, mime_type
        self._cache_dir = cache_dir
        self.image = QImage.fromData(QByteArray(data))
        self.zoom = 1.0
        self.fitting = True

        self.label = _ImageLabel(self)
        self.label.setAccessibleName(self.tr("Image {0}").format(name))
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("imageViewerScroll")
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area.setWidget(self.label)
        self.scroll_area.setWidgetResizable(False)

        bar = QHBoxLayout()
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("zoomOut", "−", self.tr("Zoom out"), self.zoom_out),
            ("zoomIn", "+", self.tr("Zoom in"), self.zoom_in),
            ("fit", self.tr("Fit"), self.tr("Fit to window"), self.fit),
            ("actual", "100%", self.tr("Actual size"), self.actual_size),
            ("save", self.tr("Save as…"), self.tr("Save the image to a file"), self.save_as),
            ("copy", self.tr("Copy"), self.tr("Copy the image to the clipboard"), self.copy),
        ):
            button = QToolButton(self)
            button.setObjectName(f"imageViewer_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
            if key == "actual":
                bar.addStretch(1)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("imageViewerZoom")
        bar.insertWidget(4, self.zoom_label)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self.zoom_out)
        QShortcut(QKeySequence.StandardKey.Copy, self, self.copy)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        QShortcut(QKeySequence("0"), self, self.fit)
        self.resize(900, 700)
        if self.image.isNull():
            self.label.setText(self.tr("This image cannot be shown."))
        else:
            self._render()

    # -- zoom -------------------------------------------------------------------------------------
    def fit_zoom(self) -> float:
        """The zoom that fits the whole image in the visible area (never above 100%)."""
        if self.image.isNull():
            return 1.0
        area = self.scroll_area.viewport().size()
        return min(1.0, area.width() / self.image.width(), area.height() / self.image.height())

    def set_zoom(self, zoom: float) -> None:
        """Show the image at ``zoom`` (1.0 = actual pixels); leaves fit mode."""
        self.fitting = False
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._render()

    def zoom_in(self) -> None:
        """One step larger."""
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step smaller."""
        self.set_zoom(self.zoom / ZOOM_STEP)

    def actual_size(self) -> None:
        """100%: one image pixel per screen pixel."""
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Fit the image to the window (and keep fitting as it is resized)."""
        self.fitting = True
        self._render()

    def _render(self) -> None:
        if self.image.isNull():
            return
        if self.fitting:
            self.zoom = self.fit_zoom()
        ratio = self.devicePixelRatioF()
        width = max(1, round(self.image.width() * self.zoom))
        height = max(1, round(self.image.height() * self.zoom))
        scaled = self.image.scaled(
            round(width * ratio),
            round(height * ratio),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.label.setPixmap(pixmap)
        self.label.resize(width, height)
        self.zoom_label.setText(f"{self.zoom * 100:.0f}%")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self._render()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fitting:
            self._render()

    # -- export -----------------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        """Ask for a path and write the original bytes there; returns the path written."""
        path = ask_save_path(self, self.name, self.mime_type)
        if path is None:
            return None
        try:
            path.write_bytes(self.data)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Could not save"),
                self.tr("The image could not be saved: {0}").format(exc.strerror or exc),
            )
            return None
        return path

    def copy(self) -> None:
        """Put the image (pixels, plus the original bytes under its MIME type) on the clipboard."""
        QGuiApplication.clipboard().setMimeData(self.mime_data())

    def mime_data(self) -> QMimeData:
        """Pixels, original bytes and a file URL: what copy and drag-out offer."""
        mime = QMimeData()
        mime.setImageData(self.image)
        mime.setData(self.mime_type, QByteArray(self.data))
        exported = self.export_file()
        if exported is not None:
            mime.setUrls([QUrl.fromLocalFile(str(exported))])
        return mime

    def export_file(self) -> Path | None:
        """Write the bytes once to a file named like the image (for drag-out); None on failure."""
        folder = self._cache_dir or Path(tempfile.gettempdir()) / "gemini-desktop-images"
        suffix = mimetypes.guess_extension(self.mime_type) or ".png"
        path = folder / (self.name if Path(self.name).suffix else self.name + suffix)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != self.data:
                path.write_bytes(self.data)
        except OSError:
            return None
        return path

    def start_drag(self) -> None:
        """Drag the image out of the viewer (to a file manager, a document, another chat)."""
        drag = QDrag(self.label)
        drag.setMimeData(self.mime_data())
        if not self.image.isNull():
            drag.setPixmap(QPixmap.fromImage(self.image.scaled(128, 128, Qt.AspectRatioMode.KeepAspectRatio)))
        drag.exec(Qt.DropAction.CopyAction)
