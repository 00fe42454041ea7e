"""The composition root: builds everything in order, wires it in one place, and tears it down in reverse.

``desktop.launch`` shows and paints the window first, then runs ``DesktopApp.run`` on the qasync
loop; the SDK, the key store, the database and everything else are built after the first paint.
Every connection between a controller and a widget is made here (the ``wire_*`` functions): the
tabs expose signals and ``on_*`` slots, the controllers expose signals and slots, and neither knows
the other.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from desktop import gc_policy
from desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    # Types only: the modules behind them are imported after the first paint (in ``build``).
    from desktop.cli import Command
    from desktop.controllers.attachments import AttachmentsController
    from desktop.controllers.commands import CommandController
    from desktop.controllers.conversation import ConversationController
    from desktop.controllers.conversation_library import ConversationLibrary
    from desktop.controllers.knowledge import KnowledgeController
    from desktop.controllers.mcp_servers import McpServersController
    from desktop.controllers.prompt_queue import PromptQueue
    from desktop.controllers.quick_ask import QuickAskController
    from desktop.controllers.research import ResearchController
    from desktop.controllers.session import KeyPrompt, SessionController
    from desktop.controllers.task_runner import TaskRunner
    from desktop.domain.api import ModelInfo
    from desktop.domain.conversation import Turn
    from desktop.errors import AppError, StorageError
    from desktop.keystore import KeyStore
    from desktop.paths import AppPaths
    from desktop.services.attachments.service import AttachmentService
    from desktop.services.genai import GeminiService, ServiceConfig
    from desktop.services.mcp import McpManager, McpServerConfig
    from desktop.services.tools.executor import ToolExecutor
    from desktop.settings import Settings, UiState
    from desktop.single_instance import InstanceServer
    from desktop.store import BlobStore, ConversationRepository, CorruptDatabaseError, Database, ResearchRepository
    from desktop.store.uploads import UploadRepository
    from desktop.ui.common.color_scheme import ColorSchemeManager
    from desktop.ui.conversation.tab import ConversationTab
    from desktop.ui.dialogs.knowledge import KnowledgeDialog
    from desktop.ui.dialogs.mcp_servers import McpServersDialog
    from desktop.ui.dialogs.preferences import ToolChoice
    from desktop.ui.notifier import ResearchNotifier
    from desktop.ui.quick_ask import QuickAskWindow
    from desktop.ui.research.tab import ResearchTab
    from desktop.ui.tray import TrayIcon

log = logging.getLogger(__name__)

# The whole shutdown (cancel tasks, close the client) is bounded by this.
SHUTDOWN_BUDGET_S = 1.5
# Bytes in the "MB" of the inline attachment limit preference.
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Storage:
    """The open database and what reads and writes it; built by ``DesktopApp.open_storage``.

    ``damaged`` is the error of a damaged database file that was moved aside (a new one is in use),
    or None.
    """

    db: Database
    conversations: ConversationRepository
    research: ResearchRepository
    uploads: UploadRepository
    blobs: BlobStore
    damaged: CorruptDatabaseError | None = None


# -- wiring --------------------------------------------------------------------------------------
def wire_conversation(tab: ConversationTab, conversation: ConversationController, library: ConversationLibrary) -> None:
    """Connect the Conversation tab to the conversation and library controllers (both ways)."""
    tab.prompt_submitted.connect(conversation.on_prompt_submitted)
    tab.stop_requested.connect(conversation.on_stop_requested)
    tab.draft_changed.connect(conversation.on_draft_changed)
    tab.edit_submitted.connect(conversation.on_edit_submitted)
    tab.retry_requested.connect(conversation.on_retry_requested)
    tab.regenerate_requested.connect(conversation.on_regenerate_requested)
    tab.switch_requested.connect(conversation.on_switch_branch)
    tab.fetch_requested.connect(conversation.on_fetch_rest_requested)
    tab.continue_requested.connect(conversation.on_continue_answer_requested)
    tab.call_decided.connect(conversation.on_call_decided)
    tab.settings_changed.connect(conversation.on_settings_changed)
    tab.open_requested.connect(conversation.on_open_requested)
    tab.new_requested.connect(conversation.on_new_conversation)
    conversation.conversation_opened.connect(tab.on_conversation_opened)
    # A long conversation is tens of thousands of long-lived objects; the cyclic collector's
    # full passes over them stalled scrolling for 50-100 ms (see desktop.gc_policy).
    # Not for a new, empty conversation: nothing was loaded, and with the SDK in memory the full
    # collection takes ~250 ms, which would sit between Enter and the request of a quick ask or --ask.
    conversation.conversation_opened.connect(lambda view: gc_policy.after_bulk_load() if view.turns else None)
    conversation.turn_appended.connect(tab.on_turn_appended)
    conversation.turn_changed.connect(tab.on_turn_changed)
    conversation.text_received.connect(tab.on_text_received)
    conversation.thought_received.connect(tab.on_thought_received)
    conversation.turn_failed.connect(tab.on_turn_failed)
    conversation.prompt_files_returned.connect(tab.on_prompt_files_returned)
    conversation.busy_changed.connect(tab.on_busy_changed)
    conversation.draft_loaded.connect(tab.on_draft_loaded)
    conversation.settings_loaded.connect(tab.on_settings_loaded)
    conversation.current_changed.connect(tab.on_current_changed)
    conversation.notice.connect(tab.show_message)
    conversation.conversations_changed.connect(library.on_refresh)
    tab.search_changed.connect(library.on_search)
    tab.delete_requested.connect(library.on_delete)
    tab.undo_requested.connect(library.on_undo_delete)
    tab.rename_submitted.connect(library.on_rename)
    tab.export_submitted.connect(library.on_export)
    library.conversations_listed.connect(tab.on_conversations_listed)
    library.search_results.connect(tab.on_search_results)
    library.deleted.connect(tab.on_deleted)
    library.exported.connect(tab.on_exported)


def wire_attachments(
    tab: ConversationTab, attachments: AttachmentsController, blobs: BlobStore, paths: AppPaths
) -> None:
    """Connect the Conversation tab's drops, pastes, Attach button and chips to the attachments controller."""
    tab.use_attachments(
        parts=attachments.parts,
        blocker=attachments.send_blocker,
        blob_path=blobs.path,
        read_blob=blobs.get,
        cache_dir=paths.cache,
    )
    tab.attach_paths_requested.connect(attachments.add_paths)
    tab.attach_file_requested.connect(attachments.add_file)
    tab.attachment_remove_requested.connect(attachments.remove)
    tab.attachment_cancel_requested.connect(attachments.cancel)
    tab.attachment_retry_requested.connect(attachments.retry)
    attachments.added.connect(tab.on_attachment_added)
    attachments.changed.connect(tab.on_attachment_changed)
    attachments.removed.connect(tab.on_attachment_removed)
    attachments.rejected.connect(tab.show_message)
    attachments.busy_changed.connect(tab.on_attachments_busy_changed)
    # The prompt's files go with it: the composer forgets them once it is sent (or queued).
    tab.attachments_sent.connect(attachments.clear)


