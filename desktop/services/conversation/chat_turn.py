"""Running one conversation turn: stream it, show it, and write it down as it arrives (no Qt).

A ``TurnRunner`` sends a turn through the API service, reports every piece to a ``TurnSink`` (the
controller turns those calls into Qt signals) and saves the answer while it streams: at least every
``SAVE_INTERVAL_S`` and at every step boundary, so a killed process loses at most a fraction of a
second of what was on screen. When the server has forgotten ``previous_interaction_id``, the turn
is sent again with the local history as steps, and a quiet note is put on the turn.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain.conversation import (
    BlobPart,
    ConversationSettings,
    Part,
    TextPart,
    Turn,
    TurnStatus,
)
from desktop.services.conversation.chat import REBUILT_NOTE, PreparedBlocks, plan_turn

log = logging.getLogger(__name__)

#: Streaming progress is written at least this often (and at every step boundary).
SAVE_INTERVAL_S = 0.25

Blocking = Callable[..., Awaitable[Any]]


class TurnSink(Protocol):
    """Receives a running turn's progress (implemented by the conversation controller)."""

    def turn_changed(self, turn: Turn) -> None:
        """Status, note, usage, error or media of the turn changed (or it was just created)."""

    def text_arrived(self, turn_id: str, text: str) -> None:
        """A piece of answer text."""

    def thought_arrived(self, turn_id: str, text: str) -> None:
        """A piece of a thought summary."""


