"""Research notifications go to the system tray when there is one, else to the status bar.

The headless display has no tray, so without recording the tray only the status-bar branch
would ever run here; ``QSystemTrayIcon`` is replaced by a recording double of its class methods.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon, QTabWidget, QWidget

from desktop.ui.notifier import ResearchNotifier


@pytest.fixture
def shown(qtbot) -> tuple[QMainWindow, QTabWidget, QWidget]:
    window = QMainWindow()
    qtbot.addWidget(window)
    tabs = QTabWidget(window)
    tab = QWidget()
    tabs.addTab(QWidget(), "Conversation")
    tabs.addTab(tab, "Research")
    window.setCentralWidget(tabs)
    window.show()
    return window, tabs, tab


def desktop_with_tray(monkeypatch: pytest.MonkeyPatch, *, messages: bool) -> list[tuple[str, str]]:
    shown_messages: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: messages))
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda self, title, text, *args: shown_messages.append((title, text))
    )
    return shown_messages


def test_with_a_tray_the_notification_is_a_tray_message_and_clicking_it_shows_research(shown, monkeypatch):
    window, tabs, tab = shown
    messages = desktop_with_tray(monkeypatch, messages=True)
    notifier = ResearchNotifier(window, tabs, tab)
    assert notifier.tray is not None and notifier.tray.isVisible()
    notifier.on_notification("Research finished", "Batteries")
    assert messages == [("Research finished", "Batteries")]
    assert window.statusBar().currentMessage() == ""
    tabs.setCurrentIndex(0)
    notifier.tray.messageClicked.emit()
    assert tabs.currentWidget() is tab
    notifier.dispose()
    assert notifier.tray is None


def test_a_tray_that_cannot_show_messages_falls_back_to_the_status_bar(shown, monkeypatch):
    window, tabs, tab = shown
    messages = desktop_with_tray(monkeypatch, messages=False)
    notifier = ResearchNotifier(window, tabs, tab)
    notifier.on_notification("Research failed", "Batteries")
    assert messages == []
    assert window.statusBar().currentMessage() == "Research failed: Batteries"
    notifier.dispose()


def test_without_a_tray_the_status_bar_says_it(shown, monkeypatch):
    window, tabs, tab = shown
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    notifier = ResearchNotifier(window, tabs, tab)
    assert notifier.tray is None
    notifier.on_notification("Research finished", "Batteries")
    assert window.statusBar().currentMessage() == "Research finished: Batteries"
