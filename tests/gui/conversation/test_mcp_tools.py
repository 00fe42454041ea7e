"""The tools of local MCP servers in the menu bar and the Tools control: a submenu / a box per server
titled with its name, a checkable entry per tool, "List tools" for a server whose tools are not known
yet. The servers are the real test server of tests/mcp_server, started over stdio by the app."""

from __future__ import annotations

import sys
import threading

from PySide6.QtWidgets import QCheckBox, QPushButton

from desktop.services.mcp import KnownTool, McpServerConfig, McpServerStore, McpToolCache, cache_path
from tests.fake_api import scenarios
from tests.gui.conftest import until
from tests.gui.harness import menu_action, quit_app, start, turn
from tests.mcp_server import TOOLS_SERVER as SERVER

REAL_TOOLS = ["echo", "sleep", "fail", "crash", "image", "huge", "env"]


def entries(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


async def test_each_local_server_is_a_submenu_and_a_box_of_its_tools(qtbot, fake_server, app_paths, memory_keyring):
    store = McpServerStore(app_paths.config / "mcp_servers.json", None)
    known = McpServerConfig.new("Known tools", "stdio", command=sys.executable, args=[str(SERVER)])
    unknown = McpServerConfig.new("New tools", "stdio", command=sys.executable, args=[str(SERVER)])
    broken = McpServerConfig.new("Broken", "stdio", command="/nonexistent/mcp-server")
    store.save([known, unknown, broken])
    # Listed in an earlier session (the real server has more tools by now).
    McpToolCache(cache_path(store.path)).save(
        {known.id: [KnownTool("echo", "Echo the text back."), KnownTool("sleep", "Sleep.")]}
    )
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    bar = tab.settings_bar
    menu = window.conversation_menu
    k, n = known.option_id, unknown.option_id
    assert not app.mcp.running(known.id)  # offered from what was remembered, nothing started

    # Conversation → Tools → <server>: its tools, checkable, named as the tools are.
    sub = menu_action(window, "Conversation", "Tools", "Known tools").menu()
    assert sub.objectName() == f"mcpServerMenu_{k}" and sub.accessibleName() == "Known tools"
    assert entries(sub) == ["All tools", "echo", "sleep", "List tools"]
    assert entries(menu_action(window, "Conversation", "Tools", "New tools").menu()) == ["All tools", "List tools"]
    # The Tools control: a box per server titled with its name, a checkbox per tool.
    box = bar.panel.server_groups[k]
    assert box.title() == "Known tools" and box.accessibleName() == "Known tools"
    assert [c.accessibleName() for c in box.checks()] == ["All tools", "echo", "sleep"]
    assert box.list_button.isHidden() and not bar.panel.server_groups[n].list_button.isHidden()
    _all_named(bar, menu)

    # Switching a tool on in the menu switches it on in the conversation and the Tools control.
    echo = menu.tool_actions[f"{k}/echo"]
    assert echo.objectName() == f"toolAction_{k}/echo" and echo.isCheckable()
    echo.trigger()
    assert bar.tool_checks[f"{k}/echo"].isChecked()
    assert app.conversation.state.conversation.settings.tools == [f"{k}/echo"]
    assert "Tools: Known tools: echo" in bar.summary_label.text()
    # "All tools" covers them all: the single tools wait, greyed, keeping their own state.
    menu.tool_actions[k].trigger()
    assert not echo.isEnabled() and not bar.tool_checks[f"{k}/echo"].isEnabled()
    assert "Tools: Known tools" in bar.summary_label.text()
    bar.tool_checks[k].click()
    assert echo.isEnabled() and echo.isChecked()

    # A turn declares only the chosen tool; its first use lists the server, and the new tools appear.
    await turn(window, fake_server, "hello", scenarios.plain_text("v1_k1", ["hi"]))
    declared = [t["name"] for t in fake_server.interaction_requests()[-1].json["tools"]]
    assert declared == ["Known_tools__echo"]
    await until(lambda: f"{k}/env" in menu.tool_actions, timeout=20, message="listing refreshed the menu")
    assert entries(sub) == ["All tools", *REAL_TOOLS, "List tools"]
    assert [c.accessibleName() for c in box.checks()] == ["All tools", *REAL_TOOLS]
    assert bar.tool_checks[f"{k}/echo"].isChecked() and not bar.tool_checks[f"{k}/env"].isChecked()

    await _list_tools_on_demand(tab, menu, unknown.option_id, broken.option_id)
    # Renamed and removed in Settings → MCP servers: the submenus and boxes follow.
    known.name = "Notes"
    app.mcp_controller.on_save([known, unknown], {})
    await until(lambda: broken.option_id not in menu.server_menus, message="removed server's submenu gone")
    assert broken.option_id not in bar.panel.server_groups and f"{k}/echo" in menu.tool_actions
    assert menu.server_menus[k].title() == "Notes" and bar.panel.server_groups[k].title() == "Notes"

    manager = app.mcp
    await quit_app(window, task)
    await until(lambda: not manager.running(known.id) and not manager.running(unknown.id), timeout=5)
    await until(
        lambda: not any(t.name.startswith("mcp-") for t in threading.enumerate()), timeout=10, message="MCP threads"
    )


def _all_named(bar, menu) -> None:
    """Every control is named, for tests and screen readers."""
    for group in bar.panel.server_groups.values():
        controls = [*group.findChildren(QCheckBox), *group.findChildren(QPushButton)]
        assert len(controls) >= 2 and all(w.objectName() and w.accessibleName() for w in controls)
    for server_menu in menu.server_menus.values():
        assert all(a.objectName() for a in server_menu.actions() if not a.isSeparator())


async def _list_tools_on_demand(tab, menu, unknown: str, broken: str) -> None:
    bar = tab.settings_bar
    # "List tools" fills a server whose tools were not known.
    bar.panel.server_groups[unknown].list_button.click()
    await until(lambda: f"{unknown}/echo" in bar.tool_checks, timeout=20, message="listed")
    assert entries(menu.server_menus[unknown]) == ["All tools", *REAL_TOOLS, "List tools"]
    assert bar.panel.server_groups[unknown].list_button.isHidden()
    # A server that cannot start says so, under the server and under the composer.
    menu.list_tools_actions[broken].trigger()
    status = bar.panel.server_groups[broken].status_label
    await until(lambda: "could not be listed" in status.text(), timeout=20, message="listing failed")
    assert "Broken" in status.text() and not status.isHidden()
    assert "could not be listed" in tab.status_label.text()
    assert bar.panel.server_groups[broken].list_button.isEnabled()
