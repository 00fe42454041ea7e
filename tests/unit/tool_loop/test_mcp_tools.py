"""The tools of local MCP servers one by one: remembered after each listing (a server starts on first
use, so the app cannot list them at start-up), offered per tool after a restart without starting
anything, and declared only when chosen. The real test server (tests/mcp_server) runs over stdio;
nothing about MCP is mocked."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from desktop.domain.conversation import TurnStatus
from desktop.domain.tools import BuiltinTools, ToolRegistry
from desktop.services.conversation.tool_loop import ToolPolicy, decide
from desktop.services.mcp import (
    KnownTool,
    McpManager,
    McpServerConfig,
    McpServerStore,
    McpToolCache,
    cache_path,
    split_option_id,
    tool_option_id,
)
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.mcp_server import TOOLS_SERVER as SERVER
from tests.mcp_server import MemorySecrets
from tests.service_helpers import started_service
from tests.unit.tool_loop.loop_helpers import LoopSetup

ALL_TOOLS = ["echo", "sleep", "fail", "crash", "image", "huge", "env"]


def _config(name: str = "Test tools", **kw) -> McpServerConfig:
    return McpServerConfig.new(name, "stdio", command=sys.executable, args=[str(SERVER)], **kw)


@pytest.fixture
def store(tmp_path: Path) -> McpServerStore:
    store = McpServerStore(tmp_path / "mcp_servers.json", MemorySecrets())
    config = _config(secret_env=["MCP_TEST_TOKEN"])
    store.save([config], {config.id: {"env:MCP_TEST_TOKEN": "s3cret-token"}})
    return store


@pytest.fixture
def manager(store: McpServerStore) -> Iterator[McpManager]:
    m = McpManager(store, start_timeout_s=10.0)
    yield m
    m.stop_all()


def test_option_ids_name_the_server_and_the_tool_unambiguously() -> None:
    assert tool_option_id("ab12", "echo") == "mcp.ab12/echo"
    assert split_option_id("mcp.ab12/echo") == ("ab12", "echo")
    assert split_option_id("mcp.ab12/a/b") == ("ab12", "a/b")  # a tool name may hold the separator
    assert split_option_id("mcp.ab12") == ("ab12", None)  # the server's own option: all its tools
    with pytest.raises(ValueError):
        split_option_id("mcp_remote.ab12")
    # A hand-edited id with the separator is made unambiguous when read.
    assert McpServerConfig.from_dict({"id": "a/b", "name": "x"}).id == "a_b"


def test_a_listing_is_remembered_and_offered_after_a_restart_without_starting_the_server(
    manager: McpManager, store: McpServerStore
) -> None:
    (server,) = manager.servers
    # Before any listing: the server's own option only, under the server's name.
    (only,) = manager.options()
    assert (only.id, only.label, only.group, only.group_label) == (
        server.option_id,
        "All tools",
        server.option_id,
        "Test tools",
    )
    assert manager.known_tools(server.id) is None

    manager.list_functions(server)  # the first use in a conversation lists the tools
    cached = cache_path(store.path)
    assert cached.name == "mcp_servers.tools.json" and cached.parent == store.path.parent
    text = cached.read_text()
    assert "s3cret-token" not in text and "MCP_TEST_TOKEN" not in text  # names and descriptions only
    assert [t["name"] for t in json.loads(text)["servers"][server.id]["tools"]] == ALL_TOOLS
    manager.stop_all()

    restarted = McpManager(store, start_timeout_s=10.0)  # the app starts again
    try:
        options = restarted.options()
        assert [o.id for o in options] == [server.option_id] + [f"{server.option_id}/{t}" for t in ALL_TOOLS]
        echo = options[1]
        assert (echo.label, echo.description, echo.kind) == ("echo", "Echo the text back.", "mcp")
        assert {o.group for o in options} == {server.option_id} and {o.group_label for o in options} == {"Test tools"}
        # Nothing was started for that: no server, not even the MCP loop.
        assert not restarted.running(server.id) and restarted._loop is None
    finally:
        restarted.stop_all()


def test_tools_added_or_removed_are_told_once_and_the_dialog_test_remembers_too(
    manager: McpManager, store: McpServerStore
) -> None:
    (server,) = manager.servers
    heard: list[str] = []
    manager.add_tools_listener(heard.append)
    # The dialog's Test lists (and stops) the server: remembered and told.
    assert "echo" in asyncio.run(manager.test(server))
    assert heard == [server.id] and [t.name for t in manager.known_tools(server.id) or []] == ALL_TOOLS
    asyncio.run(manager.test(server))
    assert heard == [server.id]  # nothing changed: nobody is bothered

    # The server's tools changed since they were remembered: a listing corrects them.
    McpToolCache(cache_path(store.path)).save({server.id: [KnownTool("echo", "old"), KnownTool("gone", "removed")]})
    fresh = McpManager(store, start_timeout_s=10.0)
    try:
        assert [o.label for o in fresh.options()][1:] == ["echo", "gone"]
        told: list[str] = []
        fresh.add_tools_listener(told.append)
        assert [t.name for t in asyncio.run(fresh.list_tools(server))] == ALL_TOOLS  # "List tools"
        assert told == [server.id]
        assert [o.label for o in fresh.options()][1:] == ALL_TOOLS
        assert fresh.running(server.id)  # listed on demand = first use: it stays up for the turn
    finally:
        fresh.stop_all()

    # A removed server's listing is forgotten.
    store.save([])
    manager.reload()
    assert manager.known_tools(server.id) is None
    assert server.id not in json.loads(cache_path(store.path).read_text())["servers"]


def test_the_settings_bar_summary_names_a_server_once(manager: McpManager) -> None:
    (server,) = manager.servers
    manager.list_functions(server)
    registry = ToolRegistry([BuiltinTools(), manager])
    opt = server.option_id
    assert registry.summary([opt]) == ["Test tools"]
    assert registry.summary([f"{opt}/echo"]) == ["Test tools: echo"]
    assert registry.summary(["google_search", f"{opt}/echo", f"{opt}/env"]) == ["Search", "Test tools (2)"]
    assert registry.summary([opt, f"{opt}/echo"]) == ["Test tools"]


@pytest.fixture
async def loop_with_mcp(fake_server: FakeInteractionsServer, store: McpServerStore) -> AsyncIterator[LoopSetup]:
    manager = McpManager(store, start_timeout_s=10.0)
    async with started_service(fake_server) as service:
        s = LoopSetup(service, store.path.parent)
        s.registry.register(manager)
        s.executor.remote = manager
        s.manager = manager
        yield s
        s.close()
        manager.stop_all()


def _declared(fake_server: FakeInteractionsServer) -> list[str]:
    return sorted(t["name"] for t in fake_server.interaction_requests()[-1].json.get("tools", []))


async def test_single_tools_declare_only_the_chosen_ones_and_the_server_option_still_declares_all(
    loop_with_mcp: LoopSetup, fake_server: FakeInteractionsServer
) -> None:
    loop = loop_with_mcp
    opt = loop.manager.servers[0].option_id
    # A conversation stored before single tools existed: the server's option means all its tools.
    loop.settings.tools = [opt]
    fake_server.push(Stream(scenarios.plain_text("v1_p1", ["all"])))
    await loop.send("all tools")
    assert _declared(fake_server) == sorted(f"Test_tools__{t}" for t in ALL_TOOLS)

    loop.settings.tools = [f"{opt}/echo", f"{opt}/image"]
    fake_server.push(
        Stream(scenarios.function_call("v1_p2", "call_env", "Test_tools__env", ["{}"])),
        Stream(scenarios.plain_text("v1_p3", ["ok"])),
    )
    turn = await loop.send("two tools only")
    asked, answered = fake_server.interaction_requests()[-2:]
    for request in (asked, answered):  # declared, and declared again with the results
        assert sorted(t["name"] for t in request.json["tools"]) == ["Test_tools__echo", "Test_tools__image"]
    # The model calls a tool of the server that was not chosen: refused, it is not declared here.
    (call,) = turn.tool_calls
    assert "is not declared" in (call.error or "")
    (result,) = answered.json["input"]
    assert result["call_id"] == "call_env" and result["is_error"] is True
    # The card still names the tool and its server for a chosen one.
    echo = loop.registry.function(loop.settings, "Test_tools__echo")
    assert echo is not None and (echo.label, echo.server, echo.tool_id) == ("echo", "Test tools", f"{opt}/echo")
    assert await loop.manager.call_tool(echo, {"text": "one by one"}) == "echo: one by one"


async def test_a_single_tool_shows_its_server_on_the_card_and_always_allow_matches_it(
    loop_with_mcp: LoopSetup, fake_server: FakeInteractionsServer
) -> None:
    loop = loop_with_mcp
    opt = loop.manager.servers[0].option_id
    loop.manager.list_functions(loop.manager.servers[0])  # listed once: the single tools are known
    loop.settings.tools = [f"{opt}/echo"]
    fake_server.push(Stream(scenarios.function_call("v1_a1", "call_1", "Test_tools__echo", ['{"text": "a"}'])))
    asking = await loop.send("echo a")
    (call,) = asking.tool_calls
    assert (call.tool_label, call.server, call.state) == ("echo", "Test tools", "waiting")  # the card's words
    fake_server.push(Stream(scenarios.plain_text("v1_a2", ["done"])))
    assert decide(asking, loop.settings, "call_1", "always")
    await loop.advance(asking)
    assert asking.status is TurnStatus.COMPLETED and loop.settings.always_allowed_tools == ["Test_tools__echo"]
    # Remembered for this conversation: the next call runs without asking.
    fake_server.push(
        Stream(scenarios.function_call("v1_a3", "call_2", "Test_tools__echo", ['{"text": "b"}'])),
        Stream(scenarios.plain_text("v1_a4", ["again"])),
    )
    again = await loop.send("echo b")
    assert again.status is TurnStatus.COMPLETED and again.tool_calls[0].decision == "auto"
    # "Always allowed everywhere" (Preferences) names the same function.
    loop.settings.always_allowed_tools = []
    loop.policy = ToolPolicy(timeout_s=5.0, always_allowed=frozenset({"Test_tools__echo"}))
    fake_server.push(
        Stream(scenarios.function_call("v1_a5", "call_3", "Test_tools__echo", ['{"text": "c"}'])),
        Stream(scenarios.plain_text("v1_a6", ["everywhere"])),
    )
    everywhere = await loop.send("echo c")
    assert everywhere.status is TurnStatus.COMPLETED and everywhere.tool_calls[0].decision == "auto"
    assert fake_server.interaction_requests()[-1].json["input"][0]["result"] == "echo: c"


def test_the_dialog_test_uses_typed_secrets_without_keeping_them(manager: McpManager, store: McpServerStore) -> None:
    """Values typed in the dialog and not saved reach the server for a test; the keyring keeps the saved one."""
    (server,) = manager.servers
    typed = {"env:MCP_TEST_TOKEN": "typed-value"}
    assert store.resolved_env(server, typed)["MCP_TEST_TOKEN"] == "typed-value"
    assert store.resolved_env(server)["MCP_TEST_TOKEN"] == "s3cret-token"
    assert "echo" in asyncio.run(manager.test(server, typed))
    assert store.secret(server, "env", "MCP_TEST_TOKEN") == "s3cret-token"
