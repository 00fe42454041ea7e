"""Domain model: titles, settings JSON, branches and siblings, stateless replay steps."""

from __future__ import annotations

import json

import pytest

from desktop.domain.conversation import (
    DEFAULT_TITLE,
    BlobPart,
    ConversationSettings,
    TextPart,
    Turn,
    TurnStatus,
    branch_path,
    children,
    newest_leaf,
    part_from_dict,
    part_to_dict,
    replay_steps,
    siblings,
    title_from_prompt,
)

# --- title_from_prompt --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "title"),
    [
        ("", DEFAULT_TITLE),
        ("   \n\t  \n", DEFAULT_TITLE),
        ("Hello   there\tworld", "Hello there world"),
        ("  first line  \nsecond line", "first line"),
        ("\n\n  What is a monad?\nExplain simply.", "What is a monad?"),
        ("Fix this bug. Here is the traceback below", "Fix this bug"),
        ("Wow! That worked", "Wow!"),
        ("Release v1.2 is out now", "Release v1.2 is out now"),
        ("# Project plan\n\nsteps...", "Project plan"),
        ("- item one\n- item two", "item one"),
        ("```python\nprint('x')\n```\nWhy does this print x?", "Why does this print x?"),
        ("東京タワーの高さは？それと歴史も", "東京タワーの高さは？"),
        ("Summarise:", "Summarise"),
    ],
)
def test_title_from_prompt_cases(prompt: str, title: str) -> None:
    assert title_from_prompt(prompt) == title


def test_long_title_is_cut_on_a_word_boundary_with_an_ellipsis() -> None:
    prompt = "Please write a detailed comparison between PostgreSQL and SQLite for desktop apps"
    title = title_from_prompt(prompt)
    assert title.endswith("…")
    assert len(title) <= 48
    body = title[:-1]
    assert prompt.startswith(body)
    assert prompt[len(body)] == " "  # the cut falls between words


def test_a_single_huge_word_is_cut_hard() -> None:
    title = title_from_prompt("x" * 200)
    assert title == "x" * 47 + "…"


def test_an_emoji_prompt_keeps_its_emoji() -> None:
    assert title_from_prompt("🎉 party ideas for Friday") == "🎉 party ideas for Friday"


# --- parts & settings ---------------------------------------------------------------------


def test_parts_round_trip_through_dicts() -> None:
    parts = [
        TextPart("hi"),
        BlobPart("image", "image/png", "ab" * 32, "cat.png", 123, "https://f/1"),
        BlobPart("text", "text/plain", "cd" * 32, "notes.txt", 9),
    ]
    assert [part_from_dict(json.loads(json.dumps(part_to_dict(p)))) for p in parts] == parts


def test_settings_round_trip() -> None:
    settings = ConversationSettings(
        model="gemini-3.1-pro-preview",
        system_instruction="Be terse.",
        thinking_level="low",
        thought_summaries=False,
        temperature=0.3,
        store_on_server=False,
        image_aspect_ratio="16:9",
        image_size="2K",
    )
    assert ConversationSettings.from_json(settings.to_json()) == settings


def test_settings_tolerate_unknown_missing_and_wrongly_typed_keys() -> None:
    text = json.dumps(
        {"model": "m", "future_option": 1, "temperature": "hot", "thought_summaries": "yes", "thinking_level": None}
    )
    settings = ConversationSettings.from_json(text)
    assert settings.model == "m"
    assert settings.temperature is None
    assert settings.thought_summaries is True
    assert settings.system_instruction == ""


def test_settings_from_garbage_give_defaults() -> None:
    assert ConversationSettings.from_json("{not json") == ConversationSettings()
    assert ConversationSettings.from_json("[1, 2]") == ConversationSettings()
    assert ConversationSettings.from_json(None) == ConversationSettings()


def test_settings_accept_int_temperature_but_not_bool() -> None:
    assert ConversationSettings.from_json('{"temperature": 1}').temperature == 1.0
    assert ConversationSettings.from_json('{"temperature": true}').temperature is None


# --- branches -----------------------------------------------------------------------------


def _turn(tid: str, parent: str | None, created: float, conv: str = "c") -> Turn:
    return Turn(
        tid,
        conv,
        parent,
        [TextPart(f"prompt {tid}")],
        [TextPart(f"answer {tid}")],
        status=TurnStatus.COMPLETED,
        created_at=created,
        updated_at=created,
    )


@pytest.fixture
def tree() -> list[Turn]:
    #   a ─ b ─ c
    #     └ b2 ─ d       (b2 is a regeneration of b)
    #     └ b3
    return [
        _turn("a", None, 1),
        _turn("b", "a", 2),
        _turn("c", "b", 3),
        _turn("b3", "a", 6),
        _turn("b2", "a", 4),
        _turn("d", "b2", 5),
    ]


def test_branch_path_walks_root_to_leaf(tree: list[Turn]) -> None:
    assert [t.id for t in branch_path(tree, "c")] == ["a", "b", "c"]
    assert [t.id for t in branch_path(tree, "d")] == ["a", "b2", "d"]
    assert [t.id for t in branch_path(tree, "b2")] == ["a", "b2"]


def test_branch_path_of_unknown_or_no_leaf_is_empty(tree: list[Turn]) -> None:
    assert branch_path(tree, None) == []
    assert branch_path(tree, "zzz") == []


def test_branch_path_survives_a_cycle() -> None:
    looped = [_turn("x", "y", 1), _turn("y", "x", 2)]
    assert {t.id for t in branch_path(looped, "x")} == {"x", "y"}


