"""The fake's function calling: streamed and unary calls, parallel calls, both endings, remote MCP
steps, and the real server's rule that a turn chained on pending calls must answer each of them."""

from __future__ import annotations

from typing import Any

import pytest
from google.genai import _interactions as api_errors
from google.genai import interactions as gi

from tests.fake_api import FakeInteractionsServer, Stream, fixtures, scenarios
from tests.fake_api.fixtures import unknown_or_missing

# Fixtures shared through assignment (an import would look unused to linters).
fake_server = fixtures.fake_server
genai_client = fixtures.genai_client

MODEL = "gemini-3-flash-preview"


def _result(call_id: str, name: str = "get_weather") -> dict[str, Any]:
    return {"type": "function_result", "call_id": call_id, "name": name, "result": "21C"}


@pytest.mark.parametrize("status", ["requires_action", "completed"])
def test_parallel_calls_unary_keep_both_endings(
    fake_server: FakeInteractionsServer, genai_client: Any, status: str
) -> None:
    calls = [("call_a", "get_weather", ['{"city": "Paris"}']), ("call_b", "get_time", ["{}"])]
    fake_server.push(Stream(scenarios.parallel_function_calls("v1_p", calls, status=status)))
    got = genai_client.interactions.create(model=MODEL, input="weather and time?")
    assert got.status == status
    assert [type(s).__name__ for s in got.steps] == ["ThoughtStep", "FunctionCallStep", "FunctionCallStep"]
    assert [(s.id, s.arguments) for s in got.steps[1:]] == [("call_a", {"city": "Paris"}), ("call_b", {})]
    assert unknown_or_missing(got) == []


def test_parallel_calls_streamed(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    calls = [("call_a", "get_weather", ['{"city": ', '"Paris"}']), ("call_b", "get_time", ["{}"])]
    fake_server.push(Stream(scenarios.parallel_function_calls("v1_p", calls)))
    events = list(genai_client.interactions.create(model=MODEL, input="x", stream=True))
    starts = [e.step for e in events if isinstance(e, gi.StepStart) and e.step.type == "function_call"]
    assert [s.id for s in starts] == ["call_a", "call_b"]
    assert events[-1].interaction.status == "requires_action"


def test_chaining_on_pending_calls_needs_every_result(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    calls = [("call_a", "get_weather", ['{"city": "Paris"}']), ("call_b", "get_time", ["{}"])]
    fake_server.push(Stream(scenarios.parallel_function_calls("v1_p", calls, status="completed")))
    genai_client.interactions.create(model=MODEL, input="x")
    with pytest.raises(api_errors.BadRequestError) as caught:
        genai_client.interactions.create(model=MODEL, input="next question", previous_interaction_id="v1_p")
    assert "call_a" in caught.value.body["error"]["message"]
    with pytest.raises(api_errors.BadRequestError) as caught:
        genai_client.interactions.create(model=MODEL, input=[_result("call_a")], previous_interaction_id="v1_p")
    assert "'call_b'" in caught.value.body["error"]["message"]
    fake_server.push(Stream(scenarios.plain_text("v1_q", ["It is 21C."])))
    done = genai_client.interactions.create(
        model=MODEL, input=[_result("call_a"), _result("call_b", "get_time")], previous_interaction_id="v1_p"
    )
    assert done.output_text == "It is 21C."
    # once answered, the chain continues normally
    fake_server.push(Stream(scenarios.plain_text("v1_r")))
    assert genai_client.interactions.create(model=MODEL, input="more", previous_interaction_id="v1_q").id == "v1_r"


def test_remote_mcp_steps_carry_server_and_tool_names(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push(Stream(scenarios.mcp_server_tool("v1_m")), Stream(scenarios.mcp_server_tool("v1_n")))
    got = genai_client.interactions.create(model=MODEL, input="ask deepwiki")
    call, result = got.steps[0], got.steps[1]
    assert (type(call).__name__, call.name, call.server_name) == ("MCPServerToolCallStep", "ask_question", "deepwiki")
    assert (result.name, result.server_name, result.result) == (
        "ask_question",
        "deepwiki",
        "The repo is a desktop app.",
    )
    assert got.output_text == "It is a desktop app."
    events = list(genai_client.interactions.create(model=MODEL, input="again", stream=True))
    starts = [e.step for e in events if isinstance(e, gi.StepStart)]
    assert starts[0].server_name == "deepwiki" and starts[1].server_name == "deepwiki"
