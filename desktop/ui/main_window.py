"""The main window: Conversation and Research tabs, menus and a status bar.

Imports nothing heavy: the frame (menus, tab bar, status bar) must paint before the SDK, Markdown
or the database are loaded. The tabs' contents, which need Markdown rendering and highlighting,
are built by ``build_tabs()``, which start-up calls right after the first paint. Even Qt classes
the frame does not need (``QMessageBox``, ``QKeySequence``, events) are imported where used: PySide
builds a class's Python enums when the class is first imported (``QCloseEvent`` alone costs ~1.5 ms).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from desktop import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeySequence
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.conversation.tab import ConversationTab
    from desktop.ui.dialogs.shortcuts import ShortcutsDialog
    from desktop.ui.research.tab import ResearchTab

LICENSE_NAME = "Apache-2.0"
LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0"
# The API the app is a client of: its documentation is where a newcomer learns what it can do.
API_DOCS_URL = "https://ai.google.dev/gemini-api/docs/interactions"


def preferences_key() -> QKeySequence:
    """The platform's Preferences key; Ctrl+, where it has none (X11 and Windows define none)."""
    from PySide6.QtGui import QKeySequence

    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    return keys[0] if keys else QKeySequence("Ctrl+,")


class MainWindow(QMainWindow):
    """The top-level window. It emits what the user asks for; controllers do the work.

    Signals:
        closing: The window is closing (Ctrl+Q or the close button): the app should shut down.
        hidden_to_tray: The close button hid the window (the app keeps running in the tray).
        new_conversation_requested: File → New conversation.
        quick_ask_requested: File → Quick ask (also in the tray menu).
        api_key_requested: Settings → API key.
        forget_key_requested: Settings → Forget API key.
        preferences_requested: Settings → Preferences.
        mcp_servers_requested: Settings → MCP servers.
        knowledge_requested: Conversation → Knowledge (File Search stores).
    """

    closing = Signal()
    hidden_to_tray = Signal()
    new_conversation_requested = Signal()
    quick_ask_requested = Signal()
    api_key_requested = Signal()
    forget_key_requested = Signal()
    preferences_requested = Signal()
    mcp_servers_requested = Signal()
    knowledge_requested = Signal()

    def __init__(self, *, build_tabs: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Gemini Desktop"))
        self.resize(1240, 780)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(self.tr("Main tabs"))
        # Until build_tabs(): empty pages under the real tab titles.
        self.tabs.addTab(QWidget(self.tabs), self.tr("Conversation"))
        self.tabs.addTab(QWidget(self.tabs), self.tr("Research"))
        # Built by build_tabs() right after the first paint; nothing reads them before that.
        self.conversation_tab: ConversationTab = None  # type: ignore[assignment]  # set in build_tabs()
        self.research_tab: ResearchTab = None  # type: ignore[assignment]  # set in build_tabs()
        self.setCentralWidget(self.tabs)
        # Closing the window hides it instead of quitting (the app keeps running in the tray).
        self.hide_on_close = False
        self._quitting = False
        self._tab_shortcuts()

        self.model_label = QLabel(self)
        self.model_label.setObjectName("statusModel")
        self.connection_label = QLabel(self.tr("Starting…"), self)
        self.connection_label.setObjectName("statusConnection")
        self.storage_label = QLabel(self)
        self.storage_label.setObjectName("statusStorage")
        self.storage_label.setAccessibleName(self.tr("Saving"))
        self.storage_label.hide()  # styled when first shown (``_show_storage_label``): a style sheet costs ~1 ms
        self.statusBar().addWidget(self.model_label)
        self.statusBar().addPermanentWidget(self.storage_label)
        self.statusBar().addPermanentWidget(self.connection_label)
        self._not_saving = False
        self._build_menus()
        if build_tabs:
            self.build_tabs()

    def build_tabs(self) -> None:
        """Build the Conversation and Research tabs in place of the empty pages (once)."""
        if self.conversation_tab is not None:
            return
        from desktop.ui.conversation.tab import ConversationTab
        from desktop.ui.research.tab import ResearchTab

        current = self.tabs.currentIndex()
        self.conversation_tab = ConversationTab(self.tabs)
        self.research_tab = ResearchTab(self.tabs)
        for index, (page, title) in enumerate(
            ((self.conversation_tab, self.tr("Conversation")), (self.research_tab, self.tr("Research")))
        ):
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, title)
            placeholder.deleteLater()
        self.tabs.setCurrentIndex(max(0, current))
        self._add_conversation_menu()
        self._assign_shortcuts()

    def _add_conversation_menu(self) -> None:
        """Conversation: the per-conversation options (mirroring the Run settings panel), before Settings."""
        from desktop.ui.conversation.menu import ConversationMenu

        self.conversation_menu = ConversationMenu(self.conversation_tab.settings_bar, self)
        self.conversation_menu.knowledge_requested.connect(self.knowledge_requested)
        self.menuBar().insertMenu(self.settings_menu.menuAction(), self.conversation_menu)

    def _action(self, text: str, name: str, signal: Signal | object) -> QAction:
        action = QAction(self)  # QAction(text, parent) would resolve an overload with QIcon: ~1.5 ms of enums
        action.setText(text)
        action.setObjectName(name)
        action.triggered.connect(signal)
        return action

    def _tab_shortcuts(self) -> None:
        """Actions for Ctrl+1 / Ctrl+2 / Ctrl+K (Conversation tab, Research tab, search); in the View menu."""
        self.show_conversation_action = self._action(
            self.tr("&Conversation"), "showConversationAction", self.show_conversation_tab
        )
        self.show_research_action = self._action(self.tr("&Research"), "showResearchAction", self.show_research_tab)
        self.search_action = self._action(
            self.tr("&Search conversations"), "searchConversationsAction", self.focus_search
        )
        for action in (self.show_conversation_action, self.show_research_action, self.search_action):
            self.addAction(action)

    def _assign_shortcuts(self) -> None:
        """Key shortcuts for every action.

        Done with the tabs, after the first paint: the first ``setShortcut`` makes PySide build
        ~100 Qt enum classes (~20 ms), and no key can be pressed before the window is there.
        """
        from PySide6.QtGui import QKeySequence

        for action, key in (
            (self.new_action, QKeySequence(QKeySequence.StandardKey.New)),
            (self.quick_ask_action, QKeySequence("Ctrl+Shift+Space")),
            (self.quit_action, QKeySequence("Ctrl+Q")),
            (self.preferences_action, preferences_key()),
            (self.show_conversation_action, QKeySequence("Ctrl+1")),
            (self.show_research_action, QKeySequence("Ctrl+2")),
            (self.search_action, QKeySequence("Ctrl+K")),
            (self.shortcuts_action, QKeySequence(QKeySequence.StandardKey.HelpContents)),
        ):
            action.setShortcut(key)
        self._conversation_menu_shortcuts()

    def _conversation_menu_shortcuts(self) -> None:
        """Keys for the Conversation menu's commands (Ctrl+Shift: plain Ctrl+letters edit text)."""
        from PySide6.QtGui import QKeySequence

        menu = self.conversation_menu
        for action, key in (
            (menu.panel_action, "Ctrl+Shift+R"),
            (menu.system_action, "Ctrl+Shift+I"),
            (menu.knowledge_action, "Ctrl+Shift+K"),
            (menu.export_action, "Ctrl+Shift+E"),
        ):
            action.setShortcut(QKeySequence(key))

    def show_conversation_tab(self) -> None:
        """Show the Conversation tab with the composer focused."""
        self.tabs.setCurrentWidget(self.conversation_tab)
        self.conversation_tab.composer.setFocus()

    def show_research_tab(self) -> None:
        """Show the Research tab with its prompt box focused."""
        self.tabs.setCurrentWidget(self.research_tab)
        self.research_tab.focus_prompt()

    def focus_search(self) -> None:
        """View → Search conversations (Ctrl+K): the Conversation tab with the search box focused."""
        if self.conversation_tab is None:
            return
        self.tabs.setCurrentWidget(self.conversation_tab)
        self.conversation_tab.focus_search()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.new_action = self._action(
            self.tr("&New conversation"), "newConversationAction", self.new_conversation_requested
        )
        file_menu.addAction(self.new_action)
        self.quick_ask_action = self._action(self.tr("Quick &ask…"), "quickAskAction", self.quick_ask_requested)
        file_menu.addAction(self.quick_ask_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), "quitAction", self.quit)
        file_menu.addAction(self.quit_action)
        self._build_view_menu()

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.setObjectName("settingsMenu")
        self.settings_menu = settings_menu
        self.key_action = self._action(self.tr("&API key…"), "apiKeyAction", self.api_key_requested)
        self.forget_key_action = self._action(self.tr("&Forget API key"), "forgetKeyAction", self.forget_key_requested)
        self.preferences_action = self._action(
            self.tr("&Preferences…"), "preferencesAction", self.preferences_requested
        )
        self.mcp_action = self._action(self.tr("&MCP servers…"), "mcpServersAction", self.mcp_servers_requested)
        for action in (self.key_action, self.forget_key_action, self.preferences_action, self.mcp_action):
            settings_menu.addAction(action)

        self._build_help_menu()

    def _build_view_menu(self) -> None:
        """View: the two tabs and the conversation search (their keys were invisible before)."""
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        self.view_menu = view_menu
        view_menu.addAction(self.show_conversation_action)
        view_menu.addAction(self.show_research_action)
        view_menu.addSeparator()
        view_menu.addAction(self.search_action)

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.help_menu = help_menu
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), "shortcutsAction", self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        self.about_action = self._action(self.tr("&About Gemini Desktop"), "aboutAction", self.show_about)
        help_menu.addAction(self.about_action)
        self._folders: tuple[Path, Path] | None = None
        self.about_box: QMessageBox | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None

    # -- Help -------------------------------------------------------------------------------------
    def set_folders(self, data: Path, logs: Path) -> None:
        """Where the conversations and the logs are (Help → About shows them)."""
        self._folders = (data, logs)

    def about_text(self) -> str:
        """The About box's text (rich text): version, licence, link, data and log folders."""
        import html

        from PySide6.QtCore import QUrl  # not before the first paint (see the module's imports)

        def folder(path: Path | None) -> str:
            if path is None:
                return self.tr("(not known yet)")
            url = QUrl.fromLocalFile(str(path)).toString()
            return f'<a href="{html.escape(url)}">{html.escape(str(path))}</a>'

        data, logs = self._folders if self._folders is not None else (None, None)
        return (
            self.tr("<b>Gemini Desktop</b> {0}").format(html.escape(__version__))
            + "<br>"
            + self.tr("A desktop assistant for the Gemini Interactions API.")
            + "<br><br>"
            + self.tr("Licence: {0}").format(f'<a href="{LICENSE_URL}">{LICENSE_NAME}</a>')
            + "<br>"
            + self.tr("Documentation of the API: {0}").format(f'<a href="{API_DOCS_URL}">{API_DOCS_URL}</a>')
            + "<br><br>"
            + self.tr("Conversations and attachments: {0}").format(folder(data))
            + "<br>"
            + self.tr("Log files: {0}").format(folder(logs))
        )

    def show_about(self) -> None:
        """Help → About: version, licence, a link, and the data and log folders (links open them)."""
        from PySide6.QtCore import Qt, QUrl  # the Qt namespace costs ~18 ms to load: not before the first paint
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.common import external

        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About Gemini Desktop"))
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        label = box.findChild(QLabel, "qt_msgbox_label")
        if label is not None:
            # A message box's label opens links itself; through external, the browser gets a cleaned environment.
            label.setOpenExternalLinks(False)
            label.linkActivated.connect(lambda url: external.open_url(QUrl(url)))
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_box = box
        box.open()

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts: every shortcut of the menus (and the widgets' keys), listed."""
        from desktop.ui.dialogs.shortcuts import ShortcutsDialog

        # Rebuilt each time: menus gain actions after start-up (the Conversation menu, other features).
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = ShortcutsDialog(self.menuBar(), self)
        self.shortcuts_dialog.open()

    def on_connection_changed(self, state: str, detail: str) -> None:
        """Show the connection state in the status bar."""
        from desktop.errors import NO_KEY_MESSAGE
        from desktop.ui.common.plain import plain_tooltip  # not before the first paint: it loads the Qt namespace

        texts = {
            "starting": self.tr("Starting…"),
            "no-key": self.tr("No API key — Settings → API key"),
            "connecting": self.tr("Connecting…"),
            "ready": self.tr("Ready"),
            "error": self.tr("Offline"),
            "offline": self.tr("No connection"),
            "rejected": self.tr("API key rejected"),
            "bad-key": self.tr("API key not usable"),
        }
        self.connection_label.setText(texts.get(state, state))
        # The status bar is narrow: the whole explanation goes in the tool tip.
        failed = state in ("error", "offline", "rejected", "bad-key")
        self.connection_label.setToolTip(
            plain_tooltip(detail) if failed or (state == "no-key" and detail != "No API key") else ""
        )
        if self.conversation_tab is not None:
            reasons = {
                "no-key": NO_KEY_MESSAGE,
                "bad-key": self.tr("The API key cannot be used: {0}").format(detail),
            }
            self.conversation_tab.set_send_blocked(reasons.get(state, ""))

    def on_key_source_changed(self, source: str) -> None:
        """Say where the key comes from; an environment key cannot be replaced or forgotten here."""
        from_env = source == "environment"
        self.key_action.setEnabled(not from_env)
        self.forget_key_action.setEnabled(source in ("keyring", "session"))
        tip = self.tr("The API key comes from the environment (GEMINI_API_KEY / GOOGLE_API_KEY).") if from_env else ""
        self.connection_label.setToolTip(tip)
        if from_env:
            self.statusBar().showMessage(self.tr("Using the API key from the environment."), 5000)

    def show_warning(self, title: str, message: str) -> None:
        """A non-blocking warning the user must acknowledge (e.g. a damaged database was moved aside)."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.common.plain import plain_message_box  # not before the first paint: it loads the Qt namespace

        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)

        plain_message_box(box)
        box.setObjectName("warningBox")
        box.open()

    def set_storage_problem(self, error: object) -> None:
        """Show (a ``StorageError``) or clear (None) the status bar's warning that answers are not saved."""
        if self._not_saving:
            return  # "Continue without saving" says it all, for the whole session
        if error is None:
            self.storage_label.hide()
            self.storage_label.clear()
            return
        cause = QCoreApplication.translate("AppError", getattr(error, "cause_text", ""))
        self.storage_label.setText(self.tr("Not saved: {0}").format(cause))
        self.storage_label.setToolTip(str(error))
        self._show_storage_label()

    def set_not_saving(self, folder: str, cause: str) -> None:
        """ "Continue without saving": mark the window, for the whole session, as keeping nothing."""
        self._not_saving = True
        self.setWindowTitle(self.tr("Gemini Desktop — not saving"))
        self.storage_label.setText(self.tr("Not saving: conversations are kept in memory only"))
        self.storage_label.setToolTip(
            self.tr("{0} could not be written ({1}). Nothing from this session is saved.").format(
                folder, QCoreApplication.translate("AppError", cause)
            )
        )
        self._show_storage_label()

    def _show_storage_label(self) -> None:
        if not self.storage_label.styleSheet():
            self.storage_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.storage_label.show()

    def set_model(self, model: str) -> None:
        """Show the model in use."""
        self.model_label.setText(self.tr("Model: {0}").format(model))

    # -- UI state ---------------------------------------------------------------------------------
    def save_state(self) -> dict[str, object]:
        """Geometry, the current tab and whether the Run settings panel is shown, for the UI state file."""
        state: dict[str, object] = {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            "tab": self.tabs.currentIndex(),
        }
        if self.conversation_tab is not None:
            state["run_settings"] = self.conversation_tab.settings_bar.panel_button.isChecked()
        return state

    def restore_state(self, state: dict[str, object]) -> None:
        """Restore what ``save_state`` returned (bad values are ignored)."""
        from PySide6.QtCore import QByteArray

        geometry = state.get("geometry")
        if isinstance(geometry, str):
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        tab = state.get("tab")
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        panel = state.get("run_settings")
        if isinstance(panel, bool) and self.conversation_tab is not None:
            self.conversation_tab.settings_bar.panel_button.setChecked(panel)

    def bring_to_front(self) -> None:
        """Show the window (un-minimised), raise it and give it the focus."""
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        """Ctrl+Q, the tray's Quit, SIGTERM: close and quit, even when closing would only hide."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hide_on_close and not self._quitting:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        self.closing.emit()
        event.accept()
