"""Benchmark: the app's own cost per tool round trip, and the cold start of a stdio MCP server.

Run: ``python -m tests.benchmarks.tool_loop [--rounds 30] [--runs 3]``

Round trip: a turn whose model calls an always-allowed local tool (``current_time``) ``--rounds``
times in a row, against the fake server (in this process), through the real service, store and
tool loop. For each round it measures from the moment the app handled the last event of the
interaction that asked (``interaction.completed``) to the moment the fake server received the POST
carrying the results, minus the tool's own run time (there is no approval: the tool is always
allowed). Goal: median ≤ 50 ms.

MCP: the test server of ``tests/mcp_server`` started over stdio by ``McpManager``: time to a
finished ``initialize`` (process start included) and to the tools listing. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop.domain.conversation import Conversation, ConversationSettings, TextPart, Turn
from desktop.domain.tools import default_registry
from desktop.services.conversation.chat_turn import TurnRunner
from desktop.services.conversation.tool_loop import ToolPolicy
from desktop.services.mcp import McpManager, McpServerConfig, McpServerStore
from desktop.services.tools.executor import ToolExecutor
from desktop.services.tools.local import LocalTools
from desktop.store import BlobStore, ConversationRepository, open_database
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.mcp_server import TOOLS_SERVER as SERVER
from tests.service_helpers import Sink, blocking, started_service


async def round_trips(rounds: int) -> list[float]:
    """App cost (ms) of each tool round of one turn."""
    with FakeInteractionsServer() as server, tempfile.TemporaryDirectory() as tmp:
        posts: list[float] = []
        record = server.record

        def stamped(request: Any) -> None:
            if request.route == "interactions.create":
                posts.append(time.perf_counter())
            record(request)

        server.record = stamped  # type: ignore[method-assign]
        for n in range(rounds):
            server.push(Stream(scenarios.function_call(f"v1_r{n}", f"call_{n}", "current_time", ["{}"])))
        server.push(Stream(scenarios.plain_text("v1_end", ["Done."])))
        db = open_database(Path(tmp) / "b.sqlite3")
        repo = ConversationRepository(db)
        conversation = Conversation.new()
        repo.insert(conversation)
        executor = ToolExecutor(LocalTools())
        policy = ToolPolicy(max_rounds=rounds + 1, always_allowed=frozenset({"current_time"}))
        async with started_service(server) as service:
            runner = TurnRunner(
                repo,
                lambda: service,
                blocking,
                blobs=BlobStore(Path(tmp) / "blobs"),
                registry=default_registry(),
                executor=executor,
                policy=lambda: policy,
            )
            settings = ConversationSettings(tools=["local.current_time"])
            turn = Turn.new(conversation.id, None, [TextPart("what time is it, many times?")])
            await runner.run(turn, settings, [], Sink())
        executor.shutdown()
        db.close()
        assert turn.answer_text == "Done." and len(turn.interaction_ids) == rounds + 1, turn.status
        timings = runner.tools.timings.rounds
        # posts[0] is the first prompt; posts[i] carries the results of round i.
        return [(posts[i + 1] - asked - ran) * 1000 for i, (asked, _sent, ran) in enumerate(timings)]


def mcp_cold_start(runs: int) -> list[tuple[float, float]]:
    """(start incl. initialize, tools listing) in ms, each with a fresh manager and process."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            store = McpServerStore(Path(tmp) / "m.json", None)
            config = McpServerConfig.new("Bench", "stdio", command=sys.executable, args=[str(SERVER)])
            store.save([config])
            manager = McpManager(store)
            try:
                manager.list_functions(manager.servers[0])
                start, listing = manager.timings[manager.servers[0].id]
                out.append((start * 1000, listing * 1000))
            finally:
                manager.stop_all()
    return out


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    costs: list[float] = []
    for _ in range(args.runs):
        costs.extend(asyncio.run(round_trips(args.rounds)))
    print(
        f"tool round trip, app's own cost: median {statistics.median(costs):.1f} ms (goal <= 50 ms), "
        f"p90 {sorted(costs)[int(len(costs) * 0.9)]:.1f} ms, max {max(costs):.1f} ms, n={len(costs)}"
    )
    starts = mcp_cold_start(args.runs)
    print(
        f"stdio MCP server cold start (spawn + initialize): median {statistics.median(s for s, _ in starts):.0f} ms; "
        f"tools listing: median {statistics.median(t for _, t in starts):.1f} ms (n={len(starts)})"
    )


if __name__ == "__main__":
    main()
