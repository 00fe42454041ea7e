"""Markdown as models write it (issue 11 §3): LaTeX math, the inline HTML models emit, answers too
long to lay out, long tables, and links whose text names another host. Field cases from
``tests/field_cases``."""

from __future__ import annotations

import base64
import html as html_lib
import random
import re
from pathlib import Path

import pytest

from desktop.domain.conversation import TextPart, Turn, TurnStatus
from desktop.domain.research import ResearchTask
from desktop.render import StreamingMarkdown, render_markdown
from desktop.render.links import deceptive_host
from desktop.render.markdown import (
    LONG_PARAGRAPH_CHARS,
    LONG_PREVIEW_CHARS,
    TABLE_CHUNK_ROWS,
    extract_long_paragraphs,
)
from desktop.render.math import MATH_DATA_PREFIX, typeset
from desktop.render.streaming import TAIL_RENDER_LIMIT
from desktop.services.conversation.export import export_conversation
from desktop.services.research.export import research_to_html, research_to_markdown
from desktop.store import BlobStore, ConversationRepository, open_database
from tests.benchmarks.pathological import big_table, long_line, math_answer
from tests.unit.render.safe_html import assert_safe_html

FIELD_CASES = Path(__file__).parents[2] / "field_cases"
MATH_MD = (FIELD_CASES / "math.md").read_text(encoding="utf-8")
MATRIX_SOURCE = "\\[\n\\begin{pmatrix}\n1 & 2 \\\\\n3 & 4\n\\end{pmatrix}\n\\]"
IMG_RE = re.compile(r'<img src="(data:image/svg\+xml;base64,[^"]+)" width="(\d+)" height="(\d+)"[^>]* title="([^"]*)"')


def formulas(html: str) -> list[tuple[str, int, int, str]]:
    """(data URI, width, height, source) of every typeset formula, in order."""
    return [(m[0], int(m[1]), int(m[2]), html_lib.unescape(m[3])) for m in IMG_RE.findall(html)]


def code_spans(html: str) -> list[str]:
    return [html_lib.unescape(c) for c in re.findall(r"<code[^>]*>(.*?)</code>", html, re.DOTALL)]


# -- math -----------------------------------------------------------------------------------------


def test_field_case_math_is_typeset_with_its_exact_source_as_title() -> None:
    html = render_markdown(MATH_MD)
    shown = formulas(html)
    assert [source for *_, source in shown] == [
        "\\(E=mc^2\\)",
        "$x_i + y_i$",
        "$a_1 = b_1$",
        MATRIX_SOURCE,
        "$$\\sum_{i=1}^{n} w_i \\cdot x_i$$",
    ]
    for uri, width, height, _ in shown:
        svg = base64.b64decode(uri.removeprefix(MATH_DATA_PREFIX)).decode()
        assert svg.startswith("<svg") and "<path" in svg and width > 0 and height > 0
    # Nothing of the formulas leaks as text, and the eaten-backslash rendering is gone.
    text = re.sub(r"<[^>]+>", "", html)
    assert "(E=mc^2)" not in text and "mc^2" not in text and "pmatrix" not in text
    # The display formulas are taller than the inline ones (the matrix has two rows).
    assert shown[3][2] > shown[0][2] and shown[4][2] > shown[0][2]
    assert_safe_html(html)


def test_field_case_math_as_source_keeps_every_backslash() -> None:
    html = render_markdown(MATH_MD, typeset_math=False)
    assert code_spans(html) == [
        "\\(E=mc^2\\)",
        "$x_i + y_i$",
        "$a_1 = b_1$",
        MATRIX_SOURCE,
        "$$\\sum_{i=1}^{n} w_i \\cdot x_i$$",
    ]
    assert "<img" not in html
    assert_safe_html(html)


@pytest.mark.parametrize(
    "text",
    [
        "It costs $5 and $10 today.",
        "Prices went from $5 to $7.50 and then $10.",
        "It is $5, $6 or $7.",
        "Prices: $ 5 and $ 10.",
        "Escaped \\$x\\$ stays text.",
        "A lone $ sign.",
    ],
)
def test_dollars_used_as_currency_stay_text(text: str) -> None:
    html = render_markdown(text + " Here $x^2$ is math.")
    assert [s for *_, s in formulas(html)] == ["$x^2$"]
    assert "<code" not in html
    assert text.replace("\\$", "$") in html


def test_a_formula_that_cannot_be_drawn_is_shown_as_its_exact_source() -> None:
    text = "Known \\(x^2\\), unknown \\(\\badcommand{x}\\), broken:\n\n$$\\frac{a}{$$\n"
    html = render_markdown(text)
    assert [s for *_, s in formulas(html)] == ["\\(x^2\\)"]
    assert code_spans(html) == ["\\(\\badcommand{x}\\)", "$$\\frac{a}{$$"]
    assert typeset("\\badcommand{x}", display=False) is None
    assert typeset("\\frac{", display=False) is None
    assert typeset("x" * 5_000, display=False) is None


