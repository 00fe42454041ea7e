"""The tray icon and its menu: Show/Hide, New conversation, Quick ask, running research, Quit.

The menu is a plain ``QMenu`` built whether or not the platform has a tray (tests read it; the
availability check is injectable). Notifications go through ``notify``, which records each one
(``notifications``) and shows it as a tray message when the platform supports them; clicking it
asks for its target (a research task or a conversation) to be opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

# How long a tray message stays up (ms).
MESSAGE_MS = 10000


@dataclass(frozen=True, slots=True)
class Notification:
    """One notification: its text and what clicking it opens (kind "research" or "conversation", and an id)."""

    title: str
    message: str
    kind: str
    target: str


@dataclass(frozen=True, slots=True)
class RunningTask:
    """A research run shown in the menu: its local id, title and status (the API's word)."""

    id: str
    title: str
    status: str


class TrayIcon(QObject):
    """The tray icon (when ``available``), its menu and the app's notifications.

    ``available`` and ``messages`` default to what the platform says
    (``QSystemTrayIcon.isSystemTrayAvailable`` / ``supportsMessages``).

    Signals:
        toggle_window_requested: Show / Hide was chosen (or the icon was clicked).
        new_conversation_requested: New conversation was chosen.
        quick_requested: Quick ask was chosen.
        task_requested: A running research task was chosen: its id.
        quit_requested: Quit was chosen.
        notification_clicked: A notification was clicked: (kind, target id).
        fallback_message: A notification to show in the window (no tray messages here): the text.
    """

    toggle_window_requested = Signal()
    new_conversation_requested = Signal()
    quick_requested = Signal()
    task_requested = Signal(str)
    quit_requested = Signal()
    notification_clicked = Signal(str, str)
    fallback_message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        icon: QIcon,
        *,
        available: bool | None = None,
        messages: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self._window = window
        self.available = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        self.messages = (QSystemTrayIcon.supportsMessages() if messages is None else messages) and self.available
        self.notifications: list[Notification] = []
        self.tasks: list[RunningTask] = []
        self._last: Notification | None = None
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.setAccessibleName(self.tr("Gemini Desktop tray menu"))
        self.show_hide_action = self._action(self.tr("Show"), "trayShowHideAction", self.toggle_window_requested)
        self.new_action = self._action(
            self.tr("New conversation"), "trayNewConversationAction", self.new_conversation_requested
        )
        self.quick_action = self._action(self.tr("Quick ask"), "trayQuickAskAction", self.quick_requested)
        self.quit_action = self._action(self.tr("Quit"), "trayQuitAction", self.quit_requested)
        self.task_actions: list[QAction] = []
        self.menu.aboutToShow.connect(self.refresh)
        self.icon: QSystemTrayIcon | None = None
        if self.available:
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.messageClicked.connect(self._message_clicked)
            self.icon.show()
        self.refresh()

    def _action(self, text: str, name: str, signal: object) -> QAction:
        action = QAction(text, self)  # not the menu's: ``QMenu.clear`` deletes the menu's own actions
        action.setObjectName(name)
        action.triggered.connect(signal)
        return action

    # -- the menu ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the menu: Show or Hide (as the window is), the running research runs, the tool tip."""
        visible = self._window.isVisible() and not self._window.isMinimized()
        self.show_hide_action.setText(self.tr("Hide") if visible else self.tr("Show"))
        self.menu.clear()  # deletes the task entries (the menu owns them)
        self.task_actions = []
        self.menu.addAction(self.show_hide_action)
        self.menu.addSeparator()
        self.menu.addAction(self.new_action)
        self.menu.addAction(self.quick_action)
        self.menu.addSeparator()
        if self.tasks:
            header = self.menu.addAction(self.tr("Research running"))
            header.setObjectName("trayResearchHeader")
            header.setEnabled(False)
            self.task_actions.append(header)
            for task in self.tasks:
                action = QAction(self.tr("{0} — {1}").format(task.title, status_text(task.status)), self.menu)
                action.setObjectName(f"trayTask_{task.id}")
                action.triggered.connect(lambda _checked=False, tid=task.id: self.task_requested.emit(tid))
                self.menu.addAction(action)
                self.task_actions.append(action)
            self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        tip = self.tooltip()
        if self.icon is not None:
            self.icon.setToolTip(tip)

    def tooltip(self) -> str:
        """ "Gemini Desktop", with the number of running research runs when there are any."""
        if not self.tasks:
            return self.tr("Gemini Desktop")
        return self.tr("Gemini Desktop — research running: {0}").format(len(self.tasks))

    def set_tasks(self, tasks: list[RunningTask]) -> None:
        """The research runs still going (newest first)."""
        self.tasks = list(tasks)
        self.refresh()

    # -- notifications ----------------------------------------------------------------------------
    def notify(self, title: str, message: str, kind: str, target: str) -> None:
        """Tell the user something ended; clicking the notification opens ``target``."""
        note = Notification(title, message, kind, target)
        self.notifications.append(note)
        self._last = note
        if self.icon is not None and self.messages:
            self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        else:
            self.fallback_message.emit(self.tr("{0}: {1}").format(title, message))

    def _message_clicked(self) -> None:
        if self._last is not None:
            self.notification_clicked.emit(self._last.kind, self._last.target)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window_requested.emit()

    def dispose(self) -> None:
        """Remove the icon (at quit)."""
        if self.icon is not None:
            self.icon.hide()
            self.icon = None
        self.menu.deleteLater()


def status_text(status: str) -> str:
    """A research status in words."""
    from PySide6.QtCore import QCoreApplication

    texts = {
        "starting": QCoreApplication.translate("TrayIcon", "starting"),
        "in_progress": QCoreApplication.translate("TrayIcon", "in progress"),
        "requires_action": QCoreApplication.translate("TrayIcon", "needs your input"),
        "stalled": QCoreApplication.translate("TrayIcon", "stalled"),
    }
    return texts.get(status, status.replace("_", " "))
