"""The prompt box: multi-line; Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class Composer(QPlainTextEdit):
    """A plain-text editor that emits ``submitted`` on Enter instead of inserting a newline."""

    #: The user pressed Enter: the current text (the box is not cleared here; the owner decides).
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAccessibleName(self.tr("Prompt"))
        self.setPlaceholderText(self.tr("Ask Gemini…  (Enter sends, Shift+Enter adds a line)"))
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)
        ):
            event.accept()
            self.submitted.emit(self.toPlainText())
            return
        super().keyPressEvent(event)
