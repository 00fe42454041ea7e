"""The first run on a slow, dead or missing network, and keys that cannot work: what the user is told."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.settings import Settings
from desktop.ui.dialogs.api_key import ApiKeyDialog
from desktop.ui.dialogs.preferences import PreferencesDialog
from tests.fake_api import ErrorReply, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import KEY, boot, send, widgets


class SilentServer:
    """Accepts TCP connections on loopback and never answers (a dead proxy, a black-holed API)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    @property
    def connections(self) -> int:
        return len(self._held)

    def _accept(self) -> None:
        self._listener.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self._held.append(conn)  # read nothing, answer nothing

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for conn in self._held:
            conn.close()
        self._listener.close()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


@dataclass
class _Endpoint:
    base_url: str


async def test_the_key_check_gives_up_after_about_ten_seconds_and_offers_save_without_checking(
    qtbot, silent_server, app_paths, memory_keyring
):
    window, _app, task = await boot(qtbot, silent_server, app_paths, {})
    dialog = await until(lambda: window.findChild(ApiKeyDialog), message="key dialog")
    await until(dialog.isVisible)
    QTest.keyClicks(dialog.key_edit, KEY)
    started = time.monotonic()
    dialog.buttons.accepted.emit()
    # While checking: the endpoint being contacted, and the time spent so far.
    await until(dialog.endpoint_label.isVisible, message="endpoint shown")
    assert silent_server.base_url in dialog.endpoint_label.text()
    await until(lambda: "… 2 s" in dialog.endpoint_label.text(), message="elapsed time counts", timeout=5)
    await until(dialog.unchecked_button.isVisible, timeout=25, message="gave up")
    elapsed = time.monotonic() - started
    # One attempt with a ~10 s bound, not the request timeout with its retries (minutes).
    assert 8 <= elapsed <= 20, elapsed
    assert silent_server.connections == 1
    assert silent_server.base_url in dialog.error_label.text()
    assert "without checking" in dialog.error_label.text()
    assert memory_keyring.store == {}

    dialog.unchecked_button.click()
    await until(lambda: not dialog.isVisible(), message="dialog closed")
    assert memory_keyring.store[("gemini-desktop", "api-key")] == KEY  # checked on first use
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_a_key_with_characters_no_header_can_carry_is_refused_where_typed(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {})
    dialog = await until(lambda: window.findChild(ApiKeyDialog), message="key dialog")
    await until(dialog.isVisible)
    for bad, words in (
        ('"AIzaQuoted000000000000000000000000000"', "quotation mark"),
        ("AIza Inner Space00000000000000000000000", "a space (character 5)"),
        ("AIzaAccentué000000000000000000000000000", "“é” (character 12)"),
    ):
        dialog.key_edit.setText(bad)
        dialog.buttons.accepted.emit()
        await until(lambda words=words: words in dialog.error_label.text(), message=words)
        assert "UnicodeEncodeError" not in dialog.error_label.text()
    assert fake_server.requests_for("models.list") == []  # refused before anything was sent
    assert memory_keyring.store == {}
    dialog.reject()
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_a_bad_key_in_the_environment_is_explained_and_sending_disabled(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, _app, task = await boot(
        qtbot, fake_server, app_paths, {"GEMINI_API_KEY": "AIzaCafé0000000000000000000000000000000"}
    )
    box = await until(lambda: window.findChild(QMessageBox, "warningBox"), message="explained")
    assert "GEMINI_API_KEY" in box.text() and "“é”" in box.text() and "UnicodeEncodeError" not in box.text()
    assert window.connection_label.text() == "API key not usable"
    send_button = window.conversation_tab.send_button
    assert not send_button.isEnabled() and "GEMINI_API_KEY" in send_button.toolTip()
    await send(window, "hello?")  # Enter says the same, and keeps the prompt
    assert "GEMINI_API_KEY" in window.conversation_tab.status_label.text()
    assert window.conversation_tab.composer.toPlainText() == "hello?"
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_a_rejected_environment_key_points_at_the_variable_and_the_status_bar_follows(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, _app, task = await boot(qtbot, fake_server, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready", message="ready")
    fake_server.push(ErrorReply(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."))
    await send(window, "hello")
    await until(lambda: window.connection_label.text() == "API key rejected", message="rejected")
    error = widgets(window)[-1].status_label.text()
    assert "GEMINI_API_KEY" in error and "Settings → API key" not in error
    assert not window.key_action.isEnabled()
    # Shown once: on the turn, not again in the tab's status line.
    assert "rejected" not in window.conversation_tab.status_label.text()

    fake_server.push(Stream(scenarios.plain_text("v1_ok_again", ["fine now"])))
    await until(window.conversation_tab.send_button.isEnabled)
    await send(window, "again")
    await until(lambda: window.connection_label.text() == "Ready", message="ready again")
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


async def test_no_connection_names_the_endpoint_and_the_status_bar_says_so(qtbot, app_paths, memory_keyring):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = _Endpoint(f"http://127.0.0.1:{probe.getsockname()[1]}")  # nothing listens there
    window, _app, task = await boot(qtbot, dead, app_paths, {"GEMINI_API_KEY": KEY})
    await until(lambda: window.connection_label.text() == "Ready", message="client ready")
    await send(window, "anyone?")
    await until(lambda: window.connection_label.text() == "No connection", message="no connection", timeout=15)
    assert dead.base_url in window.connection_label.toolTip()
    error = widgets(window)[-1].status_label.text()
    assert dead.base_url in error
    assert window.conversation_tab.composer.toPlainText() == "anyone?"
    # Said once, on the turn: not again under the transcript nor in the status bar's message area.
    await asyncio.sleep(0.3)
    assert "reach" not in window.conversation_tab.status_label.text()
    assert "reach" not in window.statusBar().currentMessage()
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


def test_an_endpoint_from_the_environment_is_shown_read_only_with_its_source(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json", environ={"GOOGLE_GEMINI_BASE_URL": "http://proxy.example:8080"})
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    editor = dialog.locked_editors["base_url"]
    assert editor.text() == "http://proxy.example:8080" and editor.isReadOnly()
    source = dialog.findChild(QLabel, "pref_base_url_source")
    assert "GOOGLE_GEMINI_BASE_URL" in source.text()
    dialog.accept()
    assert settings.get("base_url") == ""  # the environment's value is not copied into the preferences
