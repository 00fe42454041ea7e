"""Quick ask: the small always-on-top window, its prompt, streamed answer, "Open in app" and attachments."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtTest import QTest

from desktop.app import DesktopApp
from desktop.cli import Command
from desktop.ui.main_window import MainWindow
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start

ANSWER = ("Here is **bold** text", " and a list:\n\n- one\n- two\n")


async def boot(qtbot, server, paths, **kwargs) -> tuple[MainWindow, DesktopApp, asyncio.Task[int]]:
    return await start(qtbot, server, paths, **kwargs)


def _inputs(server: FakeInteractionsServer) -> list[object]:
    return [r.json.get("input") for r in server.interaction_requests()]


async def test_quick_ask_streams_the_answer_and_opens_it_in_the_app(qtbot, fake_server, app_paths):
    window, app, task = await boot(qtbot, fake_server, app_paths)
    try:
        app.show_quick_ask()
        quick = app.quick_window
        assert quick is not None and quick.isVisible()
        flags = quick.windowFlags()
        assert flags & Qt.WindowType.FramelessWindowHint
        assert flags & Qt.WindowType.WindowStaysOnTopHint
        assert quick.prompt.accessibleName() == "Quick ask prompt"
        assert quick.open_button.accessibleName() == "Open in app"
        # Centred horizontally on the screen.
        screen = quick.screen().availableGeometry()
        assert abs(quick.geometry().center().x() - screen.center().x()) <= 2

        fake_server.push(Stream(scenarios.plain_text("v1_quick1", ANSWER)))
        quick.prompt.setPlainText("what is quick?")
        QTest.keyClick(quick.prompt, Qt.Key.Key_Return)
        await until(lambda: "what is quick?" in map(str, _inputs(fake_server)), message="request sent")
        await until(lambda: "two" in quick.answer.toPlainText(), message="answer shown")
        # Markdown rendered, not shown raw: "bold" in bold (Qt's HTML says font-weight:400 for any text).
        assert 'font-weight:700;">bold</span>' in quick.answer.toHtml()
        assert "**" not in quick.answer.toPlainText()
        assert quick.prompt.toPlainText() == ""

        # The exchange is a real conversation: "Open in app" shows it in the main window.
        conversation_id = app.quick.conversation_id if app.quick else None
        assert conversation_id
        window.hide()
        quick.open_button.click()
        await until(lambda: not quick.isVisible() and window.isVisible(), message="opened in the app")
        assert app.conversation is not None and app.conversation.current_id == conversation_id
        transcript = window.conversation_tab.transcript
        assert [t.prompt_text for t in transcript.turns()] == ["what is quick?"]
    finally:
        await quit_app(window, task)


async def test_ctrl_enter_sends_and_moves_to_the_main_window_and_esc_hides(qtbot, fake_server, app_paths):
    window, app, task = await boot(qtbot, fake_server, app_paths)
    try:
        app.show_quick_ask()
        quick = app.quick_window
        assert quick is not None
        QTest.keyClick(quick.prompt, Qt.Key.Key_Escape)
        assert not quick.isVisible()
        app.show_quick_ask()
        assert quick.isVisible()
        fake_server.push(Stream(scenarios.plain_text("v1_quick2", ("fine",))))
        quick.prompt.setPlainText("straight to the app")
        QTest.keyClick(quick.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: "straight to the app" in map(str, _inputs(fake_server)), message="request sent")
        await until(lambda: not quick.isVisible(), message="quick window hidden")
        assert window.isVisible()
        await until(
            lambda: [t.prompt_text for t in window.conversation_tab.transcript.turns()] == ["straight to the app"],
            message="turn in the main window",
        )
    finally:
        await quit_app(window, task)


async def test_the_prompt_grows_and_shift_enter_is_a_new_line(qtbot, fake_server, app_paths):
    window, app, task = await boot(qtbot, fake_server, app_paths)
    try:
        app.show_quick_ask()
        quick = app.quick_window
        assert quick is not None
        one_line = quick.prompt.height()
        quick.prompt.setPlainText("first")
        quick.prompt.moveCursor(quick.prompt.textCursor().MoveOperation.End)
        QTest.keyClick(quick.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClicks(quick.prompt, "second")
        QTest.keyClick(quick.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClicks(quick.prompt, "third")
        assert quick.prompt.toPlainText() == "first\nsecond\nthird"
        await until(lambda: quick.prompt.height() > one_line * 2, message="prompt grew")
        assert fake_server.interaction_requests() == []
    finally:
        await quit_app(window, task)


async def test_a_pasted_file_goes_with_the_quick_prompt(qtbot, fake_server, app_paths, tmp_path):
    window, app, task = await boot(qtbot, fake_server, app_paths)
    try:
        note = tmp_path / "note.txt"
        note.write_text("the attached note says 42", encoding="utf-8")
        app.show_quick_ask()
        quick = app.quick_window
        assert quick is not None
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(note))])
        quick.prompt.insertFromMimeData(mime)
        assert quick.prompt.toPlainText() == ""  # attached, not pasted as a path
        await until(lambda: "note.txt" in quick.attachments_label.text(), message="attachment shown")
        assert app.attachments is not None
        await until(lambda: app.attachments.can_send, message="attachment read")
        fake_server.push(Stream(scenarios.plain_text("v1_quick3", ("ok",))))
        quick.prompt.setPlainText("what does the note say?")
        QTest.keyClick(quick.prompt, Qt.Key.Key_Return)
        await until(fake_server.interaction_requests, message="request sent")
        sent = fake_server.interaction_requests()[-1].json["input"]
        assert [step["type"] for step in sent] == ["user_input"]
        assert sent[0]["content"] == [
            {"type": "text", "text": "what does the note say?"},
            {"type": "text", "text": "note.txt:\nthe attached note says 42"},
        ]
        await until(lambda: not quick.attachments_label.isVisible(), message="attachments cleared after sending")
    finally:
        await quit_app(window, task)


async def test_file_quick_ask_mirrors_the_tray_entry(qtbot, fake_server, app_paths):
    window, app, task = await boot(qtbot, fake_server, app_paths)
    try:
        assert window.quick_ask_action.shortcut().toString() == "Ctrl+Shift+Space"
        window.quick_ask_action.trigger()
        assert app.quick_window is not None and app.quick_window.isVisible()
    finally:
        await quit_app(window, task)


async def test_the_command_line_quick_option_opens_the_window(qtbot, fake_server, app_paths):
    window, app, task = await boot(qtbot, fake_server, app_paths, command=Command(quick=True))
    try:
        await until(lambda: app.quick_window is not None and app.quick_window.isVisible(), message="quick shown")
    finally:
        await quit_app(window, task)
