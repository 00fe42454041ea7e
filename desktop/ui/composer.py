"""The prompt box: multi-line; Enter sends, Shift+Enter starts a new line.

What it sends is a list of parts (``TextPart`` first, then whatever the registered part providers
add, e.g. attachment chips), so attachments can be added without changing the send path.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.domain.conversation import Part, TextPart

#: Returns extra parts to send with the text (attachments); called at submit time.
PartProvider = Callable[[], list[Part]]


class Composer(QPlainTextEdit):
    """A plain-text editor that emits ``submitted`` on Enter instead of inserting a newline."""

    #: The user pressed Enter: the parts to send (``list[Part]``). The box is not cleared here.
    submitted = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAccessibleName(self.tr("Prompt"))
        self.setPlaceholderText(self.tr("Ask Gemini…  (Enter sends, Shift+Enter adds a line)"))
        self.setTabChangesFocus(True)
        self._providers: list[PartProvider] = []

    def add_part_provider(self, provider: PartProvider) -> None:
        """Register a source of extra parts (attachments) sent with the text."""
        self._providers.append(provider)

    def parts(self) -> list[Part]:
        """What a submit would send now: the text (if any) and the providers' parts."""
        text = self.toPlainText()
        parts: list[Part] = [TextPart(text)] if text.strip() else []
        for provider in self._providers:
            parts.extend(provider())
        return parts

    def has_content(self) -> bool:
        """Whether there is anything worth sending (empty prompts are not sent)."""
        return bool(self.parts())

    def submit(self) -> None:
        """Emit ``submitted`` with the parts, unless there is nothing to send."""
        parts = self.parts()
        if parts:
            self.submitted.emit(parts)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)
        ):
            event.accept()
            self.submit()
            return
        super().keyPressEvent(event)
