"""The prompt box: multi-line; Enter sends, Shift+Enter starts a new line.

What it sends is a list of parts (whatever the registered part providers add, e.g. attachment
chips, then the ``TextPart``: the model reads media before the question about them), so attachments
are added without changing the send path. A paste handler may take a paste first (clipboard
images, copied files, long text become attachments).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.domain.conversation import Part, TextPart

# Returns extra parts to send with the text (attachments); called at submit time.
PartProvider = Callable[[], list[Part]]
# Takes a paste (returns True) or leaves it to the editor (False).
PasteHandler = Callable[[QMimeData], bool]


class Composer(QPlainTextEdit):
    """A plain-text editor that emits ``submitted`` on Enter instead of inserting a newline.

    Signals:
        submitted: The user pressed Enter: the parts to send (``list[Part]``). The box is not cleared here.
        blocked: Sending is not possible now: why (e.g. an attachment is still uploading).
    """

    submitted = Signal(list)
    blocked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAccessibleName(self.tr("Prompt"))
        self.setPlaceholderText(self.tr("Ask Gemini…  (Enter sends, Shift+Enter adds a line)"))
        self.setTabChangesFocus(True)
        self._providers: list[PartProvider] = []
        self._paste_handler: PasteHandler | None = None
        self._gate: Callable[[], str] | None = None

    def add_part_provider(self, provider: PartProvider) -> None:
        """Register a source of extra parts (attachments) sent with the text."""
        self._providers.append(provider)

    def set_send_gate(self, gate: Callable[[], str] | None) -> None:
        """``gate()`` returns why a submit must wait ("" lets it through); shown via ``blocked``."""
        self._gate = gate

    def set_paste_handler(self, handler: PasteHandler | None) -> None:
        """Offer every paste (and drop onto the editor) to ``handler`` before inserting it as text."""
        self._paste_handler = handler

    def parts(self) -> list[Part]:
        """What a submit would send now: the providers' parts (attachments), then the text (if any)."""
        parts: list[Part] = []
        for provider in self._providers:
            parts.extend(provider())
        text = self.toPlainText()
        if text.strip():
            parts.append(TextPart(text))
        return parts

    def submit(self) -> None:
        """Emit ``submitted`` with the parts, unless there is nothing to send or the gate says wait."""
        if self._gate is not None and (reason := self._gate()):
            self.blocked.emit(reason)
            return
        parts = self.parts()
        if parts:
            self.submitted.emit(parts)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)
        ):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if self._paste_handler is not None and (source.hasImage() or source.hasUrls()):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self._paste_handler is not None and self._paste_handler(source):
            return
        super().insertFromMimeData(source)
