"""The Conversation tab: the transcript of the current conversation and the composer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import AppError
from desktop.ui.composer import Composer


def describe_error(error: AppError) -> str:
    """The one place an app error is turned into text for a person."""
    title = QCoreApplication.translate("AppError", error.title)
    message = QCoreApplication.translate("AppError", error.message)
    return f"{title}: {message}"


class ConversationTab(QWidget):
    """Shows the turns as they stream and lets the user send, stop and retry."""

    #: The user sent a prompt.
    prompt_submitted = Signal(str)
    #: The user asked to stop the running turn.
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationTab")
        self.transcript = QTextBrowser(self)
        self.transcript.setObjectName("transcript")
        self.transcript.setAccessibleName(self.tr("Transcript"))
        self.transcript.setOpenExternalLinks(False)
        self.transcript.setOpenLinks(False)
        self.transcript.setPlaceholderText(self.tr("Your conversation appears here."))

        self.status_label = QLabel(self)
        self.status_label.setObjectName("turnStatus")
        self.status_label.setAccessibleName(self.tr("Turn status"))
        self.status_label.setWordWrap(True)

        self.composer = Composer(self)
        self.composer.setMaximumHeight(140)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send prompt"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(self.tr("Stop the answer"))
        self.stop_button.setShortcut("Esc")
        self.stop_button.setEnabled(False)

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        bottom.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(bottom)

        self.composer.submitted.connect(self._submit)
        self.send_button.clicked.connect(lambda: self._submit(self.composer.toPlainText()))
        self.stop_button.clicked.connect(self.stop_requested)
        self._answer_open = False

    def _submit(self, text: str) -> None:
        if text.strip() and self.send_button.isEnabled():
            self.prompt_submitted.emit(text)

    # -- slots driven by the controller --------------------------------------------------------
    def on_turn_started(self, prompt: str) -> None:
        """Show the prompt and open an answer block; the composer is cleared."""
        self.composer.clear()
        self.status_label.clear()
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if not self.transcript.document().isEmpty():
            cursor.insertBlock()
        cursor.insertHtml("<b>" + self.tr("You") + "</b>")
        cursor.insertBlock()
        cursor.insertText(prompt)
        cursor.insertBlock()
        cursor.insertHtml("<b>" + self.tr("Gemini") + "</b>")
        cursor.insertBlock()
        self._answer_open = True

    def on_text_received(self, text: str) -> None:
        """Append streamed answer text; the view follows unless the user scrolled up."""
        bar = self.transcript.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 4
        cursor = QTextCursor(self.transcript.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        if follow:
            bar.setValue(bar.maximum())

    def on_turn_finished(self, status: str, usage: object) -> None:
        """Show how the turn ended and its token usage."""
        total = getattr(usage, "total_tokens", 0)
        if status == "stopped":
            self.status_label.setText(self.tr("Stopped. The partial answer is kept."))
        elif status == "completed":
            self.status_label.setText(self.tr("{0} tokens").format(total) if total else "")
        else:
            self.status_label.setText(self.tr("Ended with status: {0}").format(status))

    def on_turn_failed(self, error: AppError, prompt: str) -> None:
        """Show the error and give the prompt back to the composer so nothing is lost."""
        self.status_label.setText(describe_error(error))
        if not self.composer.toPlainText().strip():
            self.composer.setPlainText(prompt)

    def on_busy_changed(self, busy: bool) -> None:
        """Enable Stop while a turn runs, Send otherwise."""
        self.send_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    def clear(self) -> None:
        """Empty the transcript (new conversation)."""
        self.transcript.clear()
        self.status_label.clear()
