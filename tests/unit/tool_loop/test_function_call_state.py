"""Function calls as turn state: found by their steps (not the status), replayed only in pairs,
and never chained on while they wait."""

from __future__ import annotations

from desktop.domain.conversation import ConversationSettings, TextPart, Turn, TurnStatus, replay_steps
from desktop.domain.function_calls import NEVER_ANSWERED, FunctionCallState, calls_from_steps, paired_steps
from desktop.services.conversation.chat import chain_point, plan_turn

THOUGHT = {"type": "thought", "signature": "sig"}
CALL_A = {"type": "function_call", "id": "a", "name": "current_time", "arguments": {}}
CALL_B = {"type": "function_call", "id": "b", "name": "read_file", "arguments": {"_raw": "{bad"}}


def _turn(status: TurnStatus, steps: list[dict], iid: str = "v1_1") -> Turn:
    turn = Turn.new("c", None, [TextPart("q")])
    turn.status, turn.steps, turn.interaction_id = status, steps, iid
    turn.answer = []
    return turn


def test_pending_calls_come_from_the_steps_and_keep_raw_arguments() -> None:
    calls = calls_from_steps([THOUGHT, CALL_A, CALL_B], "v1_1", 1)
    assert [(c.call_id, c.arguments, c.raw_arguments) for c in calls] == [("a", {}, ""), ("b", None, "{bad")]
    answered = [*[THOUGHT, CALL_A], {"type": "function_result", "call_id": "a", "result": "x"}]
    assert calls_from_steps(answered, "v1_1", 1) == []


def test_replay_pairs_every_call_with_a_result_after_the_parallel_run() -> None:
    known = FunctionCallState("a", "current_time", {}, state="done")
    known.succeed("12:00")
    steps = paired_steps([THOUGHT, CALL_A, CALL_B, {"type": "model_output", "content": []}], [known])
    assert [s["type"] for s in steps] == [
        "thought",
        "function_call",
        "function_call",
        "function_result",
        "function_result",
        "model_output",
    ]
    assert steps[3] == {"type": "function_result", "call_id": "a", "name": "current_time", "result": "12:00"}
    assert steps[4]["is_error"] is True and steps[4]["result"] == NEVER_ANSWERED


def test_a_turn_ending_with_a_call_is_never_chained_on_and_replays_in_pairs() -> None:
    # Saved by an older build as "completed" with the call pending: still not chainable.
    old = _turn(TurnStatus.COMPLETED, [THOUGHT, CALL_A])
    assert chain_point([old]) is None
    waiting = _turn(TurnStatus.AWAITING, [THOUGHT, CALL_A])
    assert chain_point([waiting]) is None
    plan = plan_turn(ConversationSettings(), [TextPart("next")], [waiting])
    assert plan.stateless and plan.request.previous_interaction_id is None
    sent = plan.request.input
    assert [s["type"] for s in sent] == ["user_input", "thought", "function_call", "function_result", "user_input"]
    replayed = replay_steps([waiting])
    assert replayed[-1]["call_id"] == "a"
    finished = _turn(
        TurnStatus.COMPLETED,
        [THOUGHT, CALL_A, {"type": "function_result", "call_id": "a", "result": "1"}, {"type": "model_output"}],
    )
    assert chain_point([finished]) == "v1_1"
