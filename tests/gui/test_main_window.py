"""The whole window against the fake server: start, key, send, stream, stop, quit."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.controllers.session import service_config_factory
from desktop.errors import NO_KEY_MESSAGE
from desktop.keystore import KeyStore
from desktop.settings import Settings
from desktop.ui.dialogs.api_key import ApiKeyDialog
from tests.fake_api import ErrorReply, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import KEY, boot, send


async def test_window_streams_an_answer_and_quits_cleanly(qtbot, fake_server, app_paths, memory_keyring):
    environ = {"GEMINI_API_KEY": KEY}
    window, app, task = await boot(qtbot, fake_server, app_paths, environ)
    assert window.windowTitle() == "Gemini Desktop"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Conversation", "Research"]
    await until(lambda: window.connection_label.text() == "Ready", message="ready")
    assert not window.key_action.isEnabled()  # an environment key cannot be replaced here
    assert window.conversation_tab.composer.hasFocus()

    fake_server.push(Stream(scenarios.plain_text("v1_win", ["Hello", " from", " the fake"])))
    await send(window, "Say hello")
    transcript = window.conversation_tab.transcript
    await until(lambda: "Hello from the fake" in transcript.plain_text(), message="answer shown")
    assert "Say hello" in transcript.plain_text()
    assert window.conversation_tab.composer.toPlainText() == ""
    body = fake_server.interaction_requests()[-1].json
    assert body["input"] == "Say hello" and body["model"] == "gemini-3-flash-preview" and body["stream"] is True
    await until(window.conversation_tab.send_button.isEnabled, message="idle")

    # The next turn chains on the server.
    fake_server.push(Stream(scenarios.plain_text("v1_win2", ["Again"])))
    await send(window, "Once more")
    await until(lambda: "Again" in transcript.plain_text())
    assert fake_server.interaction_requests()[-1].json["previous_interaction_id"] == "v1_win"

    window.close()
    assert await asyncio.wait_for(task, 5) == 0
    assert app.runner.running == 0
    assert (app_paths.config / "ui-state.json").exists()


async def test_stop_keeps_the_partial_answer(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready")
    fake_server.push(Stream(scenarios.many_deltas("v1_slow", 300, text="tick "), frame_delay=0.02))
    await send(window, "count")
    tab = window.conversation_tab
    await until(lambda: "tick" in tab.transcript.plain_text())
    assert tab.stop_button.isEnabled()
    QTest.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    await until(tab.send_button.isEnabled, message="stopped")
    await until(lambda: "Stopped" in tab.transcript.visible_widgets()[-1].status_label.text(), message="marked stopped")
    shown = tab.transcript.plain_text()
    assert "tick" in shown and shown.count("tick") < 300
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_quit_during_a_stalled_stream_is_prompt(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready")
    fake_server.push(Stream(scenarios.plain_text("v1_stall", ["a", "b"]), stall_after=3, stall_seconds=30))
    await send(window, "hang")
    await until(lambda: not window.conversation_tab.send_button.isEnabled())
    window.close()
    # Without cancellation this would wait for the 30 s stall (and the 5 s client timeout).
    assert await asyncio.wait_for(task, 4) == 0


async def test_failed_send_gives_the_prompt_back(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready")
    fake_server.push(ErrorReply(429, "too_many_requests", "Slow down", headers={"Retry-After": "12"}))
    await send(window, "my carefully typed prompt")
    tab = window.conversation_tab
    await until(tab.status_label.text, message="error shown")
    # The error is shown once, on the failed turn; the status line only says where the prompt went.
    shown = tab.transcript.widget_for(tab.transcript.turns()[-1].id).status_label.text()
    assert "12 seconds" in shown and "Error code" not in shown
    assert "12 seconds" not in tab.status_label.text()
    assert tab.status_label.text() == "The prompt is back in the composer."
    assert tab.composer.toPlainText() == "my carefully typed prompt"
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_first_launch_asks_for_a_key_checks_it_and_never_writes_it(qtbot, fake_server, app_paths, memory_keyring):
    environ = {"GEMINI_DESKTOP_LOG_LEVEL": "DEBUG"}
    window, _app, task = await boot(qtbot, fake_server, app_paths, environ)
    dialog = await until(lambda: window.findChild(ApiKeyDialog), message="key dialog")
    await until(dialog.isVisible)
    assert dialog.key_edit.echoMode() == dialog.key_edit.EchoMode.Password

    # A rejected key: the dialog says so plainly and stays open.
    fake_server.push_models_error(
        ErrorReply(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")
    )
    QTest.keyClicks(dialog.key_edit, "AIzaWrongKey000000000000000000000000000")
    dialog.buttons.accepted.emit()
    await until(lambda: "rejected" in dialog.error_label.text(), message="rejection shown")
    assert dialog.isVisible()
    assert memory_keyring.store == {}

    dialog.key_edit.clear()
    QTest.keyClicks(dialog.key_edit, KEY)
    dialog.buttons.accepted.emit()
    await until(lambda: window.connection_label.text() == "Ready", message="ready")
    assert not dialog.isVisible()
    assert memory_keyring.store[("gemini-desktop", "api-key")] == KEY
    checks = fake_server.requests_for("models.list")
    assert checks[-1].headers["x-goog-api-key"] == KEY

    # A whole session: a turn, a failed turn, quit.
    fake_server.push(Stream(scenarios.plain_text("v1_k", ["fine"])))
    await send(window, "hello")
    await until(lambda: "fine" in window.conversation_tab.transcript.plain_text())
    await until(window.conversation_tab.send_button.isEnabled)
    fake_server.push(ErrorReply(401, "unauthenticated", f"API key {KEY} expired"))
    await send(window, "again")
    await until(window.conversation_tab.status_label.text)
    assert KEY not in window.conversation_tab.status_label.text()
    window.close()
    assert await asyncio.wait_for(task, 5) == 0

    written = [p for p in app_paths.config.parent.rglob("*") if p.is_file()]
    assert any(p.name == "gemini-desktop.log" for p in written)
    assert (app_paths.logs / "gemini-desktop.log").read_text().strip()
    for path in written:
        assert KEY.encode() not in path.read_bytes(), f"the key leaked into {path}"


async def test_forget_key_stops_using_it(qtbot, fake_server, app_paths, memory_keyring):
    memory_keyring.set_password("gemini-desktop", "api-key", KEY)
    window, _app, task = await boot(qtbot, fake_server, app_paths, {})
    await until(lambda: window.connection_label.text() == "Ready")
    assert window.forget_key_action.isEnabled()
    window.forget_key_action.trigger()
    await until(lambda: "No API key" in window.connection_label.text(), message="forgotten")
    assert memory_keyring.store == {}
    await send(window, "anyone there?")
    await until(window.conversation_tab.status_label.text)
    assert window.conversation_tab.composer.toPlainText() == "anyone there?"
    assert NO_KEY_MESSAGE in window.conversation_tab.status_label.text()
    # Refused before a turn began; Send stays disabled while there is no key, and says why.
    send_button = window.conversation_tab.send_button
    assert not send_button.isEnabled() and "API key" in send_button.toolTip()
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_no_usable_keyring_is_said_up_front_and_a_key_works_for_the_session(qtbot, fake_server, app_paths):
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        window, app, task = await boot(qtbot, fake_server, app_paths, {}, keystore=KeyStore(environ={}))
        dialog = await until(lambda: window.findChild(ApiKeyDialog), message="key dialog")
        await until(dialog.isVisible)
        # Said before anything is typed: the key cannot be stored, what to install, and the alternative.
        assert dialog.keyring_label.isVisible()
        text = dialog.keyring_label.text()
        assert "cannot be stored" in text and "gnome-keyring" in text and "GEMINI_API_KEY" in text
        assert "kept in your system keyring" not in dialog.intro.text()
        assert dialog.buttons.button(dialog.buttons.StandardButton.Save).text() == "Use for this session"
        # Not "Starting…" while the dialog waits; Send is disabled and says why.
        assert "No API key" in window.connection_label.text()
        send_button = window.conversation_tab.send_button
        assert not send_button.isEnabled() and "API key" in send_button.toolTip()

        QTest.keyClicks(dialog.key_edit, KEY)
        dialog.buttons.accepted.emit()
        await until(lambda: window.connection_label.text() == "Ready", message="ready")
        assert app.session.key_source.value == "session"
        assert send_button.isEnabled() and send_button.toolTip() == ""
        window.close()
        assert await asyncio.wait_for(task, 5) == 0
    finally:
        keyring.set_keyring(previous)


def test_config_factory_uses_settings(tmp_path):
    settings = Settings(tmp_path / "settings.json", environ={})
    settings.set("base_url", "http://proxy.local")
    settings.set("request_timeout_s", 30.0)
    settings.set("retry_attempts", 2)
    make = service_config_factory(settings)
    config = make("k")
    assert config.base_url == "http://proxy.local" and config.timeout_s == 30.0 and config.retry.attempts == 2
    settings.set("retry_attempts", 5)
    assert make("k").retry.attempts == 5  # read at each call, so a changed preference is used at once


async def test_a_corrupt_database_is_moved_aside_with_a_message(qtbot, fake_server, app_paths, memory_keyring):
    from PySide6.QtWidgets import QMessageBox

    app_paths.data.mkdir(parents=True)
    app_paths.database.write_bytes(b"this is not a database" * 100)
    window, app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    box = await until(lambda: window.findChild(QMessageBox, "warningBox"), message="warning shown")
    assert "damaged" in box.text() and "kept as" in box.text()
    moved = [p for p in app_paths.data.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == b"this is not a database" * 100
    assert app.storage.conversations.list() == []  # a fresh database is in use
    window.close()
    assert await asyncio.wait_for(task, 5) == 0