def test_other_backslash_escapes_still_work_and_math_in_code_is_code() -> None:
    html = render_markdown("\\*not emphasis\\* and `\\(code\\)`\n\n```\n$x$\n```\n", typeset_math=False)
    assert "*not emphasis*" in html and "<em>" not in html
    assert code_spans(html)[0] == "\\(code\\)"
    assert "$x$" in html and "<img" not in render_markdown("`$x$`")


def test_formulas_follow_the_theme_colour() -> None:
    from desktop.render import DARK

    light = formulas(render_markdown("$x$"))[0][0]
    dark = formulas(render_markdown("$x$", theme=DARK))[0][0]
    assert DARK.math_color in base64.b64decode(dark.removeprefix(MATH_DATA_PREFIX)).decode()
    assert light != dark


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    ["\\(" * 10_000, "\\[\n" * 10_000, "$$\n" * 10_000, "$a" * 10_000, "x \\[ y " * 5_000],
    ids=["10k '\\('", "10k '\\[' lines", "10k '$$' lines", "10k '$a'", "5k inline '\\['"],
)
def test_unclosed_math_delimiters_complete_and_are_safe(text: str) -> None:
    html = render_markdown(text)
    assert_safe_html(html)


# -- inline HTML ----------------------------------------------------------------------------------


def test_br_sub_and_sup_are_rendered_in_paragraphs_and_table_cells() -> None:
    html = render_markdown(
        "H<sub>2</sub>O and E = mc<sup>2</sup>,<br>next line<BR/>and <br />more.\n\n"
        "| a | b |\n|---|---|\n| one<br>two | x<sup>n</sup> |\n"
    )
    assert "H<sub>2</sub>O" in html and "mc<sup>2</sup>" in html
    assert html.count("<br />") == 4
    assert "<td>one<br />two</td>" in html and "<td>x<sup>n</sup></td>" in html
    assert_safe_html(html)


def test_every_other_tag_stays_escaped() -> None:
    html = render_markdown(
        'a <b>bold</b> <span style="x">s</span> <img src="https://e/x.png"> <sub onclick="x()">y</sub> '
        "<sup>unclosed and </sub> wrong <script>alert(1)</script> <!-- c -->"
    )
    for literal in (
        "&lt;b&gt;bold&lt;/b&gt;",
        "&lt;span style=&quot;x&quot;&gt;",
        "&lt;img src=",
        "&lt;sub onclick=",
        "&lt;sup&gt;unclosed",
        "&lt;/sub&gt;",
        "&lt;script&gt;",
        "&lt;!-- c --&gt;",
    ):
        assert literal in html, literal
    assert "<sup>" not in html and "<sub>" not in html
    # ...while the allowed ones, in the same paragraph, are rendered.
    assert "x<sub>2</sub>" in render_markdown("<b>b</b> x<sub>2</sub> <span>s</span>")
    assert_safe_html(html)


# -- answers too long to lay out ------------------------------------------------------------------


def test_a_2_mb_line_shows_its_start_and_a_show_all_link() -> None:
    text = "Intro.\n\n" + long_line() + "\nAfter.\n"
    html = render_markdown(text)
    assert len(html) < LONG_PREVIEW_CHARS + 2_000
    assert "L" * LONG_PREVIEW_CHARS in html and "L" * (LONG_PREVIEW_CHARS + 1) not in html
    assert 'href="show-all:0"' in html and "2,000,000 characters" in html
    assert "Intro." in html and "After." in html
    assert extract_long_paragraphs(text) == ["L" * 2_000_000]
    assert_safe_html(html)


def test_long_paragraphs_are_numbered_across_a_streamed_message() -> None:
    text = "a" * (LONG_PARAGRAPH_CHARS + 1) + "\n\nshort\n\n" + "b" * (LONG_PARAGRAPH_CHARS + 5) + "\n"
    stream = StreamingMarkdown()
    for i in range(0, len(text), 7_000):
        stream.append(text[i : i + 7_000])
        stream.take_new_stable_html()
    html = stream.stable_html() + "".join(stream.finish())
    assert re.findall(r'href="show-all:(\d+)"', html) == ["0", "1"]
    assert [p[0] for p in extract_long_paragraphs(text)] == ["a", "b"]


def test_a_streaming_2_mb_line_renders_a_bounded_tail() -> None:
    stream = StreamingMarkdown()
    line = long_line()
    for i in range(0, len(line), 64 * 1024):
        stream.append(line[i : i + 64 * 1024])
        body, notice = stream.tail_parts()
        assert len(body) < LONG_PREVIEW_CHARS + 100
        if i + 64 * 1024 > LONG_PREVIEW_CHARS:
            assert "more characters of this block are arriving" in notice
    html = "".join(stream.finish())
    assert 'href="show-all:0"' in html and len(html) < LONG_PREVIEW_CHARS + 1_000


