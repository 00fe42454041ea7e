"""The prompts waiting under the composer: each editable and cancellable, reachable by keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class PendingPromptRow(QWidget):
    """One waiting prompt: its text in an editor, a note about its files, and Remove.

    Signals:
        edited: The user changed the text: (prompt id, new text).
        removed: The user removed it: prompt id.
    """

    edited = Signal(int, str)
    removed = Signal(int)

    def __init__(self, prompt_id: int, number: int, text: str, files: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt_id = prompt_id
        self.setObjectName(f"pendingPrompt{number}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.number_label = QLabel(self.tr("{0}.").format(number), self)
        self.editor = QLineEdit(text, self)
        self.editor.setObjectName("pendingPromptText")
        self.editor.setAccessibleName(self.tr("Queued prompt {0}").format(number))
        self.editor.setToolTip(self.tr("Sent when the answer before it ends. Edit it here; Enter keeps the change."))
        self.editor.setCursorPosition(0)
        self.number_label.setBuddy(self.editor)
        self.files_label = QLabel(
            (self.tr("+ 1 file") if files == 1 else self.tr("+ {0} files").format(files)) if files else "", self
        )
        self.files_label.setVisible(bool(files))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("pendingPromptRemove")
        self.remove_button.setAccessibleName(self.tr("Remove queued prompt {0}").format(number))
        self.remove_button.setToolTip(self.tr("Do not send this prompt"))
        layout.addWidget(self.number_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.files_label)
        layout.addWidget(self.remove_button)
        self._sent_text = text
        self.editor.editingFinished.connect(self._commit)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self.prompt_id))

    def _commit(self) -> None:
        text = self.editor.text()
        if text != self._sent_text:
            self._sent_text = text
            self.edited.emit(self.prompt_id, text)


class PendingPrompts(QFrame):
    """The open conversation's waiting prompts, oldest first (hidden when there are none).

    Signals:
        edited: (prompt id, new text)
        removed: prompt id
        resume_requested: Send the waiting prompts again after a failed answer paused them.
    """

    edited = Signal(int, str)
    removed = Signal(int)
    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingPrompts")
        self.setAccessibleName(self.tr("Queued prompts"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.setSpacing(3)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pendingPromptsTitle")
        self.resume_button = QPushButton(self.tr("Send them now"), self)
        self.resume_button.setObjectName("pendingPromptsResume")
        self.resume_button.setAccessibleName(self.tr("Send the queued prompts now"))
        self.resume_button.setVisible(False)
        self.resume_button.clicked.connect(self.resume_requested)
        header.addWidget(self.title, 1)
        header.addWidget(self.resume_button)
        self._layout.addLayout(header)
        self.rows: list[PendingPromptRow] = []
        self._paused = False
        self.setVisible(False)

    def set_prompts(self, prompts: list[Any]) -> None:
        """Show these waiting prompts (objects with ``id``, ``text`` and ``files``)."""
        focused = next((r.prompt_id for r in self.rows if r.editor.hasFocus()), None)
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for number, prompt in enumerate(prompts, start=1):
            row = PendingPromptRow(prompt.id, number, prompt.text, prompt.files, self)
            row.edited.connect(self.edited)
            row.removed.connect(self.removed)
            self._layout.addWidget(row)
            row.show()  # a layout shows new children of a visible parent only on the next event loop turn
            self.rows.append(row)
            if prompt.id == focused:
                row.editor.setFocus()
        self._update_title()
        self.setVisible(bool(self.rows))

    def set_paused(self, paused: bool) -> None:
        """After a failed answer the prompts wait for the user: say so and offer to send them."""
        self._paused = paused
        self.resume_button.setVisible(paused)
        self._update_title()

    def texts(self) -> list[str]:
        """The waiting prompts' texts as shown."""
        return [r.editor.text() for r in self.rows]

    def _update_title(self) -> None:
        count = len(self.rows)
        if self._paused:
            text = (
                self.tr("1 prompt waiting: the last answer did not end well, so it was not sent.")
                if count == 1
                else self.tr("{0} prompts waiting: the last answer did not end well, so they were not sent.")
            )
        else:
            text = (
                self.tr("1 prompt queued: it is sent when the answer ends.")
                if count == 1
                else self.tr("{0} prompts queued: each is sent when the answer before it ends.")
            )
        self.title.setText(text.format(count))
