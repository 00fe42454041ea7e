"""Tests for desktop.render.markdown: Markdown to safe, Qt-friendly HTML."""

from __future__ import annotations

import re

import pytest

from desktop.render import (
    DARK,
    LIGHT,
    extract_code_blocks,
    render_markdown,
    render_plain,
)
from desktop.render.highlight import MAX_HIGHLIGHT_CHARS
from desktop.render.markdown import MAX_NESTING
from tests.benchmarks.render_stream import pathological_inputs
from tests.unit.render.safe_html import assert_safe_html, copy_indices

# -- structure ------------------------------------------------------------------------------------


def test_headings_paragraphs_and_emphasis() -> None:
    html = render_markdown("# Title\n\n### Sub\n\nSome **bold**, *em* and ~~gone~~ text.")
    assert "<h1>Title</h1>" in html
    assert "<h3>Sub</h3>" in html
    assert "<strong>bold</strong>" in html
    assert "<em>em</em>" in html
    assert "<s>gone</s>" in html
    assert '<p dir="auto">' in html
    assert_safe_html(html)


def test_lists_bullet_ordered_and_nested() -> None:
    html = render_markdown("- a\n- b\n  1. x\n  2. y\n\n3. three\n4. four\n")
    assert html.count("<ul>") == 1
    assert "<li>a</li>" in html
    assert "<ol>" in html  # nested list starting at 1
    assert '<ol start="3">' in html
    assert "<li>four</li>" in html


def test_table_has_borders_padding_and_alignment() -> None:
    html = render_markdown("| Name | Qty |\n|:-----|----:|\n| tea | 2 |\n| cake | 10 |\n")
    table_tag = re.search(r"<table[^>]*>", html)
    assert table_tag is not None
    assert 'border="1"' in table_tag.group(0)
    assert 'cellpadding="4"' in table_tag.group(0)
    assert 'cellspacing="0"' in table_tag.group(0)
    assert '<th align="left">Name</th>' in html
    assert '<td align="right">10</td>' in html
    assert "text-align" not in html  # Qt ignores it on cells; the align attribute replaces it
    assert_safe_html(html)


def test_blockquote_and_rule() -> None:
    html = render_markdown("> quoted\n\n---\n")
    assert "<blockquote" in html and "quoted" in html
    assert "<hr />" in html


def test_inline_code_is_escaped_and_monospace() -> None:
    html = render_markdown("Use `a < b && c` here")
    assert "a &lt; b &amp;&amp; c" in html
    code = re.search(r"<code style=\"([^\"]*)\">", html)
    assert code is not None and "monospace" in code.group(1)


# -- links and images -----------------------------------------------------------------------------


def test_safe_links_keep_their_href() -> None:
    html = render_markdown(
        "[site](https://example.com/a?b=1&c=2) [plain](http://example.org) "
        "[mail](mailto:me@example.com) <https://auto.example>"
    )
    # The title (the tool tip on hover) is the real destination.
    assert '<a href="https://example.com/a?b=1&amp;c=2" title="https://example.com/a?b=1&amp;c=2">site</a>' in html
    assert '<a href="http://example.org" title="http://example.org">plain</a>' in html
    assert '<a href="mailto:me@example.com" title="mailto:me@example.com">mail</a>' in html
    assert '<a href="https://auto.example" title="https://auto.example">https://auto.example</a>' in html


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=",
        "./relative/page.html",
        "/absolute/path",
        "#anchor",
        "ftp://example.com/x",
    ],
)
def test_unsafe_links_lose_their_href_but_keep_their_text(target: str) -> None:
    html = render_markdown(f"before [click me]({target}) after")
    assert "click me" in html
    assert "<a" not in html
    assert_safe_html(html)


def test_unsafe_autolink_and_reference_link_are_plain_text() -> None:
    html = render_markdown("<javascript:alert(1)>\n\n[x][bad]\n\n[bad]: javascript:alert(2)\n")
    assert "<a" not in html
    assert "javascript:alert(1)" in html  # shown, escaped, as text
    assert_safe_html(html)


def test_raw_html_is_escaped() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\nText <b onclick="x()">bold</b> '
        '<img src="https://evil/x.png"> <iframe src=x></iframe>'
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b onclick=" in html
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert_safe_html(html)


def test_remote_image_becomes_a_link_never_an_img() -> None:
    html = render_markdown("![a cat](https://example.com/cat.png)")
    assert "<img" not in html
    assert re.search(r'<a href="https://example.com/cat.png" title="[^"]*">[^<]*a cat</a>', html)
    assert_safe_html(html)


def test_image_without_alt_shows_its_url() -> None:
    html = render_markdown("![](https://example.com/dog.png)")
    assert re.search(r'<a href="https://example.com/dog.png"[^>]*>[^<]*https://example.com/dog.png</a>', html)


@pytest.mark.parametrize(
    "src",
    [
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/gif;base64,R0lGOD",
        "file:///tmp/x.png",
        "local.png",
        "javascript:alert(1)",
    ],
)
def test_untrusted_image_sources_are_text_only(src: str) -> None:
    html = render_markdown(f"![pic]({src})")
    assert "<img" not in html
    assert "<a" not in html
    assert "pic" in html
    assert_safe_html(html)


def test_image_inside_link_does_not_nest_anchors() -> None:
    html = render_markdown("[![badge](https://img.example/b.svg)](https://example.com)")
    assert html.count("<a ") == 1
    assert '<a href="https://example.com" title="https://example.com">' in html and "badge" in html
    assert "<img" not in html


