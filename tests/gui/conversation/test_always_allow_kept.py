""" "Always allow" on a card is kept when the user then changes a run setting: the settings bar's copy
of the conversation's settings did not know the remembered tool and wrote it back without it."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start


async def test_always_allow_survives_a_change_of_run_settings(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    try:
        tab = window.conversation_tab
        panel = tab.settings_bar.panel
        panel.tool_checks["local.current_time"].setChecked(True)
        fake_server.push(
            Stream(scenarios.parallel_function_calls("v1_a1", [("call_1", "current_time", ["{}"])])),
            Stream(scenarios.plain_text("v1_a2", ["It is noon."])),
        )
        await send(window, "What time is it?")

        def card():
            turns = tab.transcript.turns()
            widget = tab.transcript.widget_for(turns[-1].id) if turns else None
            return widget.calls_view.cards.get("call_1") if widget is not None else None

        await until(card, message="approval card")
        next(b for b in card().findChildren(QPushButton) if b.accessibleName() == "Always allow").click()
        await until(lambda: "It is noon" in tab.transcript.plain_text(), message="answer")
        await until(tab.send_button.isEnabled, message="loop finished")
        settings = lambda: app.conversation.state.conversation.settings  # noqa: E731
        assert settings().always_allowed_tools == ["current_time"]

        panel.tool_checks["local.read_clipboard"].setChecked(True)  # any change in the run settings
        assert settings().always_allowed_tools == ["current_time"]
        assert "local.read_clipboard" in settings().tools
        # The next call of the tool runs without asking.
        fake_server.push(
            Stream(scenarios.parallel_function_calls("v1_a3", [("call_2", "current_time", ["{}"])])),
            Stream(scenarios.plain_text("v1_a4", ["Still noon."])),
        )
        await send(window, "And now?")
        await until(lambda: "Still noon" in tab.transcript.plain_text(), message="answered without asking")
        stored = app.storage.conversations.get(app.conversation.current_id).settings
        assert stored.always_allowed_tools == ["current_time"]
    finally:
        await quit_app(window, task)


async def test_the_tools_always_allowed_here_are_shown_and_can_be_asked_about_again(
    qtbot, fake_server, app_paths, memory_keyring
):
    """A mistaken "Always allow" (say, for Open link) could not be taken back in the conversation."""
    window, app, task = await start(qtbot, fake_server, app_paths)
    try:
        tab = window.conversation_tab
        panel = tab.settings_bar.panel
        menu = window.conversation_menu
        panel.tool_checks["local.current_time"].setChecked(True)
        assert panel.always_label.isHidden() and panel.forget_always_button.isHidden()
        assert not menu.forget_always_action.isEnabled()
        fake_server.push(
            Stream(scenarios.parallel_function_calls("v1_b1", [("call_1", "current_time", ["{}"])])),
            Stream(scenarios.plain_text("v1_b2", ["It is noon."])),
        )
        await send(window, "What time is it?")
        card = await _card(tab, "call_1")
        next(b for b in card.findChildren(QPushButton) if b.accessibleName() == "Always allow").click()
        await until(lambda: "It is noon" in tab.transcript.plain_text(), message="answer")
        await until(tab.send_button.isEnabled, message="loop finished")
        assert not panel.always_label.isHidden() and "current_time" in panel.always_label.text()
        assert panel.forget_always_button.accessibleName() == "Ask again before these tools run"
        assert menu.forget_always_action.isEnabled()

        panel.forget_always_button.click()
        assert app.conversation.state.conversation.settings.always_allowed_tools == []
        assert panel.always_label.isHidden() and not menu.forget_always_action.isEnabled()
        await until(
            lambda: app.storage.conversations.get(app.conversation.current_id).settings.always_allowed_tools == [],
            message="forgotten in the database",
        )
        # Asked again.
        fake_server.push(Stream(scenarios.parallel_function_calls("v1_b3", [("call_2", "current_time", ["{}"])])))
        await send(window, "And now?")
        again = await _card(tab, "call_2")
        assert not again.allow_button.isHidden()
    finally:
        await quit_app(window, task)


async def _card(tab, call_id: str):
    def find():
        turns = tab.transcript.turns()
        widget = tab.transcript.widget_for(turns[-1].id) if turns else None
        return widget.calls_view.cards.get(call_id) if widget is not None else None

    await until(find, message=f"card {call_id}")
    return find()
