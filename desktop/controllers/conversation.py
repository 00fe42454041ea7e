"""Drives a conversation: sends the user's prompt, streams the answer into signals, chains turns."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop import errors as app
from desktop.controllers.task_runner import TaskRunner
from desktop.domain import events as ev
from desktop.domain.api import DEFAULT_MODEL, TurnRequest
from desktop.services.genai import GeminiService, TurnStream

log = logging.getLogger(__name__)


class ConversationController(QObject):
    """Sends turns chained with ``previous_interaction_id`` and reports the stream as signals."""

    #: A turn began: the prompt text.
    turn_started = Signal(str)
    #: A piece of answer text arrived.
    text_received = Signal(str)
    #: A piece of a thought summary arrived.
    thought_received = Signal(str)
    #: The turn ended: (status, Usage). Status is the server's, or "stopped".
    turn_finished = Signal(str, object)
    #: The turn failed: (AppError, the prompt to give back to the composer).
    turn_failed = Signal(object, str)
    #: Whether a turn is running.
    busy_changed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        service: Callable[[], GeminiService | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._stream: TurnStream | None = None
        self.model = DEFAULT_MODEL
        self.previous_interaction_id: str | None = None

    @property
    def busy(self) -> bool:
        """Whether a turn is streaming."""
        return self._stream is not None

    def on_prompt_submitted(self, prompt: str) -> None:
        """Send ``prompt`` as the next turn (ignored when empty or while a turn runs)."""
        if not prompt.strip() or self.busy:
            return
        service = self._service()
        if service is None:
            self.turn_failed.emit(app.MissingKeyError("Add an API key in Settings → API key to send prompts."), prompt)
            return
        request = TurnRequest(
            input=prompt,
            model=self.model,
            previous_interaction_id=self.previous_interaction_id,
            store=True,
        )
        self._stream = service.stream_turn(request)
        self.busy_changed.emit(True)
        self.turn_started.emit(prompt)
        self._runner.spawn(self._run(self._stream, prompt), name="conversation-turn")

    def on_stop_requested(self) -> None:
        """Stop the running turn at once; the partial answer stays."""
        if self._stream is not None:
            self._stream.stop()

    def on_new_conversation(self) -> None:
        """Start over: the next turn is not chained to the previous ones."""
        self.on_stop_requested()
        self.previous_interaction_id = None

    async def _run(self, stream: TurnStream, prompt: str) -> None:
        usage = ev.Usage()
        status = "incomplete"
        try:
            async for event in stream:
                if isinstance(event, ev.TextDelta):
                    self.text_received.emit(event.text)
                elif isinstance(event, ev.ThoughtDelta):
                    self.thought_received.emit(event.text)
                elif isinstance(event, ev.UsageUpdated):
                    usage = event.usage
                elif isinstance(event, ev.Completed):
                    status = event.status
                    if event.interaction_id:
                        self.previous_interaction_id = event.interaction_id
            if stream.stopped:
                status = "stopped"
            self.turn_finished.emit(status, usage)
        except app.AppError as exc:
            self.turn_failed.emit(exc, prompt)
        finally:
            self._stream = None
            self.busy_changed.emit(False)
