"""MCP servers at quit: ``stop_all`` ends them, and nothing starts one again afterwards (a request
built or a tool called while the app quits would otherwise leave a server process behind)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.services.mcp import McpManager, McpServerConfig, McpServerStore
from desktop.services.tools.local import ToolError
from tests.mcp_server import TOOLS_SERVER as SERVER
from tests.mcp_server import server_processes


def _manager(tmp_path: Path, *args: str) -> McpManager:
    store = McpServerStore(tmp_path / "mcp_servers.json", None)
    store.save([McpServerConfig.new("Test tools", "stdio", command=sys.executable, args=[str(SERVER), *args])])
    return McpManager(store, start_timeout_s=10.0)


def _mcp_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("mcp-") and t.is_alive()]


def test_after_stop_all_no_server_starts_again(tmp_path: Path) -> None:
    manager = _manager(tmp_path)
    (server,) = manager.servers
    try:
        assert "Test_tools__echo" in [f.name for f in manager.list_functions(server)]
        assert manager.running(server.id)
        manager.stop_all()
        assert not manager.running(server.id)
        with pytest.raises(ToolError, match="quitting"):
            manager.list_functions(server)
        assert not manager.running(server.id)
        assert not _mcp_threads()  # no new MCP loop was made for it
    finally:
        manager.stop_all()


def test_stop_all_in_background_ends_its_thread_and_the_server(tmp_path: Path) -> None:
    manager = _manager(tmp_path)
    (server,) = manager.servers
    try:
        manager.list_functions(server)
        manager.stop_all_in_background(3.0).join(10)
        assert not manager.running(server.id)
        assert not _mcp_threads()
    finally:
        manager.stop_all()


def test_a_server_slow_to_end_is_terminated_not_left_running(tmp_path: Path) -> None:
    # It ignores its stdin closing: the MCP SDK's own shutdown terminates it after a grace period.
    # Cancelling that shutdown midway (as a stop of the loop did) left the process running for ever.
    manager = _manager(tmp_path, "--slow-exit")
    (server,) = manager.servers
    try:
        manager.list_functions(server)
        assert len(server_processes()) == 1
        manager.stop_all()
        assert not server_processes()
        assert not _mcp_threads()
    finally:
        manager.stop_all()
        for pid in server_processes():  # never leave one behind, even when the test fails
            os.kill(pid, 9)


_QUIT_RIGHT_AWAY = """
import sys
from pathlib import Path

from desktop.services.mcp import McpManager, McpServerConfig, McpServerStore
from tests.mcp_server import server_processes

store = McpServerStore(Path(sys.argv[1]) / "mcp_servers.json", None)
store.save([McpServerConfig.new("Slow", "stdio", command=sys.executable, args=[sys.argv[2], "--slow-exit"])])
manager = McpManager(store)
manager.list_functions(manager.servers[0])
print(*server_processes(), flush=True)
manager.stop_all_in_background()  # as the app does at quit, which then returns from main at once
"""


def test_the_process_exit_waits_for_the_servers_to_end(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", _QUIT_RIGHT_AWAY, str(tmp_path), str(SERVER)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (pid,) = (int(p) for p in done.stdout.split())
    alive = os.path.exists(f"/proc/{pid}")
    if alive:
        os.kill(pid, 9)  # never leave it behind
    assert not alive, "the server outlived the app's process"
