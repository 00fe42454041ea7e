"""Tool steps, citations and usage through the real SDK: every step type, streamed and unary."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from desktop.domain import events as ev
from desktop.domain.api import TurnRequest
from desktop.domain.steps import TextBlock, ToolBlock, blocks_from_steps, cite
from desktop.services.genai import GeminiService
from tests.fake_api import FakeInteractionsServer, Json, Stream, scenarios
from tests.fake_api.assemble import assemble_interaction
from tests.service_helpers import started_service

REQUEST = TurnRequest(input="use every tool", model="gemini-3-flash-preview", store=True)
TOOLS = [
    "google_search",
    "url_context",
    "code_execution",
    "code_execution",
    "google_maps",
    "file_search",
    "mcp_server_tool",
]


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    async with started_service(fake_server, timeout_s=5.0) as svc:
        yield svc


def check_every_tool(steps: list[dict]) -> None:
    blocks = blocks_from_steps(steps)
    tools = [b for b in blocks if isinstance(b, ToolBlock)]
    assert [b.tool for b in tools] == TOOLS
    assert all(b.has_result for b in tools)
    search, pages, code, failed, maps, files, mcp = tools
    assert search.arguments == {"queries": ["euro 2024 winner"]}
    assert "search_suggestions" in search.result[0]
    assert [r["status"] for r in pages.result] == ["success", "paywall"]
    assert code.arguments["code"] == "print(1 + 1)" and code.result == "2\n" and not code.is_error
    assert failed.is_error and "ZeroDivisionError" in failed.result
    assert maps.result[0]["places"][0]["name"] == "Café Central"
    assert files.result[0]["file_name"] == "report.pdf"
    assert mcp.name == "ask_question" and mcp.server_name == "deepwiki" and mcp.result == "answer from deepwiki"
    texts = [b for b in blocks if isinstance(b, TextBlock)]
    assert "".join(t.text for t in texts) == scenarios.ALL_TOOLS_ANSWER
    cited = cite(blocks)
    assert [s.kind for s in cited.sources] == ["url", "url", "place", "file", "url"]
    # Two annotations on one span share a marker; byte offsets became character offsets (é).
    text = scenarios.ALL_TOOLS_ANSWER
    assert cited.markers[0][0] == (text.index(" The sum"), (1, 2))
    assert cited.markers[0][1] == (text.index(" The report"), (3,))


@pytest.mark.parametrize("via_deltas", [True, False])
async def test_every_tool_step_and_citation_streams_through_the_sdk(service, fake_server, via_deltas):
    fake_server.push(Stream(scenarios.every_tool("v1_all", via_deltas=via_deltas)))
    events = [e async for e in service.stream_turn(REQUEST)]
    calls = [e.tool for e in events if isinstance(e, ev.ToolCall)]
    results = [(e.tool, e.is_error) for e in events if isinstance(e, ev.ToolResult)]
    assert calls == TOOLS
    assert ("code_execution", True) in results and len(results) == len(TOOLS)
    cites = [c for e in events if isinstance(e, ev.CitationsAdded) for c in e.citations]
    assert [c.kind for c in cites] == ["url", "url", "place", "file", "url"]
    assert cites[3].title == "report.pdf"
    done = events[-1]
    assert isinstance(done, ev.Completed)
    assert done.usage.tool_use_tokens == 25
    check_every_tool(list(done.steps))
    # Finished steps arrive one by one too (the app saves them as they complete).
    finished = [e.step for e in events if isinstance(e, ev.StepFinished)]
    check_every_tool(finished)


async def test_every_tool_step_in_a_unary_interaction(service, fake_server):
    body = assemble_interaction(scenarios.every_tool("v1_unary"), interaction_id="v1_unary")
    fake_server.push(Json(body))
    snapshot = await service.create(REQUEST)
    assert snapshot.status == "completed"
    check_every_tool([s for s in snapshot.steps if s.get("type") != "user_input"])
    assert snapshot.usage.tool_use_tokens == 25


async def test_usage_is_summed_over_the_hops_of_automatic_continuation(service, fake_server):
    first = scenarios.tool_answer(
        "v1_hop1",
        [scenarios.tool_step("code_execution", "ce_1", {"language": "python", "code": "print(2)"}, "2\n")],
        "",
        status="requires_continuation",
        continuation_token="tok_1",
        usage={"total_input_tokens": 10, "total_output_tokens": 5, "total_tool_use_tokens": 7, "total_tokens": 22},
    )
    second = scenarios.tool_answer(
        "v1_hop2",
        [],
        "Two.",
        usage={"total_input_tokens": 30, "total_output_tokens": 4, "total_tool_use_tokens": 3, "total_tokens": 37},
    )
    fake_server.push(Stream(first), Stream(second))
    events = [e async for e in service.stream_turn(REQUEST)]
    done = events[-1]
    assert isinstance(done, ev.Completed) and done.status == "completed"
    assert fake_server.interaction_requests()[-1].json.get("continuation_token") == "tok_1"
    assert (done.usage.input_tokens, done.usage.output_tokens) == (40, 9)
    assert (done.usage.tool_use_tokens, done.usage.total_tokens) == (10, 59)
    kinds = [b.tool if isinstance(b, ToolBlock) else "text" for b in blocks_from_steps(done.steps)]
    assert kinds == ["code_execution", "text"]
