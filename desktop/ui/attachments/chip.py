"""One attachment in the composer: preview, name, size, and its upload progress or error.

An image shows a thumbnail (decoded off the GUI thread); other kinds show a coloured badge
with the format (PDF, MP4, WAV...). While uploading, a progress bar and a cancel button appear;
on failure the error is shown on the chip itself, with a retry button where retrying can help.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.attachments.read import human_size
from desktop.services.attachments.service import Attachment, AttachmentState
from desktop.ui.common.palette import ERROR_RED, ERROR_RED_ON_DARK, is_dark
from desktop.ui.common.plain import plain_label

THUMB = QSize(44, 44)
CHIP_WIDTH = 232
_SHORT_LABEL_CHARS = 3  # a type label this short gets the larger font
_KIND_COLOURS = {"image": "#6a8caf", "audio": "#8e6bbf", "video": "#c0614f", "document": "#d0453a", "text": "#5b8c5a"}


def badge_pixmap(label: str, kind: str | None, size: QSize = THUMB, ratio: float = 1.0) -> QPixmap:
    """A rounded badge with a short format label, coloured by kind (for non-image files)."""
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_KIND_COLOURS.get(kind or "", "#888888")))
    painter.drawRoundedRect(QRectF(2, 2, size.width() - 4, size.height() - 4), 6, 6)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(13 if len(label) <= _SHORT_LABEL_CHARS else 10)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, label[:4])
    painter.end()
    return pixmap


class AttachmentChip(QFrame):
    """A chip for one ``Attachment``; call ``update_from`` whenever it changes.

    Signals:
        remove_requested: The remove button was clicked (attachment id).
        cancel_requested: The cancel button was clicked during an upload (attachment id).
        retry_requested: The retry button was clicked after a failure or cancel (attachment id).
        open_requested: The preview was clicked (attachment id): open it.
    """

    remove_requested = Signal(str)
    cancel_requested = Signal(str)
    retry_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachment_id = attachment.id
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(CHIP_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        self._styled_dark: bool | None = None
        self._apply_style()
        self._has_thumbnail = False
        self.thumbnail_requested = False  # set by the bar once it asked the loader for one

        self.thumb = QLabel(self)
        self.thumb.setObjectName("attachmentThumb")
        self.thumb.setFixedSize(THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("attachmentName")
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("attachmentDetail")
        for label in (self.name_label, self.detail_label):
            # Long names and messages are elided: they must never widen the fixed-width chip.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("attachmentRemove")
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.attachment_id))

        self.progress = QProgressBar(self)
        self.progress.setObjectName("attachmentProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("attachmentCancel")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.attachment_id))
        self.retry_button = QToolButton(self)
        self.retry_button.setObjectName("attachmentRetry")
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.attachment_id))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("attachmentError")
        self.error_label.setWordWrap(True)
        plain_label(self.error_label)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.name_label)
        text.addWidget(self.detail_label)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.thumb)
        top.addLayout(text, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self._bottom = QWidget(self)
        bottom = QHBoxLayout(self._bottom)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(6)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self._bottom)
        layout.addWidget(self.error_label)
        self.update_from(attachment)

    # -- state ------------------------------------------------------------------------------------

    def refresh_style(self) -> None:
        """The colour scheme may have changed: style the chip again if it did."""
        self._apply_style()

    def _apply_style(self) -> None:
        """The chip's frame and red in the current scheme.

        A style sheet resolves ``palette(...)`` once and fixes the chip's palette, which then no
        longer follows the application's: so the sheet is cleared (the inherited palette comes
        back) and set again.
        """
        dark = is_dark(QGuiApplication.palette())
        if dark == self._styled_dark:
            return
        self._styled_dark = dark
        error = (ERROR_RED_ON_DARK if dark else ERROR_RED).name()
        self.setStyleSheet("")
        self.setStyleSheet(
            "#attachmentChip { border: 1px solid palette(mid); border-radius: 8px; background: palette(base); }"
            f'#attachmentChip[failed="true"] {{ border-color: {error}; }}'
            f"#attachmentError {{ color: {error}; }}"
            "#attachmentDetail { color: palette(placeholder-text); }"
        )

    def update_from(self, att: Attachment) -> None:
        """Show ``att``'s current name, size, state, progress and error."""
        metrics = self.name_label.fontMetrics()
        self.name_label.setText(metrics.elidedText(att.name, Qt.TextElideMode.ElideMiddle, CHIP_WIDTH - 104))
        self.name_label.setToolTip(att.name)
        label = att.file_type.label if att.file_type else ""
        size = human_size(att.size) if att.size else ""
        stopped = att.state in (AttachmentState.FAILED, AttachmentState.CANCELLED)
        # A file refused before it was read has no size or type yet: never say "Reading…" then.
        detail = " · ".join(p for p in (size, label) if p) or (
            self.tr("Not attached") if stopped else self.tr("Reading…")
        )
        self.remove_button.setAccessibleName(self.tr("Remove {0}").format(att.name))
        self.remove_button.setToolTip(self.tr("Remove this attachment"))
        self.cancel_button.setAccessibleName(self.tr("Cancel upload of {0}").format(att.name))
        self.retry_button.setAccessibleName(self.tr("Retry {0}").format(att.name))
        self.thumb.setAccessibleName(self.tr("Open {0}").format(att.name))
        self.setAccessibleName(self.tr("Attachment {0}").format(att.name))

        uploading = att.state in (AttachmentState.UPLOADING, AttachmentState.PROCESSING)
        self.progress.setVisible(uploading or att.state is AttachmentState.READING)
        self.cancel_button.setVisible(uploading)
        if att.state is AttachmentState.UPLOADING and att.size:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(att.sent, att.size) / att.size))
        else:
            self.progress.setRange(0, 0)  # busy: reading or processing on the server
        tooltip = detail
        if att.state is AttachmentState.UPLOADING and att.size:
            detail, tooltip = self.tr("Uploading… {0}%").format(100 * min(att.sent, att.size) // att.size), att.message
        elif uploading:
            detail = tooltip = att.message
        self.detail_label.setToolTip(tooltip)
        self.detail_label.setText(
            self.detail_label.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, CHIP_WIDTH - 104)
        )
        failed = att.state in (AttachmentState.FAILED, AttachmentState.CANCELLED)
        self.error_label.setVisible(failed)
        self.error_label.setText(att.message if failed else "")
        retryable = att.state is AttachmentState.CANCELLED or (att.error is not None and att.error.retryable)
        self.retry_button.setVisible(failed and retryable)
        self._bottom.setVisible(uploading or att.state is AttachmentState.READING or (failed and retryable))
        self.setProperty("failed", "true" if failed else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        if not self._has_thumbnail:
            short = att.file_type.short if att.file_type else "…"
            if failed:
                short = "!"
            self.thumb.setPixmap(badge_pixmap(short, att.kind if not failed else None, THUMB, self.devicePixelRatioF()))

    def set_thumbnail(self, image: QImage) -> None:
        """Show a decoded preview instead of the badge (ignored when the image is null)."""
        if image.isNull():
            return
        self._has_thumbnail = True
        pixmap = QPixmap.fromImage(image)
        self.thumb.setPixmap(pixmap)

    @property
    def has_thumbnail(self) -> bool:
        """Whether a decoded preview is shown."""
        return self._has_thumbnail

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.thumb.geometry().contains(event.position().toPoint()):
            self.open_requested.emit(self.attachment_id)
        super().mouseReleaseEvent(event)
