"""The attachment chips above the prompt, wrapping into rows; hidden while there are none.

``bind(controller)`` keeps it in step with an ``AttachmentsController`` and routes the chips'
buttons back to it. Image thumbnails are requested from a ``ThumbnailLoader`` (off-thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from desktop.services.attachments.service import Attachment
from desktop.ui.attachments.chip import CHIP_WIDTH, THUMB, AttachmentChip
from desktop.ui.attachments.thumbnails import ThumbnailLoader
from desktop.ui.common.flow_layout import FlowLayout

if TYPE_CHECKING:
    from desktop.controllers.attachments import AttachmentsController

_PREVIEWABLE = {"image/png", "image/jpeg", "image/webp", "image/gif"}
# Rows shown before the bar scrolls.
MAX_ROWS = 2


class AttachmentBar(QScrollArea):
    """``AttachmentChip``s in wrapping rows (scrolls vertically past ``MAX_ROWS``).

    Signals:
        remove_requested: The user asked to remove this attachment (id).
        cancel_requested: The user asked to stop this upload (id).
        retry_requested: The user asked to try this attachment again (id).
        open_requested: The user clicked a preview (id).
    """

    remove_requested = Signal(str)
    cancel_requested = Signal(str)
    retry_requested = Signal(str)
    open_requested = Signal(str)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Chips are styled with a style sheet, which does not follow palette changes by itself.
            QTimer.singleShot(0, self, self._restyle_chips)

    def _restyle_chips(self) -> None:
        for chip in self._chips.values():
            chip.refresh_style()

    def __init__(self, parent: QWidget | None = None, thumbnails: ThumbnailLoader | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentBar")
        self.setAccessibleName(self.tr("Attachments"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        inner = QWidget(self)
        self._row = FlowLayout(inner)
        self.setWidget(inner)
        self._chips: dict[str, AttachmentChip] = {}
        self._thumbnails = thumbnails or ThumbnailLoader(self)
        self._thumbnails.loaded.connect(self._on_thumbnail)
        self.setVisible(False)

    def bind(self, controller: AttachmentsController) -> None:
        """Follow an ``AttachmentsController``: its signals update chips, chip buttons call it."""
        controller.added.connect(self.add)
        controller.changed.connect(self.update_attachment)
        controller.removed.connect(self.remove)
        self.remove_requested.connect(controller.remove)
        self.cancel_requested.connect(controller.cancel)
        self.retry_requested.connect(controller.retry)

    def chip(self, attachment_id: str) -> AttachmentChip | None:
        """The chip of an attachment (tests, integration)."""
        return self._chips.get(attachment_id)

    @property
    def chips(self) -> list[AttachmentChip]:
        """The chips in order."""
        return list(self._chips.values())

    # -- slots ------------------------------------------------------------------------------------
    def add(self, att: Attachment) -> None:
        """Show a chip for a new attachment."""
        if att.id in self._chips:
            self.update_attachment(att)
            return
        chip = AttachmentChip(att, self.widget())
        chip.remove_requested.connect(self.remove_requested)
        chip.cancel_requested.connect(self.cancel_requested)
        chip.retry_requested.connect(self.retry_requested)
        chip.open_requested.connect(self.open_requested)
        self._row.addWidget(chip)
        chip.show()
        self._chips[att.id] = chip
        self.setVisible(True)
        self._fit_height()
        self._maybe_thumbnail(att)

    def update_attachment(self, att: Attachment) -> None:
        """Refresh the chip of ``att``."""
        chip = self._chips.get(att.id)
        if chip is None:
            return
        chip.update_from(att)
        self._maybe_thumbnail(att)
        self._fit_height()

    def remove(self, attachment_id: str) -> None:
        """Remove the chip of an attachment."""
        chip = self._chips.pop(attachment_id, None)
        if chip is not None:
            self._row.removeWidget(chip)
            chip.deleteLater()
        self.setVisible(bool(self._chips))
        self._fit_height()

    # -- internals --------------------------------------------------------------------------------
    def _maybe_thumbnail(self, att: Attachment) -> None:
        chip = self._chips.get(att.id)
        if chip is None or chip.has_thumbnail or chip.thumbnail_requested:
            return
        if att.mime_type not in _PREVIEWABLE:
            return
        chip.thumbnail_requested = True
        ratio = self.devicePixelRatioF()
        box = QSize(int(THUMB.width() * ratio), int(THUMB.height() * ratio))
        self._thumbnails.request(att.id, att.source, box)

    def _on_thumbnail(self, key: str, image: QImage) -> None:
        chip = self._chips.get(key)
        if chip is not None:
            image.setDevicePixelRatio(self.devicePixelRatioF())
            chip.set_thumbnail(image)

    def _fit_height(self) -> None:
        if not self._chips:
            self.setFixedHeight(0)
            return
        width = max(self.viewport().width(), CHIP_WIDTH)
        needed = self._row.heightForWidth(width)
        tallest = max(c.sizeHint().height() for c in self._chips.values())
        self.setFixedHeight(min(needed, MAX_ROWS * (tallest + 6)) + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()
