"""Saving the MCP servers keeps "Tools always allowed everywhere" true to them: a renamed server's
tools follow it, a removed server's tools leave the list (a new server under the old name must not
inherit them), and local tools stay."""

from __future__ import annotations

import dataclasses
import sys

from desktop.services.mcp import McpServerConfig
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start


async def test_always_allowed_tools_follow_renamed_servers_and_leave_with_removed_ones(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    notes = McpServerConfig.new("Notes", command=sys.executable)
    files = McpServerConfig.new("Files", command=sys.executable)
    controller = app.mcp_controller
    controller.on_save([notes, files], {})
    await until(lambda: len(app.mcp.servers) == 2, message="saved")
    app.settings.set("tools_always_allowed", ["current_time", "Notes__search", "Files__read"])

    renamed = dataclasses.replace(notes, name="My notes")
    newcomer = McpServerConfig.new("Files", command=sys.executable)
    controller.on_save([renamed, newcomer], {})
    await until(lambda: {s.name for s in app.mcp.servers} == {"My notes", "Files"}, message="saved again")
    await until(
        lambda: app.settings.get("tools_always_allowed") == ["current_time", "My_notes__search"],
        message="always allowed carried over",
    )
    # Stored, not only in memory.
    assert "My_notes__search" in app_paths.settings_file.read_text(encoding="utf-8")
    await quit_app(window, task)
