"""Prompts typed while an answer streams: kept in order per conversation and sent one by one.

Each queued prompt is sent when the answer before it ends, as the next turn of the conversation
it was typed in, so it chains on that answer. A failed or refused answer pauses the queue (the
next prompt would chain on a broken turn); the user resumes it, or sends another prompt, which
joins the end of the queue. Queued prompts live in memory only: the composer's draft is what
survives a restart.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.conversation import BlobPart, Part, TextPart, TurnStatus, parts_text

_ids = itertools.count(1)
# Endings after which the next prompt must not chain on its own: failed, refused, stopped, cut off.
_HOLD_AFTER = frozenset(
    {TurnStatus.FAILED, TurnStatus.REFUSED, TurnStatus.STOPPED, TurnStatus.INCOMPLETE, TurnStatus.INTERRUPTED}
)


@dataclass
class QueuedPrompt:
    """One prompt waiting for the answer before it to end."""

    parts: list[Part]
    id: int = field(default_factory=lambda: next(_ids))

    @property
    def text(self) -> str:
        """The prompt's text."""
        return parts_text(self.parts)

    @property
    def files(self) -> int:
        """How many attachments go with it."""
        return sum(isinstance(p, BlobPart) for p in self.parts)


class PromptQueue(QObject):
    """Decides whether a submitted prompt is sent now or waits; sends waiting ones in order.

    Signals:
        send: Send this prompt now (``list[Part]``): connect to ``ConversationController.on_prompt_submitted``.
        changed: The open conversation's waiting prompts changed (``list[QueuedPrompt]``, oldest first).
        paused_changed: Whether the open conversation's queue waits for the user after a failed answer (``bool``).
    """

    send = Signal(list)
    changed = Signal(list)
    paused_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queues: dict[str, list[QueuedPrompt]] = {}
        self._paused: set[str] = set()
        self._current = ""
        self._busy = False

    # -- queries ----------------------------------------------------------------------------------
    def pending(self, conversation_id: str | None = None) -> list[QueuedPrompt]:
        """Waiting prompts of a conversation (the open one by default), oldest first."""
        return list(self._queues.get(self._current if conversation_id is None else conversation_id, []))

    @property
    def paused(self) -> bool:
        """Whether the open conversation's queue waits for the user."""
        return self._current in self._paused

    def would_wait(self) -> bool:
        """Whether a prompt submitted now would be queued rather than sent at once."""
        return self._busy or bool(self._queues.get(self._current))

    # -- from the tab ---------------------------------------------------------------------------
    def on_submitted(self, parts: list[Part]) -> None:
        """The user submitted a prompt: sent now when nothing runs and nothing waits, else queued."""
        if not parts:
            return
        if not self.would_wait():
            self.send.emit(list(parts))
            return
        self._queues.setdefault(self._current, []).append(QueuedPrompt(list(parts)))
        self._emit_changed()
        if self._current in self._paused:
            self.resume()

    def edit(self, prompt_id: int, text: str) -> bool:
        """Replace a waiting prompt's text (its attachments stay); an empty text with no files removes it."""
        for item in self._queues.get(self._current, []):
            if item.id == prompt_id:
                files: list[Part] = [p for p in item.parts if not isinstance(p, TextPart)]
                item.parts = [*files, TextPart(text)] if text.strip() else files
                if not item.parts:
                    return self.cancel(prompt_id)
                self._emit_changed()
                return True
        return False

    def cancel(self, prompt_id: int) -> bool:
        """Drop a waiting prompt; False if it is not (or no longer) waiting."""
        queue = self._queues.get(self._current, [])
        for i, item in enumerate(queue):
            if item.id == prompt_id:
                del queue[i]
                if not queue:
                    self._paused.discard(self._current)
                    self.paused_changed.emit(False)
                self._emit_changed()
                return True
        return False

    def resume(self) -> None:
        """Send the open conversation's waiting prompts again after a pause."""
        if self._current in self._paused:
            self._paused.discard(self._current)
            self.paused_changed.emit(False)
        self._send_next_soon()

    # -- from the conversation controller -------------------------------------------------------
    def on_busy_changed(self, busy: bool) -> None:
        """An answer started or ended; the next waiting prompt goes when it ended."""
        self._busy = busy
        if not busy:
            self._send_next_soon()

    def on_turn_failed(self, *_args: object) -> None:
        """An answer failed: later prompts wait for the user instead of chaining on it."""
        if self._queues.get(self._current) and self._current not in self._paused:
            self._paused.add(self._current)
            self.paused_changed.emit(True)

    def on_turn_changed(self, turn: object) -> None:
        """An answer ended failed, refused, stopped or cut off: hold the queue (as for an error)."""
        if getattr(turn, "status", None) in _HOLD_AFTER:
            self.on_turn_failed()

    def on_current_changed(self, conversation_id: str) -> None:
        """Another conversation is open: show its queue (and send from it when idle)."""
        self._current = conversation_id or ""
        self._emit_changed()
        self.paused_changed.emit(self.paused)
        self._send_next_soon()

    # -- internals ------------------------------------------------------------------------------
    def _send_next_soon(self) -> None:
        # Not from inside the busy_changed(False) emission: sending emits busy_changed(True), and
        # slots connected after this one would then see True before False.
        QTimer.singleShot(0, self, self._send_next)

    def _send_next(self) -> None:
        queue = self._queues.get(self._current)
        if self._busy or not queue or self._current in self._paused:
            return
        item = queue.pop(0)
        self._emit_changed()
        self.send.emit(list(item.parts))

    def _emit_changed(self) -> None:
        self.changed.emit(self.pending())
