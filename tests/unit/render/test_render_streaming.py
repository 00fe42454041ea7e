"""Tests for desktop.render.streaming: incremental rendering of streamed Markdown."""

from __future__ import annotations

import random
import re
from html import unescape

import pytest

from desktop.render import StreamingMarkdown, extract_code_blocks, render_markdown
from desktop.render.streaming import TAIL_HIGHLIGHT_LIMIT
from tests.unit.render.safe_html import assert_safe_html, copy_indices

SAMPLES: dict[str, str] = {
    "prose": (
        "# Answer\n\nFirst paragraph with **bold** and a [link](https://example.com).\n"
        "It continues here.\n\nSecond paragraph 👋 مرحبا.\n\n## Next\n\nThird.\n"
    ),
    "code": (
        "Here is code:\n\n```python\ndef f(x):\n\n    return x  # blank line above\n\n\n"
        "print(f(1))\n```\n\nAnd some bash:\n\n~~~bash\necho hi\n\n~~~\n\n"
        "````md\n```\nnested fence text\n```\n````\n\nDone.\n"
    ),
    "lists": (
        "Steps:\n\n- tight a\n- tight b\n\nBetween.\n\n- loose a\n\n- loose b\n\n  continued b\n\n"
        "- loose c\n\n1. one\n2. two\n   - nested\n\n     nested para\n\n3. three\n\n"
        "* other bullet\n\n+ plus bullet\n\nEnd.\n"
    ),
    "llm_steps": (
        "To install:\n\n1. Create a venv:\n\n   ```bash\n   python -m venv .venv\n\n"
        "   source .venv/bin/activate\n   ```\n\n2. Install:\n\n   ```bash\n   pip install x\n"
        "   ```\n\nThen run it.\n\n- Bullet with code:\n  ```js\n  let a = 1;\n  ```\n\n"
        "Final words.\n"
    ),
    "misindented_fence": (
        "1. Step:\n   ```bash\n   npm install\n```\n\nThis text is inside the new fence.\n\n"
        "```\n\nAfter.\n\n- a\n\n  ```\n  x\n```\n\nfoo\n```\n\nbar\n"
    ),
    "tables": (
        "| a | b |\n|---|--:|\n| 1 | 2 |\n| 3 | 4 |\n\nText between.\n\n"
        "| only | header |\n| --- | --- |\n\n| not | a table |\n"
    ),
    "quotes": (
        "> quote one\ncontinued lazily\n\n> quote two\n>\n> - list in quote\n\n"
        "> ```\n> code in quote\n>\n> ```\n\nafter\n"
    ),
    "mixed": (
        "Setext heading\n===\n\nPara\n\n---\n\n    indented code\n\n    more code\n\n"
        "text\n\n[ref]: https://example.com/ref\n\nUses [ref] and [ref][].\n\n"
        "<script>alert(1)</script>\n\n![img](https://example.com/a.png)\n\n\n\n\tTab code\n"
    ),
    "crlf": "Line one\r\n\r\n```\r\ncode\r\n\r\n```\r\n\r\n- a\r\n\r\n- b\r\nend",
    "unclosed_fence": "Intro\n\n```python\nx = 1\n\n\ny = 2\n\nmore\n",
    "leading_blank_lines": "\n\n\nStart after blanks.\n\n\n\nMore.",
}


def chunk(text: str, rng: random.Random, max_size: int) -> list[str]:
    """Random deltas of 1..max_size characters."""
    pieces = []
    i = 0
    while i < len(text):
        size = rng.randint(1, max_size)
        pieces.append(text[i : i + size])
        i += size
    return pieces


def stream_all(deltas: list[str], rng: random.Random | None = None) -> tuple[str, StreamingMarkdown]:
    """Feed deltas, taking stable HTML (and sometimes the tail) along the way, then finish."""
    stream = StreamingMarkdown()
    out: list[str] = []
    for delta in deltas:
        stream.append(delta)
        if rng is None or rng.random() < 0.4:
            out.extend(stream.take_new_stable_html())
            stream.tail_html()
    out.extend(stream.finish())
    return "".join(out), stream


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# -- equivalence with rendering at once -----------------------------------------------------------


@pytest.mark.parametrize("name", list(SAMPLES))
def test_random_chunkings_render_exactly_like_the_whole_text(name: str) -> None:
    text = SAMPLES[name]
    whole = render_markdown(text)
    for seed in range(40):
        rng = random.Random(seed)
        got, stream = stream_all(chunk(text, rng, rng.choice([1, 3, 8, 25, 200])), rng)
        assert got == whole, (name, seed)
        assert visible_text(got) == visible_text(whole)
        assert stream.text == text.replace("\r\n", "\n")


