"""Conversation tab user flows against the fake server: send, stop, branches, expiry, store=false, models."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.domain.conversation import TurnStatus
from desktop.ui.conversation import settings_bar
from desktop.ui.dialogs import conversation as conversation_dialogs
from tests.fake_api import ErrorReply, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start, turn, widgets


async def test_settings_go_with_every_turn_and_the_turn_is_saved(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    bar = tab.settings_bar
    monkeypatch.setattr(settings_bar, "ask_system_instruction", lambda parent, text: "Be terse.")
    bar.system_button.click()
    bar.thinking_combo.setCurrentIndex(bar.thinking_combo.findData("low"))
    bar.temperature_spin.setValue(0.5)
    await turn(window, fake_server, "first", scenarios.thoughts_and_text("v1_s1"))
    await turn(window, fake_server, "second", scenarios.plain_text("v1_s2", ["two"]))
    first, second = (r.json for r in fake_server.interaction_requests()[-2:])
    for body in (first, second):
        assert body["system_instruction"] == "Be terse."
        assert body["generation_config"] == {"thinking_summaries": "auto", "thinking_level": "low", "temperature": 0.5}
        assert body["store"] is True
    assert "previous_interaction_id" not in first and second["previous_interaction_id"] == "v1_s1"
    # The answer, thoughts and usage are shown; thoughts collapsed.
    w = widgets(window)[0]
    assert "The answer is 42." in w.answer_view.toPlainText()
    assert w.thoughts_button.isVisible() and w.thoughts_button.text() == "Thoughts"
    assert not w.thoughts_view.isVisible()
    assert "150 thinking" in w.usage_label.text()
    # The database holds both turns, completed, and the conversation got a local title.
    conv_id = app.conversation.current_id
    stored = app.storage.conversations.turns(conv_id)
    assert [t.status for t in stored] == [TurnStatus.COMPLETED, TurnStatus.COMPLETED]
    assert stored[0].steps and stored[0].steps[0]["type"] == "thought"
    assert app.storage.conversations.get(conv_id).title == "first"
    assert app.storage.conversations.get(conv_id).settings.system_instruction == "Be terse."
    await quit_app(window, task)


async def test_escape_stops_and_keeps_the_partial_answer(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    fake_server.push(Stream(scenarios.many_deltas("v1_esc", 400, text="tock "), frame_delay=0.01))
    await send(window, "count slowly")
    await until(lambda: "tock" in tab.transcript.plain_text(), message="streaming")
    QTest.keyClick(window, Qt.Key.Key_Escape)
    await until(tab.send_button.isEnabled, message="stopped")
    w = widgets(window)[-1]
    await until(lambda: "Stopped" in w.status_label.text())
    assert 0 < w.answer_view.toPlainText().count("tock") < 400
    stored = app.storage.conversations.turns(app.conversation.current_id)[-1]
    assert stored.status is TurnStatus.STOPPED and stored.answer_text.startswith("tock")
    await quit_app(window, task)


async def test_edit_and_regenerate_branch_from_the_turn_before(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    await turn(window, fake_server, "one", scenarios.plain_text("v1_e1", ["first answer"]))
    await turn(window, fake_server, "two", scenarios.plain_text("v1_e2", ["old answer"]))

    monkeypatch.setattr(conversation_dialogs, "ask_prompt_edit", lambda parent, text: "two, edited")
    fake_server.push(Stream(scenarios.plain_text("v1_e3", ["new answer"])))
    widgets(window)[1].edit_button.click()
    await until(lambda: "new answer" in window.conversation_tab.transcript.plain_text(), message="edited answer")
    await until(window.conversation_tab.send_button.isEnabled)
    body = fake_server.interaction_requests()[-1].json
    assert body["input"] == "two, edited" and body["previous_interaction_id"] == "v1_e1"
    last = widgets(window)[-1]
    assert last.branch_label.isVisible() and last.branch_label.text() == "2/2"
    assert "old answer" not in window.conversation_tab.transcript.plain_text()

    # ‹ shows the old branch again, and it is remembered.
    last.prev_button.click()
    await until(lambda: "old answer" in window.conversation_tab.transcript.plain_text(), message="old branch")
    assert widgets(window)[-1].branch_label.text() == "1/2"

    # Regenerate the shown (old) second turn: a third alternative chained on turn one.
    fake_server.push(Stream(scenarios.plain_text("v1_e4", ["regenerated"])))
    widgets(window)[-1].regenerate_button.click()
    await until(lambda: "regenerated" in window.conversation_tab.transcript.plain_text())
    await until(window.conversation_tab.send_button.isEnabled)
    body = fake_server.interaction_requests()[-1].json
    assert body["input"] == "two" and body["previous_interaction_id"] == "v1_e1"
    assert widgets(window)[-1].branch_label.text() == "3/3"
    all_turns = app.storage.conversations.turns(app.conversation.current_id)
    assert len(all_turns) == 4  # nothing was thrown away
    await quit_app(window, task)


async def test_expired_previous_id_rebuilds_the_context_locally(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    await turn(
        window,
        fake_server,
        "My name is Ann",
        scenarios.thoughts_and_text("v1_x1", chunks=["Hello Ann"], signature="SIG1"),
    )
    await turn(window, fake_server, "I like tea", scenarios.plain_text("v1_x2", ["Noted"]))
    fake_server.expire("v1_x2")
    fake_server.push(Stream(scenarios.plain_text("v1_x3", ["Your name is Ann"])))
    await send(window, "What is my name?")
    await until(lambda: "Your name is Ann" in window.conversation_tab.transcript.plain_text(), message="answered")
    await until(window.conversation_tab.send_button.isEnabled)
    rejected, retried = (r.json for r in fake_server.interaction_requests()[-2:])
    assert rejected["previous_interaction_id"] == "v1_x2"
    assert "previous_interaction_id" not in retried
    steps = retried["input"]
    assert [s["type"] for s in steps] == [
        "user_input",
        "thought",
        "model_output",
        "user_input",
        "model_output",
        "user_input",
    ]
    assert steps[0]["content"][0]["text"] == "My name is Ann"
    assert steps[1]["signature"] == "SIG1"  # the model's own steps are replayed verbatim
    assert steps[-1]["content"][0]["text"] == "What is my name?"
    note = widgets(window)[-1].note_label
    assert note.isVisible() and "rebuilt" in note.text()
    assert window.conversation_tab.status_label.text() == ""  # quiet: no error
    await quit_app(window, task)


async def test_dont_keep_on_server_sends_the_whole_history(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    window.conversation_tab.settings_bar.no_store_check.setChecked(True)
    await turn(window, fake_server, "alpha", scenarios.plain_text("v1_n1", ["A"]))
    await turn(window, fake_server, "beta", scenarios.plain_text("v1_n2", ["B"]))
    first, second = (r.json for r in fake_server.interaction_requests()[-2:])
    for body in (first, second):
        assert body["store"] is False and "previous_interaction_id" not in body
    assert [s["type"] for s in second["input"]] == ["user_input", "model_output", "user_input"]
    assert second["input"][1]["content"][0]["text"] == "A"
    await quit_app(window, task)


async def test_failed_turn_offers_retry_that_resends(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    fake_server.push(ErrorReply(503, "unavailable", "Overloaded"))
    await send(window, "please work")
    await until(tab.status_label.text, message="error")
    w = widgets(window)[-1]
    assert w.retry_button.isVisible() and w.status_label.isVisible()
    assert tab.composer.toPlainText() == "please work"  # never lost
    fake_server.push(Stream(scenarios.plain_text("v1_r", ["worked"])))
    w.retry_button.click()
    await until(lambda: "worked" in tab.transcript.plain_text(), message="retried")
    await until(tab.send_button.isEnabled)
    assert fake_server.interaction_requests()[-1].json["input"] == "please work"
    assert not widgets(window)[-1].retry_button.isVisible()
    assert len(app.storage.conversations.turns(app.conversation.current_id)) == 1
    await quit_app(window, task)


async def test_model_picker_is_filled_from_the_api_and_used(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    combo = window.conversation_tab.settings_bar.model_combo
    # The SDK, and with it the models list, is loaded at the first keystroke (not at start).
    window.conversation_tab.composer.setPlainText("h")
    await until(lambda: combo.findData("gemini-3.1-pro-preview") >= 0, message="models listed")
    assert combo.currentData() == "gemini-3-flash-preview"
    assert combo.findData("text-embedding-004") < 0  # cannot chat
    combo.setCurrentIndex(combo.findData("gemini-3.1-pro-preview"))
    await turn(window, fake_server, "hi", scenarios.plain_text("v1_m", ["hey"]))
    assert fake_server.interaction_requests()[-1].json["model"] == "gemini-3.1-pro-preview"
    assert "gemini-3.1-pro-preview" in widgets(window)[-1].answer_header.text()
    assert "gemini-3.1-pro-preview" in window.model_label.text()
    await quit_app(window, task)


async def test_empty_prompt_is_not_sent_and_a_huge_one_is(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    await send(window, "   \n  ")
    await asyncio.sleep(0.2)
    assert fake_server.interaction_requests() == []
    big = ("emoji 😀 and RTL שלום " * 40_000)[:1_000_000]
    window.conversation_tab.composer.setPlainText(big)
    fake_server.push(Stream(scenarios.plain_text("v1_big", ["got it"])))
    window.conversation_tab.send_button.click()
    await until(lambda: "got it" in window.conversation_tab.transcript.plain_text(), timeout=20, message="answered")
    assert fake_server.interaction_requests()[-1].json["input"] == big
    await quit_app(window, task)
