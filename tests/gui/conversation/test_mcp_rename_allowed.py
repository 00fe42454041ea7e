"""Saving the MCP servers keeps the tools always allowed (everywhere, and in each conversation) true
to them: a renamed server's
tools follow it, a removed server's tools leave the list (a new server under the old name must not
inherit them), and local tools stay."""

from __future__ import annotations

import dataclasses
import sys

from desktop.domain.conversation import ConversationSettings
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
    # Two conversations that said "Always allow": one shown, one only stored.
    repo = app.storage.conversations
    shown = repo.create("shown", ConversationSettings(always_allowed_tools=["Files__read", "Notes__search"]))
    stored = repo.create("stored", ConversationSettings(always_allowed_tools=["Files__read", "current_time"]))
    tab = window.conversation_tab
    tab.open_requested.emit(shown.id)
    await until(lambda: app.conversation.current_id == shown.id, message="conversation shown")

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
    await until(
        lambda: repo.get(shown.id).settings.always_allowed_tools == ["My_notes__search"], message="shown one stored"
    )
    assert app.conversation.state.conversation.settings.always_allowed_tools == ["My_notes__search"]
    assert tab.settings_bar.settings().always_allowed_tools == ["My_notes__search"]
    await until(
        lambda: repo.get(stored.id).settings.always_allowed_tools == ["current_time"], message="other one stored"
    )
    await quit_app(window, task)
