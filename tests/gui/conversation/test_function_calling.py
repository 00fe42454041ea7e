"""Function calling in the app: Local tools in the Tools control and the menu, approval cards
answered by mouse and keyboard, the answer after the results, and a pending card after a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.domain.conversation import TurnStatus
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, save_screenshot, send, start, widgets

LOCAL = ["Current time", "Read file", "List folder", "Open link", "Read clipboard"]


def _buttons(card) -> dict[str, QPushButton]:
    return {b.accessibleName(): b for b in card.findChildren(QPushButton) if not b.isHidden()}


async def test_local_tools_are_offered_off_by_default_in_the_panel_and_the_menu(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    bar = window.conversation_tab.settings_bar
    checks = {box.accessibleName(): box for box in bar.panel.tool_checks.values()}
    assert all(name in checks and not checks[name].isChecked() for name in LOCAL)
    menu = window.conversation_menu
    tools_menu = next(a.menu() for a in menu.actions() if a.menu() and a.menu().objectName() == "toolsMenu")
    texts = [a.text() for a in tools_menu.actions()]
    assert texts.index("Local tools") < min(texts.index(name) for name in LOCAL)
    for name in LOCAL:
        action = next(a for a in tools_menu.actions() if a.text() == name)
        assert action.isCheckable() and not action.isChecked()
    # The menu and the panel are one control: checking in the menu checks the box.
    next(a for a in tools_menu.actions() if a.text() == "Read clipboard").trigger()
    assert checks["Read clipboard"].isChecked()
    assert "local.read_clipboard" in bar.settings().tools
    await quit_app(window, task)


async def test_approve_by_keyboard_deny_by_escape_and_the_loop_finishes(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    tab.settings_bar.panel.tool_checks["local.current_time"].setChecked(True)
    tab.settings_bar.panel.tool_checks["local.open_link"].setChecked(True)
    calls = [("call_t", "current_time", ["{}"]), ("call_o", "open_link", ['{"url": "https://example.com/x"}'])]
    fake_server.push(
        Stream(scenarios.parallel_function_calls("v1_fc", calls)),
        Stream(scenarios.plain_text("v1_fd", ["It is noon; I did not open the link."])),
    )
    await send(window, "What time is it, and open example.com")
    w = await _wait_cards(window, 2)
    cards = [w.calls_view.cards["call_t"], w.calls_view.cards["call_o"]]
    assert set(_buttons(cards[0])) == {"Allow once", "Always allow", "Deny"}
    assert '"url": "https://example.com/x"' in cards[1].arguments.toPlainText()
    assert w.status_label.text() == "The model asks to run 2 tool calls. Allow or deny each one above."
    assert "This computer" in cards[0].title.text()
    await until(lambda: QApplication.focusWidget() is cards[0], message="first card focused")
    save_screenshot(window, "function-calling-approval-card")
    QTest.keyClick(cards[0], Qt.Key.Key_Return)  # allow once
    await until(lambda: not _buttons(cards[0]), message="first decided")
    cards[1].setFocus()
    QTest.keyClick(cards[1], Qt.Key.Key_Escape)  # deny
    await until(lambda: "It is noon" in tab.transcript.plain_text(), message="answer after results")
    await until(tab.send_button.isEnabled)
    await until(
        lambda: app.storage.conversations.turns(app.conversation.current_id)[-1].status is TurnStatus.COMPLETED,
        message="saved as completed",
    )
    body = fake_server.interaction_requests()[-1].json
    assert body["previous_interaction_id"] == "v1_fc"
    results = {r["call_id"]: r for r in body["input"]}
    assert "UTC" in results["call_t"]["result"]
    assert results["call_o"]["is_error"] is True and results["call_o"]["result"] == "The user denied this call"
    assert cards[1].state_label.text() == "Denied. The model was told that you declined this call."
    stored = app.storage.conversations.turns(app.conversation.current_id)[-1]
    assert stored.status is TurnStatus.COMPLETED and stored.interaction_ids == ["v1_fc", "v1_fd"]
    # Each call is shown once, on its card: no "Called current_time" step row besides it.
    assert not [v for v in widgets(window)[-1].steps_panel.views() if v.block.tool == "function"]
    save_screenshot(window, "function-calling-finished-loop")
    await quit_app(window, task)


async def test_always_allow_by_button_and_a_pending_card_after_a_restart(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    tab.settings_bar.panel.tool_checks["local.current_time"].setChecked(True)
    fake_server.push(Stream(scenarios.function_call("v1_r1", "call_1", "current_time", ["{}"])))
    await send(window, "time?")
    await _wait_cards(window, 1)
    await quit_app(window, task)  # closed with the card unanswered

    window, app, task = await start(qtbot, fake_server, app_paths)
    w = await _wait_cards(window, 1)
    card = w.calls_view.cards["call_1"]
    assert set(_buttons(card)) == {"Allow once", "Always allow", "Deny"}
    fake_server.push(Stream(scenarios.plain_text("v1_r2", ["Noon."])))
    _buttons(card)["Always allow"].click()
    await until(lambda: "Noon." in window.conversation_tab.transcript.plain_text(), message="answered after restart")
    assert fake_server.interaction_requests()[-1].json["previous_interaction_id"] == "v1_r1"
    await until(window.conversation_tab.send_button.isEnabled, message="turn settled")
    await until(
        lambda: (
            app.storage.conversations.get(app.conversation.current_id).settings.always_allowed_tools == ["current_time"]
        ),
        message="always allow remembered for the conversation",
    )
    await quit_app(window, task)


async def _wait_cards(window, n: int):
    tab = window.conversation_tab
    await until(lambda: tab.transcript.turns() and len(widgets(window)[-1].calls_view.cards) == n, message="cards")
    return widgets(window)[-1]
