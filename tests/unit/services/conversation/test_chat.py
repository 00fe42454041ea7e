"""Building turn requests: chaining, stateless replay, settings sent on every turn, save cadence."""

from __future__ import annotations

from desktop.domain.conversation import BlobPart, ConversationSettings, TextPart, Turn, TurnStatus
from desktop.services.conversation.chat import chain_point, generation_config, plan_turn
from desktop.services.conversation.chat_turn import ProgressSaver


def make_turn(
    prompt: str,
    answer: str,
    interaction_id: str | None,
    status: TurnStatus = TurnStatus.COMPLETED,
    parent: str | None = None,
    steps: list | None = None,
) -> Turn:
    turn = Turn.new("c1", parent, [TextPart(prompt)])
    turn.answer = [TextPart(answer)] if answer else []
    turn.interaction_id = interaction_id
    turn.status = status
    turn.steps = steps or []
    return turn


def test_generation_config_follows_the_settings() -> None:
    s = ConversationSettings(thinking_level="high", thought_summaries=False, temperature=0.3)
    assert generation_config(s) == {"thinking_summaries": "none", "thinking_level": "high", "temperature": 0.3}
    assert generation_config(ConversationSettings()) == {"thinking_summaries": "auto"}


def test_a_stored_conversation_chains_on_the_last_completed_turn() -> None:
    t1 = make_turn("hi", "hello", "v1_1")
    t2 = make_turn("more", "sure", "v1_2", parent=t1.id)
    settings = ConversationSettings(system_instruction="  Be brief. ")
    plan = plan_turn(settings, [TextPart("next")], [t1, t2])
    req = plan.request
    assert not plan.stateless
    assert req.input == "next" and req.previous_interaction_id == "v1_2" and req.store is True
    assert req.system_instruction == "Be brief." and req.model == "gemini-3-flash-preview"
    assert plan_turn(settings, [TextPart("first")], []).request.previous_interaction_id is None


def test_failed_unanswered_turns_are_skipped_for_the_chain() -> None:
    t1 = make_turn("hi", "hello", "v1_1")
    failed = make_turn("oops", "", None, TurnStatus.FAILED, parent=t1.id)
    assert chain_point([t1, failed]) == "v1_1"
    plan = plan_turn(ConversationSettings(), [TextPart("again")], [t1, failed])
    assert plan.request.previous_interaction_id == "v1_1" and plan.request.input == "again"


def test_a_stopped_turn_breaks_the_chain_and_the_history_is_replayed() -> None:
    t1 = make_turn("hi", "hello", "v1_1")
    t2 = make_turn("long", "partial", "v1_2", TurnStatus.STOPPED, parent=t1.id)
    plan = plan_turn(ConversationSettings(), [TextPart("go on")], [t1, t2])
    assert plan.stateless and plan.request.previous_interaction_id is None
    assert [s["type"] for s in plan.request.input] == [
        "user_input",
        "model_output",
        "user_input",
        "model_output",
        "user_input",
    ]
    assert plan.request.input[3]["content"][0]["text"] == "partial"  # what the user saw


def test_store_false_replays_recorded_steps_verbatim() -> None:
    steps = [
        {"type": "thought", "signature": "SIG"},
        {"type": "model_output", "content": [{"type": "text", "text": "A"}]},
    ]
    t1 = make_turn("q", "A", "v1_1", steps=steps)
    plan = plan_turn(ConversationSettings(store_on_server=False), [TextPart("q2")], [t1])
    req = plan.request
    assert req.store is False and req.previous_interaction_id is None
    assert req.input[1] == {"type": "thought", "signature": "SIG"}
    assert req.input[-1] == {"type": "user_input", "content": [{"type": "text", "text": "q2"}]}


def test_attachments_are_inlined_from_the_local_store() -> None:
    part = BlobPart(kind="image", mime_type="image/png", sha256="ab" * 32, name="dot.png")
    plan = plan_turn(ConversationSettings(), [TextPart("what is this"), part], [], read_blob=lambda sha: b"PNG")
    (step,) = plan.request.input
    assert step["content"][1] == {"type": "image", "mime_type": "image/png", "data": "UE5H"}


def test_force_stateless_rebuilds_even_when_the_chain_looks_fine() -> None:
    t1 = make_turn("hi", "hello", "v1_1")
    plan = plan_turn(ConversationSettings(), [TextPart("x")], [t1], force_stateless=True)
    assert plan.stateless and plan.request.previous_interaction_id is None and len(plan.request.input) == 3


def test_progress_is_due_every_interval_only_when_something_new_arrived() -> None:
    now = [0.0]
    saver = ProgressSaver(0.25, clock=lambda: now[0])
    assert not saver.due()
    saver.touch()
    now[0] = 0.2
    assert not saver.due()
    now[0] = 0.26
    assert saver.due()
    saver.saved()
    now[0] = 0.6
    assert not saver.due()  # nothing new
    saver.touch()
    assert saver.due()