def wire_mcp_tools(tab: ConversationTab, controller: McpServersController) -> None:
    """The local MCP servers' tools in the Tools control and menu: listing on demand, and refreshing
    when a listing (on demand, by the dialog's Test, or on first use) found tools added or removed."""
    bar = tab.settings_bar
    controller.tools_changed.connect(bar.sync_tool_options)
    bar.list_tools_requested.connect(controller.on_list_tools)
    controller.tools_listed.connect(bar.on_tools_listed)
    controller.tools_listing_failed.connect(bar.on_tools_listing_failed)
    controller.tools_listing_failed.connect(lambda _group, message: tab.show_message(message))


def wire_research(tab: ResearchTab, research: ResearchController) -> None:
    """Connect the Research tab to the research controller (both ways)."""
    from desktop.services.research.steps import supports_planning

    tab.set_planning_support(supports_planning)
    tab.set_stall_minutes(research.stall_minutes)
    research.stall_minutes_changed.connect(tab.set_stall_minutes)
    tab.start_requested.connect(research.on_start_requested)
    tab.cancel_requested.connect(research.on_cancel_requested)
    tab.restart_requested.connect(research.on_restart_requested)
    tab.continue_requested.connect(research.on_continue_requested)
    tab.check_requested.connect(research.on_check_again_requested)
    tab.plan_reply_requested.connect(research.on_plan_reply_requested)
    research.reply_failed.connect(tab.on_reply_failed)
    tab.export_requested.connect(research.on_export_requested)
    tab.task_shown.connect(research.on_task_shown)
    research.tasks_loaded.connect(tab.on_tasks_loaded)
    research.task_added.connect(tab.on_task_added)
    research.task_changed.connect(tab.on_task_changed)
    research.timeline_added.connect(tab.on_timeline_added)
    research.media_added.connect(tab.on_media_added)


def wire_quick_ask(quick: QuickAskWindow, controller: QuickAskController, window: MainWindow) -> None:
    """Connect the quick-ask window to its controller, and "Open in app" to the main window."""
    from desktop.ui.quick_ask import paths_of

    quick.ask_requested.connect(lambda text, open_in_app: controller.ask(text, open_in_app=open_in_app))
    quick.open_requested.connect(controller.open_in_app)
    controller.started.connect(quick.on_started)
    controller.text_received.connect(quick.on_text_received)
    controller.finished.connect(quick.on_finished)
    controller.failed.connect(quick.on_failed)

    def open_in_app(_conversation_id: str) -> None:
        quick.hide()
        window.bring_to_front()
        window.show_conversation_tab()

    controller.open_requested.connect(open_in_app)
    attachments = controller.attachments
    if attachments is not None:
        quick.files_added.connect(lambda items: attachments.add_paths(paths_of(items)))
        quick.image_added.connect(attachments.add_bytes)
        attachments.added.connect(quick.on_attachment_added)
        attachments.removed.connect(quick.on_attachment_removed)


def wire_commands(commands: CommandController, window: MainWindow, show_quick: Callable[[], None]) -> None:
    """Connect the command line's requests (this launch's and later ones') to the window."""
    window.quick_ask_requested.connect(show_quick)
    commands.show_window.connect(window.bring_to_front)
    commands.show_conversation.connect(window.show_conversation_tab)
    commands.show_research.connect(window.show_research_tab)
    commands.research_prompt.connect(window.research_tab.start_with_prompt)
    commands.quick_requested.connect(show_quick)


def wire_tray(tray: TrayIcon, window: MainWindow, commands: CommandController, show_quick: Callable[[], None]) -> None:
    """Connect the tray menu and notifications to the window."""

    def toggle() -> None:
        if window.isVisible() and not window.isMinimized():
            window.hide()
        else:
            window.bring_to_front()

    def open_target(kind: str, target: str) -> None:
        """``kind`` is "research" (a task id), "conversation" (its id) or "window" (just show it)."""
        window.bring_to_front()
        if kind == "research":
            window.show_research_tab()
            window.research_tab.show_task(target)
        elif kind == "conversation":
            window.show_conversation_tab()
            commands.open_conversation(target)

    def open_task(task_id: str) -> None:
        open_target("research", task_id)

    tray.toggle_window_requested.connect(toggle)
    tray.new_conversation_requested.connect(lambda: commands.on_command(_command_new()))
    tray.quick_requested.connect(show_quick)
    tray.task_requested.connect(open_task)
    tray.quit_requested.connect(window.quit)
    tray.notification_clicked.connect(open_target)
    tray.fallback_message.connect(lambda text: window.statusBar().showMessage(text, 15000))


def _command_new() -> Command:
    from desktop.cli import Command

    return Command(new=True)


def inline_limit_bytes(megabytes: object) -> int:
    """The inline attachment limit preference (MB, a float) in bytes; 15 MB when it is not a number."""
    try:
        return max(1, int(float(megabytes) * _MB))  # type: ignore[arg-type]  # checked by the except
    except (TypeError, ValueError):
        return 15 * _MB


