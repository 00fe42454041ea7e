"""The tray: its menu (read directly, no platform tray needed), tool tip, notifications and keep-running."""

from __future__ import annotations

import asyncio

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow

from desktop.app import DesktopApp
from desktop.domain.research import ResearchTask
from desktop.ui.main_window import MainWindow
from desktop.ui.tray import RunningTask, TrayIcon
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start


def _texts(tray: TrayIcon) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator()]


def test_the_menu_has_show_new_quick_and_quit_and_the_running_research(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    tray = TrayIcon(window, QIcon(), available=False)
    assert _texts(tray) == ["Show", "New conversation", "Quick ask", "Quit"]
    assert tray.tooltip() == "Gemini Desktop"
    window.show()
    tray.set_tasks([RunningTask("t1", "Rivers of Europe", "in_progress"), RunningTask("t2", "Bees", "starting")])
    assert _texts(tray) == [
        "Hide",
        "New conversation",
        "Quick ask",
        "Research running",
        "Rivers of Europe — in progress",
        "Bees — starting",
        "Quit",
    ]
    assert tray.tooltip() == "Gemini Desktop — research running: 2"
    header = tray.menu.findChild(type(tray.quit_action), "trayResearchHeader")
    assert header is not None and not header.isEnabled()
    chosen: list[str] = []
    tray.task_requested.connect(chosen.append)
    next(a for a in tray.menu.actions() if a.text().startswith("Bees")).trigger()
    assert chosen == ["t2"]
    tray.set_tasks([])
    assert "Research running" not in _texts(tray)


def test_menu_actions_emit_their_requests(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    tray = TrayIcon(window, QIcon(), available=False)
    seen: list[str] = []
    tray.toggle_window_requested.connect(lambda: seen.append("toggle"))
    tray.new_conversation_requested.connect(lambda: seen.append("new"))
    tray.quick_requested.connect(lambda: seen.append("quick"))
    tray.quit_requested.connect(lambda: seen.append("quit"))
    for action in (tray.show_hide_action, tray.new_action, tray.quick_action, tray.quit_action):
        action.trigger()
    assert seen == ["toggle", "new", "quick", "quit"]


def test_notifications_are_recorded_and_clicking_one_asks_for_its_target(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    tray = TrayIcon(window, QIcon(), available=False)
    fallback: list[str] = []
    clicked: list[tuple[str, str]] = []
    tray.fallback_message.connect(fallback.append)
    tray.notification_clicked.connect(lambda kind, target: clicked.append((kind, target)))
    tray.notify("Research finished", "Rivers", "research", "t1")
    assert [(n.title, n.kind, n.target) for n in tray.notifications] == [("Research finished", "research", "t1")]
    assert fallback == ["Research finished: Rivers"]  # no tray here: said in the window
    tray._message_clicked()
    assert clicked == [("research", "t1")]


async def _boot(qtbot, server, paths, **kwargs) -> tuple[MainWindow, DesktopApp, asyncio.Task[int]]:
    return await start(qtbot, server, paths, **kwargs)


async def test_an_answer_finishing_while_the_window_is_hidden_notifies_and_the_click_opens_it(
    qtbot, fake_server, app_paths
):
    window, app, task = await _boot(qtbot, fake_server, app_paths, tray_available=False)
    try:
        assert app.tray is not None
        fake_server.push(Stream(scenarios.plain_text("v1_tray1", ("done",))))
        await send(window, "tell me when done")
        window.hide()
        await until(lambda: app.tray.notifications, message="notification")
        note = app.tray.notifications[-1]
        assert note.kind == "conversation" and note.title == "Answer ready"
        assert app.conversation is not None and note.target == app.conversation.current_id
        app.tray.notification_clicked.emit(note.kind, note.target)
        assert window.isVisible()
        assert window.tabs.currentWidget() is window.conversation_tab
    finally:
        await quit_app(window, task)


async def test_a_finished_research_run_notifies_with_its_task(qtbot, fake_server, app_paths):
    window, app, task = await _boot(qtbot, fake_server, app_paths, tray_available=False)
    try:
        assert app.research is not None and app.tray is not None
        finished = ResearchTask.new(prompt="Rivers of Europe", agent="deep-research-pro-preview-12-2025")
        finished.status = "completed"
        app.research._on_task_finished(finished)
        note = app.tray.notifications[-1]
        assert (note.title, note.message, note.kind, note.target) == (
            "Research finished",
            finished.title,
            "research",
            finished.id,
        )
        window.show_conversation_tab()
        app.tray.notification_clicked.emit(note.kind, note.target)
        assert window.tabs.currentWidget() is window.research_tab
    finally:
        await quit_app(window, task)


async def test_keep_running_in_the_tray_hides_on_close_and_quit_still_quits(qtbot, fake_server, app_paths):
    window, app, task = await _boot(qtbot, fake_server, app_paths, tray_available=True)
    try:
        assert app.settings is not None and app.tray is not None
        assert app.settings.get("keep_in_tray") is False  # off by default
        app.settings.set("keep_in_tray", True)
        window.close()
        await asyncio.sleep(0.1)
        assert not window.isVisible() and not task.done()
        assert [n.kind for n in app.tray.notifications] == ["window"]  # said once where the app went
        app.tray.show_hide_action.trigger()
        window.close()
        assert [n.kind for n in app.tray.notifications] == ["window"]
        app.tray.show_hide_action.trigger()
        assert window.isVisible()
        app.tray.quit_action.trigger()
        assert await asyncio.wait_for(task, 5) == 0
    finally:
        if not task.done():
            await quit_app(window, task)


async def test_without_a_tray_closing_quits_even_with_the_preference(qtbot, fake_server, app_paths):
    window, app, task = await _boot(qtbot, fake_server, app_paths, tray_available=False)
    assert app.settings is not None
    app.settings.set("keep_in_tray", True)
    window.close()
    assert await asyncio.wait_for(task, 5) == 0
