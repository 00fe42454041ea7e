"""Exports show an answer in API order: text, the tool steps where they ran, more text, then the sources."""

from __future__ import annotations

from desktop.domain.conversation import Conversation, TextPart, Turn, TurnStatus
from desktop.services.conversation.export import to_html, to_markdown

STEPS = [
    {"type": "model_output", "content": [{"type": "text", "text": "Let me compute. "}]},
    {"type": "code_execution_call", "id": "c1", "arguments": {"language": "python", "code": "print(6 * 7)"}},
    {"type": "code_execution_result", "call_id": "c1", "result": "42\n"},
    {
        "type": "model_output",
        "content": [
            {
                "type": "text",
                "text": "The answer is 42.",
                "annotations": [
                    {
                        "type": "url_citation",
                        "url": "https://h2g2.example/42",
                        "title": "Deep Thought",
                        "start_index": 0,
                        "end_index": 17,
                    }
                ],
            }
        ],
    },
]


def make_turn() -> Turn:
    turn = Turn.new("c", None, [TextPart("What is the answer?")])
    turn.answer = [TextPart("Let me compute. The answer is 42.")]
    turn.steps, turn.status = STEPS, TurnStatus.COMPLETED
    return turn


def test_markdown_interleaves_steps_and_text_in_api_order():
    md = to_markdown(Conversation.new("Answers"), [make_turn()])
    first, step, second, sources = (
        md.index("Let me compute."),
        md.index("Ran Python code"),
        md.index("The answer is 42.[[1]](https://h2g2.example/42)"),
        md.index("1. [Deep Thought](https://h2g2.example/42) — h2g2.example"),
    )
    assert first < step < second < sources
    assert "print(6 * 7)" in md and "42" in md[step:second]


def test_html_interleaves_steps_and_text_in_api_order():
    page = to_html(Conversation.new("Answers"), [make_turn()])
    first, step, second = (
        page.index("Let me compute."),
        page.index("Ran Python code"),
        page.index("The answer is 42."),
    )
    assert first < step < second
    assert '<a href="#source-1-1">1</a>' in page and 'id="source-1-1"' in page
