"""Drag-and-drop of files onto a whole area (the conversation tab), with a clear highlight.

``DropTarget(tab)`` filters drag events of the tab and of every child that would otherwise
take the drop itself (the prompt editor would insert the file path as text). While files are
dragged over the area a translucent overlay says "Drop files to attach". On drop it emits the
local files; folders and web links are refused with a plain message; raw image data (dragged
from a browser) is handed over as an image.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from desktop.ui.attachments.mime_input import MimeContent, read_mime


class DropOverlay(QWidget):
    """The highlight painted over the target while a drag hovers it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self.setAccessibleName(self.tr("Drop files to attach"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAcceptDrops(True)
        self.text = self.tr("Drop files to attach")
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        fill = QColor(accent)
        fill.setAlpha(40)
        painter.fillRect(self.rect(), fill)
        pen = painter.pen()
        pen.setColor(accent)
        pen.setWidth(3)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(6, 6, -7, -7), 12, 12)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)


class DropTarget(QObject):
    """Makes ``target`` (and its children) accept dropped files; see the module docstring.

    Signals:
        files_dropped: Local files were dropped (``list[Path]``).
        image_dropped: Image data without a file was dropped (``QImage``), e.g. from a web page.
        urls_rejected: Some dropped items cannot be attached (``list[str]`` of them, a message for the user).
        highlight_changed: The highlight was shown (True) or hidden (False).
    """

    files_dropped = Signal(list)
    image_dropped = Signal(QImage)
    urls_rejected = Signal(list, str)
    highlight_changed = Signal(bool)

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.target = target
        self.overlay = DropOverlay(target)
        self._leaving = False
        target.setAcceptDrops(True)
        self.watch(target)

    def watch(self, widget: QWidget) -> None:
        """Also take drops that land on ``widget`` and its children (call for widgets added later)."""
        for w in [widget, *widget.findChildren(QWidget)]:
            w.installEventFilter(self)

    @property
    def highlighted(self) -> bool:
        """Whether the drop highlight is showing."""
        return self.overlay.isVisible()

    def _show(self, on: bool) -> None:
        if on == self.overlay.isVisible():
            return
        if on:
            self.overlay.setGeometry(self.target.rect())
            self.overlay.raise_()
            self.overlay.show()
        else:
            self.overlay.hide()
        self.highlight_changed.emit(on)

    def _hide_if_left(self) -> None:
        if self._leaving:
            self._leaving = False
            self._show(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            mime = event.mimeData()
            if mime is not None and (mime.hasUrls() or mime.hasImage()):
                event.acceptProposedAction()
                self._leaving = False
                self._show(True)
                return True
            return False
        if kind == QEvent.Type.DragLeave:
            # Moving between children sends a leave then an enter: hide only if no enter follows.
            self._leaving = True
            QTimer.singleShot(60, self, self._hide_if_left)
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            mime = event.mimeData()
            if mime is None or not (mime.hasUrls() or mime.hasImage()):
                self._show(False)
                return False
            event.acceptProposedAction()
            self._show(False)
            self.deliver(read_mime(mime, with_text=False))
            return True
        return False

    def deliver(self, content: MimeContent) -> None:
        """Emit what a drop carried: files, an image, and any refusal message."""
        if content.rejected:
            self.urls_rejected.emit(content.rejected, content.rejection_message())
        if content.files:
            self.files_dropped.emit(list(content.files))
        if content.image is not None:
            self.image_dropped.emit(content.image)