@pytest.mark.parametrize("name", list(SAMPLES))
def test_stable_plus_tail_matches_the_text_received_so_far(name: str) -> None:
    # What the view shows at every moment is what a full render of the prefix would show.
    text = SAMPLES[name]
    rng = random.Random(7)
    stream = StreamingMarkdown()
    shown: list[str] = []
    received = ""
    for delta in chunk(text, rng, 6):
        stream.append(delta)
        received += delta
        shown.extend(stream.take_new_stable_html())
        assert "".join(shown) + stream.tail_html() == render_markdown(received), repr(received)


def test_fuzzed_documents_render_exactly_like_the_whole_text() -> None:
    # Lines picked at random from constructs whose block boundaries are easy to get wrong.
    pool = [
        "",
        "",
        "",
        "para text",
        "more *emph* text",
        "- item",
        "* star",
        "+ plus",
        "1. one",
        "2) two",
        "10. ten",
        "  - nested",
        "   ```",
        "  ```",
        "```",
        "```python",
        "~~~",
        "````",
        "  ~~~",
        "    indented",
        "> quote",
        "> - q item",
        ">",
        "# head",
        "---",
        "===",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 |",
        "  continued",
        "\tTabbed",
        " - one space",
        "   1. three",
        "* * *",
        "-",
        "1.",
        "``` `bad`",
        "  ````",
        "text ```inline``` x",
        "[r]: javascript:x",
    ]
    rng = random.Random(2024)
    checked = 0
    for _ in range(400):
        count = rng.randint(1, 40)
        lines = [rng.choice(pool) + rng.choice(["\n", "\n", "\r\n"]) for _ in range(count)]
        text = "".join(lines) + rng.choice(["", "tail", "```"])
        got, stream = stream_all(chunk(text, rng, 10), rng)
        if stream.late_references:
            continue  # a definition after its use: the documented exception
        checked += 1
        assert got == render_markdown(text), repr(text)
    assert checked > 300


# -- block boundaries -----------------------------------------------------------------------------


def test_finished_blocks_are_emitted_before_the_end_and_only_once() -> None:
    stream = StreamingMarkdown()
    stream.append("First para.\n\nSecond para.\n\nThird")
    first = stream.take_new_stable_html()
    assert "".join(first).count("First para.") == 1
    assert "Second para." in "".join(first)
    assert stream.take_new_stable_html() == []
    assert "Third" in stream.tail_html() and "First" not in stream.tail_html()
    rest = stream.finish()
    assert "Third" in "".join(rest) and "First" not in "".join(rest)
    assert stream.tail_html() == ""


def test_nothing_after_an_open_fence_becomes_stable() -> None:
    stream = StreamingMarkdown()
    stream.append("Before.\n\n```python\nx = 1\n\nNot a paragraph\n\nstill code\n\n")
    stable = "".join(stream.take_new_stable_html())
    assert "Before." in stable
    assert "Not a paragraph" not in stable
    assert "still code" in stream.tail_html()
    stream.append("```\n\nAfter.\n")
    stable = "".join(stream.take_new_stable_html())
    assert "still code" in stable and "<pre" in stable


def test_a_loose_list_is_not_cut_between_items() -> None:
    stream = StreamingMarkdown()
    stream.append("- a\n\n- b\n\n")
    assert stream.take_new_stable_html() == []
    stream.append("- c\n\nAfter the list.\n")
    stable = "".join(stream.take_new_stable_html())
    assert stable.count("<ul>") == 1 and stable.count("<li>") == 3
    assert '<p dir="auto">a</p>' in stable  # loose: each item is a paragraph


def test_tail_render_covers_only_the_unfinished_block() -> None:
    stream = StreamingMarkdown()
    for i in range(200):
        stream.append(f"Paragraph number {i} with some words.\n\n")
    stream.append("The last one is still stream")
    stream.take_new_stable_html()
    tail = stream.tail_html()
    assert "still stream" in tail
    assert "Paragraph number" not in tail


# -- code block numbering -------------------------------------------------------------------------


def test_copy_code_indices_continue_across_blocks_and_match_extract() -> None:
    text = "".join(
        f"Block {i}:\n\n```python\nvalue_{i} = {i}\n```\n\n" + ("- item\n\n      indented\n\n" if i % 3 == 0 else "")
        for i in range(12)
    )
    rng = random.Random(3)
    html, stream = stream_all(chunk(text, rng, 9), rng)
    blocks = extract_code_blocks(stream.text)
    assert copy_indices(html) == list(range(len(blocks)))
    for n, code in enumerate(blocks):
        # the block whose link says n shows exactly the code extract_code_blocks returns at n
        segment = html.split(f'href="copy-code:{n}"', 1)[1].split("</pre>", 1)[0]
        assert unescape(visible_text(segment)).endswith("\n" + code)


def test_tail_renders_do_not_consume_code_indices() -> None:
    stream = StreamingMarkdown()
    stream.append("```\none\n```\n\nText\n\n```\ntwo")
    for _ in range(3):
        assert copy_indices(stream.tail_html()) == [1]
    assert copy_indices("".join(stream.take_new_stable_html())) == [0]
    assert copy_indices("".join(stream.finish())) == [1]