def test_a_streaming_table_renders_a_bounded_tail_and_pieces_of_it_become_stable() -> None:
    stream = StreamingMarkdown()
    text = big_table(800)
    stable_pieces = 0
    for i in range(0, len(text), 200):
        stream.append(text[i : i + 200])
        stable_pieces += len(stream.take_new_stable_html())
        body, _ = stream.tail_parts()
        # At most a piece's rows, the row being received and the header of the first piece.
        assert body.count("<tr>") <= TABLE_CHUNK_ROWS + 4
    assert stable_pieces >= 800 // TABLE_CHUNK_ROWS - 1
    assert stream.tail_html().count("<tr>") <= TABLE_CHUNK_ROWS + 4


def test_a_long_table_is_cut_into_pieces_that_line_up() -> None:
    html = render_markdown(big_table(100))
    assert html.count("<table") == -(-100 // TABLE_CHUNK_ROWS)
    assert html.count("<thead>") == 1 and html.count("<tr>") == 101
    assert 'width="20%"' in html and 'width="100%"' in html
    small = render_markdown(big_table(TABLE_CHUNK_ROWS - 1))
    assert small.count("<table") == 1 and "width=" not in small
    assert_safe_html(html)


@pytest.mark.parametrize(
    "text",
    [
        big_table(200),
        "intro line\n" + big_table(70)[19:] + "# heading\n| a | b |\n|---|---|\n" + "| x | y |\n" * 90 + "after\n",
        big_table(TABLE_CHUNK_ROWS) + big_table(TABLE_CHUNK_ROWS + 1),
        "| a |\n|---|\n" + "| r |\n" * (3 * TABLE_CHUNK_ROWS),
        MATH_MD + "\n\n" + math_answer(3),
    ],
    ids=["one long table", "paragraph+table, heading+table", "exact and one more", "one column", "math"],
)
def test_streamed_long_tables_and_math_render_like_the_whole_text(text: str) -> None:
    whole = render_markdown(text, typeset_math=False)
    for seed in range(8):
        rng = random.Random(seed)
        stream = StreamingMarkdown()
        out: list[str] = []
        i = 0
        while i < len(text):
            n = rng.choice([1, 9, 60, 700, 5_000])
            stream.append(text[i : i + n])
            i += n
            out += stream.take_new_stable_html(max_chars=rng.choice([None, 100, 5_000]))
            if rng.random() < 0.3:
                stream.tail_html()
        out += stream.finish()
        assert "".join(out) == whole, seed
        assert stream.text == text


def test_tail_limit_is_in_force() -> None:
    assert 1_000 <= TAIL_RENDER_LIMIT <= 20_000


# -- links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "href", "named"),
    [
        ("https://good.example.com/", "http://127.0.0.1:9/elsewhere", "good.example.com"),
        ("good.example.com", "https://evil.example.net/", "good.example.com"),
        ("paypal.com", "https://paypal.com.evil.net/login", "paypal.com"),
        ("www.bank.com/login", "https://bank.co/login", "bank.com"),
        ("invoice.zip", "https://evil.example/", "invoice.zip"),
        ("the documentation", "https://docs.example.com", None),
        ("https://github.com", "https://github.com/org/repo", None),
        ("example.com", "https://docs.example.com/a", None),
        ("www.python.org", "https://python.org/x", None),
        ("README.md", "https://github.com/org/repo/blob/main/README.md", None),
        ("me@example.com", "mailto:me@example.com", None),
        ("bücher.de", "https://xn--bcher-kva.de/", None),
        ("version 1.2", "https://example.org", None),
    ],
)
def test_deceptive_host(text: str, href: str, named: str | None) -> None:
    assert deceptive_host(text, href) == named


def test_field_case_deceptive_link_keeps_its_real_target_as_title() -> None:
    html = render_markdown((FIELD_CASES / "deceptive_link.md").read_text(encoding="utf-8"))
    assert (
        '<a href="http://127.0.0.1:9/elsewhere" title="http://127.0.0.1:9/elsewhere">https://good.example.com/</a>'
        in html
    )


# -- exports keep the source ----------------------------------------------------------------------


def test_conversation_exports_keep_the_latex_source(tmp_path: Path) -> None:
    repo = ConversationRepository(open_database(tmp_path / "db.sqlite3"))
    conv = repo.create("Math")
    answer = Turn.new(conv.id, None, [TextPart("formulas")])
    answer.answer = [TextPart(MATH_MD)]
    answer.status = TurnStatus.COMPLETED
    repo.add_turn(answer)
    blobs = BlobStore(tmp_path / "blobs")
    page = export_conversation(repo, blobs, conv.id, tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<img" not in page
    for source in ("\\(E=mc^2\\)", "$x_i + y_i$", "1 &amp; 2 \\\\", "$$\\sum_{i=1}^{n} w_i \\cdot x_i$$"):
        assert source in page, source
    markdown = export_conversation(repo, blobs, conv.id, tmp_path / "c.md").read_text(encoding="utf-8")
    assert MATH_MD.strip() in markdown


def test_research_exports_keep_the_latex_source() -> None:
    task = ResearchTask.new("Find the formula", "deep-research")
    task.report = MATH_MD
    page = research_to_html(task)
    assert "<img" not in page and "\\(E=mc^2\\)" in page and "1 &amp; 2 \\\\" in page
    assert MATH_MD.strip() in research_to_markdown(task)
