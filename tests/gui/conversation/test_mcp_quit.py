"""Quitting with MCP servers running: with a tool call in flight, or with a server slow to end,
the app exits with status 0, closes its database and its Gemini client, and leaves no server
process, thread or task behind."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
import threading

import pytest
from PySide6.QtWidgets import QPushButton

from desktop.services.blocking import run_blocking
from desktop.services.mcp import McpServerConfig, McpServerStore
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import send, start, widgets
from tests.mcp_server import TOOLS_SERVER as SERVER
from tests.mcp_server import server_processes


def _awaiting(coro, name: str) -> bool:
    """Whether ``coro`` is suspended, at any depth, in a coroutine called ``name``."""
    while coro is not None:
        if getattr(coro, "__name__", "") == name:
            return True
        coro = getattr(coro, "cr_await", None)
    return False


def _call_in_flight(manager) -> bool:
    """The MCP loop is awaiting a tool call's answer from the server."""
    worker = manager._loop
    return worker is not None and any(_awaiting(t.get_coro(), "call_tool") for t in asyncio.all_tasks(worker.loop))


async def test_quitting_during_an_mcp_tool_call_exits_cleanly(
    qtbot, fake_server, app_paths, memory_keyring, caplog: pytest.LogCaptureFixture
):
    config = McpServerConfig.new("Test tools", "stdio", command=sys.executable, args=[str(SERVER)])
    McpServerStore(app_paths.config / "mcp_servers.json", None).save([config])
    window, app, task = await start(qtbot, fake_server, app_paths)
    manager = app.mcp
    window.conversation_tab.settings_bar.tool_checks[config.option_id].setChecked(True)
    fake_server.push(Stream(scenarios.function_call("v1_q1", "call_s", "Test_tools__sleep", ['{"seconds": 60}'])))
    await send(window, "sleep a minute")
    await until(lambda: widgets(window) and widgets(window)[-1].calls_view.cards, timeout=20, message="card")
    card = widgets(window)[-1].calls_view.cards["call_s"]
    next(b for b in card.findChildren(QPushButton) if b.accessibleName() == "Allow once").click()
    await until(lambda: _call_in_flight(manager), timeout=20, message="the tool call reached the server")
    (pid,) = server_processes()
    db = app.storage.db

    caplog.set_level(logging.WARNING)
    window.close()
    assert await asyncio.wait_for(task, 5) == 0
    assert "shutdown took longer" not in caplog.text  # every step of the shutdown ran, the last ones too
    # Nothing ran against the closed database (the list's refresh after the cancelled turn used to).
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    with pytest.raises(sqlite3.ProgrammingError):  # the database was closed
        db._conn.execute("SELECT 1")
    await until(lambda: pid not in server_processes(), timeout=10, message="the server process ended")
    await until(
        lambda: not any(t.name.startswith("mcp-") for t in threading.enumerate()), timeout=10, message="MCP threads"
    )
    left = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert not left, left


async def test_a_server_slow_to_end_does_not_keep_the_database_open(qtbot, fake_server, app_paths, memory_keyring):
    config = McpServerConfig.new("Slow", "stdio", command=sys.executable, args=[str(SERVER), "--slow-exit"])
    McpServerStore(app_paths.config / "mcp_servers.json", None).save([config])
    window, app, task = await start(qtbot, fake_server, app_paths)
    manager = app.mcp
    await run_blocking(manager.list_functions, manager.servers[0])  # as a request with its tools would
    assert manager.running(config.id)
    (pid,) = server_processes()
    db = app.storage.db

    window.close()
    assert await asyncio.wait_for(task, 5) == 0
    # The server takes seconds to end (its client terminates it after a grace period); the rest of
    # the shutdown does not wait for that: the database and the Gemini client are closed.
    with pytest.raises(sqlite3.ProgrammingError):
        db._conn.execute("SELECT 1")
    assert not any(t.name == "gemini-sdk" and t.is_alive() for t in threading.enumerate())
    await until(lambda: pid not in server_processes(), timeout=15, message="the server process ended")
    await until(
        lambda: not any(t.name.startswith("mcp-") for t in threading.enumerate()), timeout=15, message="MCP threads"
    )
