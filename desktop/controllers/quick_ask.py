"""Quick ask: one prompt from the small always-on-top window, answered in a real conversation.

The exchange is a new conversation from the first Enter (so "Open in app" only has to show it);
the quick-ask window shows that conversation's answer as it streams.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop import errors as app
from desktop.domain.conversation import TextPart, TurnStatus

log = logging.getLogger(__name__)

# Turn statuses after which the quick-ask answer will not change any more.
_ENDED = frozenset(
    {
        TurnStatus.COMPLETED,
        TurnStatus.STOPPED,
        TurnStatus.FAILED,
        TurnStatus.INTERRUPTED,
        TurnStatus.INCOMPLETE,
        TurnStatus.REFUSED,
    }
)


class QuickAskController(QObject):
    """Sends the quick-ask prompt as the first turn of a new conversation and follows its answer.

    ``conversation`` is the ``ConversationController``; ``attachments`` the composer's
    ``AttachmentsController`` (files pasted or dropped on the quick-ask window join the prompt), or None.

    Signals:
        started: The prompt was sent (the answer will stream): the conversation id.
        text_received: Answer text arrived (a delta): the text.
        finished: The answer ended: the turn status value ("completed", "failed", ...).
        failed: The prompt could not be sent or the answer failed: a plain message.
        open_requested: Show this conversation in the main window: its id.
    """

    started = Signal(str)
    text_received = Signal(str)
    finished = Signal(str)
    failed = Signal(str)
    open_requested = Signal(str)

    def __init__(self, runner: Any, conversation: Any, attachments: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._conversation = conversation
        self.attachments = attachments
        self.conversation_id: str | None = None
        self.turn_id: str | None = None
        self._awaiting = False
        self._open_when_sent = False
        conversation.turn_appended.connect(self._on_turn_appended)
        conversation.text_received.connect(self._on_text)
        conversation.turn_changed.connect(self._on_turn_changed)
        conversation.turn_failed.connect(self._on_turn_failed)

    @property
    def busy(self) -> bool:
        """Whether a quick-ask answer is being sent or streamed."""
        return self._awaiting or self.turn_id is not None

    def ask(self, text: str, *, open_in_app: bool = False) -> None:
        """Send ``text`` (with the attachments) as a new conversation; ``open_in_app`` then shows it."""
        has_files = self.attachments is not None and bool(self.attachments.attachments)
        if not text.strip() and not has_files:
            if open_in_app:
                self.open_in_app()
            return
        if self._conversation.busy:
            self.failed.emit(self.tr("An answer is still streaming in the main window; wait for it or stop it."))
            return
        if self.attachments is not None and not self.attachments.can_send:
            self.failed.emit(self.attachments.blocking_message() or self.tr("The attachments are not ready yet."))
            return
        self._open_when_sent = open_in_app
        self._awaiting = True
        self.turn_id = None
        self._runner.spawn(self._ask(text), name="quick-ask")

    async def _ask(self, text: str) -> None:
        try:
            # The files are taken before the new conversation opens: attachments follow each
            # conversation's draft, so opening another one would move them to the old draft.
            if self.attachments is not None and self.attachments.attachments:
                parts = self.attachments.prompt_parts(text)
                self.attachments.clear()
            else:
                parts = [TextPart(text)]
            await self._conversation.new_conversation()
            self.conversation_id = self._conversation.current_id
            self._conversation.on_prompt_submitted(parts)
        except app.AppError as exc:
            self._awaiting = False
            self.failed.emit(exc.message)
            return
        if self._awaiting and self.turn_id is None and not self._conversation.busy:
            self._awaiting = False  # refused before a turn existed (turn_failed said why)
        if self._open_when_sent and self.conversation_id:
            self.open_requested.emit(self.conversation_id)

    def open_in_app(self) -> None:
        """Ctrl+Enter / "Open in app": show the quick-ask conversation in the main window."""
        if self.conversation_id is None:
            self.open_requested.emit("")
            return
        if self._conversation.current_id != self.conversation_id:
            self._conversation.on_open_requested(self.conversation_id)
        self.open_requested.emit(self.conversation_id)

    def reset(self) -> None:
        """Forget the last exchange (the window was cleared for a new question)."""
        self.conversation_id = None
        self.turn_id = None
        self._awaiting = False

    # -- from the conversation controller -----------------------------------------------------------
    def _on_turn_appended(self, turn: Any, _branch: Any) -> None:
        if self._awaiting and turn.conversation_id == self._conversation.current_id:
            self._awaiting = False
            self.turn_id = turn.id
            self.conversation_id = turn.conversation_id
            self.started.emit(turn.conversation_id)

    def _on_text(self, turn_id: str, text: str) -> None:
        if turn_id and turn_id == self.turn_id:
            self.text_received.emit(text)

    def _on_turn_changed(self, turn: Any) -> None:
        if self.turn_id is None or turn.id != self.turn_id or turn.status not in _ENDED:
            return
        self.turn_id = None
        if turn.status == TurnStatus.FAILED and getattr(turn, "error", None):
            self.failed.emit(str(turn.error))
        self.finished.emit(str(turn.status.value if hasattr(turn.status, "value") else turn.status))

    def _on_turn_failed(self, error: Any, _prompt: str) -> None:
        if not self.busy:
            return
        self._awaiting = False
        self.turn_id = None
        self.failed.emit(getattr(error, "message", str(error)))