class ProgressSaver:
    """Decides when streaming progress is due for a write (pure timing; injectable clock)."""

    def __init__(self, interval_s: float = SAVE_INTERVAL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval_s
        self._clock = clock
        self._last = clock()
        self.dirty = False

    def touch(self) -> None:
        """Something new arrived that is not saved yet."""
        self.dirty = True

    def due(self) -> bool:
        """Whether a write should happen now."""
        return self.dirty and self._clock() - self._last >= self.interval

    def saved(self) -> None:
        """A write just happened."""
        self.dirty = False
        self._last = self._clock()


class TurnRunner:
    """Streams turns for conversations and persists them (one instance per app)."""

    def __init__(
        self,
        repo: Any,
        service: Callable[[], Any],
        run_blocking: Blocking,
        *,
        blobs: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._repo = repo
        self._service = service
        self._blocking = run_blocking
        self._blobs = blobs
        self._clock = clock
        self._streams: dict[str, Any] = {}

    # -- control ---------------------------------------------------------------------------------
    def running(self, turn_id: str) -> bool:
        """Whether ``turn_id`` is streaming now."""
        return turn_id in self._streams

    def stop(self, turn_id: str | None = None) -> None:
        """Stop one running turn (or all of them) at once; the partial answer stays."""
        for tid, stream in list(self._streams.items()):
            if turn_id is None or tid == turn_id:
                stream.stop()

    # -- running ---------------------------------------------------------------------------------
    async def run(
        self,
        turn: Turn,
        settings: ConversationSettings,
        history: Sequence[Turn],
        sink: TurnSink,
        *,
        is_new: bool = True,
        prepared: PreparedBlocks | None = None,
    ) -> Turn:
        """Send ``turn`` (already built, PENDING) after ``history``; returns it in its final state.

        ``prepared`` holds the content blocks the composer already built for the prompt's
        attachments (by hash); others are read from the blob store on an I/O thread, never here.
        App errors are recorded on the turn (status FAILED) and re-raised for the caller.
        """
        service = self._service()
        if service is None:
            raise app.MissingKeyError("Add an API key in Settings → API key to send prompts.")
        turn.status = TurnStatus.PENDING
        turn.model = settings.model
        if is_new:
            await self._blocking(self._repo.add_turn, turn)
        else:
            await self._blocking(self._repo.update_turn, turn)
        sink.turn_changed(turn)
        read_blob = self._blobs.get if self._blobs is not None else None
        prompt, past = list(turn.prompt), list(history)
        # Building the input may read and base64-encode attachments: an I/O thread does it.
        plan = await self._blocking(plan_turn, settings, prompt, past, read_blob=read_blob, prepared=prepared)
        try:
            try:
                await self._stream(service.stream_turn(plan.request), turn, sink)
            except app.ExpiredInteractionError:
                if plan.stateless or turn.answer_text:
                    raise
                log.info("previous interaction expired; rebuilding the context locally")
                plan = await self._blocking(
                    plan_turn, settings, prompt, past, read_blob=read_blob, prepared=prepared, force_stateless=True
                )
                turn.note = REBUILT_NOTE
                sink.turn_changed(turn)
                await self._stream(service.stream_turn(plan.request), turn, sink)
            turn.previous_interaction_id = plan.request.previous_interaction_id
        except app.AppError as exc:
            await self._settle(turn, sink, TurnStatus.FAILED, exc)
            raise
        await self._settle(turn, sink)
        return turn

    async def fetch_rest(self, turn: Turn, sink: TurnSink) -> Turn:
        """Fetch an interrupted answer again from the server (by its interaction id), replacing the local copy."""
        service = self._service()
        if service is None:
            raise app.MissingKeyError("Add an API key in Settings → API key to fetch answers.")
        if not turn.interaction_id:
            raise app.NotFoundError("This answer never reached the server, so there is nothing to fetch.")
        saved_answer, saved_thoughts, saved_steps = list(turn.answer), turn.thoughts, list(turn.steps)
        turn.answer, turn.thoughts, turn.error, turn.steps = [], "", None, []
        turn.status = TurnStatus.STREAMING
        sink.turn_changed(turn)
        try:
            await self._stream(service.watch(turn.interaction_id), turn, sink)
        except app.AppError as exc:
            turn.answer, turn.thoughts, turn.steps = saved_answer, saved_thoughts, saved_steps
            await self._settle(turn, sink, TurnStatus.INTERRUPTED, exc)
            raise
        await self._settle(turn, sink)
        return turn

    async def _settle(
        self, turn: Turn, sink: TurnSink, status: TurnStatus | None = None, error: app.AppError | None = None
    ) -> None:
        """Record how a turn ended (status and error, if given), save it, and show it."""
        if status is not None:
            turn.status = status
        if error is not None:
            turn.error = _error_text(error)
        await self._save(turn)
        sink.turn_changed(turn)

    async def _stream(self, stream: Any, turn: Turn, sink: TurnSink) -> None:
        """Feed one stream into ``turn``, saving progress; sets the final status."""
        saver = ProgressSaver(clock=self._clock)
        text: list[str] = [turn.answer_text] if turn.answer_text else []
        media: list[Part] = [p for p in turn.answer if isinstance(p, BlobPart)]
        thoughts: list[str] = [turn.thoughts] if turn.thoughts else []
        self._streams[turn.id] = stream
        status = "incomplete"
        error_frame: app.AppError | None = None

        def sync_answer() -> None:
            joined = "".join(text)
            text[:] = [joined] if joined else []
            turn.answer = ([TextPart(joined)] if joined else []) + media
            turn.thoughts = "".join(thoughts)
            thoughts[:] = [turn.thoughts] if turn.thoughts else []

        async def flush_periodically() -> None:
            # Events may stop arriving (a stall): what is on screen is still written within the interval.
            while True:
                await asyncio.sleep(saver.interval)
                if saver.dirty:
                    sync_answer()
                    saver.saved()
                    await self._save_progress(turn)

        flusher = asyncio.ensure_future(flush_periodically())
        try:
            async for event in stream:
                if isinstance(event, ev.TextDelta):
                    text.append(event.text)
                    saver.touch()
                    sink.text_arrived(turn.id, event.text)
                elif isinstance(event, ev.ThoughtDelta):
                    thoughts.append(event.text)
                    saver.touch()
                    sink.thought_arrived(turn.id, event.text)
                elif isinstance(event, ev.Started):
                    turn.interaction_id = event.interaction_id or turn.interaction_id
                    turn.status = TurnStatus.STREAMING
                    sync_answer()
                    await self._save(turn)
                    saver.saved()
                    sink.turn_changed(turn)
                elif isinstance(event, ev.StepFinished):
                    # Each finished step is kept (and saved) at once, so tool steps and citations
                    # are on screen and on disk while the rest of the answer streams.
                    if event.step.get("type") != "user_input":
                        turn.steps = [*turn.steps, dict(event.step)]
                    sync_answer()
                    await self._save(turn)
                    saver.saved()
                    if event.step.get("type") not in ("model_output", "thought"):
                        sink.turn_changed(turn)
                elif isinstance(event, ev.MediaOutput):
                    part = await self._keep_media(event)
                    if part is not None:
                        media.append(part)
                        sync_answer()
                        await self._save(turn)
                        saver.saved()
                        sink.turn_changed(turn)
                elif isinstance(event, ev.UsageUpdated):
                    turn.usage = _usage_dict(event.usage)
                elif isinstance(event, ev.ServerErrorFrame):
                    error_frame = event.error
                elif isinstance(event, ev.Completed):
                    status = event.status
                    turn.usage = _usage_dict(event.usage)
                    turn.steps = [s for s in event.steps if s.get("type") != "user_input"]
                    turn.interaction_id = event.interaction_id or turn.interaction_id
                if saver.due():
                    sync_answer()
                    await self._save_progress(turn)
                    saver.saved()
        except app.AppError:
            sync_answer()
            raise
        finally:
            flusher.cancel()
            self._streams.pop(turn.id, None)
        sync_answer()
        if stream.stopped:
            turn.status = TurnStatus.STOPPED
        elif error_frame is not None and status == "incomplete":
            raise error_frame
        elif status in ("completed", "requires_action"):
            turn.status = TurnStatus.COMPLETED
        else:
            turn.status = TurnStatus.COMPLETED if turn.answer_text else TurnStatus.FAILED
            if status not in ("completed", "incomplete"):
                turn.error = f"The answer ended with status “{status}”."

    async def _keep_media(self, event: ev.MediaOutput) -> BlobPart | None:
        if event.data is None or self._blobs is None:
            return None
        sha = await self._blocking(self._blobs.put, event.data)
        kind = event.kind if event.kind in ("image", "audio", "video", "document") else "document"
        # A file name for Save as… and "Edit this image" (the API gives none).
        suffix = mimetypes.guess_extension(event.mime_type or "") or ""
        name = f"gemini-{kind}-{sha[:8]}{'.jpg' if suffix == '.jpe' else suffix}"
        return BlobPart(
            kind=kind,
            mime_type=event.mime_type,
            sha256=sha,
            name=name,  # type: ignore[arg-type]
            size=len(event.data),
        )

    async def _save(self, turn: Turn) -> None:
        turn.updated_at = time.time()
        await self._blocking(self._repo.update_turn, turn)

    async def _save_progress(self, turn: Turn) -> None:
        await self._blocking(self._repo.append_stream_progress, turn.id, turn.answer_text, turn.thoughts, turn.status)


def _usage_dict(usage: ev.Usage) -> dict[str, int]:
    return {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "thought_tokens": usage.thought_tokens,
        "cached_tokens": usage.cached_tokens,
        "tool_use_tokens": usage.tool_use_tokens,
        "total_tokens": usage.total_tokens,
    }


def _error_text(exc: app.AppError) -> str:
    if exc.message.startswith(exc.title):
        return exc.message
    return f"{exc.title}: {exc.message}"
