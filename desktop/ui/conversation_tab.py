"""The Conversation tab: sidebar, settings bar, transcript and composer, wired to nothing but signals."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import AppError
from desktop.ui import conversation_dialogs as dialogs
from desktop.ui.composer import Composer
from desktop.ui.conversation_settings_bar import ConversationSettingsBar
from desktop.ui.sidebar import ConversationSidebar
from desktop.ui.transcript_view import TranscriptView


def describe_error(error: AppError) -> str:
    """The one place an app error is turned into text for a person."""
    title = QCoreApplication.translate("AppError", error.title)
    message = QCoreApplication.translate("AppError", error.message)
    if message.startswith(title):
        return message
    return f"{title}: {message}"


class ConversationTab(QWidget):
    """Shows the open conversation and the list of conversations; emits what the user asks for."""

    #: The user sent a prompt: ``list[Part]``.
    prompt_submitted = Signal(list)
    #: The user asked to stop the running turn.
    stop_requested = Signal()
    #: The composer's text changed (for the per-conversation draft).
    draft_changed = Signal(str)
    #: (turn id, new prompt text) An edited prompt to resend as an alternative.
    edit_submitted = Signal(str, str)
    #: (conversation id, title) Rename.
    rename_submitted = Signal(str, str)
    #: (conversation id, file path) Export.
    export_submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationTab")
        self.sidebar = ConversationSidebar(self)
        self.settings_bar = ConversationSettingsBar(self)
        self.transcript = TranscriptView(self)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("turnStatus")
        self.status_label.setAccessibleName(self.tr("Turn status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.composer = Composer(self)
        self.composer.setMaximumHeight(140)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send prompt"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(self.tr("Stop the answer"))
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc)"))
        self.stop_button.setShortcut("Esc")
        self.stop_button.setEnabled(False)

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        bottom.addLayout(buttons)
        right = QWidget(self)
        right.setObjectName("conversationPane")
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 6, 6)
        column.addWidget(self.settings_bar)
        column.addWidget(self.transcript, 1)
        column.addWidget(self.status_label)
        column.addLayout(bottom)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("conversationSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 770])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search_shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        self.search_shortcut.setObjectName("searchShortcut")
        self.search_shortcut.activated.connect(self.focus_search)

        self._conversation_id = ""
        self._loading_draft = False
        self.composer.submitted.connect(self._submit)
        self.composer.textChanged.connect(self._draft_edited)
        self.send_button.clicked.connect(self.composer.submit)
        self.stop_button.clicked.connect(self.stop_requested)
        self.transcript.edit_requested.connect(self._edit)
        self.sidebar.rename_requested.connect(self._rename)
        self.sidebar.export_requested.connect(self._export)
        self.settings_bar.export_requested.connect(lambda: self._export(self._conversation_id))

    # -- user actions ----------------------------------------------------------------------------
    def _submit(self, parts: list[object]) -> None:
        if parts and self.send_button.isEnabled():
            self.prompt_submitted.emit(parts)

    def _draft_edited(self) -> None:
        if not self._loading_draft:
            self.draft_changed.emit(self.composer.toPlainText())

    def focus_search(self) -> None:
        """Ctrl+K: put the cursor in the search box."""
        self.sidebar.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sidebar.search_edit.selectAll()

    def _edit(self, turn_id: str) -> None:
        turn = next((t for t in self.transcript.turns() if t.id == turn_id), None)
        if turn is None:
            return
        text = dialogs.ask_prompt_edit(self, turn.prompt_text)
        if text is not None and text.strip():
            self.edit_submitted.emit(turn_id, text)

    def _rename(self, conversation_id: str) -> None:
        ids = self.sidebar.ids()
        current = self.sidebar.titles()[ids.index(conversation_id)] if conversation_id in ids else ""
        title = dialogs.ask_title(self, current)
        if title is not None and title.strip():
            self.rename_submitted.emit(conversation_id, title)

    def _export(self, conversation_id: str) -> None:
        if not conversation_id:
            return
        ids = self.sidebar.ids()
        title = self.sidebar.titles()[ids.index(conversation_id)] if conversation_id in ids else "conversation"
        path = dialogs.ask_export_path(self, title)
        if path:
            self.export_submitted.emit(conversation_id, path)

    # -- slots driven by the controllers ---------------------------------------------------------
    def on_conversation_opened(self, view: object) -> None:
        """Show a conversation (``ConversationView``)."""
        self._conversation_id = view.conversation.id  # type: ignore[attr-defined]
        self.status_label.clear()
        self.transcript.set_turns(view.turns, view.branches)  # type: ignore[attr-defined]

    def on_turn_appended(self, turn: object, branch: object) -> None:
        """A turn was sent: show it and empty the composer."""
        self.status_label.clear()
        self._set_composer_text("")
        self.transcript.append_turn(turn, branch)  # type: ignore[arg-type]

    def on_turn_changed(self, turn: object) -> None:
        """A turn's state changed."""
        self.transcript.update_turn(turn)  # type: ignore[arg-type]

    def on_text_received(self, turn_id: str, text: str) -> None:
        """Streamed answer text."""
        self.transcript.append_text(turn_id, text)

    def on_thought_received(self, turn_id: str, text: str) -> None:
        """Streamed thought text."""
        self.transcript.append_thought(turn_id, text)

    def on_turn_failed(self, error: AppError, prompt: str) -> None:
        """Show the error and give the prompt back to the composer so nothing is lost."""
        self.status_label.setText(describe_error(error))
        if prompt and not self.composer.toPlainText().strip():
            self.composer.setPlainText(prompt)

    def on_busy_changed(self, busy: bool) -> None:
        """Enable Stop while a turn runs, Send otherwise."""
        self.send_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    def on_draft_loaded(self, text: str) -> None:
        """Show the open conversation's draft in the composer."""
        self._set_composer_text(text)
        self.composer.setFocus()

    def on_current_changed(self, conversation_id: str) -> None:
        """Another conversation is open."""
        self._conversation_id = conversation_id
        self.sidebar.on_current_changed(conversation_id)

    def on_models_listed(self, models: list[object]) -> None:
        """Fill the model picker."""
        self.settings_bar.set_models([getattr(m, "name", str(m)) for m in models])

    def on_exported(self, path: str) -> None:
        """Say where the export went."""
        self.status_label.setText(self.tr("Exported to {0}").format(path))

    def _set_composer_text(self, text: str) -> None:
        self._loading_draft = True
        try:
            self.composer.setPlainText(text)
            cursor = self.composer.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.composer.setTextCursor(cursor)
        finally:
            self._loading_draft = False

    def clear(self) -> None:
        """Empty the transcript."""
        self.transcript.set_turns([])
        self.status_label.clear()
