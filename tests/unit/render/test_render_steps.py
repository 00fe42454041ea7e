"""Step fragments, citation markers and the search-suggestion sanitizer (no Qt)."""

from __future__ import annotations

from desktop.domain.steps import SourceRef, TextBlock, ToolBlock, blocks_from_steps, citations_of, cite, marked_text
from desktop.render import render_markdown
from desktop.render.steps import (
    link_markers,
    marker_placeholder,
    sanitize_suggestions,
    sources_html,
    sources_markdown,
    step_html,
    step_title,
)


def test_suggestions_lose_scripts_styles_images_handlers_and_unsafe_links():
    dirty = (
        '<style>.chip{color:red}</style><div class=chip onclick="x()"><script>alert(1)</script>'
        '<a href="https://www.google.com/search?q=a">a</a><a href="javascript:alert(2)">b</a>'
        '<img src="https://tracker.example/p.png"><iframe src="https://x"></iframe>'
        '<a href="file:///etc/passwd">c</a></div>'
    )
    clean = sanitize_suggestions(dirty)
    assert '<a href="https://www.google.com/search?q=a">a</a>' in clean
    for bad in ("script", "alert", "style", "color:red", "onclick", "img", "iframe", "javascript", "file:"):
        assert bad not in clean


def test_byte_offsets_become_character_offsets():
    text = "Café ☕ is open. Next."
    end = len("Café ☕ is open.".encode())
    (c,) = citations_of(text, [{"type": "place_citation", "name": "Café", "start_index": 0, "end_index": end}])
    assert text[: c.end] == "Café ☕ is open."


def test_markers_share_a_span_and_number_sources_by_first_appearance():
    text = "One. Two."
    notes = [
        {"type": "url_citation", "url": "https://b.org", "title": "B", "start_index": 5, "end_index": 9},
        {"type": "url_citation", "url": "https://a.org", "title": "A", "start_index": 0, "end_index": 4},
        {"type": "url_citation", "url": "https://c.org", "title": "C", "start_index": 0, "end_index": 4},
        {"type": "url_citation", "url": "https://a.org", "title": "A", "start_index": 5, "end_index": 9},
    ]
    blocks = [TextBlock(text, citations_of(text, notes))]
    cited = cite(blocks)
    assert [s.url for s in cited.sources] == ["https://a.org", "https://c.org", "https://b.org"]
    marked = marked_text(blocks, cited, lambda n: "[" + ",".join(map(str, n)) + "]")
    assert marked == "One.[1,2] Two.[3,1]"
    html = link_markers(render_markdown(marked_text(blocks, cited, marker_placeholder)), lambda n: f"#s{n}")
    assert '<sup>[<a href="#s1">1</a>,<a href="#s2">2</a>]</sup>' in html


def test_sources_list_shows_title_and_host_file_and_page_place_name():
    sources = [
        SourceRef("url", url="https://www.example.com/a", title="Example page"),
        SourceRef("file", file_name="report.pdf", page=4),
        SourceRef("place", url="https://maps.google.com/?cid=1", title="Café Central"),
        SourceRef("url", url="javascript:alert(1)", title="Bad"),
    ]
    html = sources_html(sources, anchor_prefix="s-")
    assert '<a href="https://www.example.com/a">Example page</a>' in html and "example.com" in html
    assert "report.pdf" in html and "page 4" in html and "Café Central" in html
    assert "javascript" not in html and 'id="s-2"' in html
    md = sources_markdown(sources)
    assert "1. [Example page](https://www.example.com/a) — example.com" in md
    assert "2. report.pdf — page 4" in md and "4. Bad" in md


def test_code_step_is_highlighted_and_an_error_is_red():
    steps = [
        {"type": "code_execution_call", "id": "c", "arguments": {"language": "python", "code": "x = 1 / 0"}},
        {"type": "code_execution_result", "call_id": "c", "result": "ZeroDivisionError", "is_error": True},
    ]
    (block,) = blocks_from_steps(steps)
    assert isinstance(block, ToolBlock) and block.is_error
    assert step_title(block) == "Python code failed"
    html = step_html(block)
    assert "<span" in html.split("ZeroDivisionError")[0]  # highlighted code before the output
    assert "#c62828" in html and "ZeroDivisionError" in html


def test_a_partial_language_name_is_not_matched_against_file_names(monkeypatch):
    # While a fence streams, its info string passes through "pyt", "pyth"...: each lookup by file
    # name compiled ~900 patterns (~200 ms), a stall on every code block of a streamed answer.
    from desktop.render import highlight

    calls: list[str] = []
    monkeypatch.setattr(highlight, "find_lexer_class_for_filename", calls.append)
    highlight._lexer_for.cache_clear()
    try:
        assert highlight._lexer_for("pyth") is None
        highlight._lexer_for("main.rs")
        assert highlight._lexer_for("Dockerfile") is not None  # a lexer name, found without file patterns
        assert calls == ["main.rs"]
    finally:
        highlight._lexer_for.cache_clear()
