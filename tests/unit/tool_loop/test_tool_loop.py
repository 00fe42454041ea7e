"""The tool loop end to end: real service, fake server, real store, real tools run off the GUI thread."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from desktop.domain.conversation import BlobPart, TextPart, Turn, TurnStatus
from desktop.domain.function_calls import DENIED
from desktop.services.conversation.tool_loop import ToolPolicy, decide
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.service_helpers import started_service
from tests.unit.tool_loop.loop_helpers import LoopSetup, Sink, wait_until


@pytest.fixture
async def loop(fake_server: FakeInteractionsServer, tmp_path: Path) -> AsyncIterator[LoopSetup]:
    async with started_service(fake_server) as service:
        s = LoopSetup(service, tmp_path)
        yield s
        s.close()


def _bodies(server: FakeInteractionsServer) -> list[dict]:
    return [r.json for r in server.interaction_requests()]


def _call(iid: str, name: str, args: str = "{}", call_id: str = "call_1", status: str = "requires_action") -> Stream:
    return Stream(scenarios.function_call(iid, call_id, name, [args], status=status))


@pytest.mark.parametrize("ending", ["requires_action", "completed"])
async def test_declare_call_approve_result_answer(loop: LoopSetup, fake_server: FakeInteractionsServer, ending: str):
    loop.settings.tools = ["local.current_time"]
    fake_server.push(
        _call("v1_c", "current_time", status=ending), Stream(scenarios.plain_text("v1_d", ["It is noon."]))
    )
    turn = await loop.send("What time is it?")
    # Not an empty completed answer: the turn waits for the user, with the call stored.
    assert turn.status is TurnStatus.AWAITING and turn.answer_text == ""
    assert loop.stored(turn).status is TurnStatus.AWAITING
    (call,) = loop.stored(turn).tool_calls
    assert (call.call_id, call.name, call.tool_label, call.state) == (
        "call_1",
        "current_time",
        "Current time",
        "waiting",
    )
    first = _bodies(fake_server)[0]
    assert {"type": "function", "name": "current_time"}.items() <= first["tools"][0].items()

    assert decide(turn, loop.settings, "call_1", "allow")
    await loop.advance(turn)
    assert turn.status is TurnStatus.COMPLETED and turn.answer_text == "It is noon."
    second = _bodies(fake_server)[1]
    assert second["previous_interaction_id"] == "v1_c"
    assert second["tools"] == first["tools"]  # declared again
    (result,) = second["input"]
    assert (result["type"], result["call_id"], result["name"]) == ("function_result", "call_1", "current_time")
    assert "UTC" in result["result"] and "is_error" not in result
    assert turn.interaction_ids == ["v1_c", "v1_d"] and turn.interaction_id == "v1_d"
    assert turn.usage["total_tokens"] == 60 + 6  # summed over both interactions
    assert [s["type"] for s in turn.steps] == ["thought", "function_call", "function_result", "model_output"]
    stored = loop.stored(turn)
    assert stored.tool_calls[0].state == "sent" and stored.status is TurnStatus.COMPLETED
    # The next turn chains on the last interaction.
    fake_server.push(Stream(scenarios.plain_text("v1_e")))
    await loop.send("thanks")
    assert _bodies(fake_server)[2]["previous_interaction_id"] == "v1_d"


async def test_deny_sends_an_error_result_and_the_answer_goes_on(loop: LoopSetup, fake_server):
    loop.settings.tools = ["local.open_link"]
    fake_server.push(_call("v1_c", "open_link", '{"url": "https://example.com"}'), Stream(scenarios.plain_text("v1_d")))
    turn = await loop.send("open it")
    decide(turn, loop.settings, "call_1", "deny")
    await loop.advance(turn)
    (result,) = _bodies(fake_server)[1]["input"]
    assert result == {
        "type": "function_result",
        "call_id": "call_1",
        "name": "open_link",
        "result": DENIED,
        "is_error": True,
    }
    assert loop.opened == [] and turn.status is TurnStatus.COMPLETED


async def test_always_allow_remembers_the_tool_for_the_conversation(loop: LoopSetup, fake_server):
    loop.settings.tools = ["test.echo"]
    fake_server.push(
        _call("v1_c", "echo", '{"text": "a"}'),
        Stream(scenarios.plain_text("v1_d")),
        _call("v1_e", "echo", '{"text": "b"}', call_id="call_2"),
        Stream(scenarios.plain_text("v1_f")),
    )
    turn = await loop.send("echo a")
    decide(turn, loop.settings, "call_1", "always")
    await loop.advance(turn)
    assert loop.settings.always_allowed_tools == ["echo"]
    second = await loop.send("echo b")  # no card this time: it runs and the answer arrives
    assert second.status is TurnStatus.COMPLETED and second.tool_calls[0].decision == "auto"
    assert _bodies(fake_server)[3]["input"][0]["result"] == "echo: b"


async def test_allowed_everywhere_by_preference(loop: LoopSetup, fake_server):
    loop.policy = ToolPolicy(always_allowed=frozenset({"echo"}))
    loop.settings.tools = ["test.echo"]
    fake_server.push(_call("v1_c", "echo", '{"text": "a"}'), Stream(scenarios.plain_text("v1_d")))
    turn = await loop.send("echo a")
    assert turn.status is TurnStatus.COMPLETED and loop.tools.ran == ["echo"]


async def test_parallel_calls_run_concurrently_and_return_in_one_interaction(loop: LoopSetup, fake_server):
    loop.settings.tools = ["test.meet"]
    calls = [("call_a", "meet", ["{}"]), ("call_b", "meet", ["{}"])]
    fake_server.push(
        Stream(scenarios.parallel_function_calls("v1_p", calls)), Stream(scenarios.plain_text("v1_q", ["Both met."]))
    )
    turn = await loop.send("meet twice")
    assert [c.state for c in turn.tool_calls] == ["waiting", "waiting"]
    decide(turn, loop.settings, "call_a", "allow")
    await loop.advance(turn)  # one decision missing: nothing runs, nothing is sent
    assert len(_bodies(fake_server)) == 1 and turn.status is TurnStatus.AWAITING
    decide(turn, loop.settings, "call_b", "allow")
    await loop.advance(turn)
    results = _bodies(fake_server)[1]["input"]
    # Each waited for the other at a barrier: run one after the other, both would have failed.
    assert [(r["call_id"], r["result"]) for r in results] == [("call_a", "met"), ("call_b", "met")]
    assert turn.answer_text == "Both met."


async def test_a_hanging_tool_times_out_and_the_conversation_goes_on(loop: LoopSetup, fake_server):
    loop.policy = ToolPolicy(timeout_s=0.2)
    loop.settings.tools = ["test.hang"]
    fake_server.push(_call("v1_c", "hang"), Stream(scenarios.plain_text("v1_d")))
    turn = await loop.send("hang")
    decide(turn, loop.settings, "call_1", "allow")
    await loop.advance(turn)
    (result,) = _bodies(fake_server)[1]["input"]
    assert result["is_error"] is True and result["result"] == "The tool did not answer within 0.2 s."
    assert turn.status is TurnStatus.COMPLETED


@pytest.mark.parametrize(
    ("tool", "name", "args", "expected"),
    [
        ("test.echo", "nowhere", "{}", "The tool 'nowhere' is not declared in this conversation."),
        ("test.echo", "echo", '{"text": ', "The arguments are not a JSON object"),
        ("test.echo", "echo", '{"text": 5}', "The arguments do not match the tool's schema at text: 5 is not of type"),
        ("test.boom", "boom", "{}", "The tool failed: RuntimeError: the disk is on fire"),
        ("test.binary", "binary", "{}", "The tool returned bytes that are not UTF-8 text."),
    ],
)
async def test_bad_input_becomes_an_error_result(loop: LoopSetup, fake_server, tool, name, args, expected):
    loop.settings.tools = [tool]
    fake_server.push(_call("v1_c", name, args), Stream(scenarios.plain_text("v1_d", ["Sorry."])))
    turn = await loop.send("try")
    call = turn.tool_calls[0]
    if call.state == "waiting":  # a well-formed call is approved first; a malformed one never asks
        decide(turn, loop.settings, "call_1", "allow")
        await loop.advance(turn)
    (result,) = _bodies(fake_server)[1]["input"]
    assert result["is_error"] is True and result["result"].startswith(expected)
    assert turn.status is TurnStatus.COMPLETED and turn.answer_text == "Sorry."
    assert loop.stored(turn).tool_calls[0].error.startswith(expected)


async def test_a_huge_result_is_cut_with_a_note(loop: LoopSetup, fake_server):
    loop.policy = ToolPolicy(always_allowed=frozenset({"huge"}))
    loop.settings.tools = ["test.huge"]
    fake_server.push(_call("v1_c", "huge"), Stream(scenarios.plain_text("v1_d")))
    await loop.send("huge")
    (result,) = _bodies(fake_server)[1]["input"]
    assert len(result["result"]) < 101 * 1024
    assert result["result"].endswith("[Result cut: it was 10240 KB; only the first 100 KB were sent.]")


async def test_stop_mid_loop_cancels_the_running_tool_and_the_next_prompt_replays_pairs(loop: LoopSetup, fake_server):
    loop.settings.tools = ["test.hang"]
    fake_server.push(_call("v1_c", "hang"))
    turn = await loop.send("hang")
    decide(turn, loop.settings, "call_1", "allow")
    task = asyncio.ensure_future(loop.advance(turn))
    await wait_until(lambda: loop.runner.tools.running(turn.id))
    loop.runner.stop(turn.id)
    await task
    assert turn.status is TurnStatus.STOPPED and turn.tool_calls[0].error == "Stopped by the user."
    assert len(_bodies(fake_server)) == 1  # nothing was sent
    fake_server.push(Stream(scenarios.plain_text("v1_e")))
    await loop.send("never mind")
    body = _bodies(fake_server)[1]
    assert "previous_interaction_id" not in body  # never chained on an interaction waiting for results
    kinds = [s["type"] for s in body["input"]]
    assert kinds == ["user_input", "thought", "function_call", "function_result", "user_input"]
    assert body["input"][3]["is_error"] is True


async def test_kill_with_a_pending_approval_then_restart_and_answer(loop: LoopSetup, fake_server):
    loop.settings.tools = ["test.echo"]
    fake_server.push(_call("v1_c", "echo", '{"text": "after restart"}'), Stream(scenarios.plain_text("v1_d", ["ok"])))
    turn = await loop.send("echo")
    loop.reopen()  # the process died: only the database is left
    (back,) = loop.turns
    assert back.status is TurnStatus.AWAITING and back.tool_calls[0].state == "waiting"
    decide(back, loop.settings, "call_1", "allow")
    await loop.advance(back)
    assert _bodies(fake_server)[1]["input"][0]["result"] == "echo: after restart"
    assert back.status is TurnStatus.COMPLETED and back.answer_text == "ok"
    assert turn.id == back.id


async def test_results_computed_but_not_sent_are_sent_after_a_restart(loop: LoopSetup, fake_server):
    loop.settings.tools = ["test.echo"]
    fake_server.push(_call("v1_c", "echo", '{"text": "x"}'))
    turn = await loop.send("echo")
    turn.tool_calls[0].decision = "allow"
    turn.tool_calls[0].succeed("computed before the kill")
    loop.repo.update_turn(turn)
    loop.reopen()
    fake_server.push(Stream(scenarios.plain_text("v1_d")))
    (back,) = loop.turns
    await loop.advance(back)
    assert _bodies(fake_server)[1]["input"][0]["result"] == "computed before the kill"
    assert loop.tools.ran == []  # not run again


async def test_round_limit_asks_for_an_answer_without_tools(loop: LoopSetup, fake_server):
    loop.policy = ToolPolicy(max_rounds=1, always_allowed=frozenset({"echo"}))
    loop.settings.tools = ["test.echo"]
    fake_server.push(
        _call("v1_c", "echo", '{"text": "1"}'),
        _call("v1_d", "echo", '{"text": "2"}', call_id="call_2"),
        Stream(scenarios.plain_text("v1_e", ["Done."])),
    )
    turn = await loop.send("loop forever")
    bodies = _bodies(fake_server)
    assert bodies[2]["input"][0]["is_error"] is True and "limit of 1 tool rounds" in bodies[2]["input"][0]["result"]
    assert bodies[2]["generation_config"]["tool_choice"] == "none"
    assert turn.status is TurnStatus.COMPLETED and turn.interaction_ids == ["v1_c", "v1_d", "v1_e"]


async def test_stateless_conversation_sends_results_with_the_whole_context(loop: LoopSetup, fake_server):
    loop.settings.store_on_server = False
    loop.settings.tools = ["test.echo"]
    fake_server.push(_call("v1_c", "echo", '{"text": "x"}'), Stream(scenarios.plain_text("v1_d")))
    turn = await loop.send("echo")
    decide(turn, loop.settings, "call_1", "allow")
    await loop.advance(turn)
    body = _bodies(fake_server)[1]
    assert "previous_interaction_id" not in body
    assert [s["type"] for s in body["input"]] == ["user_input", "thought", "function_call", "function_result"]


async def test_read_file_reads_a_text_file_attached_to_the_conversation(loop: LoopSetup, fake_server):
    loop.settings.tools = ["local.read_file"]
    sha = loop.blobs.put(b"line one\nline two")
    fake_server.push(
        _call("v1_c", "read_file", '{"path": "notes.txt"}'), Stream(scenarios.plain_text("v1_d", ["Two lines."]))
    )
    prompt = [TextPart("read my notes"), BlobPart("text", "text/plain", sha, "notes.txt")]
    turn = Turn.new(loop.conversation.id, None, prompt)
    loop.turns.append(turn)
    await loop.runner.run(turn, loop.settings, [], Sink())
    decide(turn, loop.settings, "call_1", "allow")
    await loop.advance(turn)
    (result,) = _bodies(fake_server)[1]["input"]
    assert result["result"] == "line one\nline two" and turn.answer_text == "Two lines."
