"""The composition root: builds everything in order and tears it down in reverse.

``desktop.launch`` shows and paints the window first, then runs ``DesktopApp.run`` on the qasync
loop; the SDK, the key store, the database and everything else are built after the first paint.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import gc_policy
from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: The whole shutdown (cancel tasks, close the client) is bounded by this.
SHUTDOWN_BUDGET_S = 1.5


class DesktopApp:
    """Owns the app's parts for one run. Tests build it with their own paths, environment and dialogs."""

    def __init__(
        self,
        window: MainWindow,
        *,
        paths: Any = None,
        environ: Mapping[str, str] | None = None,
        keystore: Any = None,
        key_prompt_factory: Callable[[], Any] | None = None,
        service_config: Callable[[str], Any] | None = None,
    ) -> None:
        self.window = window
        self._paths = paths
        self._environ = os.environ if environ is None else environ
        self._keystore = keystore
        self._key_prompt_factory = key_prompt_factory
        self._service_config = service_config
        self._quit: asyncio.Future[None] | None = None
        self.started = asyncio.Event()
        self.runner: Any = None
        self.session: Any = None
        self.conversation: Any = None
        self.library: Any = None
        self.settings: Any = None
        self.ui_state: Any = None
        self.paths: Any = None
        self.db: Any = None
        self.conversations_repo: Any = None
        self.research_repo: Any = None
        self.blobs: Any = None
        self.research: Any = None
        self.notifier: Any = None
        self.uploads: Any = None
        self.attachment_service: Any = None
        self.attachments: Any = None
        self.prompt_queue: Any = None

    def build(self) -> None:
        """Create services and controllers and wire them to the window (after the first paint)."""
        from desktop.controllers.conversation import ConversationController
        from desktop.controllers.conversation_library import ConversationLibrary
        from desktop.controllers.session import SessionController, service_config_factory
        from desktop.controllers.task_runner import TaskRunner
        from desktop.keystore import KeyStore
        from desktop.log import setup_logging
        from desktop.paths import AppPaths
        from desktop.settings import Settings, UiState

        paths = (self._paths or AppPaths.default()).ensure()
        self.paths = paths
        level = getattr(logging, self._environ.get("GEMINI_DESKTOP_LOG_LEVEL", "INFO").upper(), logging.INFO)
        setup_logging(paths.logs, level)
        log.info("Gemini Desktop starting")
        self.settings = Settings(paths.settings_file, self._environ)
        self.ui_state = UiState(paths.ui_state_file)
        keystore = self._keystore or KeyStore(environ=self._environ)
        config = self._service_config or service_config_factory(
            self.settings.effective_base_url,
            self.settings.get("request_timeout_s"),
            self.settings.get("retry_attempts"),
        )
        window = self.window
        gc_policy.tune_for_gui()
        self._gc_timer = QTimer(window)
        self._gc_timer.setInterval(int(gc_policy.FULL_COLLECT_S * 1000))
        self._gc_timer.timeout.connect(gc_policy.full_collect)
        self._gc_timer.start()
        self.runner = TaskRunner()
        self.session = SessionController(keystore, config, self._key_prompt_factory or self._default_key_prompt)
        self.conversation = ConversationController(self.runner, lambda: self.session.service)
        self.conversation.default_settings.model = self.settings.get("default_model")
        window.set_model(self.conversation.default_settings.model)
        self.library = ConversationLibrary(self.runner)
        self._wire_conversation(window)
        self.session.connection_changed.connect(window.on_connection_changed)
        self.session.key_source_changed.connect(window.on_key_source_changed)
        window.api_key_requested.connect(lambda: self.runner.spawn(self.session.replace_key(), name="replace-key"))
        window.forget_key_requested.connect(lambda: self.runner.spawn(self.session.forget_key(), name="forget-key"))
        window.preferences_requested.connect(self._open_preferences)
        self.runner.failed.connect(self._show_error)

    def _wire_conversation(self, window: MainWindow) -> None:
        """Connect the Conversation tab to its two controllers."""
        tab = window.conversation_tab
        conv, library = self.conversation, self.library
        tab.stop_requested.connect(conv.on_stop_requested)
        tab.draft_changed.connect(conv.on_draft_changed)
        tab.edit_submitted.connect(conv.on_edit_submitted)
        tab.transcript.retry_requested.connect(conv.on_retry_requested)
        tab.transcript.regenerate_requested.connect(conv.on_regenerate_requested)
        tab.transcript.switch_requested.connect(conv.on_switch_branch)
        tab.transcript.fetch_requested.connect(conv.on_fetch_rest_requested)
        tab.transcript.continue_requested.connect(conv.on_continue_answer_requested)
        tab.settings_bar.settings_changed.connect(conv.on_settings_changed)
        tab.sidebar.open_requested.connect(conv.on_open_requested)
        tab.sidebar.new_requested.connect(conv.on_new_conversation)
        window.new_conversation_requested.connect(conv.on_new_conversation)
        conv.conversation_opened.connect(tab.on_conversation_opened)
        # A long conversation is tens of thousands of long-lived objects; the cyclic collector's
        # full passes over them stalled scrolling for 50-100 ms (see desktop.gc_policy).
        conv.conversation_opened.connect(lambda _view: gc_policy.after_bulk_load())
        conv.turn_appended.connect(tab.on_turn_appended)
        conv.turn_changed.connect(tab.on_turn_changed)
        conv.text_received.connect(tab.on_text_received)
        conv.thought_received.connect(tab.on_thought_received)
        conv.turn_failed.connect(tab.on_turn_failed)
        conv.prompt_files_returned.connect(tab.on_prompt_files_returned)
        conv.busy_changed.connect(tab.on_busy_changed)
        conv.draft_loaded.connect(tab.on_draft_loaded)
        conv.settings_loaded.connect(tab.settings_bar.on_settings_loaded)
        conv.settings_loaded.connect(lambda s: window.set_model(s.model))
        tab.settings_bar.settings_changed.connect(lambda s: window.set_model(s.model))
        conv.current_changed.connect(tab.on_current_changed)
        conv.conversations_changed.connect(library.on_refresh)
        tab.sidebar.search_changed.connect(library.on_search)
        tab.sidebar.delete_requested.connect(library.on_delete)
        tab.sidebar.undo_requested.connect(library.on_undo_delete)
        tab.rename_submitted.connect(library.on_rename)
        tab.export_submitted.connect(library.on_export)
        library.conversations_listed.connect(tab.sidebar.on_conversations_listed)
        library.search_results.connect(tab.sidebar.on_search_results)
        library.deleted.connect(tab.sidebar.on_deleted)
        library.deleted.connect(self._conversation_deleted)
        library.exported.connect(tab.on_exported)
        self.session.connection_changed.connect(self._connection_changed)
        self._wire_prompt_queue(tab)

    def _wire_prompt_queue(self, tab: Any) -> None:
        """Prompts submitted while an answer streams wait in a queue and are sent in order."""
        from desktop.controllers.prompt_queue import PromptQueue

        conv = self.conversation
        self.prompt_queue = queue = PromptQueue(tab)
        tab.prompt_submitted.connect(queue.on_submitted)
        queue.send.connect(conv.on_prompt_submitted)
        queue.changed.connect(tab.on_queue_changed)
        queue.paused_changed.connect(tab.on_queue_paused)
        conv.busy_changed.connect(queue.on_busy_changed)
        conv.turn_failed.connect(queue.on_turn_failed)
        conv.turn_changed.connect(queue.on_turn_changed)
        conv.current_changed.connect(queue.on_current_changed)
        tab.pending_prompts.edited.connect(queue.edit)
        tab.pending_prompts.removed.connect(queue.cancel)
        tab.pending_prompts.resume_requested.connect(queue.resume)

    def _wire_attachments(self) -> None:
        """Attachments: read, stored and uploaded in the background; chips, drops and pastes on the tab."""
        from desktop.controllers.attachments import AttachmentsController
        from desktop.services.attachments.service import MB, AttachmentService
        from desktop.store.uploads import UploadRepository

        self.uploads = UploadRepository(self.db)
        self.attachment_service = AttachmentService(
            None, self.uploads, self.blobs, inline_limit_bytes=self._inline_limit_bytes(MB)
        )
        self.attachments = AttachmentsController(self.attachment_service, self.runner)
        tab = self.window.conversation_tab
        tab.bind_attachments(
            self.attachments, blob_path=self.blobs.path, read_blob=self.blobs.get, cache_dir=self.paths.cache
        )
        if self.conversation is not None:
            self.conversation.prepared_block = self.attachments.block_for
            service = self.attachment_service
            self.conversation.refresh_upload = lambda part, force: service.refresh_upload(part, force=force)
        if self.session is not None:
            self.session.service_changed.connect(self._use_service_for_uploads)
            self._use_service_for_uploads(self.session.service)
        self.runner.spawn(self._prune_uploads(), name="prune-uploads")
        self._wire_draft_attachments()

    def _wire_draft_attachments(self) -> None:
        """The composer's attachments follow each conversation's draft (and are saved with it)."""
        from desktop.services.blocking import run_blocking

        repo, attachments = self.conversations_repo, self.attachments
        attachments.blob_path = self.blobs.path
        attachments.save_draft = lambda cid, parts: run_blocking(repo.save_draft_parts, cid, parts)
        attachments.load_draft = lambda cid: run_blocking(repo.draft_parts, cid)
        if self.conversation is not None:
            self.conversation.current_changed.connect(attachments.switch_to)
            self.conversation.draft_has_files = attachments.has_draft

    def _inline_limit_bytes(self, mb: int) -> int:
        try:
            return max(1, int(float(self.settings.get("inline_limit_mb")) * mb))
        except (TypeError, ValueError):
            return 15 * mb

    def _use_service_for_uploads(self, service: Any) -> None:
        """A key was added or replaced: upload with it; cached uploads are per key and endpoint."""
        import hashlib

        self.attachment_service.uploader = service
        config = getattr(service, "config", None)
        identity = f"{getattr(config, 'base_url', '') or ''}|{getattr(config, 'api_key', '') or ''}"
        self.attachment_service.scope = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]

    async def _prune_uploads(self) -> None:
        from desktop.services.blocking import run_blocking

        removed = await run_blocking(self.uploads.prune)
        if removed:
            log.info("forgot %d expired uploads", removed)

    def _wire_research(self, window: MainWindow) -> None:
        """Build the research controller (it needs the database) and connect the Research tab."""
        from desktop.controllers.research import ResearchController
        from desktop.ui.notifier import ResearchNotifier

        self.research = ResearchController(self.runner, lambda: self.session.service, self.research_repo, self.settings)
        window.research_tab.bind(self.research)
        self.notifier = ResearchNotifier(window, window.tabs, window.research_tab, icon=window.windowIcon())
        self.research.notification.connect(self.notifier.on_notification)
        self.research.task_finished.connect(self.notifier.on_task_finished)
        self.research.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.research.failed.connect(self._show_error)
        self.research.continue_requested.connect(self._continue_research)
        # Every unfinished run is re-attached; one that ended while the app was closed shows its result.
        self.research.start_up()

    def _continue_research(self, interaction_id: str, title: str) -> None:
        """A follow-up conversation chained on the research interaction."""
        self.window.show_conversation_tab()
        self.conversation.on_continue_requested(interaction_id, title)

    def _conversation_deleted(self, conversation_id: str, _title: str) -> None:
        self.conversation.forget(conversation_id)
        if conversation_id == self.conversation.current_id:
            self.runner.spawn(self.conversation.open_latest(), name="open-after-delete")

    def _connection_changed(self, state: str, _detail: str) -> None:
        if state == "ready" and self.session.service is not None:
            self.runner.spawn(self._load_models(self.session.service), name="list-models")

    async def _load_models(self, service: Any) -> None:
        models = await service.list_models()
        self.window.conversation_tab.on_models_listed(models)

    async def open_storage(self) -> None:
        """Open the database off the GUI thread; a damaged file is moved aside and the user told."""
        from desktop.services.blocking import run_blocking
        from desktop.store import BlobStore, ConversationRepository, ResearchRepository, open_or_recover

        self.db, damaged = await run_blocking(open_or_recover, self.paths.database)
        self.conversations_repo = ConversationRepository(self.db)
        self.blobs = BlobStore(self.paths.blobs)
        self.research_repo = ResearchRepository(self.db, self.blobs)
        interrupted = await run_blocking(self.conversations_repo.mark_interrupted_streaming_turns)
        if interrupted:
            log.info("%d answers were interrupted by the last exit", len(interrupted))
        self._wire_attachments()
        if self.conversation is not None:
            self.conversation.attach_storage(self.conversations_repo, self.blobs)
            self.library.attach_storage(self.conversations_repo, self.blobs)
            await self.conversation.open_latest()
            await self.library.refresh()
        self._wire_research(self.window)
        if damaged is not None:
            self.window.show_warning(
                self.window.tr("Conversation database damaged"),
                self.window.tr(
                    "The conversation database could not be read, so a new one was started. "
                    "The damaged file was kept as {0}."
                ).format(str(damaged.moved_to)),
            )

    def _default_key_prompt(self) -> Any:
        from desktop.ui.dialogs.api_key import ApiKeyDialog

        return ApiKeyDialog(self.window)

    def _open_preferences(self) -> None:
        from desktop.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.window)
        if self.attachment_service is not None:
            from desktop.services.attachments.service import MB

            # The inline limit applies to attachments added after the change.
            dialog.finished.connect(
                lambda _r: setattr(self.attachment_service, "inline_limit_bytes", self._inline_limit_bytes(MB))
            )
        dialog.open()

    def _show_error(self, error: Any) -> None:
        from desktop.errors import KeyStoreUnavailableError
        from desktop.ui.conversation.tab import describe_error

        if isinstance(error, KeyStoreUnavailableError):
            # Nothing works without a key: say plainly, once, how to fix it.
            self.window.show_warning(self.window.tr("No keyring for the API key"), describe_error(error))
            return
        self.window.statusBar().showMessage(describe_error(error), 10000)

    async def run(self) -> int:
        """Build (the window has painted already), start the session, and wait until the window closes."""
        loop = asyncio.get_running_loop()
        # The app quits itself after a bounded shutdown, not when Qt sees the last window close.
        QApplication.instance().setQuitOnLastWindowClosed(False)
        self._quit = loop.create_future()
        self.window.closing.connect(self.request_quit)
        self.build()
        await self.open_storage()
        if self.ui_state is not None:
            self.window.restore_state(self.ui_state.get("window", {}) or {})
        self.window.conversation_tab.composer.setFocus()
        self.runner.spawn(self.session.start(), name="session-start")
        self.started.set()
        await self._quit
        await self.shutdown()
        return 0

    def request_quit(self) -> None:
        """Ask the app to shut down (the window is closing)."""
        if self._quit is not None and not self._quit.done():
            self._quit.set_result(None)

    async def shutdown(self) -> None:
        """Cancel running work, close the client and save UI state, within a fixed budget."""
        if self.ui_state is not None:
            self.ui_state.set("window", self.window.save_state())
            try:
                self.ui_state.save()
            except OSError:
                log.warning("could not save the window state", exc_info=True)
        try:
            await asyncio.wait_for(self._stop_all(), SHUTDOWN_BUDGET_S)
        except asyncio.TimeoutError:
            log.warning("shutdown took longer than %.1fs; exiting anyway", SHUTDOWN_BUDGET_S)
        log.info("Gemini Desktop stopped")

    async def _stop_all(self) -> None:
        if self.research is not None:
            # The runs go on on the server; they are re-attached at the next start.
            self.research.shutdown()
        if self.notifier is not None:
            self.notifier.dispose()
        if self.conversation is not None and self.conversation.repo is not None:
            try:
                await self.conversation.shutdown()
            except Exception:  # noqa: BLE001 - saving the draft must not block the quit
                log.warning("could not save the draft", exc_info=True)
        if self.runner is not None:
            await self.runner.cancel_all(timeout=0.7)
        if self.session is not None:
            await self.session.shutdown()
        if self.db is not None:
            self.db.close()