def test_siblings_are_alternatives_ordered_by_creation(tree: list[Turn]) -> None:
    b2 = next(t for t in tree if t.id == "b2")
    alternatives = siblings(tree, b2)
    assert [t.id for t in alternatives] == ["b", "b2", "b3"]
    assert alternatives.index(b2) == 1  # shown as ‹ 2/3 ›
    c = next(t for t in tree if t.id == "c")
    assert [t.id for t in siblings(tree, c)] == ["c"]


def test_siblings_ignore_other_conversations(tree: list[Turn]) -> None:
    stranger = _turn("s", None, 0.5, conv="other")
    a = tree[0]
    assert [t.id for t in siblings([*tree, stranger], a)] == ["a"]
    assert [t.id for t in children(tree, None)] == ["a"]


def test_newest_leaf_follows_the_most_recent_continuation(tree: list[Turn]) -> None:
    assert newest_leaf(tree, "b2") == "d"
    assert newest_leaf(tree, "a") == "b3"
    assert newest_leaf(tree, "c") == "c"


# --- replay -------------------------------------------------------------------------------


THOUGHT = {
    "type": "thought",
    "signature": "EvEFCu4F",
    "summary": [{"type": "text", "text": "**Planning** call the tool"}],
}
CALL = {"type": "function_call", "id": "call_1", "name": "get_weather", "arguments": {"city": "Paris"}}
RESULT = {
    "type": "function_result",
    "call_id": "call_1",
    "name": "get_weather",
    "result": [{"type": "text", "text": '{"temp_c": 21}'}],
}
OUTPUT = {"type": "model_output", "content": [{"type": "text", "text": "It is 21C."}]}


def test_replay_steps_alternate_user_input_and_model_steps() -> None:
    first = _turn("a", None, 1)
    second = _turn("b", "a", 2)
    second.steps = [THOUGHT, CALL, RESULT, OUTPUT]
    steps = replay_steps([first, second])
    assert steps == [
        {"type": "user_input", "content": [{"type": "text", "text": "prompt a"}]},
        {"type": "model_output", "content": [{"type": "text", "text": "answer a"}]},
        {"type": "user_input", "content": [{"type": "text", "text": "prompt b"}]},
        THOUGHT,
        CALL,
        RESULT,
        OUTPUT,
    ]
    assert steps[3]["signature"] == "EvEFCu4F"


def test_replay_steps_are_copies_not_the_turns_own_dicts() -> None:
    turn = _turn("a", None, 1)
    turn.steps = [json.loads(json.dumps(THOUGHT))]
    replay_steps([turn])[1]["summary"][0]["text"] = "mutated"
    assert turn.steps[0]["summary"][0]["text"] == "**Planning** call the tool"


def test_replay_drops_echoed_user_input_from_recorded_steps() -> None:
    turn = _turn("a", None, 1)
    turn.steps = [{"type": "user_input", "content": [{"type": "text", "text": "echo"}]}, OUTPUT]
    assert [s["type"] for s in replay_steps([turn])] == ["user_input", "model_output"]
    assert replay_steps([turn])[0]["content"][0]["text"] == "prompt a"


def test_replay_of_a_turn_without_answer_has_only_its_prompt() -> None:
    turn = _turn("a", None, 1)
    turn.answer = []
    turn.status = TurnStatus.FAILED
    assert replay_steps([turn]) == [{"type": "user_input", "content": [{"type": "text", "text": "prompt a"}]}]


def test_replay_blob_parts_use_uri_then_resolver_then_placeholder() -> None:
    uploaded = BlobPart("document", "application/pdf", "1" * 64, "paper.pdf", 10, "https://f/9")
    notes = BlobPart("text", "text/plain", "2" * 64, "notes.txt", 5, "https://f/10")
    local = BlobPart("image", "image/png", "3" * 64, "cat.png", 4)
    lost = BlobPart("audio", "audio/mp3", "4" * 64, "song.mp3", 4)
    turn = _turn("a", None, 1)
    turn.prompt = [TextPart("look"), uploaded, notes, local, lost]
    asked: list[str] = []

    def resolve(part: BlobPart) -> dict[str, str] | None:
        asked.append(part.name)
        if part is local:
            return {"type": "image", "data": "aGVsbG8=", "mime_type": "image/png"}
        return None

    content = replay_steps([turn], resolve)[0]["content"]
    assert content == [
        {"type": "text", "text": "look"},
        {"type": "document", "mime_type": "application/pdf", "uri": "https://f/9"},
        {"type": "document", "mime_type": "text/plain", "uri": "https://f/10"},
        {"type": "image", "data": "aGVsbG8=", "mime_type": "image/png"},
        {"type": "text", "text": "[Attachment unavailable: song.mp3]"},
    ]
    assert asked == ["cat.png", "song.mp3"]  # uploaded files need no local bytes


def test_replay_steps_parse_as_sdk_step_classes() -> None:
    """The SDK's own step schema is the oracle for the wire shape (interactions-api.md §1.3)."""
    pydantic = pytest.importorskip("pydantic")
    interactions = pytest.importorskip("google.genai.interactions")
    adapter = pydantic.TypeAdapter(interactions.Step)
    first = _turn("a", None, 1)
    first.prompt = [TextPart("describe"), BlobPart("image", "image/png", "5" * 64, "p.png", 3, "https://f/1")]
    second = _turn("b", "a", 2)
    second.steps = [THOUGHT, CALL, RESULT, OUTPUT]
    parsed = [adapter.validate_python(s) for s in replay_steps([first, second])]
    assert [type(p).__name__ for p in parsed] == [
        "UserInputStep",
        "ModelOutputStep",
        "UserInputStep",
        "ThoughtStep",
        "FunctionCallStep",
        "FunctionResultStep",
        "ModelOutputStep",
    ]
    assert [type(c).__name__ for c in parsed[0].content] == ["TextContent", "ImageContent"]
    assert parsed[3].signature == "EvEFCu4F"
