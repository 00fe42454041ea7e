"""MCP servers for real: the test server in tests/mcp_server (written with the ``mcp`` SDK) is
started by the app over stdio; nothing about MCP is mocked."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop.domain.conversation import ConversationSettings, TurnStatus
from desktop.domain.tools import BuiltinTools, ToolRegistry
from desktop.services.conversation.tool_loop import ToolPolicy, decide
from desktop.services.mcp import McpManager, McpServerConfig, McpServerStore, child_environment, function_name
from desktop.services.tools.local import ToolError
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.mcp_server import TOOLS_SERVER as SERVER
from tests.mcp_server import MemorySecrets
from tests.service_helpers import started_service
from tests.unit.tool_loop.loop_helpers import LoopSetup, wait_until


def _config(name: str = "Test tools", *args: str, **kw) -> McpServerConfig:
    return McpServerConfig.new(name, "stdio", command=sys.executable, args=[str(SERVER), *args], **kw)


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[McpManager]:
    secrets = MemorySecrets()
    store = McpServerStore(tmp_path / "mcp_servers.json", secrets)
    config = _config(env={"MCP_TEST_PLAIN": "visible"}, secret_env=["MCP_TEST_TOKEN"])
    store.save([config], {config.id: {"env:MCP_TEST_TOKEN": "s3cret-token"}})
    m = McpManager(store, start_timeout_s=10.0)
    yield m
    m.stop_all()


def test_names_are_valid_and_namespaced() -> None:
    assert function_name("Test tools", "echo") == "Test_tools__echo"
    assert function_name("9 lives", "x") == "m_9_lives__x"
    long = function_name("s" * 50, "t" * 50)
    assert len(long) == 64 and long != function_name("s" * 50, "t" * 49 + "u")
    env = child_environment({"MINE": "1"}, base={"PATH": "/bin", "GEMINI_API_KEY": "k", "HOME": "/h", "X": "y"})
    assert env == {"PATH": "/bin", "HOME": "/h", "MINE": "1"}


def test_secrets_stay_out_of_the_file(manager: McpManager, tmp_path: Path) -> None:
    text = (tmp_path / "mcp_servers.json").read_text()
    assert "s3cret-token" not in text and "MCP_TEST_TOKEN" in text


def test_starts_on_first_use_lists_namespaced_tools_and_calls_them(manager: McpManager) -> None:
    (server,) = manager.servers
    assert not manager.running(server.id)  # nothing started at load
    settings = ConversationSettings(tools=[server.option_id])
    registry = ToolRegistry([BuiltinTools(), manager])
    names = [d["name"] for d in registry.declarations(settings)]
    assert manager.running(server.id)
    assert sorted(names) == sorted(
        f"Test_tools__{t}" for t in ("echo", "sleep", "fail", "crash", "image", "huge", "env")
    )
    echo = registry.function(settings, "Test_tools__echo")
    assert echo is not None and echo.server == "Test tools" and echo.target == "echo"
    assert echo.parameters["properties"]["text"]["type"] == "string"
    assert asyncio.run(manager.call_tool(echo, {"text": "hi"})) == "echo: hi"
    # The environment: cleaned (no API key), the user's values, the secret from the keyring.
    env = asyncio.run(manager.call_tool(registry.function(settings, "Test_tools__env"), {}))
    assert "GEMINI_API_KEY" not in env and "'MCP_TEST_TOKEN': 's3cret-token'" in env and "visible" in env
    start, listing = manager.timings[server.id]
    assert start > 0 and listing > 0


def test_errors_images_crash_and_restart(manager: McpManager) -> None:
    (server,) = manager.servers
    settings = ConversationSettings(tools=[server.option_id])
    registry = ToolRegistry([BuiltinTools(), manager])

    def tool(name: str):
        return registry.function(settings, f"Test_tools__{name}")

    with pytest.raises(ToolError, match="Error executing tool fail"):
        asyncio.run(manager.call_tool(tool("fail"), {}))
    blocks = asyncio.run(manager.call_tool(tool("image"), {}))
    assert blocks[0]["type"] == "image" and blocks[0]["mime_type"] == "image/png"
    with pytest.raises(ToolError, match="failed during the call"):
        asyncio.run(manager.call_tool(tool("crash"), {}))
    assert asyncio.run(manager.call_tool(tool("echo"), {"text": "back"})) == "echo: back"  # restarted


def test_a_server_that_cannot_start_or_hangs_says_why(tmp_path: Path) -> None:
    store = McpServerStore(tmp_path / "m.json", MemorySecrets())
    missing = McpServerConfig.new("Missing", "stdio", command="/nonexistent/server")
    hanging = _config("Hanging", "--hang")
    store.save([missing, hanging])
    m = McpManager(store, start_timeout_s=1.0)
    try:
        with pytest.raises(ToolError, match="Missing could not start"):
            m.list_functions(missing)
        with pytest.raises(ToolError, match="did not finish starting within 1 s"):
            m.list_functions(hanging)
        settings = ConversationSettings(tools=[missing.option_id])
        assert ToolRegistry([m]).declarations(settings) == []  # nothing declared, the turn still goes
        assert "could not start" in m.last_errors[missing.id]
    finally:
        m.stop_all()


def test_remote_servers_are_declared_for_google_with_keyring_headers(tmp_path: Path) -> None:
    secrets = MemorySecrets()
    store = McpServerStore(tmp_path / "m.json", secrets)
    remote = McpServerConfig.new(
        "deepwiki",
        "remote",
        url="https://mcp.deepwiki.com/mcp",
        secret_headers=["Authorization"],
        allowed_tools=["ask"],
    )
    store.save([remote], {remote.id: {"header:Authorization": "Bearer t0k"}})
    assert "t0k" not in (tmp_path / "m.json").read_text()
    m = McpManager(store)
    option = m.options()[0]
    assert option.kind == "server" and "runs on Google's side" in option.description
    settings = ConversationSettings(tools=[remote.option_id])
    assert m.declarations([remote.option_id], settings) == [
        {
            "type": "mcp_server",
            "name": "deepwiki",
            "url": "https://mcp.deepwiki.com/mcp",
            "headers": {"Authorization": "Bearer t0k"},
            "allowed_tools": ["ask"],
        }
    ]


@pytest.fixture
async def loop_with_mcp(fake_server: FakeInteractionsServer, tmp_path: Path) -> AsyncIterator[LoopSetup]:
    store = McpServerStore(tmp_path / "mcp.json", MemorySecrets())
    store.save([_config()])
    manager = McpManager(store, start_timeout_s=10.0)
    async with started_service(fake_server) as service:
        s = LoopSetup(service, tmp_path, ToolPolicy(timeout_s=5.0))
        s.registry.register(manager)
        s.executor.remote = manager
        s.settings.tools = [manager.servers[0].option_id]
        s.manager = manager
        yield s
        s.close()
        manager.stop_all()


async def test_mcp_tools_in_the_loop_image_result_timeout_and_stop(loop_with_mcp: LoopSetup, fake_server):
    loop = loop_with_mcp
    fake_server.push(
        Stream(scenarios.function_call("v1_m1", "call_i", "Test_tools__image", ["{}"])),
        Stream(scenarios.plain_text("v1_m2", ["A red dot."])),
    )
    turn = await loop.send("show me an image")
    assert turn.tool_calls[0].server == "Test tools" and turn.tool_calls[0].tool_label == "image"
    decide(turn, loop.settings, "call_i", "allow")
    await loop.advance(turn)
    (result,) = fake_server.interaction_requests()[-1].json["input"]
    assert result["result"][0]["type"] == "image"  # sent as image content
    assert turn.status is TurnStatus.COMPLETED
    tools = fake_server.interaction_requests()[-1].json["tools"]
    assert any(t["name"] == "Test_tools__sleep" for t in tools)  # declared again

    # A slow MCP call stopped mid-loop: the call is cancelled, nothing is sent.
    fake_server.push(Stream(scenarios.function_call("v1_m3", "call_s", "Test_tools__sleep", ['{"seconds": 30}'])))
    slow = await loop.send("sleep")
    decide(slow, loop.settings, "call_s", "allow")
    task = asyncio.ensure_future(loop.advance(slow))
    await wait_until(lambda: slow.tool_calls[0].state == "running")
    await asyncio.sleep(0.2)
    loop.runner.stop(slow.id)
    await task
    assert slow.status is TurnStatus.STOPPED and slow.tool_calls[0].error == "Stopped by the user."
    # And a huge result is cut.
    loop.policy = ToolPolicy(timeout_s=5.0, always_allowed=frozenset({"Test_tools__huge"}))
    fake_server.push(
        Stream(scenarios.function_call("v1_m4", "call_h", "Test_tools__huge", ['{"kb": 2048}'])),
        Stream(scenarios.plain_text("v1_m5")),
    )
    await loop.send("huge")
    (cut,) = fake_server.interaction_requests()[-1].json["input"]
    assert "[Result cut: it was 2048 KB; only the first 100 KB were sent.]" in cut["result"]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_streamable_http_server_with_a_secret_header(tmp_path: Path) -> None:
    import subprocess
    import time

    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--http", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    store = McpServerStore(tmp_path / "m.json", MemorySecrets())
    config = McpServerConfig.new("Web tools", "http", url=f"http://127.0.0.1:{port}/mcp", secret_headers=["X-Token"])
    store.save([config], {config.id: {"header:X-Token": "hdr"}})
    manager = McpManager(store, start_timeout_s=10.0)
    try:
        deadline = time.monotonic() + 15
        while True:  # the server needs a moment to listen
            try:
                functions = manager.list_functions(config)
                break
            except ToolError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        echo = next(f for f in functions if f.target == "echo")
        assert echo.name == "Web_tools__echo"
        assert asyncio.run(manager.call_tool(echo, {"text": "over http"})) == "echo: over http"
    finally:
        manager.stop_all()
        process.terminate()
        process.wait(10)


def test_a_malformed_tool_listing_is_skipped_with_a_reason() -> None:
    from types import SimpleNamespace

    from desktop.services.mcp import _as_functions

    config = McpServerConfig.new("S")
    tools = [
        SimpleNamespace(name="ok", description="fine", input_schema={"type": "object", "properties": {}}),
        SimpleNamespace(name="", description="", input_schema={"type": "object"}),
        SimpleNamespace(name="arr", description="", input_schema={"type": "array"}),
        SimpleNamespace(name="none", description="", input_schema=None),
        SimpleNamespace(name="o-k", description="", input_schema={"type": "object"}),  # clashes with "ok"? no: o_k
    ]
    functions, problems = _as_functions(config, tools)
    assert [f.name for f in functions] == ["S__ok", "S__o_k"]
    assert problems == [
        "a tool without a name",
        "arr: its input schema is not an object schema",
        "none: its input schema is not an object schema",
    ]


def test_a_secret_no_longer_configured_leaves_the_keyring(tmp_path: Path) -> None:
    secrets = MemorySecrets()
    store = McpServerStore(tmp_path / "mcp_servers.json", secrets)
    kept = _config("Kept", secret_env=["TOKEN", "OLD"], secret_headers=["Authorization"])
    gone = _config("Gone", secret_env=["TOKEN"])
    store.save(
        [kept, gone],
        {
            kept.id: {"env:TOKEN": "t1", "env:OLD": "o1", "header:Authorization": "a1"},
            gone.id: {"env:TOKEN": "t2"},
        },
    )
    assert len(secrets.values) == 4
    # OLD is no longer secret (now a plain value), and the server "Gone" is removed.
    kept.secret_env = ["TOKEN"]
    kept.env = {"OLD": "plain now"}
    store.save([kept])
    assert secrets.values == {kept.secret_key("env", "TOKEN"): "t1", kept.secret_key("header", "Authorization"): "a1"}


def test_function_names_follow_a_renamed_server_and_leave_with_a_removed_one() -> None:
    from desktop.services.mcp import carry_function_names

    notes, files, remote = _config("Notes"), _config("Files"), McpServerConfig.new("Files", "remote")
    before = [notes, files, remote]
    renamed = dataclasses.replace(notes, name="My notes")
    names = ["current_time", "Notes__search", "Files__read", "Notes__read", "Elsewhere__x"]
    # "Notes" renamed to "My notes"; "Files" (local) removed; a new local server takes the name "Files".
    newcomer = _config("Files")
    assert carry_function_names(names, before, [renamed, remote, newcomer]) == [
        "current_time",
        "My_notes__search",
        "My_notes__read",
        "Elsewhere__x",
    ]
    assert carry_function_names(names, before, before) == names
