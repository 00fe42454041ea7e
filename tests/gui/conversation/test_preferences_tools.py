"""The tool preferences take effect at once in the running app: a folder added in Preferences is
readable by the next Read file call, and a tool added to "Tools always allowed" runs without a card."""

from __future__ import annotations

import asyncio
import json
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton

from desktop.services.mcp import McpServerConfig, McpServerStore
from desktop.ui.dialogs.preferences import FolderListEditor, PreferencesDialog
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start, widgets
from tests.mcp_server import TOOLS_SERVER as SERVER


async def test_a_folder_and_a_tool_added_in_preferences_take_effect_at_once(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path, monkeypatch
):
    monkeypatch.setattr(FolderListEditor, "native_dialog", False)  # Qt's picker, which a test can drive
    docs = tmp_path / "docs"
    docs.mkdir()
    notes = docs / "notes.txt"
    notes.write_text("Buy oat milk.", encoding="utf-8")
    call = json.dumps({"path": str(notes)})

    window, _app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    tab.settings_bar.panel.tool_checks["local.read_file"].setChecked(True)

    # Before: the folder is not allowed, and the call needs the user's approval.
    fake_server.push(
        Stream(scenarios.function_call("v1_p1", "call_1", "read_file", [call])),
        Stream(scenarios.plain_text("v1_p2", ["I may not read it."])),
    )
    await send(window, "what is in my notes?")
    await until(lambda: widgets(window) and widgets(window)[-1].calls_view.cards, message="approval card")
    card = widgets(window)[-1].calls_view.cards["call_1"]
    next(b for b in card.findChildren(QPushButton) if b.accessibleName() == "Allow once").click()
    await until(lambda: "I may not read it." in tab.transcript.plain_text(), message="first answer")
    await until(tab.send_button.isEnabled, message="first turn settled")
    first = fake_server.interaction_requests()[-1].json["input"][0]
    assert first["is_error"] is True and "not inside a folder allowed" in first["result"]

    # Preferences: add the folder with the picker and Read file to the tools always allowed; OK.
    window.preferences_requested.emit()
    dialog = await until(lambda: window.findChild(PreferencesDialog), message="preferences open")
    folders = dialog.editors["tools_allowed_folders"]
    folders.add_button.click()
    picker = await until(lambda: folders.folder_dialog, message="folder picker")
    name = picker.findChild(QLineEdit, "fileNameEdit")
    name.setText(str(docs))
    QTest.keyClick(name, Qt.Key.Key_Return)
    await until(lambda: folders.value() == [str(docs)], message="folder added")
    tools = dialog.editors["tools_always_allowed"]
    tools.add_button.click()
    chooser = await until(lambda: tools.tool_dialog, message="tool chooser")
    chooser.combo.setCurrentIndex(chooser.combo.findData("read_file"))
    chooser.accept()
    assert tools.value() == ["read_file"]
    dialog.accept()
    await asyncio.sleep(0)  # never processEvents() inside a task: it can lose another task's wake-up

    # After: the next call runs without asking (nothing is clicked) and reads the file.
    fake_server.push(
        Stream(scenarios.function_call("v1_p3", "call_2", "read_file", [call])),
        Stream(scenarios.plain_text("v1_p4", ["Your notes say: buy oat milk."])),
    )
    await send(window, "and now?")
    await until(lambda: "buy oat milk." in tab.transcript.plain_text(), timeout=15, message="second answer")
    result = fake_server.interaction_requests()[-1].json["input"][0]
    assert result["call_id"] == "call_2" and result["result"] == "Buy oat milk." and not result.get("is_error")
    await until(tab.send_button.isEnabled, message="second turn settled")
    await quit_app(window, task)


async def test_add_tool_offers_the_tools_mcp_servers_listed_and_starts_none(
    qtbot, fake_server, app_paths, memory_keyring
):
    config = McpServerConfig.new("Test tools", command=sys.executable, args=[str(SERVER)])
    McpServerStore(app_paths.config / "mcp_servers.json", None).save([config])
    window, app, task = await start(qtbot, fake_server, app_paths)
    local = ["current_time", "read_file", "list_folder", "open_link", "read_clipboard"]

    # Never listed: only the local tools (opening Preferences never starts a server).
    assert await _offered(window) == local
    assert not app.mcp.running(config.id)
    server = app.mcp.server(config.id)
    listed = await asyncio.to_thread(app.mcp.list_functions, server)  # as a conversation's first use does
    names = await _offered(window)
    assert names[:5] == local
    assert names[5:] == [f.name for f in listed] and "Test_tools__echo" in names
    await quit_app(window, task)

    # After a restart the listing is remembered: offered without starting the server.
    window, app, task = await start(qtbot, fake_server, app_paths)
    assert await _offered(window) == names
    assert not app.mcp.running(config.id)
    await quit_app(window, task)


async def _offered(window) -> list[str]:
    """Open Preferences and Add tool…: the function names offered (then cancel both)."""
    window.preferences_requested.emit()
    dialog = next(d for d in window.findChildren(PreferencesDialog) if d.isVisible())
    tools = dialog.editors["tools_always_allowed"]
    tools.add_button.click()
    chooser = tools.tool_dialog
    names = [chooser.combo.itemData(i) for i in range(chooser.combo.count())]
    chooser.reject()
    dialog.reject()
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.deleteLater()
    await until(lambda: gone, message="preferences deleted")
    return names