class DesktopApp:
    """Owns the app's parts for one run. Tests build it with their own paths, environment and dialogs.

    ``settings`` and ``service_config`` replace the preferences file and the connection config built
    from it (tests point them at the fake server); ``keystore`` and ``key_prompt_factory`` replace the
    OS keyring and the API key dialog.
    """

    def __init__(  # noqa: PLR0913 - keyword-only seams for tests, each optional
        self,
        window: MainWindow,
        *,
        paths: AppPaths | None = None,
        environ: Mapping[str, str] | None = None,
        keystore: KeyStore | None = None,
        key_prompt_factory: Callable[[], KeyPrompt] | None = None,
        service_config: Callable[[str], ServiceConfig] | None = None,
        settings: Settings | None = None,
        model: str | None = None,
        storage_prompt: Callable[[StorageError], Any] | None = None,
        command: Command | None = None,
        instance: InstanceServer | None = None,
        tray_available: bool | None = None,
    ) -> None:
        self.window = window
        # This launch's command line; later launches' arrive from ``instance``.
        self._command = command
        self._instance = instance
        self._tray_available = tray_available
        # Later launches' commands that arrive before the controllers exist.
        self._early_commands: list[Command] = []
        if instance is not None:
            instance.command_received.connect(self._command_from_launch)
        # ``--model`` from the command line (wins over GEMINI_DESKTOP_MODEL and the preference).
        self._model_option = model
        self._paths = paths
        if environ is None:
            from desktop.processes import take_secrets_from_environment

            # The key is read from this snapshot; the live environment, which every program the
            # app starts inherits (the browser for a link, helpers), no longer holds it.
            environ = take_secrets_from_environment()
        self._environ = environ
        self._keystore = keystore
        self._key_prompt_factory = key_prompt_factory
        self._service_config = service_config
        # Builds the start-up dialog for a data folder that cannot be written (tests pass their own).
        self._storage_prompt = storage_prompt
        self._scratch: Any = None
        self._quit: asyncio.Future[None] | None = None
        self.started = asyncio.Event()
        self.paths: AppPaths | None = None
        self.settings: Settings | None = settings
        self.ui_state: UiState | None = None
        self.runner: TaskRunner | None = None
        self.session: SessionController | None = None
        self.conversation: ConversationController | None = None
        self.library: ConversationLibrary | None = None
        self.storage: Storage | None = None
        self.attachment_service: AttachmentService | None = None
        self.attachments: AttachmentsController | None = None
        self.research: ResearchController | None = None
        self.notifier: ResearchNotifier | None = None
        self.knowledge: KnowledgeController | None = None
        self.knowledge_dialog: KnowledgeDialog | None = None
        self.color_scheme: ColorSchemeManager | None = None
        self.commands: CommandController | None = None
        self.quick: QuickAskController | None = None
        self.quick_window: QuickAskWindow | None = None
        self.tray: TrayIcon | None = None
        self.tool_executor: ToolExecutor | None = None
        self.mcp: McpManager | None = None
        self.mcp_controller: McpServersController | None = None
        self.mcp_dialog: McpServersDialog | None = None
        self._gc_timer: QTimer | None = None
        self._notified_turns: set[str] = set()
        self._told_about_tray = False
        self._last_finished_task = ""
        self._stop_listening: Callable[[], None] = lambda: None
        self.prompt_queue: PromptQueue | None = None

    def build(self) -> None:  # noqa: PLR0915 - the composition root builds in one visible order
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
        self.window.set_folders(paths.data, paths.logs)
        level = getattr(logging, self._environ.get("GEMINI_DESKTOP_LOG_LEVEL", "INFO").upper(), logging.INFO)
        try:
            setup_logging(paths.logs, level)
        except OSError:  # a read-only or full disk: the app still starts, and says so
            logging.basicConfig(level=level)
            log.warning("cannot write logs to %s", paths.logs, exc_info=True)
        log.info("Gemini Desktop starting")
        settings = self.settings or Settings(paths.settings_file, self._environ)
        self.settings = settings
        self.ui_state = UiState(paths.ui_state_file)
        self._build_color_scheme(settings)
        keystore = self._keystore or KeyStore(environ=self._environ)
        # Read at each call, so a key added later gets the connection preferences of that moment.
        config = self._service_config or service_config_factory(settings)
        window = self.window
        gc_policy.tune_for_gui()
        self._gc_timer = QTimer(window)
        self._gc_timer.setInterval(int(gc_policy.FULL_COLLECT_S * 1000))
        self._gc_timer.timeout.connect(gc_policy.full_collect)
        self._gc_timer.start()
        runner = self.runner = TaskRunner()
        # The SDK is imported when the user shows an intent to ask (see ``warm_client``), not at start.
        session = self.session = SessionController(
            keystore, config, self._key_prompt_factory or self._default_key_prompt, warm_at_start=False
        )
        conversation = self.conversation = ConversationController(runner, lambda: session.service)
        # One tool registry: what the Tools control offers is what turns declare.
        conversation.registry = window.conversation_tab.settings_bar.registry
        self._build_tools(conversation, settings)
        self._build_mcp(window, paths, keystore)
        self._apply_default_model()
        window.set_model(conversation.default_settings.model)
        self._show_remembered_models()
        library = self.library = ConversationLibrary(runner)
        wire_conversation(window.conversation_tab, conversation, library)
        self._wire_knowledge(window)
        conversation.settings_loaded.connect(lambda s: window.set_model(s.model))
        window.conversation_tab.settings_changed.connect(lambda s: window.set_model(s.model))
        window.new_conversation_requested.connect(conversation.on_new_conversation)
        library.deleted.connect(self._conversation_deleted)
        session.warmed.connect(self._client_warmed)
        window.conversation_tab.draft_changed.connect(self._draft_changed)
        session.connection_changed.connect(window.on_connection_changed)
        session.key_source_changed.connect(window.on_key_source_changed)
        window.api_key_requested.connect(lambda: runner.spawn(session.replace_key(), name="replace-key"))
        window.forget_key_requested.connect(lambda: runner.spawn(session.forget_key(), name="forget-key"))
        window.preferences_requested.connect(self._open_preferences)
        runner.failed.connect(self._show_error)
        self._stop_listening = settings.subscribe(self._preference_changed)
        # The status bar follows what requests find out (no "Ready" after "No connection").
        conversation.turn_failed.connect(lambda error, _prompt: session.note_request_failed(error))
        conversation.turn_changed.connect(self._turn_progressed)
        self._wire_prompt_queue(window.conversation_tab)
        self._build_commands_and_tray()

    def _wire_prompt_queue(self, tab: ConversationTab) -> None:
        """Prompts submitted while an answer streams wait in a queue and are sent in order."""
        from desktop.controllers.prompt_queue import PromptQueue

        conversation = self.conversation
        assert conversation is not None
        tab.prompt_submitted.disconnect(conversation.on_prompt_submitted)  # the queue sits between them
        self.prompt_queue = queue = PromptQueue(tab)
        tab.prompt_submitted.connect(queue.on_submitted)
        queue.send.connect(conversation.on_prompt_submitted)
        queue.changed.connect(tab.on_queue_changed)
        queue.paused_changed.connect(tab.on_queue_paused)
        conversation.busy_changed.connect(queue.on_busy_changed)
        conversation.turn_failed.connect(queue.on_turn_failed)
        conversation.turn_changed.connect(queue.on_turn_changed)
        conversation.current_changed.connect(queue.on_current_changed)
        tab.queued_prompt_edited.connect(queue.edit)
        tab.queued_prompt_removed.connect(queue.cancel)
        tab.queue_resume_requested.connect(queue.resume)

    def _wire_draft_attachments(self, storage: Storage) -> None:
        """The composer's attachments follow each conversation's draft (and are saved with it)."""
        from desktop.services.blocking import run_blocking

        repo, attachments = storage.conversations, self.attachments
        assert attachments is not None
        attachments.blob_path = storage.blobs.path
        attachments.save_draft = lambda cid, parts: run_blocking(repo.save_draft_parts, cid, parts)
        attachments.load_draft = lambda cid: run_blocking(repo.draft_parts, cid)
        if self.conversation is not None:
            self.conversation.current_changed.connect(attachments.switch_to)
            self.conversation.draft_has_files = attachments.has_draft

    def _build_color_scheme(self, settings: Settings) -> None:
        """Light or dark, as the system or the Preferences say (first thing: the rest is built in it)."""
        from desktop.ui.common.color_scheme import ColorSchemeManager

        self.color_scheme = ColorSchemeManager(settings.get("color_scheme"), parent=self.window)

    def _build_commands_and_tray(self) -> None:
        """The command line (this launch's and later ones'), and the tray icon with its menu."""
        from desktop.controllers.commands import CommandController
        from desktop.ui.tray import TrayIcon

        assert self.runner is not None and self.conversation is not None and self.settings is not None
        window = self.window
        commands = self.commands = CommandController(self.runner, self.conversation)
        commands.warm_requested.connect(self.warm_client)
        for early in self._early_commands:
            commands.on_command(early)
        self._early_commands.clear()
        wire_commands(commands, window, self.show_quick_ask)
        tray = self.tray = TrayIcon(window, window.windowIcon(), available=self._tray_available)
        wire_tray(tray, window, commands, self.show_quick_ask)
        window.hide_on_close = tray.available and bool(self.settings.get("keep_in_tray"))
        window.hidden_to_tray.connect(self._hidden_to_tray)
        self.conversation.turn_changed.connect(self._answer_changed)

    def _hidden_to_tray(self) -> None:
        """Say once per run where the app went when its window was closed."""
        if self.tray is None or self._told_about_tray:
            return
        self._told_about_tray = True
        self.tray.notify(
            QCoreApplication.translate("MainWindow", "Gemini Desktop is still running"),
            QCoreApplication.translate(
                "MainWindow", "Its icon in the tray brings the window back; File → Quit ends it."
            ),
            "window",
            "",
        )

    def _command_from_launch(self, command: Command) -> None:
        """A later launch's command line; its activation token lets the window come to the front."""
        if command.activation_token:
            # Qt's Wayland backend raises the next window it activates with this token (xdg-activation).
            os.environ["XDG_ACTIVATION_TOKEN"] = command.activation_token
        if self.commands is not None:
            self.commands.on_command(command)
        else:
            self._early_commands.append(command)

    def show_quick_ask(self) -> None:
        """Open the quick-ask window (built once, after the database is open)."""
        if self.quick_window is None:
            self._build_quick_ask()
        assert self.quick_window is not None
        self.warm_client()
        self.quick_window.present()
        # The epoch time is read by tests/benchmarks/idle.py (--quick -> window shown).
        log.info("quick ask shown (at %.6f)", time.time())

    def _build_quick_ask(self) -> None:
        from desktop.controllers.quick_ask import QuickAskController
        from desktop.ui.quick_ask import QuickAskWindow

        if self.quick_window is not None:
            return
        assert self.runner is not None and self.conversation is not None
        self.quick = QuickAskController(self.runner, self.conversation, self.attachments)
        self.quick_window = QuickAskWindow()
        wire_quick_ask(self.quick_window, self.quick, self.window)

    def _user_sees_answers(self) -> bool:
        """Whether the main window (or the quick-ask window) is shown and focused."""
        window, quick = self.window, self.quick_window
        if window.isVisible() and not window.isMinimized() and window.isActiveWindow():
            return True
        return quick is not None and quick.isVisible() and quick.isActiveWindow()

    def _answer_changed(self, turn: Any) -> None:
        """Notify when an answer finishes while the user is elsewhere (a hidden or unfocused window)."""
        from desktop.domain.conversation import TurnStatus

        if turn.status != TurnStatus.COMPLETED or turn.id in self._notified_turns:
            return
        self._notified_turns.add(turn.id)
        if self.tray is None or self.settings is None or not self.settings.get("notify_answers"):
            return
        if self._user_sees_answers():
            return
        state = self.conversation.state if self.conversation is not None else None
        title = state.conversation.title if state is not None and state.id == turn.conversation_id else ""
        self.tray.notify(
            QCoreApplication.translate("MainWindow", "Answer ready"),
            title or QCoreApplication.translate("MainWindow", "Your answer has arrived."),
            "conversation",
            turn.conversation_id,
        )

    def _update_tray_tasks(self, *_args: object) -> None:
        from desktop.ui.tray import RunningTask

        if self.tray is None or self.research is None:
            return
        running = [RunningTask(t.id, t.title, t.status) for t in self.research.tasks() if not t.is_terminal]
        self.tray.set_tasks(running)

    def _build_tools(self, conversation: ConversationController, settings: Settings) -> None:
        """The local tools (reading the preferences at each call) and the tool loop's preferences."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QGuiApplication

        from desktop.services.conversation.tool_loop import ToolPolicy
        from desktop.services.tools.executor import ToolExecutor
        from desktop.services.tools.local import LocalTools
        from desktop.ui.common import external

        def clipboard_text() -> str:
            return QGuiApplication.clipboard().text()  # text only: images and files are never read

        local = LocalTools(
            allowed_folders=lambda: settings.get("tools_allowed_folders"),
            open_url=lambda url: external.open_url(QUrl(url)),
            clipboard=clipboard_text,
        )
        conversation.tool_executor = self.tool_executor = ToolExecutor(local)

        def policy() -> ToolPolicy:
            return ToolPolicy(
                timeout_s=float(settings.get("tool_timeout_s")),
                max_rounds=int(settings.get("tool_max_rounds")),
                result_limit=int(settings.get("tool_result_limit_kb")) * 1024,
                always_allowed=frozenset(settings.get("tools_always_allowed")),
            )

        conversation.tool_policy = policy

    def _build_mcp(self, window: MainWindow, paths: AppPaths, keystore: KeyStore) -> None:
        """MCP servers: their tools in the registry (the SDK itself is imported on first use), the dialog."""
        from desktop.controllers.mcp_servers import McpServersController
        from desktop.services.mcp import McpManager, McpServerStore

        store = McpServerStore(paths.config / "mcp_servers.json", keystore)
        # Calls are bounded by the tool timeout preference (the executor's), like local tools.
        manager = self.mcp = McpManager(store)
        bar = window.conversation_tab.settings_bar
        bar.registry.register(manager)
        bar.sync_tool_options()
        if self.tool_executor is not None:
            self.tool_executor.remote = manager
        assert self.runner is not None
        controller = self.mcp_controller = McpServersController(self.runner, manager, bar.sync_tool_options)
        controller.servers_saved.connect(self._mcp_servers_saved)
        wire_mcp_tools(window.conversation_tab, controller)
        window.mcp_servers_requested.connect(self.open_mcp_servers)

    def _mcp_servers_saved(self, before: list[McpServerConfig], after: list[McpServerConfig]) -> None:
        """The tools always allowed (everywhere, and in each conversation) follow a renamed server and
        leave with a removed one."""
        from desktop.services.mcp import carry_function_names

        def carry(names: list[str]) -> list[str]:
            return carry_function_names(names, before, after)

        if self.conversation is not None:  # each conversation's own "Always allow" too
            self.conversation.rewrite_always_allowed(carry)
        settings = self.settings
        if settings is None:
            return
        allowed = list(settings.get("tools_always_allowed"))
        carried = carry(allowed)
        if carried != allowed:
            settings.set("tools_always_allowed", carried)

    def open_mcp_servers(self) -> None:
        """Settings → MCP servers: the dialog (one, kept while the app runs)."""
        from desktop.ui.dialogs.mcp_servers import McpServersDialog

        controller = self.mcp_controller
        assert controller is not None
        if self.mcp_dialog is None:
            dialog = self.mcp_dialog = McpServersDialog(self.window)
            controller.servers_listed.connect(dialog.on_servers_listed)
            controller.tested.connect(dialog.on_tested)
            controller.failed.connect(dialog.on_failed)
            dialog.save_requested.connect(controller.on_save)
            dialog.test_requested.connect(controller.on_test)
        assert self.mcp_controller is not None
        self.mcp_controller.refresh()
        self.mcp_dialog.show()
        self.mcp_dialog.raise_()
        self.mcp_dialog.activateWindow()

    def _apply_default_model(self) -> None:
        """The model of new conversations: ``--model``, else GEMINI_DESKTOP_MODEL, else the preference.

        A retired one is replaced (and a retired preference rewritten), with a note in the conversation.
        """
        from desktop.domain import retired

        assert self.settings is not None and self.conversation is not None
        preference = self.settings.get("default_model")
        chosen = self._model_option or self._environ.get("GEMINI_DESKTOP_MODEL") or preference
        note = self.conversation.set_default_model(chosen)
        if note is not None:
            log.info("default model %s is retired; using %s", chosen, self.conversation.default_settings.model)
        if retired.is_retired(preference):
            self.settings.set("default_model", retired.replacement(preference))
        self._apply_conversation_defaults()

    def _apply_conversation_defaults(self) -> None:
        """Tools, tool choice and answer length of new conversations, from Preferences."""
        from desktop.settings import DEFAULT_TOOL_KEYS

        assert self.settings is not None and self.conversation is not None
        defaults = self.conversation.default_settings
        defaults.tools = [tool for tool, key in DEFAULT_TOOL_KEYS.items() if self.settings.get(key)]
        defaults.tool_choice = self.settings.get("default_tool_choice") or None
        defaults.max_output_tokens = self.settings.get("default_max_output_tokens") or None

    def _wire_knowledge(self, window: MainWindow) -> None:
        """File Search stores: the Knowledge dialog, and the store choice when File Search is switched on."""
        from desktop.controllers.knowledge import KnowledgeController

        assert self.runner is not None and self.session is not None
        session = self.session
        knowledge = self.knowledge = KnowledgeController(self.runner, lambda: session.service)
        window.knowledge_requested.connect(self.open_knowledge)
        window.conversation_tab.stores_requested.connect(knowledge.request_choice)
        # Out of the task's call stack: the choice is a modal dialog.
        knowledge.choice_ready.connect(lambda stores: QTimer.singleShot(0, lambda: self._choose_stores(stores)))
        knowledge.failed.connect(self._show_error)

    def open_knowledge(self) -> None:
        """Conversation → Knowledge: show the File Search stores dialog (one, kept while the app runs)."""
        from desktop.ui.dialogs.knowledge import KnowledgeDialog

        assert self.knowledge is not None
        if self.knowledge_dialog is None:
            self.knowledge_dialog = KnowledgeDialog(self.window)
            self.knowledge_dialog.bind(self.knowledge)
        else:
            self.knowledge.refresh()
        self.knowledge_dialog.show()
        self.knowledge_dialog.raise_()
        self.knowledge_dialog.activateWindow()

    def _choose_stores(self, stores: list[Any]) -> None:
        from desktop.ui.dialogs import store_picker

        tab = self.window.conversation_tab
        bar = tab.settings_bar
        chosen_now = bar.settings().file_search_stores
        if not stores:
            tab.show_message(
                QCoreApplication.translate(
                    "MainWindow",
                    "You have no File Search stores yet. Create one in Conversation → Knowledge, "
                    "then switch File Search on again.",
                )
            )
            bar.set_file_search_stores([])
            return
        chosen = store_picker.ask_stores(self.window, stores, chosen_now)
        if chosen is not None:
            bar.set_file_search_stores(chosen)
        elif not chosen_now:
            bar.set_file_search_stores([])  # cancelled with nothing chosen: File Search goes off again

    def _preference_changed(self, key: str, value: Any) -> None:
        """A preference changed while the app runs: the part that uses it takes it at once."""
        from desktop.controllers.session import CONNECTION_SETTINGS
        from desktop.settings import CONVERSATION_DEFAULT_KEYS

        if key in CONNECTION_SETTINGS and self.session is not None:
            self.session.reconfigure()  # the next request uses the new endpoint, timeout and attempts
            service = self.session.service
            if self.attachment_service is not None:
                self._use_service_for_uploads(service)
            if key == "base_url" and service is not None and self.runner is not None:
                self.runner.spawn(self._load_models(service), name="list-models")  # another endpoint's models
        elif key == "inline_limit_mb" and self.attachments is not None:
            self.attachments.set_inline_limit(inline_limit_bytes(value))
        elif key == "research_stall_minutes" and self.research is not None:
            self.research.set_stall_minutes(float(value))
        elif key == "default_model" and self.conversation is not None:
            self._apply_default_model()  # for conversations started from now on (a retired one replaced)
        elif key in CONVERSATION_DEFAULT_KEYS and self.conversation is not None:
            self._apply_conversation_defaults()
        elif key == "color_scheme" and self.color_scheme is not None:
            self.color_scheme.set_preference(str(value))  # every widget gets a PaletteChange and follows
        elif key == "keep_in_tray":
            self.window.hide_on_close = self.tray is not None and self.tray.available and bool(value)
        # notify_research is read each time a task finishes; the tool preferences (timeout, rounds,
        # result limit, allowed folders, tools allowed everywhere) at each tool call.

    # -- after the database is open ----------------------------------------------------------------
    def _build_attachments(self, storage: Storage) -> None:
        """Attachments: read, stored and uploaded in the background; chips, drops and pastes on the tab."""
        from desktop.controllers.attachments import AttachmentsController
        from desktop.services.attachments.service import AttachmentService

        assert self.runner is not None and self.settings is not None and self.paths is not None
        service = self.attachment_service = AttachmentService(
            None,
            storage.uploads,
            storage.blobs,
            inline_limit_bytes=inline_limit_bytes(self.settings.get("inline_limit_mb")),
        )
        attachments = self.attachments = AttachmentsController(service, self.runner)
        tab = self.window.conversation_tab
        wire_attachments(tab, attachments, storage.blobs, self.paths)
        # The prompt's files go with the turn: the composer forgets them once the turn is shown.
        if self.conversation is not None:
            self.conversation.prepared_block = attachments.block_for
            service = self.attachment_service
            self.conversation.refresh_upload = lambda part, force: service.refresh_upload(part, force=force)
        if self.session is not None:
            self.session.service_changed.connect(self._use_service_for_uploads)
            self._use_service_for_uploads(self.session.service)
        self.runner.spawn(self._prune_uploads(storage.uploads), name="prune-uploads")
        self._wire_draft_attachments(storage)

    def _use_service_for_uploads(self, service: GeminiService | None) -> None:
        """A key was added or replaced, or the endpoint changed: upload with it.

        Cached uploads are per key and endpoint (the ``scope``).
        """
        import hashlib

        if self.attachment_service is None:
            return
        self.attachment_service.uploader = service
        config = service.config if service is not None else None
        identity = f"{(config.base_url if config else '') or ''}|{(config.api_key if config else '') or ''}"
        self.attachment_service.scope = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]

    async def _prune_uploads(self, uploads: UploadRepository) -> None:
        from desktop.services.blocking import run_blocking

        removed = await run_blocking(uploads.prune)
        if removed:
            log.info("forgot %d expired uploads", removed)

    def _build_research(self, storage: Storage) -> None:
        """Build the research controller (it needs the database) and connect the Research tab."""
        from desktop.controllers.research import ResearchController
        from desktop.ui.notifier import ResearchNotifier

        assert self.runner is not None and self.session is not None
        session, window = self.session, self.window
        research = self.research = ResearchController(
            self.runner, lambda: session.service, storage.research, self.settings
        )
        wire_research(window.research_tab, research)
        # The badge here; the notifications through the one tray icon (see ``desktop.ui.tray``).
        notifier = self.notifier = ResearchNotifier(window, window.tabs, window.research_tab, use_tray=False)
        research.task_finished.connect(notifier.on_task_finished)
        research.task_finished.connect(self._research_finished)
        research.notification.connect(self._research_notification)
        for signal in (research.tasks_loaded, research.task_added, research.task_changed, research.task_finished):
            signal.connect(self._update_tray_tasks)
        research.message.connect(lambda text: window.statusBar().showMessage(text, 8000))
        research.failed.connect(self._show_error)
        research.continue_requested.connect(self._continue_research)
        # Every unfinished run is re-attached; one that ended while the app was closed shows its result.
        research.start_up()

    def _research_finished(self, task: Any) -> None:
        self._last_finished_task = str(getattr(task, "id", ""))

    def _research_notification(self, title: str, message: str) -> None:
        """A research run ended (or cannot be read): clicking the notification opens that task."""
        if self.tray is not None:
            self.tray.notify(title, message, "research", self._last_finished_task)
        elif self.notifier is not None:
            self.notifier.on_notification(title, message)

    def _continue_research(self, interaction_id: str, title: str) -> None:
        """A follow-up conversation chained on the research interaction."""
        assert self.conversation is not None
        self.window.show_conversation_tab()
        self.conversation.on_continue_requested(interaction_id, title)

    def _conversation_deleted(self, conversation_id: str, _title: str) -> None:
        conversation, runner = self.conversation, self.runner
        assert conversation is not None and runner is not None
        conversation.forget(conversation_id)
        if conversation_id == conversation.current_id:
            runner.spawn(conversation.open_latest(), name="open-after-delete")

    def _client_warmed(self, service: GeminiService) -> None:
        gc_policy.after_library_load()
        if self.runner is not None:
            self.runner.spawn(self._load_models(service), name="list-models")

    def warm_client(self) -> None:
        """Import the SDK and build its client in the background (the user is about to ask).

        An idle app does not carry the SDK (~70 MB); the first keystroke in the composer, the
        quick-ask window or a command line builds it, so the first request is as fast as later ones.
        """
        session, runner = self.session, self.runner
        if session is None or runner is None or session.service is None or session.is_warm:
            return
        runner.spawn(session.warm(), name="warm-client")

    def _draft_changed(self, text: str) -> None:
        if text.strip():
            self.warm_client()

    async def _load_models(self, service: GeminiService) -> None:
        models: list[ModelInfo] = await service.list_models()
        self.window.conversation_tab.on_models_listed(list(models))
        self._remember_models(models)

    def _endpoint(self) -> str:
        return (self.settings.effective_base_url if self.settings is not None else None) or ""

    def _remember_models(self, models: list[ModelInfo]) -> None:
        """Keep the models list for the next start (the SDK that lists them is loaded only when needed)."""
        import dataclasses

        if self.ui_state is not None:
            self.ui_state.set("models", {"endpoint": self._endpoint(), "list": [dataclasses.asdict(m) for m in models]})

    def _show_remembered_models(self) -> None:
        """The model picker offers the last start's list until the API is asked again."""
        from desktop.domain.api import ModelInfo

        cached = self.ui_state.get("models") if self.ui_state is not None else None
        if not isinstance(cached, dict) or cached.get("endpoint") != self._endpoint():
            return
        try:
            models: list[object] = [ModelInfo(**item) for item in cached.get("list") or []]
        except TypeError:
            return  # written by another version
        if models:
            self.window.conversation_tab.on_models_listed(models)

    async def open_storage(self) -> Storage | None:
        """Open the database off the GUI thread; None if the user chose to quit.

        A damaged file is salvaged into a new one (see ``Storage.damaged``). A data folder that refuses
        writes (full, read-only, I/O error) is named in a dialog offering Retry, Quit and "Continue
        without saving" (an in-memory database for this session). Also marks the answers that were
        streaming at the last exit as interrupted.
        """
        from desktop.services.blocking import run_blocking
        from desktop.store import ConversationRepository, ResearchRepository
        from desktop.store.uploads import UploadRepository

        opened = await self._open_store_or_ask()
        if opened is None:
            return None
        db, blobs, damaged = opened
        storage = Storage(
            db=db,
            conversations=ConversationRepository(db),
            research=ResearchRepository(db, blobs),
            uploads=UploadRepository(db),
            blobs=blobs,
            damaged=damaged,
        )
        interrupted = await run_blocking(storage.conversations.mark_interrupted_streaming_turns)
        if interrupted:
            log.info("%d answers were interrupted by the last exit", len(interrupted))
        return storage

    async def _use_storage(self, storage: Storage) -> None:
        """Build and wire what needs the database, open the latest conversation, and say if it was damaged."""
        self.storage = storage
        self._build_attachments(storage)
        if self.conversation is not None and self.library is not None:
            self.conversation.attach_storage(storage.conversations, storage.blobs)
            self.library.attach_storage(storage.conversations, storage.blobs)
            self.conversation.storage_problem.connect(self.window.set_storage_problem)
            await self.conversation.open_latest()
            await self.library.refresh()
        self._build_research(storage)
        if self.commands is not None:
            self.commands.attachments = self.attachments
        # Built now (not at the first --quick) so that it appears at once when asked for.
        self._build_quick_ask()
        if storage.damaged is not None:
            self.window.show_warning(
                QCoreApplication.translate("MainWindow", "Conversation database damaged"),
                self._damage_report(storage.damaged),
            )

    def _turn_progressed(self, turn: Turn) -> None:
        from desktop.domain.conversation import TurnStatus

        if turn.status in (TurnStatus.STREAMING, TurnStatus.COMPLETED) and self.session is not None:
            self.session.note_request_succeeded()

    async def _open_store_or_ask(self) -> tuple[Any, Any, Any] | None:
        """(database, blob store, damage report or None); None when the user chose Quit."""
        from desktop.errors import StorageError
        from desktop.services.blocking import run_blocking
        from desktop.store import BlobStore, open_or_recover

        assert self.paths is not None
        paths = self.paths

        def open_all() -> tuple[Any, Any, Any]:
            db, damaged = open_or_recover(paths.database)
            try:
                return db, BlobStore(paths.blobs), damaged
            except BaseException:
                db.close()
                raise

        while True:
            try:
                return await run_blocking(open_all)
            except StorageError as error:
                log.error("cannot use the data folder: %s (%s)", error, error.detail)
                refused = error
            choice = await self._ask_about_storage(refused)
            if choice == "quit":
                return None
            if choice == "in-memory":
                self.window.set_not_saving(refused.folder, refused.cause_text)
                return await run_blocking(self._open_scratch_store)

    def _open_scratch_store(self) -> tuple[Any, Any, None]:
        """An in-memory database and a temporary blob folder: nothing of this session is kept."""
        import tempfile

        from desktop.store import BlobStore
        from desktop.store.database import open_memory_database

        log.warning("continuing without saving: nothing of this session is kept")
        self._scratch = tempfile.TemporaryDirectory(prefix="gemini-desktop-unsaved-")
        return open_memory_database(), BlobStore(self._scratch.name), None

    async def _ask_about_storage(self, error: Any) -> str:
        """Show the storage dialog and wait for Retry, Quit or Continue without saving."""
        from desktop.ui.dialogs.storage import QUIT, StorageProblemDialog

        dialog = (self._storage_prompt or (lambda e: StorageProblemDialog(e, self.window)))(error)
        choice: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        def chosen(value: str) -> None:
            if not choice.done():
                choice.set_result(value)

        dialog.chosen.connect(chosen)
        dialog.rejected.connect(lambda: chosen(QUIT))
        dialog.open()
        try:
            return await choice
        finally:
            dialog.deleteLater()

    def _damage_report(self, damaged: Any) -> str:
        """What the user is told about a damaged database: how much was recovered, and where the file is."""
        from desktop.store.salvage import REBUILT_TITLE

        salvage = getattr(damaged, "salvage", None)
        kept = QCoreApplication.translate("MainWindow", "The damaged file was kept as {0}.").format(
            str(damaged.moved_to)
        )
        if salvage is None or not salvage.any_recovered:
            return (
                QCoreApplication.translate(
                    "MainWindow", "The conversation database could not be read, so a new one was started."
                )
                + " "
                + kept
            )
        counts = [
            QCoreApplication.translate("MainWindow", "{0} of {1} conversations"),
            QCoreApplication.translate("MainWindow", "{0} of {1} turns"),
            QCoreApplication.translate("MainWindow", "{0} of {1} research tasks"),
        ]
        parts = [
            text.format(salvage.recovered(table), salvage.found(table))
            for table, text in zip(("conversations", "turns", "research_tasks"), counts, strict=True)
            if salvage.recovered(table) or salvage.found(table) not in ("0", "?")
        ]
        rebuilt = salvage.table("conversations").rebuilt
        return " ".join(
            [
                QCoreApplication.translate(
                    "MainWindow", "The conversation database was damaged. Recovered {0} into a new database."
                ).format(", ".join(parts)),
                *(
                    [
                        QCoreApplication.translate(
                            "MainWindow", '{0} conversations whose titles were lost are named "{1}".'
                        ).format(rebuilt, REBUILT_TITLE)
                    ]
                    if rebuilt
                    else []
                ),
                kept,
            ]
        )

    def _default_key_prompt(self) -> KeyPrompt:
        from desktop.ui.dialogs.api_key import ApiKeyDialog

        return ApiKeyDialog(self.window)

    def _open_preferences(self) -> None:
        from desktop.ui.dialogs.preferences import PreferencesDialog

        assert self.settings is not None
        # Each change reaches ``_preference_changed`` through the settings' listeners.
        PreferencesDialog(self.settings, self.window, known_tools=self._known_mcp_tools()).open()

    def _known_mcp_tools(self) -> list[ToolChoice]:
        """The tools the local MCP servers listed (remembered: no server is started here), by their
        function names, for "Add tool…" in Preferences."""
        from desktop.services.mcp import function_name
        from desktop.ui.dialogs.preferences import ToolChoice

        manager = self.mcp
        out: list[ToolChoice] = []
        if manager is None:
            return out
        for server in manager.servers:
            if server.transport == "remote":
                continue  # a remote server's tools run on Google's side: nothing to approve here
            for tool in manager.known_tools(server.id) or []:
                out.append(ToolChoice(function_name(server.name, tool.name), f"{server.name}: {tool.name}"))
        return out

    def _show_error(self, error: AppError) -> None:
        from desktop.errors import InvalidKeyError, KeyStoreUnavailableError
        from desktop.ui.common.translation import describe_error

        if isinstance(error, KeyStoreUnavailableError):
            # Nothing works without a key: say plainly, once, how to fix it.
            self.window.show_warning(
                QCoreApplication.translate("MainWindow", "No keyring for the API key"), describe_error(error)
            )
            return
        if isinstance(error, InvalidKeyError):
            # A key that cannot work (e.g. a quote or an accented letter in GEMINI_API_KEY): say what is wrong.
            self.window.show_warning(
                QCoreApplication.translate("MainWindow", "The API key cannot be used"), describe_error(error)
            )
            return
        self.window.statusBar().showMessage(describe_error(error), 10000)

    async def run(self) -> int:
        """Build (the window has painted already), start the session, and wait until the window closes."""
        loop = asyncio.get_running_loop()
        # The app quits itself after a bounded shutdown, not when Qt sees the last window close.
        qt_app = QApplication.instance()
        if isinstance(qt_app, QApplication):
            qt_app.setQuitOnLastWindowClosed(False)
        self._quit = loop.create_future()
        self.window.closing.connect(self.request_quit)
        self.build()
        storage = await self.open_storage()
        if storage is None:
            await self.shutdown()
            return 1
        await self._use_storage(storage)
        if self.ui_state is not None:
            self.window.restore_state(self.ui_state.get("window", {}) or {})
        self.window.conversation_tab.focus_composer()
        assert self.runner is not None and self.session is not None
        commands = self.commands
        if commands is not None:
            if self._command is not None and not self._command.is_empty:
                commands.on_command(self._command)

            # The command line runs once the key is known (a prompt then has a service to go to).
            def key_known(state: str, _detail: str) -> None:
                if state != "starting" and commands.pending_until_key:
                    commands.ready()

            self.session.connection_changed.connect(key_known)
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
        self._stop_listening()  # preferences changed from now on have nothing left to reconfigure
        if self.color_scheme is not None:
            self.color_scheme.dispose()
        if self.ui_state is not None:
            self.ui_state.set("window", self.window.save_state())
            try:
                self.ui_state.save()
            except OSError:
                log.warning("could not save the window state", exc_info=True)
        try:
            await asyncio.wait_for(self._stop_all(), SHUTDOWN_BUDGET_S)
        except TimeoutError:
            log.warning("shutdown took longer than %.1fs; exiting anyway", SHUTDOWN_BUDGET_S)
        log.info("Gemini Desktop stopped")

    async def _stop_all(self) -> None:
        # Every MCP server process ends with the app: started first, in parallel with the rest (it waits on processes).
        mcp_stopping = self.mcp.stop_all_in_background() if self.mcp is not None else None
        if self.research is not None:
            # The runs go on on the server; they are re-attached at the next start.
            self.research.shutdown()
        if self.notifier is not None:
            self.notifier.dispose()
        if self.tray is not None:
            self.tray.dispose()
        if self.quick_window is not None:
            self.quick_window.hide()
        if self.conversation is not None and self.conversation.repo is not None:
            try:
                await self.conversation.shutdown()
            except Exception:  # saving the draft must not block the quit
                log.warning("could not save the draft", exc_info=True)
        if self.runner is not None:
            await self.runner.close(timeout=0.7)
        if self.tool_executor is not None:
            self.tool_executor.shutdown()
        if self.session is not None:
            await self.session.shutdown()
        if self.storage is not None:
            self.storage.db.close()
        if self._scratch is not None:
            self._scratch.cleanup()
        # Last: a server slow to end (its client terminates it after a grace period) may outlast the
        # budget (the process's exit then waits for it) and must not keep the database or the Gemini
        # client open. Waited for by polling (no executor future that a closing loop might never deliver).
        while mcp_stopping is not None and mcp_stopping.is_alive():
            await asyncio.sleep(0.02)
