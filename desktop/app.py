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

from PySide6.QtWidgets import QApplication

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
        self.settings: Any = None
        self.ui_state: Any = None
        self.paths: Any = None
        self.db: Any = None
        self.conversations_repo: Any = None
        self.research_repo: Any = None
        self.blobs: Any = None

    def build(self) -> None:
        """Create services and controllers and wire them to the window (after the first paint)."""
        from desktop.controllers.conversation import ConversationController
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
        self.runner = TaskRunner()
        self.session = SessionController(keystore, config, self._key_prompt_factory or self._default_key_prompt)
        self.conversation = ConversationController(self.runner, lambda: self.session.service)
        self.conversation.model = self.settings.get("default_model")
        window.set_model(self.conversation.model)

        tab = window.conversation_tab
        tab.prompt_submitted.connect(self.conversation.on_prompt_submitted)
        tab.stop_requested.connect(self.conversation.on_stop_requested)
        self.conversation.turn_started.connect(tab.on_turn_started)
        self.conversation.text_received.connect(tab.on_text_received)
        self.conversation.turn_finished.connect(tab.on_turn_finished)
        self.conversation.turn_failed.connect(tab.on_turn_failed)
        self.conversation.busy_changed.connect(tab.on_busy_changed)
        window.new_conversation_requested.connect(self.conversation.on_new_conversation)
        window.new_conversation_requested.connect(tab.clear)
        self.session.connection_changed.connect(window.on_connection_changed)
        self.session.key_source_changed.connect(window.on_key_source_changed)
        window.api_key_requested.connect(lambda: self.runner.spawn(self.session.replace_key(), name="replace-key"))
        window.forget_key_requested.connect(lambda: self.runner.spawn(self.session.forget_key(), name="forget-key"))
        window.preferences_requested.connect(self._open_preferences)
        self.runner.failed.connect(self._show_error)

    async def open_storage(self) -> None:
        """Open the database off the GUI thread; a damaged file is moved aside and the user told."""
        from desktop.services.blocking import run_blocking
        from desktop.store import BlobStore, ConversationRepository, ResearchRepository, open_or_recover

        self.db, damaged = await run_blocking(open_or_recover, self.paths.database)
        self.conversations_repo = ConversationRepository(self.db)
        self.research_repo = ResearchRepository(self.db)
        self.blobs = BlobStore(self.paths.blobs)
        interrupted = await run_blocking(self.conversations_repo.mark_interrupted_streaming_turns)
        if interrupted:
            log.info("%d answers were interrupted by the last exit", len(interrupted))
        if damaged is not None:
            self.window.show_warning(
                self.window.tr("Conversation database damaged"),
                self.window.tr(
                    "The conversation database could not be read, so a new one was started. "
                    "The damaged file was kept as {0}."
                ).format(str(damaged.moved_to)),
            )

    def _default_key_prompt(self) -> Any:
        from desktop.ui.api_key_dialog import ApiKeyDialog

        return ApiKeyDialog(self.window)

    def _open_preferences(self) -> None:
        from desktop.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.window)
        dialog.open()

    def _show_error(self, error: Any) -> None:
        from desktop.ui.conversation_tab import describe_error

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
        if self.runner is not None:
            await self.runner.cancel_all(timeout=0.7)
        if self.session is not None:
            await self.session.shutdown()
        if self.db is not None:
            self.db.close()