# -- work per delta -------------------------------------------------------------------------------


def long_document() -> str:
    parts = []
    for i in range(150):
        parts.append(f"## Section {i}\n\nSome prose about item {i}, with `code` and *emphasis*.")
        parts.append(f"1. Step {i}:\n\n   ```bash\n   run --step {i}\n   ```\n\n2. Check it.")
        parts.append(f"```python\nfor n in range({i}):\n    print(n)\n```")
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("delta_size", [1, 7])
def test_appending_scans_each_character_a_bounded_number_of_times(delta_size: int) -> None:
    text = long_document()
    stream = StreamingMarkdown()
    for i in range(0, len(text), delta_size):
        stream.append(text[i : i + delta_size])
    # Rescanning the text on every delta would be ~len(text)**2 / (2 * delta_size) here.
    assert stream.scanned_chars <= 4 * len(text)
    assert stream.finish()


def test_a_long_line_without_newlines_is_not_rescanned() -> None:
    stream = StreamingMarkdown()
    for _ in range(50_000):
        stream.append("ab")
    assert stream.scanned_chars <= 2 * 100_000
    assert stream.text == "ab" * 50_000


def test_ambiguous_fences_after_list_items_are_settled_once() -> None:
    text = long_document()
    stream = StreamingMarkdown()
    stream.append(text)
    # 150 ambiguous step lists: at most one block parse each, and they still get cut into blocks.
    assert stream._splitter.oracle_calls <= 150
    assert len(stream.take_new_stable_html()) > 300


# -- lifecycle and details ------------------------------------------------------------------------


def test_crlf_split_across_deltas_is_one_line_end() -> None:
    stream = StreamingMarkdown()
    for delta in ["a\r", "\nb\r", "\r", "\nc\r"]:
        stream.append(delta)
    assert stream.text == "a\nb\n\nc\n"


def test_append_after_finish_is_an_error_and_finish_is_idempotent() -> None:
    stream = StreamingMarkdown()
    stream.append("text")
    assert "text" in "".join(stream.finish())
    assert stream.finish() == []
    assert stream.finished
    with pytest.raises(RuntimeError):
        stream.append("more")


def test_stable_html_accumulates_everything_taken_or_not() -> None:
    stream = StreamingMarkdown()
    stream.append("one\n\ntwo\n\nthree")
    stream.take_new_stable_html()
    stream.finish()
    assert stream.stable_html() == render_markdown("one\n\ntwo\n\nthree")


def test_huge_message_can_be_rendered_in_slices() -> None:
    text = long_document()
    stream = StreamingMarkdown()
    stream.append(text)
    slices = []
    while stream.has_unrendered_blocks:
        batch = stream.take_new_stable_html(max_chars=2_000)
        assert batch
        slices.append(batch)
    slices.append(stream.finish())
    assert len(slices) > 10
    assert "".join("".join(s) for s in slices) == render_markdown(text)


def test_large_open_code_tail_is_escaped_not_highlighted_until_finished() -> None:
    code = "value = '<>' + str(1)\n" * (TAIL_HIGHLIGHT_LIMIT // 20)
    stream = StreamingMarkdown()
    stream.append("```python\n" + code)
    tail = stream.tail_html()
    assert "<span" not in tail and "value = '&lt;&gt;'" in tail
    assert "<span style=" in "".join(stream.finish())


def test_small_open_code_tail_is_highlighted() -> None:
    stream = StreamingMarkdown()
    stream.append("```python\ndef f():\n    return 1\n")
    assert "<span style=" in stream.tail_html()


def test_late_reference_definition_is_flagged() -> None:
    forward = StreamingMarkdown()
    forward.append("See [docs][1].\n\nMore text.\n\n[1]: https://example.com/docs\n")
    html = "".join(forward.finish())
    assert forward.late_references
    assert "<a" not in html  # the link rendered before its definition arrived
    assert '<a href="https://example.com/docs" title="https://example.com/docs">docs</a>' in render_markdown(
        forward.text
    )

    backward = StreamingMarkdown()
    backward.append("[1]: https://example.com/docs\n\nSee [docs][1].\n")
    html = "".join(backward.finish())
    assert not backward.late_references
    assert '<a href="https://example.com/docs" title="https://example.com/docs">docs</a>' in html


def test_partial_reference_definition_in_the_tail_does_not_stick() -> None:
    stream = StreamingMarkdown()
    stream.append("[x]: https://example.com/pa")
    stream.tail_html()  # renders the truncated definition
    stream.append("ge\n\nSee [x].\n")
    assert '<a href="https://example.com/page" title="https://example.com/page">x</a>' in "".join(stream.finish())


def test_streamed_output_is_safe() -> None:
    text = SAMPLES["mixed"] + "[bad](javascript:alert(1)) ![i](data:image/png;base64,AAAA)\n"
    html, _ = stream_all(chunk(text, random.Random(1), 5))
    assert_safe_html(html)
    assert "<script" not in html
