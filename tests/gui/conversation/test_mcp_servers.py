"""Settings → MCP servers in the app: add a real stdio server (the test server of tests/mcp_server)
and a remote one, test, save (secret in the keyring, not the file), switch it on in a conversation,
approve a call to it, and every server process stops when the app quits."""

from __future__ import annotations

import sys
import threading

from PySide6.QtWidgets import QPushButton

from desktop.domain.conversation import TurnStatus
from desktop.ui.dialogs.mcp_servers import KEPT
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, save_screenshot, send, start, widgets
from tests.mcp_server import TOOLS_SERVER as SERVER


def _fill_pair(table, key: str, value: str, secret: bool) -> None:
    table.add_row(key, value, secret)


async def test_mcp_servers_dialog_and_an_mcp_call_in_a_conversation(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    await _add_two_servers(window, app, app_paths, memory_keyring)
    await _use_them(window, app, fake_server)
    server_id = next(s.id for s in app.mcp.servers if s.transport == "stdio")
    assert app.mcp.running(server_id)
    manager = app.mcp
    await quit_app(window, task)
    await until(lambda: not manager.running(server_id), timeout=5, message="server stopped at quit")
    # The MCP loop and its stopper are gone too: nothing of the app calls into the test's loop any more.
    await until(
        lambda: not any(t.name.startswith("mcp-") for t in threading.enumerate()), timeout=10, message="MCP threads"
    )


async def _add_two_servers(window, app, app_paths, memory_keyring) -> None:
    window.mcp_action.trigger()
    dialog = app.mcp_dialog
    await until(dialog.isVisible, message="dialog shown")
    dialog.add_button.click()
    dialog.name_edit.setText("Test tools")
    dialog.command_edit.setText(sys.executable)
    dialog.args_edit.setText(str(SERVER))
    _fill_pair(dialog.env_table, "MCP_TEST_TOKEN", "s3cret-value", True)
    _fill_pair(dialog.env_table, "MCP_TEST_PLAIN", "plain", False)
    dialog.test_button.click()
    await until(lambda: "works" in dialog.status_label.text(), timeout=20, message="test passed")
    assert "echo" in dialog.status_label.text() and "image" in dialog.status_label.text()
    dialog.add_button.click()
    dialog.name_edit.setText("deepwiki")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("remote"))
    dialog.url_edit.setText("https://mcp.deepwiki.com/mcp")
    _fill_pair(dialog.headers_table, "Authorization", "Bearer hdr-secret", True)
    assert not dialog.command_edit.isVisible() and dialog.url_edit.isVisible()
    dialog.save_button.click()
    await until(lambda: len(app.mcp.servers) == 2, message="saved")
    dialog.list.setCurrentRow(0)
    save_screenshot(dialog, "function-calling-mcp-servers-dialog")
    stored = (app_paths.config / "mcp_servers.json").read_text()
    assert "s3cret-value" not in stored and "hdr-secret" not in stored and "MCP_TEST_TOKEN" in stored
    assert "s3cret-value" in memory_keyring.store.values()  # kept in the keyring
    # A stored secret is never shown again.
    dialog.list.setCurrentRow(0)
    values = [dialog.env_table.item(r, 1).text() for r in range(dialog.env_table.rowCount())]
    assert KEPT in values and "s3cret-value" not in values
    dialog.close()


async def _use_them(window, app, fake_server) -> None:

    # Both servers are offered in the Tools control and in Conversation → Tools.
    bar = window.conversation_tab.settings_bar
    local_id = next(s.option_id for s in app.mcp.servers if s.transport == "stdio")
    remote_id = next(s.option_id for s in app.mcp.servers if s.transport == "remote")
    # A local server is a box titled with its name: "All tools" (the server's own option) and,
    # since the dialog's Test listed them, one checkbox per tool.
    assert bar.tool_checks[local_id].accessibleName() == "All tools"
    assert bar.panel.server_groups[local_id].title() == "Test tools"
    assert bar.tool_checks[f"{local_id}/echo"].accessibleName() == "echo"
    assert "runs on Google's side" in bar.tool_checks[remote_id].toolTip()
    assert local_id in window.conversation_menu.tool_actions
    bar.tool_checks[local_id].setChecked(True)
    bar.tool_checks[remote_id].setChecked(True)
    fake_server.push(
        Stream(scenarios.function_call("v1_mc1", "call_e", "Test_tools__env", ["{}"])),
        Stream(scenarios.mcp_server_tool("v1_mc2", server_name="deepwiki", tool="ask_question", answer="Done.")),
    )
    await send(window, "what is in your environment?")
    await until(lambda: widgets(window) and widgets(window)[-1].calls_view.cards, timeout=20, message="card")
    first = fake_server.interaction_requests()[-1].json
    remote = next(t for t in first["tools"] if t["type"] == "mcp_server")
    assert remote == {
        "type": "mcp_server",
        "name": "deepwiki",
        "url": "https://mcp.deepwiki.com/mcp",
        "headers": {"Authorization": "Bearer hdr-secret"},
    }
    card = widgets(window)[-1].calls_view.cards["call_e"]
    assert "Test tools" in card.title.text()
    allow = next(b for b in card.findChildren(QPushButton) if b.accessibleName() == "Allow once")
    allow.click()
    await until(lambda: "Done." in window.conversation_tab.transcript.plain_text(), timeout=20, message="answer")
    await until(window.conversation_tab.send_button.isEnabled, message="turn settled")
    await until(
        lambda: app.storage.conversations.turns(app.conversation.current_id)[-1].status is TurnStatus.COMPLETED,
        message="turn saved as completed",
    )
    result = fake_server.interaction_requests()[-1].json["input"][0]
    assert "'MCP_TEST_TOKEN': 's3cret-value'" in result["result"] and "GEMINI_API_KEY" not in result["result"]
    stored_turn = app.storage.conversations.turns(app.conversation.current_id)[-1]
    assert stored_turn.status is TurnStatus.COMPLETED
    assert any(s.get("server_name") == "deepwiki" for s in stored_turn.steps)
