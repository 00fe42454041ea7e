"""Tells the user that research finished: a system notification and a badge on the Research tab.

The notification uses the system tray when the platform has one; otherwise it appears in the
window's status bar. The badge ("Research (2)") counts tasks that ended while the tab was not in
view and clears when the tab is viewed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon, QTabWidget, QWidget


class ResearchNotifier(QObject):
    """Shows notifications and keeps the Research tab's badge."""

    def __init__(
        self,
        window: QMainWindow,
        tabs: QTabWidget,
        tab: QWidget,
        *,
        use_tray: bool | None = None,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tabs = tabs
        self._tab = tab
        self.unseen = 0
        self._base_text = tabs.tabText(tabs.indexOf(tab)) or self.tr("Research")
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: QSystemTrayIcon | None = None
        if use_tray:
            self.tray = QSystemTrayIcon(icon or window.windowIcon(), self)
            self.tray.setToolTip(window.windowTitle())
            self.tray.messageClicked.connect(self.show_research)
            self.tray.show()
        tabs.currentChanged.connect(self._on_tab_changed)

    def on_notification(self, title: str, message: str) -> None:
        """Show a notification (tray message, or the status bar when there is no tray)."""
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10000)
        else:
            self._window.statusBar().showMessage(f"{title}: {message}", 15000)

    def on_task_finished(self, task: object = None) -> None:
        """Count a finished task on the badge unless the user is looking at the tab."""
        if self._tabs.currentWidget() is self._tab and self._window.isActiveWindow():
            return
        self.unseen += 1
        self._update_badge()

    def clear(self) -> None:
        """The user has seen the tab: remove the badge."""
        self.unseen = 0
        self._update_badge()

    def show_research(self) -> None:
        """Bring the window up on the Research tab (a notification was clicked)."""
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
        self._tabs.setCurrentWidget(self._tab)

    def _on_tab_changed(self, index: int) -> None:
        if self._tabs.widget(index) is self._tab:
            self.clear()

    def _update_badge(self) -> None:
        index = self._tabs.indexOf(self._tab)
        if index < 0:
            return
        text = self._base_text if not self.unseen else self.tr("{0} ({1})").format(self._base_text, self.unseen)
        self._tabs.setTabText(index, text)
        self._tabs.setTabToolTip(
            index,
            self.tr("Research tasks finished since you last looked: {0}").format(self.unseen) if self.unseen else "",
        )

    def dispose(self) -> None:
        """Remove the tray icon (at quit)."""
        if self.tray is not None:
            self.tray.hide()
            self.tray = None
