"""The command line's options carried out by a running app (``CommandController`` wired by ``DesktopApp``)."""

from __future__ import annotations

import asyncio

from desktop.app import DesktopApp
from desktop.cli import Command
from desktop.ui.main_window import MainWindow
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start, turn


async def _boot(qtbot, server, paths, **kwargs) -> tuple[MainWindow, DesktopApp, asyncio.Task[int]]:
    return await start(qtbot, server, paths, tray_available=False, **kwargs)


async def test_new_opens_an_empty_conversation_and_brings_the_window_up(qtbot, fake_server, app_paths):
    window, app, task = await _boot(qtbot, fake_server, app_paths)
    try:
        await turn(window, fake_server, "first", scenarios.plain_text("v1_c1"))
        assert app.conversation is not None and app.commands is not None
        before = app.conversation.current_id
        window.hide()
        app.commands.on_command(Command(new=True))
        await until(lambda: app.conversation.current_id != before, message="new conversation")
        assert window.isVisible()
        assert window.conversation_tab.transcript.turns() == []
    finally:
        await quit_app(window, task)


async def test_ask_with_attach_sends_the_files_with_the_prompt(qtbot, fake_server, app_paths, tmp_path):
    window, app, task = await _boot(qtbot, fake_server, app_paths)
    try:
        note = tmp_path / "facts.txt"
        note.write_text("the answer is 42", encoding="utf-8")
        assert app.commands is not None
        fake_server.push(Stream(scenarios.plain_text("v1_c2", ("ok",))))
        app.commands.on_command(Command(ask="read the file", attach=[str(note)]))
        await until(fake_server.interaction_requests, message="request sent")
        sent = fake_server.interaction_requests()[-1].json["input"]
        # One user turn: the prompt, then the file (a small text file goes inline, named).
        assert [step["type"] for step in sent] == ["user_input"]
        assert sent[0]["content"] == [
            {"type": "text", "text": "read the file"},
            {"type": "text", "text": "facts.txt:\nthe answer is 42"},
        ]
    finally:
        await quit_app(window, task)


async def test_attach_alone_puts_the_files_into_the_composer(qtbot, fake_server, app_paths, tmp_path):
    window, app, task = await _boot(qtbot, fake_server, app_paths)
    try:
        note = tmp_path / "later.txt"
        note.write_text("for later", encoding="utf-8")
        assert app.commands is not None and app.attachments is not None
        app.commands.on_command(Command(attach=[str(note)]))
        await until(lambda: [a.name for a in app.attachments.attachments] == ["later.txt"], message="attached")
        await asyncio.sleep(0.2)
        assert fake_server.interaction_requests() == []  # nothing sent
    finally:
        await quit_app(window, task)


async def test_research_starts_a_run_from_the_research_tab(qtbot, fake_server, app_paths):
    window, app, task = await _boot(qtbot, fake_server, app_paths)
    try:
        assert app.commands is not None and app.research is not None
        app.commands.on_command(Command(research="history of the Rhine trade"))
        await until(lambda: window.tabs.currentWidget() is window.research_tab, message="research tab")
        await until(lambda: any(t.prompt == "history of the Rhine trade" for t in app.research.tasks()), message="task")
        # The running run is in the tray menu, with its status.
        assert app.tray is not None
        await until(lambda: any("history of the Rhine" in t.title for t in app.tray.tasks), message="tray task")
        assert "research running: 1" in app.tray.tooltip()
    finally:
        await quit_app(window, task)


async def test_commands_received_before_start_wait_for_the_key(qtbot, fake_server, app_paths):
    fake_server.push(Stream(scenarios.plain_text("v1_c3", ("ok",))))
    window, _app, task = await _boot(qtbot, fake_server, app_paths, command=Command(ask="asked at launch"))
    try:
        await until(
            lambda: "asked at launch" in str([r.json for r in fake_server.interaction_requests()]), message="sent"
        )
        assert [t.prompt_text for t in window.conversation_tab.transcript.turns()] == ["asked at launch"]
    finally:
        await quit_app(window, task)
