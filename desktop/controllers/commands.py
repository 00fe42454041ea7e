"""Carries out a launch's command line (``desktop.cli.Command``), this launch's or a later one's."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.cli import Command
from desktop.domain.conversation import TextPart

log = logging.getLogger(__name__)

# How long ``--ask --attach`` waits for its files to be read before sending without waiting more.
ATTACH_WAIT_S = 30.0


class CommandController(QObject):
    """Turns ``--new``, ``--ask``, ``--attach``, ``--research`` and ``--quick`` into controller calls.

    ``conversation``, ``attachments`` and ``research`` are the app's controllers (``attachments``
    and ``research`` may be None until the database is open; commands wait in ``pending`` until
    ``ready()``).

    Signals:
        show_window: Bring the main window to the front.
        show_conversation: Show the Conversation tab.
        show_research: Show the Research tab.
        quick_requested: Open the quick-ask window.
        research_prompt: Start research on this text (the Research tab's form starts it with its agent and options).
        warm_requested: A request is coming: build the API client now.
    """

    show_window = Signal()
    show_conversation = Signal()
    show_research = Signal()
    quick_requested = Signal()
    research_prompt = Signal(str)
    warm_requested = Signal()

    def __init__(self, runner: Any, conversation: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._conversation = conversation
        self.attachments: Any = None
        self.pending: list[Command] = []
        self._ready = False
        self.handled: list[Command] = []

    @property
    def pending_until_key(self) -> bool:
        """Whether ``ready()`` has not been called yet."""
        return not self._ready

    def ready(self) -> None:
        """Everything is built: carry out the commands that arrived meanwhile."""
        self._ready = True
        pending, self.pending = self.pending, []
        for command in pending:
            self.on_command(command)

    def on_command(self, command: Command) -> None:
        """Carry out ``command`` (queued until ``ready()``)."""
        if not self._ready:
            self.pending.append(command)
            return
        self.handled.append(command)
        # The epoch time is read by tests/benchmarks/idle.py (command -> request on the wire).
        log.info("carrying out a command (at %.6f)", time.time())
        if command.ask is not None or command.research or command.quick:
            self.warm_requested.emit()
        if command.quick and not (command.new or command.ask or command.research or command.attach):
            self.quick_requested.emit()
            return
        self.show_window.emit()
        if command.research:
            self.show_research.emit()
            self.research_prompt.emit(command.research)
        if command.ask is not None or command.new or command.attach:
            self.show_conversation.emit()
            self._runner.spawn(self._converse(command), name="command-line")
        if command.quick:
            self.quick_requested.emit()

    def open_conversation(self, conversation_id: str) -> None:
        """Show a conversation (a notification about it was clicked)."""
        if conversation_id:
            self._conversation.on_open_requested(conversation_id)

    async def _converse(self, command: Command) -> None:
        conversation = self._conversation
        if command.ask is not None or command.new:
            await conversation.new_conversation()
        files = [Path(p) for p in command.attach]
        if files and self.attachments is not None:
            self.attachments.add_paths(files)
        if command.ask is None:
            return
        if self.attachments is not None and files:
            await self._attachments_settled()
        text = command.ask
        if conversation.busy:
            # One answer streams at a time: the prompt waits in the composer instead of being lost.
            conversation.draft_loaded.emit(text)
            conversation.notice.emit(self.tr("An answer is still streaming; your prompt is in the composer."))
            return
        parts: list[Any]
        if self.attachments is not None and self.attachments.attachments:
            if not self.attachments.can_send:
                conversation.draft_loaded.emit(text)
                conversation.notice.emit(self.attachments.blocking_message())
                return
            parts = self.attachments.prompt_parts(text)
        else:
            parts = [TextPart(text)]
        conversation.on_prompt_submitted(parts)

    async def _attachments_settled(self) -> None:
        """Wait until no attachment is being read or uploaded (bounded by ``ATTACH_WAIT_S``)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ATTACH_WAIT_S
        while loop.time() < deadline:
            if not any(a.busy for a in self.attachments.attachments):
                return
            await asyncio.sleep(0.05)
