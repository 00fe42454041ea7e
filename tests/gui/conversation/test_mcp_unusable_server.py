"""A local MCP server switched on in a conversation that cannot start: the answer goes on without its
tools, and the user is told why under the server in the Tools control and above the composer (it
used to be kept in a log line only, so the model silently had no tools)."""

from __future__ import annotations

from desktop.services.mcp import McpServerConfig, McpServerStore
from tests.fake_api import scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start, turn


async def test_a_server_that_cannot_start_is_reported(qtbot, fake_server, app_paths, memory_keyring):
    store = McpServerStore(app_paths.config / "mcp_servers.json", None)
    broken = McpServerConfig.new("Broken tools", "stdio", command="/nonexistent/mcp-server")
    store.save([broken])
    window, _app, task = await start(qtbot, fake_server, app_paths)
    try:
        tab = window.conversation_tab
        bar = tab.settings_bar
        bar.tool_checks[broken.option_id].click()
        await turn(window, fake_server, "hello", scenarios.plain_text("v1_b1", ["hi"]))
        box = bar.panel.server_groups[broken.option_id]
        await until(box.status_label.text, message="reported under the server")
        said = box.status_label.text()
        assert "Broken tools" in said and "could not start" in said and not box.status_label.isHidden()
        assert tab.status_label.text() == said
        assert "tools" not in (fake_server.interaction_requests()[-1].json or {})  # the answer went on without
    finally:
        await quit_app(window, task)
