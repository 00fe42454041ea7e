"""Drives the open conversation: open/switch, send, stop, retry, edit, regenerate, branches, drafts.

Widgets emit what the user asked for; this controller does the work through the task runner,
the store (off the GUI thread) and the ``TurnRunner``, and reports back with signals.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import errors as app
from desktop.controllers.conversation_state import ConversationState
from desktop.controllers.task_runner import TaskRunner
from desktop.domain import retired
from desktop.domain.conversation import (
    BlobPart,
    Conversation,
    ConversationSettings,
    Part,
    TextPart,
    Turn,
    TurnStatus,
    parts_text,
    title_from_prompt,
)
from desktop.domain.function_calls import NEVER_ANSWERED
from desktop.domain.tools import ToolRegistry, default_registry
from desktop.services.blocking import run_blocking
from desktop.services.conversation.chat import FETCHED_NOTE, check_settings
from desktop.services.conversation.chat_turn import TurnRunner, not_sent_text
from desktop.services.conversation.tool_loop import ToolPolicy, decide
from desktop.services.tools.executor import ToolExecutor

log = logging.getLogger(__name__)

# Typing is saved this long after the last keystroke (and at once on switch and quit).
DRAFT_DELAY_MS = 400
# Conversations kept loaded, so switching back and forth does not re-read the database.
STATE_CACHE = 4
# While an answer could not be written (a full disk), it is written again this often.
UNSAVED_RETRY_MS = 5000


class ConversationController(QObject):
    """The current conversation and its turns; one turn streams at a time.

    Signals:
        conversation_opened: The transcript must show this ``ConversationView`` (a switch, or a branch change).
        turn_appended: A turn was added at the end of the branch shown: (Turn, (position, count)).
        turn_changed: A shown turn changed (status, note, usage, error, media): the ``Turn``.
        text_received: Answer text arrived: (turn id, text).
        thought_received: Thought summary text arrived: (turn id, text).
        turn_failed: Sending failed: (AppError, the prompt text to give back to the composer).
        prompt_files_returned: A failed turn's attachments (list of ``BlobPart``), to put back into the composer.
        busy_changed: Whether a turn is streaming.
        draft_loaded: The composer must show this draft (after a switch).
        settings_loaded: The settings bar must show these ``ConversationSettings``.
        conversations_changed: Conversations were added, renamed or had activity: the sidebar should refresh.
        current_changed: The current conversation's id changed (for the sidebar selection).
        notice: A note to show in the open conversation (e.g. its retired model was replaced): the text.
    """

    conversation_opened = Signal(object)
    turn_appended = Signal(object, object)
    turn_changed = Signal(object)
    text_received = Signal(str, str)
    thought_received = Signal(str, str)
    turn_failed = Signal(object, str)
    prompt_files_returned = Signal(list)
    busy_changed = Signal(bool)
    draft_loaded = Signal(str)
    settings_loaded = Signal(object)
    conversations_changed = Signal()
    current_changed = Signal(str)
    notice = Signal(str)
    storage_problem = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        service: Callable[[], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self.repo: Any = None
        self.blobs: Any = None
        self.turns: TurnRunner | None = None
        self.state: ConversationState | None = None
        self._cache: OrderedDict[str, ConversationState] = OrderedDict()
        self._running_turn: str | None = None
        self._open_seq = 0
        self._draft_pending: tuple[str, str] | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._flush_draft_soon)
        self._unsaved_timer = QTimer(self)
        self._unsaved_timer.setInterval(UNSAVED_RETRY_MS)
        self._unsaved_timer.timeout.connect(self._retry_unsaved_soon)
        self._storage_error: app.StorageError | None = None
        # Failed turns that were never written (the disk refused): dropped when the next prompt goes.
        self._unsent: set[str] = set()
        self.default_settings = ConversationSettings()
        # The one tool registry (the settings bar offers its options; turns declare from it).
        self.registry: ToolRegistry = default_registry()
        # Said in every new conversation while the default model had to be replaced (retired).
        self.default_model_note: str | None = None
        # The composer's already-encoded block for an attachment (``AttachmentsController.block_for``),
        # so a prompt's files are not read and encoded a second time when the turn is sent.
        self.prepared_block: Callable[[BlobPart], dict[str, Any] | None] | None = None
        # ``(part, force) -> live uri``: re-uploads an attachment whose Files API upload expired
        # (``AttachmentService.refresh_upload``); set by the app with the attachment service.
        self.refresh_upload: Callable[[BlobPart, bool], Awaitable[str | None]] | None = None
        # Whether a conversation's draft holds attachments (an empty conversation with some is kept).
        self.draft_has_files: Callable[[str], bool] | None = None
        # The tool loop's runner of calls and its preferences (set by the composition root).
        self.tool_executor: ToolExecutor | None = None
        self.tool_policy: Callable[[], ToolPolicy] = ToolPolicy

    # -- set-up ----------------------------------------------------------------------------------
    def attach_storage(self, repo: Any, blobs: Any) -> None:
        """Use this repository and blob store (called once the database is open)."""
        self.repo = repo
        self.blobs = blobs
        self.turns = TurnRunner(
            repo,
            self._service,
            run_blocking,
            blobs=blobs,
            registry=self.registry,
            refresh_upload=self._refresh_upload,
            executor=self.tool_executor,
            policy=self.tool_policy,
        )

    async def _refresh_upload(self, part: BlobPart, force: bool) -> str | None:
        return await self.refresh_upload(part, force) if self.refresh_upload is not None else None

    @property
    def busy(self) -> bool:
        """Whether a turn is streaming."""
        return self._running_turn is not None

    @property
    def current_id(self) -> str | None:
        """The open conversation's id."""
        return self.state.id if self.state else None

    # -- opening ---------------------------------------------------------------------------------
    async def open_latest(self) -> None:
        """At start-up: open the most recently active conversation, or start a new one."""
        summaries = await run_blocking(self.repo.list, limit=1)
        if summaries:
            await self.open(summaries[0].id)
        else:
            await self.new_conversation()

    def on_open_requested(self, conversation_id: str) -> None:
        """The user picked a conversation in the sidebar."""
        if conversation_id and conversation_id != self.current_id:
            self._runner.spawn(self.open(conversation_id), name="open-conversation")

    def on_new_conversation(self) -> None:
        """Ctrl+N: start a new, empty conversation (reusing the current one if it is empty)."""
        if self.state is not None and self.state.empty and not self.busy:
            self.draft_loaded.emit(self.state.conversation.draft)
            return
        self._runner.spawn(self.new_conversation(), name="new-conversation")

    async def new_conversation(self, *, continues: str | None = None, title: str | None = None) -> None:
        """Create a conversation (default settings) and show it.

        ``continues`` is an interaction (e.g. a research run) the first turn chains on.
        """
        await self._leave_current()
        settings = ConversationSettings.from_dict(self.default_settings.to_dict())
        settings.continues_interaction_id = continues
        conversation = (
            Conversation.new(title=title, settings=settings) if title else Conversation.new(settings=settings)
        )
        # Saved only once something is typed or sent: an untouched new conversation leaves no trace.
        state = ConversationState(conversation, [])
        state.persisted = False
        self._show(state)

    def on_continue_requested(self, interaction_id: str, title: str) -> None:
        """Open a new conversation that chains on ``interaction_id`` ("Continue in conversation")."""
        if interaction_id:
            self._runner.spawn(
                self.new_conversation(continues=interaction_id, title=title), name="continue-conversation"
            )

    async def open(self, conversation_id: str) -> None:
        """Load (or take from the cache) a conversation and show it."""
        self._open_seq += 1
        seq = self._open_seq
        await self._leave_current()
        state = self._cache.get(conversation_id)
        if state is None:
            conversation = await run_blocking(self.repo.get, conversation_id)
            if conversation is None:
                return
            turns = await run_blocking(self.repo.turns, conversation_id)
            state = ConversationState(conversation, turns)
            state.persisted = True
        if seq != self._open_seq:
            return  # the user already picked another one
        self._show(state)

    def set_default_model(self, model: str) -> str | None:
        """The model of new conversations; a retired one is replaced. Returns the note (None if none)."""
        self.default_settings.model, self.default_model_note = retired.resolve(model)
        return self.default_model_note

    def _replace_retired_model(self, state: ConversationState) -> str | None:
        """Switch a conversation away from a retired model (saved at once); the note to show, or None."""
        settings = state.conversation.settings
        settings.model, note = retired.resolve(settings.model)
        if note is None:
            return None
        if state.persisted and self.repo is not None:
            self._runner.spawn(run_blocking(self.repo.update_settings, state.id, settings), name="replace-model")
        return note

    def _show(self, state: ConversationState) -> None:
        note = self._replace_retired_model(state)
        if note is None and not state.persisted and state.empty:
            note = self.default_model_note
        self.state = state
        self._cache[state.id] = state
        self._cache.move_to_end(state.id)
        while len(self._cache) > STATE_CACHE:
            self._cache.popitem(last=False)
        self.current_changed.emit(state.id)
        self.settings_loaded.emit(state.conversation.settings)
        self.conversation_opened.emit(state.view())
        self.draft_loaded.emit(state.conversation.draft)
        if note:
            self.notice.emit(note)
        self._resume_tool_loop(state)

    # -- the tool loop ---------------------------------------------------------------------------
    def _resume_tool_loop(self, state: ConversationState) -> None:
        """A turn left waiting for function results (e.g. by a restart): its cards show again and
        results computed but not sent are sent."""
        leaf = state.leaf()
        if leaf is None or leaf.status is not TurnStatus.AWAITING or self.busy or self.turns is None:
            return
        self._advance(state, leaf)

    def on_call_decided(self, turn_id: str, call_id: str, decision: str) -> None:
        """The user answered an approval card: record it (stored at once) and carry the loop on."""
        state = self.state
        turn = state.get(turn_id) if state else None
        if state is None or turn is None or self.turns is None:
            return
        settings = state.conversation.settings
        remembered = list(settings.always_allowed_tools)
        if not decide(turn, settings, call_id, decision):
            return
        if settings.always_allowed_tools != remembered:
            self._runner.spawn(run_blocking(self.repo.update_settings, state.id, settings), name="always-allow")
            # The settings bar shows the remembered tools (and can forget them): its copy must know,
            # or its next change would write the settings back without the new one.
            self.settings_loaded.emit(settings)
        self.turn_changed.emit(turn)
        if self.busy:
            return  # the running loop reads the decision when it checks again
        self._advance(state, turn)

    def rewrite_always_allowed(self, carry: Callable[[list[str]], list[str]]) -> None:
        """Give every conversation's "Always allow" list through ``carry`` (a list of function names
        in, the list to keep out), e.g. after MCP servers were renamed or removed; stored at once."""
        state = self.state
        if state is not None:
            settings = state.conversation.settings
            carried = carry(list(settings.always_allowed_tools))
            if carried != settings.always_allowed_tools:
                settings.always_allowed_tools = carried
                self.settings_loaded.emit(settings)
                self._runner.spawn(run_blocking(self.repo.update_settings, state.id, settings), name="always-allow")
        if self.repo is not None:
            current = state.id if state is not None else None
            self._runner.spawn(run_blocking(_rewrite_stored, self.repo, carry, current), name="always-allow-all")

    def _advance(self, state: ConversationState, turn: Turn) -> None:
        assert self.turns is not None
        turns = self.turns
        history = state.history_before(turn)
        sink = _Sink(self, state)
        work = functools.partial(turns.advance, turn, state.conversation.settings, history, sink)
        self._launch(state, turn, work, name="tool-loop")

    async def _leave_current(self) -> None:
        """Save the draft; forget an empty conversation nobody typed into."""
        self._draft_timer.stop()
        await self.flush_draft()
        state = self.state
        files = self.draft_has_files is not None and state is not None and self.draft_has_files(state.id)
        if state is not None and state.persisted and state.empty and not state.conversation.draft.strip() and not files:
            state.persisted = False
            await run_blocking(self.repo.delete, state.id)
            await run_blocking(self.repo.purge_deleted)
            self._cache.pop(state.id, None)
            self.conversations_changed.emit()

    def forget(self, conversation_id: str) -> None:
        """A conversation was deleted elsewhere: drop it from the cache."""
        self._cache.pop(conversation_id, None)

    # -- drafts ----------------------------------------------------------------------------------
    def on_draft_changed(self, text: str) -> None:
        """The composer's text changed: save it a moment later."""
        if self.state is None:
            return
        self.state.conversation.draft = text
        self._draft_pending = (self.state.id, text)
        self._draft_timer.start()

    async def ensure_saved(self, state: ConversationState) -> None:
        """Write a new conversation to the database the first time it matters."""
        if not state.persisted:
            state.persisted = True
            try:
                await run_blocking(self.repo.insert, state.conversation)
            except BaseException:
                state.persisted = False
                raise
            self.conversations_changed.emit()

    def _flush_draft_soon(self) -> None:
        self._runner.spawn(self._flush_draft_quietly(), name="save-draft")

    async def _flush_draft_quietly(self) -> None:
        """Save the draft in the background; a full disk keeps it pending (and says so once, in the status bar)."""
        pending = self._draft_pending
        try:
            await self.flush_draft()
        except app.StorageError as exc:
            if self._draft_pending is None:
                self._draft_pending = pending  # written again with the not-saved answers
            self._set_storage_error(exc)
            if not self._unsaved_timer.isActive():
                self._unsaved_timer.start()

    async def flush_draft(self) -> None:
        """Write the pending draft now."""
        pending, self._draft_pending = self._draft_pending, None
        if pending is None or self.repo is None:
            return
        state = self._cache.get(pending[0])
        if state is not None and not state.persisted:
            if not pending[1].strip():
                return
            await self.ensure_saved(state)
        await run_blocking(self.repo.save_draft, *pending)

    # -- settings --------------------------------------------------------------------------------
    def on_settings_changed(self, settings: ConversationSettings) -> None:
        """The settings bar changed the current conversation's options."""
        if self.state is None:
            return
        settings.model, note = retired.resolve(settings.model)
        if note:
            self.notice.emit(note)
        self.state.conversation.settings = settings
        if not self.state.persisted:
            return
        self._runner.spawn(run_blocking(self.repo.update_settings, self.state.id, settings), name="save-settings")

    # -- sending ---------------------------------------------------------------------------------
    def on_prompt_submitted(self, parts: list[Part]) -> None:
        """Send ``parts`` as the next turn (ignored when empty or while a turn runs)."""
        if isinstance(parts, str):
            parts = [TextPart(parts)]
        text = parts_text(parts)
        has_files = any(isinstance(p, BlobPart) for p in parts)
        if (not text.strip() and not has_files) or self.busy:
            return  # a prompt may be attachments only, but not nothing
        if self._refuse_without_key(text):
            return
        if self.state is None:
            return
        state = self.state
        try:
            # Refused before a turn exists: the prompt and its files go back to the composer.
            check_settings(state.conversation.settings, self.registry)
        except app.AppError as exc:
            self.turn_failed.emit(exc, text)
            files = [p for p in parts if isinstance(p, BlobPart)]
            if files:
                self.prompt_files_returned.emit(files)
            return
        self._drop_unsent(state)
        self._close_unanswered(state)
        parent = state.parent_for_new_turn()
        self._start(state, parent, list(parts), first=state.empty)

    def _close_unanswered(self, state: ConversationState) -> None:
        """A new prompt instead of answering the cards: the calls still waiting are closed as never
        answered (what the next request tells the model), so their cards stop offering to run them
        and a late answer cannot run a tool for a turn the conversation has left."""
        leaf = state.leaf()
        if leaf is None or leaf.status is not TurnStatus.AWAITING or self.turns is None:
            return
        waiting = [c for c in leaf.tool_calls if c.state == "waiting"]
        if not waiting:
            return
        for call in waiting:
            call.fail(NEVER_ANSWERED)
        leaf.status = TurnStatus.COMPLETED
        self.turn_changed.emit(leaf)
        self._runner.spawn(self.turns.save_turn(leaf), name="close-unanswered")

    def _start(self, state: ConversationState, parent: Turn | None, parts: list[Part], *, first: bool = False) -> None:
        turn = Turn.new(state.id, parent.id if parent else None, parts, model=state.conversation.settings.model)
        history = [*state.history_before(parent), parent] if parent else []
        prepared: dict[str, dict[str, Any]] = {}
        if self.prepared_block is not None:
            # Taken now: the composer forgets its attachments as soon as the turn is shown.
            for part in parts:
                if isinstance(part, BlobPart) and (block := self.prepared_block(part)) is not None:
                    prepared[part.sha256] = block
        files = [p for p in parts if isinstance(p, BlobPart)]
        self._launch(
            state,
            turn,
            lambda: self._run_turn(state, turn, history, first=first, prepared=prepared),
            name="conversation-turn",
            prompt_back=turn.prompt_text,
            files_back=files,
        )

    def _refuse_without_key(self, prompt_back: str) -> bool:
        """True (and the user told how to add one) when there is no API key to send with."""
        if self._service() is not None:
            return False
        self.turn_failed.emit(app.missing_key_error(), prompt_back)
        return True

    def _launch(
        self,
        state: ConversationState,
        turn: Turn,
        work: Callable[[], Awaitable[object]],
        *,
        name: str,
        prompt_back: str = "",
        files_back: Sequence[BlobPart] = (),
    ) -> None:
        """Run ``work()`` for ``turn`` under the one turn lifecycle (see ``_TurnLifecycle``).

        Busy is marked here, synchronously, so a second click in the same event-loop turn is refused.
        ``work`` is called only inside the task, so a task cancelled before it starts leaves no
        coroutine that was never awaited.
        """
        lifecycle = _TurnLifecycle(self, state, turn.id, prompt_back=prompt_back, files_back=files_back, turn=turn)

        async def run() -> None:
            async with lifecycle:
                await work()

        self._runner.spawn(run(), name=name)

    async def _run_turn(
        self,
        state: ConversationState,
        turn: Turn,
        history: list[Turn],
        *,
        first: bool = False,
        is_new: bool = True,
        prepared: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        assert self.turns is not None
        sink = _Sink(self, state)
        if is_new:
            shown_leaf = state.leaf()
            state.add(turn)
            if state is self.state:
                if shown_leaf is not None and turn.parent_id != shown_leaf.id:
                    # It replaces a refused or unanswered leaf as an alternative: show the new branch.
                    self.conversation_opened.emit(state.view())
                self.turn_appended.emit(turn, state.branch_info(turn))
        await self.ensure_saved(state)
        if first and not state.conversation.settings.continues_interaction_id:
            title = title_from_prompt(turn.prompt_text or _files_title(turn.prompt))
            state.conversation.title = title
            await run_blocking(self.repo.rename, state.id, title)
        if is_new:
            state.conversation.draft = ""
            self._draft_pending = (state.id, "")
            await self.flush_draft()
        await self.turns.run(turn, state.conversation.settings, history, sink, is_new=is_new, prepared=prepared)

    # -- storage faults --------------------------------------------------------------------------
    def _fail_unsent(self, turn: Turn, exc: app.AppError, sink: _Sink) -> None:
        """A turn that failed before it was sent (e.g. the disk is full) must not stay "Thinking…"."""
        if isinstance(exc, app.StorageError):
            self._set_storage_error(exc)
            if turn.status.is_active or turn.error == not_sent_text(exc):
                self._unsent.add(turn.id)
        if turn.status.is_active:
            turn.status = TurnStatus.FAILED
            turn.error = not_sent_text(exc) if isinstance(exc, app.StorageError) else describe_failure(exc)
            sink.turn_changed(turn)
        exc.shown_on_turn = turn.status is TurnStatus.FAILED and bool(turn.error)

    def _drop_unsent(self, state: ConversationState) -> None:
        """A failed turn that was never written gives way to the prompt sent again from the composer."""
        leaf = state.leaf()
        if leaf is not None and leaf.id in self._unsent:
            self._unsent.discard(leaf.id)
            state.discard(leaf.id)
            self.conversation_opened.emit(state.view())

    def _set_storage_error(self, error: app.StorageError | None) -> None:
        if (error is None) != (self._storage_error is None) or error is not None:
            self._storage_error = error
            self.storage_problem.emit(error)

    def _watch_unsaved(self, storage_failed: bool = False) -> None:
        """Keep retrying not-saved answers while there are any; clear the warning once all is written."""
        if self.turns is None:
            return
        if self.turns.unsaved:
            if self.turns.last_storage_error is not None:
                self._set_storage_error(self.turns.last_storage_error)
            if not self._unsaved_timer.isActive():
                self._unsaved_timer.start()
        else:
            self._unsaved_timer.stop()
            if not storage_failed:
                self._set_storage_error(None)

    def _retry_unsaved_soon(self) -> None:
        self._runner.spawn(self.retry_unsaved(), name="save-unsaved")

    async def retry_unsaved(self) -> int:
        """Write the not-saved answers again (space may have been freed); return how many remain."""
        if self.turns is None:
            return 0
        remaining = await self.turns.save_unsaved()
        if self._draft_pending is not None:
            pending = self._draft_pending
            try:
                await self.flush_draft()
            except app.StorageError:
                if self._draft_pending is None:
                    self._draft_pending = pending
                remaining += 1
        if not remaining:
            self._unsaved_timer.stop()
            if not self.busy:
                self._set_storage_error(None)
        return remaining

    def on_stop_requested(self) -> None:
        """Stop the running turn at once; the partial answer stays, marked stopped."""
        if self.turns is not None:
            self.turns.stop()

    def on_retry_requested(self, turn_id: str) -> None:
        """Send a failed (or stopped) turn again: in place when it ends the branch, else as an alternative."""
        state = self.state
        turn = state.get(turn_id) if state else None
        if turn is None or self.busy or state is None:
            return
        if state.leaf() is turn and turn.status in (TurnStatus.FAILED, TurnStatus.REFUSED):
            turn.answer, turn.thoughts, turn.error, turn.note, turn.steps = [], "", None, None, []
            history = state.history_before(turn)
            work = functools.partial(self._run_turn, state, turn, history, is_new=False)
            self._launch(state, turn, work, name="retry-turn", prompt_back=turn.prompt_text)
            self.turn_changed.emit(turn)
        else:
            self.on_regenerate_requested(turn_id)

    def on_continue_answer_requested(self, turn_id: str) -> None:
        """Continue a cut-off answer in place: chained on its interaction, appended to the same turn."""
        state = self.state
        turn = state.get(turn_id) if state else None
        if turn is None or state is None or self.busy or turn.status is not TurnStatus.INCOMPLETE:
            return
        if self._refuse_without_key(""):
            return
        self._launch(state, turn, functools.partial(self._continue, state, turn), name="continue-answer")

    async def _continue(self, state: ConversationState, turn: Turn) -> None:
        assert self.turns is not None
        await self.turns.continue_turn(turn, state.conversation.settings, _Sink(self, state))

    def on_regenerate_requested(self, turn_id: str) -> None:
        """A new answer to the same prompt, as an alternative branch."""
        state = self.state
        turn = state.get(turn_id) if state else None
        if turn is not None:
            self._branch(turn, list(turn.prompt))

    def on_edit_submitted(self, turn_id: str, text: str) -> None:
        """An edited prompt, sent as an alternative to ``turn_id`` (branching from the turn before it)."""
        state = self.state
        turn = state.get(turn_id) if state else None
        if turn is None or not text.strip():
            return
        blobs = [p for p in turn.prompt if not isinstance(p, TextPart)]
        self._branch(turn, [*blobs, TextPart(text)])  # files first, as the composer sends them

    def _branch(self, turn: Turn, parts: list[Part]) -> None:
        state = self.state
        if state is None or self.busy or self._refuse_without_key(""):
            return
        parent = state.get(turn.parent_id) if turn.parent_id else None
        new = Turn.new(state.id, parent.id if parent else None, parts, model=state.conversation.settings.model)
        history = state.history_before(new)
        state.add(new)
        self.conversation_opened.emit(state.view())
        self._launch(state, new, functools.partial(self._run_turn_added, state, new, history), name="branch-turn")

    async def _run_turn_added(self, state: ConversationState, turn: Turn, history: list[Turn]) -> None:
        assert self.turns is not None
        await self.turns.run(turn, state.conversation.settings, history, _Sink(self, state))

    def on_switch_branch(self, turn_id: str, delta: int) -> None:
        """‹ / ›: show another alternative of ``turn_id`` (and its newest continuation)."""
        state = self.state
        if state is None or self.busy:
            return
        leaf = state.switch(turn_id, delta)
        if leaf is None:
            return
        state.conversation.current_leaf_turn_id = leaf
        self.conversation_opened.emit(state.view())
        self._runner.spawn(run_blocking(self.repo.set_current_leaf, state.id, leaf), name="switch-branch")

    def on_fetch_rest_requested(self, turn_id: str) -> None:
        """Fetch an interrupted answer from the server by its interaction id."""
        state = self.state
        turn = state.get(turn_id) if state else None
        if turn is None or state is None or self.busy:
            return
        self._launch(state, turn, functools.partial(self._fetch, state, turn), name="fetch-rest")

    async def _fetch(self, state: ConversationState, turn: Turn) -> None:
        assert self.turns is not None
        turn.note = FETCHED_NOTE
        try:
            await self.turns.fetch_rest(turn, _Sink(self, state))
        except app.AppError:
            turn.note = None
            if state is self.state:
                self.turn_changed.emit(turn)
            raise

    async def shutdown(self) -> None:
        """Save the draft (the running turn is already saved as it streams), and if possible unsaved
        answers; stop running tools."""
        self._draft_timer.stop()
        self._unsaved_timer.stop()
        if self.turns is not None:
            self.turns.tools.stop()
            if self.turns.unsaved:
                await self.turns.save_unsaved()
        await self.flush_draft()


def _unexpected(error: Exception) -> app.AppError:
    """A failure that is not an app error (a bug, or a store error without a cause), logged and worded."""
    log.error("a turn failed unexpectedly", exc_info=error)
    return app.AppError("Unexpected error: " + type(error).__name__, detail=str(error))


def describe_failure(exc: app.AppError) -> str:
    """The text recorded on a failed turn (the same wording ``TurnRunner`` uses)."""
    return exc.message if exc.message.startswith(exc.title) else f"{exc.title}: {exc.message}"


def _files_title(parts: list[Part]) -> str:
    """A title for a prompt of attachments only: their names."""
    return ", ".join(p.name for p in parts if isinstance(p, BlobPart) and p.name)


class _TurnLifecycle:
    """The one lifecycle of a turn's work: busy, run, settle, clear.

    Built (busy marked) when the work is launched; as an async context manager it reports an
    ``AppError`` raised inside as ``turn_failed`` (giving the prompt text and files back to the
    composer when asked, while the conversation is shown), then clears busy and refreshes the list,
    however the work ended.
    """

    def __init__(
        self,
        controller: ConversationController,
        state: ConversationState,
        turn_id: str,
        *,
        prompt_back: str = "",
        files_back: Sequence[BlobPart] = (),
        turn: Turn | None = None,
    ) -> None:
        self._c = controller
        self._state = state
        self._turn = turn
        self._prompt_back = prompt_back
        self._files_back = list(files_back)
        controller._running_turn = turn_id
        controller.busy_changed.emit(True)

    async def __aenter__(self) -> _TurnLifecycle:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        c = self._c
        error: app.AppError | None = None
        if isinstance(exc, app.AppError):
            error = exc
        elif isinstance(exc, Exception):
            error = _unexpected(exc)  # whatever happened, the turn must not stay "Thinking…"
        if error is not None and self._turn is not None:
            c._fail_unsent(self._turn, error, _Sink(c, self._state))
        if error is not None and self._state is c.state:
            c.turn_failed.emit(error, self._prompt_back)
            if self._files_back:
                c.prompt_files_returned.emit(self._files_back)
        c._running_turn = None
        c.busy_changed.emit(False)
        c.conversations_changed.emit()
        c._watch_unsaved(isinstance(error, app.StorageError))
        return error is not None  # an app error was reported: the task ends quietly; anything else goes on up


class _Sink:
    """Forwards a turn's progress to the controller's signals while its conversation is shown."""

    def __init__(self, controller: ConversationController, state: ConversationState) -> None:
        self._c = controller
        self._state = state

    def _shown(self) -> bool:
        return self._c.state is self._state

    def turn_changed(self, turn: Turn) -> None:
        if self._shown():
            self._c.turn_changed.emit(turn)

    def text_arrived(self, turn_id: str, text: str) -> None:
        if self._shown():
            self._c.text_received.emit(turn_id, text)

    def thought_arrived(self, turn_id: str, text: str) -> None:
        if self._shown():
            self._c.thought_received.emit(turn_id, text)


def _rewrite_stored(repo: Any, carry: Callable[[list[str]], list[str]], skip: str | None) -> None:
    """``rewrite_always_allowed`` for the stored conversations (blocking; the shown one is skipped)."""
    for summary in repo.list():
        if summary.id == skip:
            continue
        conversation = repo.get(summary.id)
        if conversation is None:
            continue
        settings = conversation.settings
        carried = carry(list(settings.always_allowed_tools))
        if carried != settings.always_allowed_tools:
            settings.always_allowed_tools = carried
            repo.update_settings(summary.id, settings)