def test_bare_urls_are_linked() -> None:
    html = render_markdown("see https://example.com/page for more")
    assert '<a href="https://example.com/page" title="https://example.com/page">' in html


# -- code blocks ----------------------------------------------------------------------------------


def test_fenced_code_is_highlighted_with_inline_styles() -> None:
    html = render_markdown("```python\ndef greet(name):\n    return f'hi {name}'\n```\n")
    assert "<pre" in html
    assert re.search(r'<span style="[^"]*color: #[0-9A-Fa-f]{3,6}', html)
    assert "class=" not in html  # Qt ignores classes: styles must be inline
    assert "python" in html
    assert re.search(r'href="copy-code:0"[^>]*>Copy</a>', html)
    assert_safe_html(html)


def test_code_block_markup_characters_are_escaped() -> None:
    html = render_markdown("```html\n<script>alert('x')</script>\n```\n")
    assert "<script" not in html
    assert "&lt;" in html
    assert_safe_html(html)


def test_unknown_or_missing_language_is_plain_escaped_text() -> None:
    for source in ("```nosuchlang\nif a < b: pass\n```\n", "```\nif a < b: pass\n```\n"):
        html = render_markdown(source)
        assert "if a &lt; b: pass" in html
        assert "<span" not in html
        assert copy_indices(html) == [0]


def test_language_from_filename_info_string() -> None:
    html = render_markdown("```main.rs\nfn main() {}\n```\n")
    assert "<span style=" in html


def test_very_long_code_is_escaped_without_highlighting() -> None:
    code = "x = '<' * 3\n" * (MAX_HIGHLIGHT_CHARS // 12 + 10)
    html = render_markdown(f"```python\n{code}```\n")
    assert "<span" not in html
    assert "x = '&lt;' * 3" in html


def test_indented_code_block_is_a_code_block() -> None:
    html = render_markdown("para\n\n    indented <code>\n")
    assert "<pre" in html and "indented &lt;code&gt;" in html
    assert copy_indices(html) == [0]


def test_copy_indices_count_every_block_in_document_order() -> None:
    text = (
        "```js\nconst a = 1;\n```\n\n"
        "- item\n\n  ```bash\n  echo nested\n  ```\n\n"
        "> ```\n> in quote\n> ```\n\n"
        "    indented\n\n"
        "~~~python\nprint('tilde')\n~~~\n"
    )
    html = render_markdown(text)
    assert copy_indices(html) == [0, 1, 2, 3, 4]
    assert extract_code_blocks(text) == [
        "const a = 1;",
        "echo nested",
        "in quote",
        "indented",
        "print('tilde')",
    ]


def test_copy_indices_match_extract_after_an_unsafe_reference_definition() -> None:
    # "[r]: javascript:x" is still a reference definition, so the indented line is code.
    text = "[r]: javascript:x\n    code\n"
    assert copy_indices(render_markdown(text)) == [0]
    assert extract_code_blocks(text) == ["code"]


def test_extract_code_blocks_keeps_inner_blank_lines_and_unclosed_fence() -> None:
    text = "intro `not a block`\n\n```py\na = 1\n\n\nb = 2\n```\n\ntext\n\n```\nunclosed\n"
    assert extract_code_blocks(text) == ["a = 1\n\n\nb = 2", "unclosed"]
    assert extract_code_blocks("no code here") == []


def test_unclosed_fence_renders_to_the_end() -> None:
    html = render_markdown("Intro\n\n```python\nx = 1\nprint(x)\n")
    assert "<pre" in html
    assert "print" in html
    assert copy_indices(html) == [0]
    assert_safe_html(html)


# -- text fidelity --------------------------------------------------------------------------------


def test_emoji_and_right_to_left_text_pass_through() -> None:
    text = "Hello 👋🏽 family: 👨‍👩‍👧 — مرحبا بالعالم — שלום עולם"
    html = render_markdown(text)
    assert text in html
    assert 'dir="auto"' in html


def test_render_plain_escapes_and_keeps_newlines() -> None:
    html = render_plain("<b>not bold</b> **nor this**\nline two\r\n  indented")
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert "**nor this**" in html
    assert "line two<br />  indented" in html
    assert "white-space: pre-wrap" in html
    assert "<strong>" not in html
    assert_safe_html(html)


def test_dark_theme_changes_code_colours() -> None:
    source = "```python\nx = 1\n```\n"
    light, dark = render_markdown(source, theme=LIGHT), render_markdown(source, theme=DARK)
    assert DARK.code_background in dark and DARK.code_background not in light
    assert light != dark


def test_empty_input_renders_nothing() -> None:
    assert render_markdown("") == ""
    assert extract_code_blocks("") == []


# -- pathological input ---------------------------------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(pathological_inputs()))
def test_pathological_input_completes_and_is_safe(name: str) -> None:
    text = pathological_inputs()[name]
    html = render_markdown(text)
    assert html
    assert_safe_html(html)
    extract_code_blocks(text)


def test_deep_nesting_is_capped_instead_of_recursing() -> None:
    # Python's recursion limit is 1000: without markdown-it's maxNesting this would raise.
    html = render_markdown("> " * 2000 + "deep text")
    assert html.count("<blockquote") == MAX_NESTING
    assert_safe_html(html)


@pytest.mark.parametrize(
    "bad",
    [
        '<img src="https://x/y.png">',
        '<a href="javascript:x()">a</a>',
        '<p onclick="x()">a</p>',
        "<script>x</script>",
        '<a href="file:///etc">f</a>',
    ],
)
def test_the_safety_check_itself_rejects_unsafe_markup(bad: str) -> None:
    with pytest.raises(AssertionError):
        assert_safe_html(bad)
