"""Running one conversation turn: stream it, show it, and write it down as it arrives (no Qt).

A ``TurnRunner`` sends a turn through the API service, reports every piece to a ``TurnSink`` (the
controller turns those calls into Qt signals) and saves the answer while it streams: at least every
``SAVE_INTERVAL_S`` and at every step boundary, so a killed process loses at most a fraction of a
second of what was on screen. When the server has forgotten ``previous_interaction_id``, the turn
is sent again with the local history as steps, and a quiet note is put on the turn.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import mimetypes
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain import retired
from desktop.domain.conversation import (
    BlobKind,
    BlobPart,
    ConversationSettings,
    Part,
    TextPart,
    Turn,
    TurnStatus,
)
from desktop.domain.endings import CUT_OFF, ending_message
from desktop.domain.function_calls import unanswered_call_ids
from desktop.domain.tools import ToolRegistry, default_registry
from desktop.services.conversation.chat import (
    REBUILT_NOTE,
    REPLAY_INLINE_BUDGET,
    PreparedBlocks,
    TurnPlan,
    continue_request,
    plan_turn,
)
from desktop.services.conversation.tool_loop import ToolLoop, ToolPolicy
from desktop.services.tools.executor import ToolExecutor

log = logging.getLogger(__name__)

# Media kinds the API can send back; anything else is kept as a document.
_MEDIA_KINDS: dict[str, BlobKind] = {"image": "image", "audio": "audio", "video": "video", "document": "document"}

# Streaming progress is written at least this often (and at every step boundary).
SAVE_INTERVAL_S = 0.25
# The note (a key, then the folder and the cause; the UI words it) on an answer the disk refused.
NOT_SAVED_NOTE = "not-saved"


def not_saved_note(error: app.StorageError) -> str:
    """The note put on a turn that is shown but could not be written: ``not-saved|<folder>|<cause>``."""
    return f"{NOT_SAVED_NOTE}|{error.folder}|{error.cause}"


def not_sent_text(error: app.StorageError) -> str:
    """The error recorded on a turn that was not sent because it could not be written."""
    return f"Not sent: {error.message}"


def parse_not_saved_note(note: str | None) -> tuple[str, str] | None:
    """``(folder, cause)`` of a not-saved note, or None for any other note."""
    if not note or not note.startswith(NOT_SAVED_NOTE + "|"):
        return None
    _key, folder, cause = [*note.split("|", 2), "", ""][:3]
    return folder, cause


Blocking = Callable[..., Awaitable[Any]]
# ``(part, force) -> live uri or None`` (``AttachmentService.refresh_upload``).
RefreshUpload = Callable[[BlobPart, bool], Awaitable[str | None]]


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

    def __init__(  # noqa: PLR0913 - keyword-only collaborators, each optional
        self,
        repo: Any,
        service: Callable[[], Any],
        run_blocking: Blocking,
        *,
        blobs: Any = None,
        clock: Callable[[], float] = time.monotonic,
        registry: ToolRegistry | None = None,
        refresh_upload: RefreshUpload | None = None,
        executor: ToolExecutor | None = None,
        policy: Callable[[], ToolPolicy] = ToolPolicy,
    ) -> None:
        # The tools the app knows (shared with the settings bar); declarations come from it.
        self.registry = registry or default_registry()
        self._repo = repo
        self._service = service
        self._blocking = run_blocking
        self._blobs = blobs
        self._clock = clock
        self._streams: dict[str, Any] = {}
        # Turns shown but not written (the disk refused): id -> (turn, its note before, its sink).
        self._unsaved: dict[str, tuple[Turn, str | None, TurnSink | None]] = {}
        # The latest write the disk refused (for the status bar).
        self.last_storage_error: app.StorageError | None = None
        # Gives a live ``uri`` for an attachment whose Files API upload may have expired (48 h).
        self.refresh_upload = refresh_upload
        # Inline bytes a stateless replay may carry; larger attachments go by ``uri``.
        self.replay_budget = REPLAY_INLINE_BUDGET
        # ``uri``s a forced re-upload could not replace (no local copy), from the last ``_fresh_uploads``.
        self._unrefreshed: set[str] = set()
        # The tool loop: function calls, approvals, tools run, results sent back.
        self.tools = ToolLoop(self, executor, policy)

    @property
    def unsaved(self) -> list[Turn]:
        """Turns on screen whose latest state could not be written yet."""
        return [entry[0] for entry in self._unsaved.values()]

    async def save_unsaved(self) -> int:
        """Try again to write every not-saved turn that is not streaming; return how many remain."""
        for turn_id, (turn, _note, sink) in list(self._unsaved.items()):
            if turn_id not in self._streams:
                await self._save(turn, sink)
        return len(self._unsaved)

    # -- what the tool loop uses -------------------------------------------------------------------
    @property
    def blobs(self) -> Any:
        """The blob store (attachments), or None."""
        return self._blobs

    def service(self) -> Any:
        """The API service now (None without an API key)."""
        return self._service()

    async def blocking(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` on the I/O thread."""
        return await self._blocking(fn, *args, **kwargs)

    async def save_turn(self, turn: Turn) -> None:
        """Write the whole turn now."""
        await self._save(turn)

    async def settle(
        self, turn: Turn, sink: TurnSink, status: TurnStatus | None = None, error: app.AppError | None = None
    ) -> None:
        """Record how an interaction of the turn ended, save and show it."""
        await self._settle(turn, sink, status, error)

    async def stream_into(
        self, stream: Any, turn: Turn, sink: TurnSink, *, on_started: Callable[[], None] | None = None
    ) -> None:
        """Stream one more interaction of ``turn`` into it (text appended, status set at the end)."""
        await self._stream(stream, turn, sink, on_started=on_started)

    async def advance(
        self, turn: Turn, settings: ConversationSettings, history: Sequence[Turn], sink: TurnSink
    ) -> Turn:
        """Carry a turn's tool loop on (after a decision, or after a restart); see ``ToolLoop.advance``."""
        return await self.tools.advance(turn, settings, history, sink)

    # -- control ---------------------------------------------------------------------------------
    def running(self, turn_id: str) -> bool:
        """Whether ``turn_id`` is streaming now."""
        return turn_id in self._streams

    def stop(self, turn_id: str | None = None) -> None:
        """Stop one running turn (or all of them) at once; the partial answer stays."""
        for tid, stream in list(self._streams.items()):
            if turn_id is None or tid == turn_id:
                stream.stop()
        self.tools.stop(turn_id)

    # -- running ---------------------------------------------------------------------------------
    async def run(  # noqa: PLR0912, PLR0915 - one send with its two recoveries (expired upload, expired chain)
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
            raise app.missing_key_error()
        turn.status = TurnStatus.PENDING
        turn.model = retired.resolve(settings.model)[0]
        turn.last_event_id = None  # a regenerated turn streams a new interaction
        turn.output_schema = (dict(settings.response_schema or {})) if settings.structured_output else None
        try:
            # A retried turn may never have been written (the disk was full when it was sent).
            if is_new or not await self._blocking(self._repo.update_turn, turn):
                await self._blocking(self._repo.add_turn, turn)
        except app.StorageError as exc:
            # Nothing was sent: the turn fails at once, and the caller gives the prompt back.
            turn.status = TurnStatus.FAILED
            turn.error = not_sent_text(exc)
            sink.turn_changed(turn)
            raise
        sink.turn_changed(turn)
        read_blob = self._blobs.get if self._blobs is not None else None
        prompt, past = list(turn.prompt), list(history)
        # Building the input may read and base64-encode attachments: an I/O thread does it.
        budget = self.replay_budget

        async def build(*, force_stateless: bool = False, force_upload: bool = False) -> TurnPlan:
            plan: TurnPlan = await self._blocking(
                plan_turn,
                settings,
                prompt,
                past,
                read_blob=read_blob,
                prepared=prepared,
                force_stateless=force_stateless,
                replay_budget=budget,
                registry=self.registry,
            )
            await self._fresh_uploads(plan, turn, past, force=force_upload)
            return plan

        try:
            plan = await build()
            try:
                try:
                    await self._stream(service.stream_turn(plan.request), turn, sink)
                except app.PermissionDeniedError as exc:
                    # An upload the server deleted before its announced expiry ("... access the File
                    # ... or it may not exist"): upload again, once.
                    about_a_file = "file" in (exc.detail or "").lower()
                    if turn.answer_text or not about_a_file or not _uris(plan.request.input):
                        raise
                    if self.refresh_upload is None:
                        raise
                    log.info("the server refused an attachment's uri; uploading it again")
                    plan = await build(force_stateless=plan.stateless, force_upload=True)
                    if lost := _uris(plan.request.input) & self._unrefreshed:
                        names = ", ".join(f"“{n}”" for n in sorted(self._names_of(lost, [*past, turn])))
                        raise app.PermissionDeniedError(
                            f"The server no longer has {names} (uploads are kept 48 hours) and there is no "
                            "local copy to upload again. Edit the prompt without it, or attach the file again.",
                            detail=exc.detail,
                        ) from exc
                    await self._stream(service.stream_turn(plan.request), turn, sink)
            except app.ExpiredInteractionError:
                if plan.stateless or turn.answer_text:
                    raise
                log.info("previous interaction expired; rebuilding the context locally")
                plan = await build(force_stateless=True)
                turn.note = REBUILT_NOTE
                sink.turn_changed(turn)
                await self._stream(service.stream_turn(plan.request), turn, sink)
            turn.previous_interaction_id = plan.request.previous_interaction_id
            if turn.interaction_id and turn.interaction_id not in turn.interaction_ids:
                turn.interaction_ids.append(turn.interaction_id)
        except app.AnswerRefusedError as exc:
            # Blocked before any completion: the previous interaction is fine, so nothing is re-sent.
            await self._settle(turn, sink, TurnStatus.REFUSED, exc)
            raise
        except app.AppError as exc:
            await self._settle(turn, sink, TurnStatus.FAILED, exc)
            raise
        await self._settle(turn, sink)
        if turn.status is TurnStatus.AWAITING:
            return await self.tools.advance(turn, settings, history, sink)
        return turn

    async def _fresh_uploads(self, plan: TurnPlan, turn: Turn, history: Sequence[Turn], *, force: bool) -> None:
        """Point every Files API ``uri`` the request sends at a live upload (re-uploading the local
        copy of one that expired); the turn's own prompt keeps the new ``uri``."""
        sent = _uris(plan.request.input)
        if not sent or self.refresh_upload is None:
            return
        parts: dict[str, BlobPart] = {}
        for t in [*history, turn]:
            for part in t.prompt:
                if isinstance(part, BlobPart) and part.uri in sent:
                    parts.setdefault(part.uri, part)
        fresh: dict[str, str] = {}
        self._unrefreshed = set()
        for uri, part in parts.items():
            new = await self.refresh_upload(part, force)
            if new and new != uri:
                fresh[uri] = new
            elif force:
                self._unrefreshed.add(uri)
        if not fresh:
            return
        _replace_uris(plan.request.input, fresh)
        turn.prompt = [
            dataclasses.replace(p, uri=fresh[p.uri]) if isinstance(p, BlobPart) and p.uri in fresh else p
            for p in turn.prompt
        ]

    @staticmethod
    def _names_of(uris: set[str], turns: Sequence[Turn]) -> set[str]:
        return {p.name or p.mime_type for t in turns for p in t.prompt if isinstance(p, BlobPart) and p.uri in uris}

    async def continue_turn(self, turn: Turn, settings: ConversationSettings, sink: TurnSink) -> Turn:
        """Continue a cut-off answer: a new interaction chained on the turn's, appended to the same answer.

        The turn keeps its id (same place in the transcript and the database); its interaction id
        becomes the continuation's, so the next prompt chains on the whole answer. Steps are kept
        in order for replay and usage is summed. On an error the turn stays cut off (with what
        arrived) and the error is recorded and re-raised.
        """
        service = self._service()
        if service is None:
            raise app.missing_key_error()
        if turn.status is not TurnStatus.INCOMPLETE or not turn.interaction_id:
            raise app.InvalidRequestError("Only an answer that was cut off can be continued.")
        request = continue_request(settings, turn)
        earlier_steps, earlier_usage = turn.steps, turn.usage
        turn.error, turn.usage = None, None
        turn.status = TurnStatus.STREAMING
        sink.turn_changed(turn)

        def merge() -> None:
            if turn.steps is not earlier_steps:  # the continuation completed: its steps follow the first ones
                turn.steps = list(earlier_steps) + list(turn.steps)
                turn.last_event_id = None  # the turn's interaction is now the continuation's
            turn.usage = summed_usage(earlier_usage or {}, turn.usage) if turn.usage else earlier_usage

        try:
            await self._stream(service.stream_turn(request), turn, sink, keep_interaction_id=True)
        except app.AppError as exc:
            merge()
            await self._settle(turn, sink, TurnStatus.INCOMPLETE, exc)
            raise
        merge()
        await self._settle(turn, sink)
        return turn

    async def fetch_rest(self, turn: Turn, sink: TurnSink) -> Turn:
        """Fetch the rest of an interrupted answer from the server (by its interaction id).

        When the turn knows the last stream event its saved answer holds, the stream resumes
        right after it and the rest is appended; otherwise the whole interaction is replayed and
        replaces the local copy. On an error the local copy is kept as it was.
        """
        service = self._service()
        if service is None:
            raise app.missing_key_error()
        if not turn.interaction_id:
            raise app.NotFoundError("This answer never reached the server, so there is nothing to fetch.")
        saved_answer, saved_thoughts, saved_steps, saved_event = (
            list(turn.answer),
            turn.thoughts,
            list(turn.steps),
            turn.last_event_id,
        )
        resume_after = turn.last_event_id
        if resume_after is None:
            turn.answer, turn.thoughts = [], ""
        # The partial wire steps are dropped: a later replay sends the answer text instead.
        turn.steps = []
        turn.error = None
        turn.status = TurnStatus.STREAMING
        sink.turn_changed(turn)
        try:
            await self._stream(service.watch(turn.interaction_id, resume_after), turn, sink)
        except app.AppError as exc:
            turn.answer, turn.thoughts, turn.steps, turn.last_event_id = (
                saved_answer,
                saved_thoughts,
                saved_steps,
                saved_event,
            )
            await self._settle(turn, sink, TurnStatus.INTERRUPTED, exc)
            raise
        if resume_after is not None:
            # Only the steps after the resume point were assembled: replay falls back to the answer text.
            turn.steps = []
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
        await self._save(turn, sink)
        sink.turn_changed(turn)

    async def _stream(  # noqa: PLR0912, PLR0915 - one branch per event type
        self,
        stream: Any,
        turn: Turn,
        sink: TurnSink,
        *,
        keep_interaction_id: bool = False,
        on_started: Callable[[], None] | None = None,
    ) -> None:
        """Feed one stream into ``turn``, saving progress; sets the final status.

        ``keep_interaction_id``: the turn keeps its interaction id until the stream completes (a
        Continue: if the app dies meanwhile, "Fetch the rest" fetches the cut-off answer again).
        """
        saver = ProgressSaver(clock=self._clock)
        text: list[str] = [turn.answer_text] if turn.answer_text else []
        media: list[Part] = [p for p in turn.answer if isinstance(p, BlobPart)]
        thoughts: list[str] = [turn.thoughts] if turn.thoughts else []
        self._streams[turn.id] = stream
        status: str | None = None
        errors: tuple[dict[str, Any], ...] = ()
        error_frame: app.AppError | None = None

        def sync_answer() -> None:
            joined = "".join(text)
            text[:] = [joined] if joined else []
            answer: list[Part] = [TextPart(joined)] if joined else []
            turn.answer = answer + media
            turn.thoughts = "".join(thoughts)
            thoughts[:] = [turn.thoughts] if turn.thoughts else []
            position = getattr(stream, "last_event_id", None)
            # A continuation streams another interaction: its event ids mean nothing for the turn's own.
            if position is not None and not keep_interaction_id:
                turn.last_event_id = position

        async def flush_periodically() -> None:
            # Events may stop arriving (a stall): what is on screen is still written within the interval.
            while True:
                await asyncio.sleep(saver.interval)
                if saver.dirty:
                    sync_answer()
                    saver.saved()
                    await self._save_progress(turn, sink)

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
                    if on_started is not None:
                        on_started()
                    if not keep_interaction_id:
                        turn.interaction_id = event.interaction_id or turn.interaction_id
                    turn.status = TurnStatus.STREAMING
                    sync_answer()
                    await self._save(turn, sink)
                    saver.saved()
                    sink.turn_changed(turn)
                elif isinstance(event, ev.StepFinished):
                    # Each finished step is kept (and saved) at once, so tool steps and citations
                    # are on screen and on disk while the rest of the answer streams.
                    if event.step.get("type") != "user_input":
                        turn.steps = [*turn.steps, dict(event.step)]
                    sync_answer()
                    await self._save(turn, sink)  # a full write: the steps column changed
                    saver.saved()
                    if event.step.get("type") not in ("model_output", "thought"):
                        sink.turn_changed(turn)
                elif isinstance(event, ev.MediaOutput):
                    part = await self._keep_media(event)
                    if part is not None:
                        media.append(part)
                        sync_answer()
                        await self._save(turn, sink)
                        saver.saved()
                        sink.turn_changed(turn)
                elif isinstance(event, ev.UsageUpdated):
                    turn.usage = _usage_dict(event.usage)
                elif isinstance(event, ev.ServerErrorFrame):
                    error_frame = event.error
                elif isinstance(event, ev.Completed):
                    status = event.status
                    errors = event.errors
                    turn.usage = _usage_dict(event.usage)
                    turn.steps = [s for s in event.steps if s.get("type") != "user_input"]
                    turn.interaction_id = event.interaction_id or turn.interaction_id
                    if event.pending_function_calls:
                        self.tools.asked_at[turn.id] = time.perf_counter()
                if saver.due():
                    sync_answer()
                    await self._save_progress(turn, sink)
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
        elif error_frame is not None and status is None:
            raise error_frame
        elif status is None or status in ("completed", "requires_action"):
            # The steps decide, not the status: the server says "completed" with calls pending too.
            turn.status = TurnStatus.AWAITING if unanswered_call_ids(turn.steps) else TurnStatus.COMPLETED
        elif status == CUT_OFF:
            turn.status = TurnStatus.INCOMPLETE  # the footer says so and offers Continue
        else:
            # failed / cancelled / budget_exceeded / idle (or a newer status): what arrived is kept.
            if not errors and error_frame is not None:
                errors = ({"message": error_frame.message.removeprefix("The answer failed: ")},)
            turn.status = TurnStatus.FAILED
            turn.error = ending_message(status, errors)

    async def _keep_media(self, event: ev.MediaOutput) -> BlobPart | None:
        kind = _MEDIA_KINDS.get(event.kind, "document")
        data = event.data
        if data is None and event.uri:
            # An output given by reference: fetch it; if that fails, keep a placeholder with the link.
            fetch = getattr(self._service(), "fetch_media", None)
            try:
                if fetch is None:
                    raise app.NetworkError("No connection to fetch the file.")
                data = await fetch(event.uri)
            except app.AppError as exc:
                log.info("could not fetch a generated %s (%s); keeping its link", kind, exc.title)
                return BlobPart(
                    kind=kind,
                    mime_type=event.mime_type,
                    sha256="",
                    name=f"gemini-{kind} (not downloaded)",
                    uri=event.uri,
                )
        if data is None or self._blobs is None:
            return None
        try:
            sha = await self._blocking(self._blobs.put, data)
        except app.StorageError:
            log.warning("a generated %s could not be stored", kind, exc_info=True)
            return None
        # A file name for Save as… and "Edit this image" (the API gives none).
        suffix = mimetypes.guess_extension(event.mime_type or "") or ""
        name = f"gemini-{kind}-{sha[:8]}{'.jpg' if suffix == '.jpe' else suffix}"
        return BlobPart(
            kind=kind,
            mime_type=event.mime_type,
            sha256=sha,
            name=name,
            size=len(data),
        )

    async def _save(self, turn: Turn, sink: TurnSink | None = None) -> None:
        """Write the whole turn; when the disk refuses, keep it on screen marked "not saved"."""
        turn.updated_at = time.time()
        entry = self._unsaved.get(turn.id)
        shown_note = turn.note
        if entry is not None:
            turn.note = entry[1]  # the not-saved note itself is never written
        try:
            await self._blocking(self._repo.update_turn, turn)
        except app.StorageError as exc:
            self._not_saved(turn, exc, sink, entry[1] if entry else shown_note)
            return
        if entry is not None:
            del self._unsaved[turn.id]
            log.info("turn %s saved after all", turn.id)
            target = sink or entry[2]
            if target is not None:
                target.turn_changed(turn)

    async def _save_progress(self, turn: Turn, sink: TurnSink | None = None) -> None:
        if turn.id in self._unsaved:
            await self._save(turn, sink)  # a full write: earlier progress writes were lost
            return
        try:
            await self._blocking(
                self._repo.append_stream_progress,
                turn.id,
                turn.answer_text,
                turn.thoughts,
                turn.status,
                turn.last_event_id,
            )
        except app.StorageError as exc:
            self._not_saved(turn, exc, sink, turn.note)

    def _not_saved(self, turn: Turn, error: app.StorageError, sink: TurnSink | None, note: str | None) -> None:
        """The answer keeps streaming and stays shown; it is written when the disk allows."""
        first = turn.id not in self._unsaved
        self.last_storage_error = error
        previous_sink = self._unsaved[turn.id][2] if not first else None
        self._unsaved[turn.id] = (turn, note, sink or previous_sink)
        turn.note = not_saved_note(error)
        if first:
            log.warning("turn %s could not be saved: %s", turn.id, error)
            if sink is not None:
                sink.turn_changed(turn)


def _uris(value: Any) -> set[str]:
    """Every ``uri`` of a content block in a request ``input`` (at any depth)."""
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("uri"), str):
            found.add(value["uri"])
        for item in value.values():
            found |= _uris(item)
    elif isinstance(value, list):
        for item in value:
            found |= _uris(item)
    return found


def _replace_uris(value: Any, fresh: dict[str, str]) -> None:
    """Swap ``uri`` values in place (the request's ``input`` was built for this send alone)."""
    if isinstance(value, dict):
        if value.get("uri") in fresh:
            value["uri"] = fresh[value["uri"]]
        for item in value.values():
            _replace_uris(item, fresh)
    elif isinstance(value, list):
        for item in value:
            _replace_uris(item, fresh)


def summed_usage(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Token counts of two interactions of one turn added up."""
    out = dict(first)
    for key, value in second.items():
        if isinstance(value, int) and isinstance(out.get(key, 0), int):
            out[key] = int(out.get(key, 0)) + value
        else:
            out[key] = value
    return out


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
