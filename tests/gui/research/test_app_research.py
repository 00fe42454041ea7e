"""Research inside the whole app: keyboard, a run to completion, continue in conversation, restart."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from tests.fake_api import BackgroundRun, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import KEY, boot, send

AGENT = "deep-research-preview-04-2026"


def statuses(app) -> list[str]:
    return [t.status for t in app.storage.research.list()]


async def test_tab_shortcuts_focus_the_right_box(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.research_tab
    assert window.research_tab.form.prompt.hasFocus()
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.conversation_tab
    assert window.conversation_tab.composer.hasFocus()
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_research_runs_and_continues_in_a_conversation(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready")
    fake_server.push(BackgroundRun("v1_app_dr", scenarios.deep_research("v1_app_dr"), seconds_per_event=0.01))
    window.show_research_tab()
    window.research_tab.start_requested.emit("Solid-state batteries", AGENT, {})
    await until(lambda: statuses(app) == ["completed"], timeout=10, message="research completed")
    body = fake_server.interaction_requests()[0].json
    assert body["agent"] == AGENT and body["background"] is True and body["store"] is True

    button = window.research_tab.findChild(QPushButton, "researchContinue")
    await until(button.isEnabled, message="continue enabled")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    await until(lambda: window.tabs.currentWidget() is window.conversation_tab, message="conversation shown")
    await until(
        lambda: app.conversation.state.conversation.settings.continues_interaction_id == "v1_app_dr",
        message="a conversation that continues the research",
    )
    fake_server.push(Stream(scenarios.plain_text("v1_follow", ["The key finding is density."])))
    await send(window, "What was the key finding?")
    await until(lambda: len(fake_server.interaction_requests()) == 2, message="follow-up sent")
    follow = fake_server.interaction_requests()[1].json
    assert follow["previous_interaction_id"] == "v1_app_dr"
    assert follow["input"] == "What was the key finding?"
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_restart_reattaches_to_a_running_task(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready")
    fake_server.push(BackgroundRun("v1_long", scenarios.deep_research("v1_long"), seconds_per_event=None))
    window.research_tab.start_requested.emit("A long run", AGENT, {})
    await until(lambda: statuses(app) and statuses(app)[0] in ("in_progress", "queued"), message="running")
    fake_server.advance("v1_long", 3)
    await until(lambda: app.storage.research.list()[0].last_event_id, message="progress stored")
    window.close()
    assert await asyncio.wait_for(task, 5) == 0

    # A new instance of the app on the same data folder; the run goes on meanwhile.
    fake_server.advance("v1_long")
    window2, app2, task2 = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: statuses(app2) == ["completed"], timeout=10, message="re-attached and completed")
    assert app2.storage.research.list()[0].report
    window2.close()
    assert await asyncio.wait_for(task2, 5) == 0
