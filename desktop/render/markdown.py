"""Markdown to safe HTML for Qt's rich-text engine (QTextDocument / QTextBrowser).

CommonMark plus GFM tables and strikethrough, with three safety rules: raw HTML is escaped (except
``<br>``, ``<sub>`` and ``<sup>``, which models use inside tables and formulas), only
http/https/mailto links keep an ``href`` (with the destination as ``title``, shown on hover), and
images are never loaded (they become links).
Fenced and indented code blocks are highlighted with Pygments and get a "Copy" link whose href is
``copy-code:<n>``, ``n`` counting code blocks from 0 across the whole message; block ``n`` is
``extract_code_blocks(text)[n]``.

LaTeX math (``\\( … \\)``, ``$ … $``, ``\\[ … \\]``, ``$$ … $$``) is kept verbatim; with
``typeset_math`` it becomes SVG images (``render.math``) whose ``title`` is the exact source,
otherwise, or when a formula cannot be drawn, the source is shown in a code span. ``$5 and $10``
stays text: a ``$`` formula may neither start nor end with a space nor touch a digit outside.

A paragraph longer than ``LONG_PARAGRAPH_CHARS`` is not parsed inline (nor laid out in full by Qt,
which costs seconds for a 2 MB line): its start is shown as plain text with a
``show-all:<n>`` link, ``n`` counting such paragraphs across the message;
``extract_long_paragraphs(text)[n]`` is its full text.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .highlight import highlight_code, language_of
from .math import typeset
from .math_syntax import bracket_math_plugin
from .theme import LIGHT, MONOSPACE_FAMILIES, RenderTheme

__all__ = [
    "COPY_CODE_SCHEME",
    "LONG_PARAGRAPH_CHARS",
    "SHOW_ALL_SCHEME",
    "extract_code_blocks",
    "extract_long_paragraphs",
    "is_safe_href",
    "new_render_env",
    "open_fence_at_end",
    "render_fragment",
    "render_markdown",
    "table_chunk_cut",
]

COPY_CODE_SCHEME = "copy-code"
SHOW_ALL_SCHEME = "show-all"
# A paragraph (or table cell) longer than this is shown as the plain text of its start, with a
# "Show all" link: laying out a 2 MB line takes Qt seconds, inline parsing it half a second.
LONG_PARAGRAPH_CHARS = 20_000
# How much of a long paragraph is shown (~30 ms of Qt layout even without spaces).
LONG_PREVIEW_CHARS = 6_000
# Deep enough for any real answer; markdown-it drops content nested deeper than this instead of
# recursing, which is what keeps 10,000 ">" or 5,000 nested lists cheap.
MAX_NESTING = 32

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_IMAGE_SCHEMES = ("http://", "https://")
_IMAGE_MARK = "\U0001f5bc\ufe0f "
_CODE_INDEX_KEY = "gemini_desktop.code_index"
_PLAIN_CODE_KEY = "gemini_desktop.plain_code"
_LONG_INDEX_KEY = "gemini_desktop.long_index"
_TYPESET_KEY = "gemini_desktop.typeset_math"
_ALLOWED_HTML = re.compile(r"<(/?)(br|sub|sup)\s*(/?)>", re.IGNORECASE)
_TABLE_CONTINUATION_KEY = "gemini_desktop.table_continuation"
# A table with this many body rows or more is cut into tables of this many rows, with equal
# column widths so they line up: Qt lays out a table as one piece (0.2 ms a row), so an 800-row
# table froze the window for ~0.3 s at once; in pieces, a streaming view adds one per refresh.
TABLE_CHUNK_ROWS = 20
_MATH_TYPES = ("math_inline", "math_inline_double", "math_block", "math_block_label")

RenderEnv = MutableMapping[str, Any]


def is_safe_href(href: str, schemes: tuple[str, ...] = _SAFE_SCHEMES) -> bool:
    """True when a (normalised) link target uses one of the allowed schemes."""
    return href.lower().startswith(schemes)


def new_render_env() -> RenderEnv:
    """A fresh markdown-it environment: link references plus the running code-block index."""
    return {_CODE_INDEX_KEY: 0, _LONG_INDEX_KEY: 0}


def render_markdown(text: str, *, theme: RenderTheme = LIGHT, typeset_math: bool = True) -> str:
    """Render a whole message to safe, Qt-friendly HTML.

    ``typeset_math=False`` shows formulas as their LaTeX source (exports, streaming).
    """
    return render_fragment(text, new_render_env(), theme, typeset_math=typeset_math)


def render_fragment(
    text: str,
    env: RenderEnv,
    theme: RenderTheme = LIGHT,
    *,
    highlight: bool = True,
    typeset_math: bool = True,
    table_continuation: bool = False,
) -> str:
    """Render part of a message, continuing the code-block numbering and references in ``env``.

    Rendering consecutive top-level blocks with one shared ``env`` gives the same HTML as
    rendering them together; ``StreamingMarkdown`` relies on that. ``highlight=False`` only
    escapes code (for a large, still-growing tail that is rendered again and again);
    ``typeset_math=False`` shows formulas as source (drawing them costs milliseconds each).
    ``table_continuation``: ``text`` starts with a table's header and delimiter rows followed by
    rows that continue a table already rendered, which the output continues without the header.
    """
    if not text:
        return ""
    env[_PLAIN_CODE_KEY] = not highlight
    env[_TYPESET_KEY] = typeset_math
    env[_TABLE_CONTINUATION_KEY] = table_continuation
    html: str = _parser(theme).render(text, env)
    return html


def extract_long_paragraphs(text: str) -> list[str]:
    """The full text of every paragraph or cell too long to render, in ``show-all:<n>`` order."""
    tokens = _block_parser().parse(text, new_render_env())
    out: list[str] = []
    for token in tokens:
        if token.type == "inline" and len(token.content) > LONG_PARAGRAPH_CHARS:
            out.append(token.content)
    return out


def extract_code_blocks(text: str) -> list[str]:
    """The raw code of every fenced or indented code block, in ``copy-code:<n>`` order.

    One trailing newline is dropped, as the block displays it.
    """
    tokens = _block_parser().parse(text, new_render_env())
    return [_code_of(tok) for tok in tokens if tok.type in ("fence", "code_block")]


def table_chunk_cut(text: str) -> tuple[int, int] | None:
    """Where streamed ``text`` can be cut inside a long table: (cut line, table's first line).

    The first top-level table with more than ``TABLE_CHUNK_ROWS`` body rows is cut after that
    many rows; rendering the lines before the cut, then the table's header and delimiter lines
    followed by the lines from the cut with ``table_continuation=True``, gives the same HTML as
    rendering ``text`` whole. ``None`` when no table is that long. Line numbers count from 0.
    """
    tokens = _block_parser().parse(text)
    for i, token in enumerate(tokens):
        if token.type != "table_open" or token.level != 0 or token.map is None:
            continue
        rows = _body_rows(tokens, i, _table_end(tokens, i))
        if len(rows) > TABLE_CHUNK_ROWS:
            row_map = tokens[rows[TABLE_CHUNK_ROWS][0]].map
            cut = row_map[0] if row_map else token.map[0] + 2 + TABLE_CHUNK_ROWS
            return cut, token.map[0]
    return None


def open_fence_at_end(text: str) -> tuple[str, int] | None:
    """The top-level fenced code block left open at the end of ``text``: (fence char, length).

    ``None`` when no top-level fence is open (one nested in a list item does not count: the item,
    and so the fence, ends at the next unindented line). ``text`` must end with a newline.
    """
    tokens = _block_parser().parse(text)
    last = next((t for t in reversed(tokens) if t.level == 0 and t.nesting >= 0), None)
    if last is None or last.type != "fence" or last.map is None:
        return None
    # A closed fence ends at its closing line; an open one runs to the last line.
    if last.map[1] < text.count("\n"):
        return None
    return last.markup[0], len(last.markup)


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    # Same block structure as _parser (this includes validateLink: whether "[x]: url" is a
    # reference definition or paragraph text changes what may follow), without inline parsing.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable("table")
    md.disable(["inline", "html_block"])
    _add_math_syntax(md)
    md.validateLink = _accept_any_link  # type: ignore[method-assign]  # markdown-it's documented hook
    return md


def _add_math_syntax(md: MarkdownIt) -> None:
    # Currency must stay text: "$5 and $10" has a space before the second "$", and "costs 5$"
    # a digit before it. $$…$$ inside a paragraph is display math too, as models write it.
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_blank_lines=False, double_inline=True)
    md.use(bracket_math_plugin)


def _accept_any_link(url: str) -> bool:
    # Parse every destination as a link so unsafe ones can be shown as their text alone instead
    # of as literal "[text](javascript:...)"; the render rules decide what keeps an href.
    return True


def _code_of(token: Token) -> str:
    content = token.content
    return content[:-1] if content.endswith("\n") else content


def _linkify_available() -> bool:
    # Optional: markdown-it-py only links bare URLs when linkify-it-py is installed.
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True


_HAVE_LINKIFY = _linkify_available()


@lru_cache(maxsize=4)
def _parser(theme: RenderTheme) -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {
            # Only inline HTML is parsed, and only <br>, <sub> and <sup> survive rendering;
            # block HTML would change the block structure the streaming splitter relies on.
            "html": True,
            "maxNesting": MAX_NESTING,
            "linkify": _HAVE_LINKIFY,
        },
    )
    md.enable(["table", "strikethrough"])
    md.disable("html_block")
    if _HAVE_LINKIFY:
        md.enable("linkify")
    _add_math_syntax(md)
    md.validateLink = _accept_any_link  # type: ignore[method-assign]  # markdown-it's documented hook
    md.core.ruler.before("inline", "gemini_desktop_long_paragraphs", _set_aside_long_paragraphs)
    md.core.ruler.push("gemini_desktop_chunk_tables", _chunk_tables)
    md.core.ruler.push("gemini_desktop_decorate", lambda state: _decorate(state, theme))
    _install_render_rules(md, theme)
    return md


def _set_aside_long_paragraphs(state: StateCore) -> None:
    """Inline content too long to parse and lay out becomes a ``long_text`` token (not parsed)."""
    for token in state.tokens:
        if token.type == "inline" and len(token.content) > LONG_PARAGRAPH_CHARS:
            token.type = "long_text"


def _chunk_tables(state: StateCore) -> None:
    """Cut long tables into tables of ``TABLE_CHUNK_ROWS`` body rows (see there).

    With the env's continuation flag (set by ``render_fragment(table_continuation=True)``), the
    first top-level table is the continuation of one already shown: its header is dropped.
    """
    continuation = bool(state.env.pop(_TABLE_CONTINUATION_KEY, False))
    tokens = state.tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type != "table_open":
            out.append(token)
            i += 1
            continue
        end = _table_end(tokens, i)
        rows = _body_rows(tokens, i, end)
        first_top_level = continuation and token.level == 0
        continuation = continuation and not first_top_level
        if len(rows) < TABLE_CHUNK_ROWS and not first_top_level:
            out.extend(tokens[i : end + 1])
            i = end + 1
            continue
        token.meta["chunked"] = True
        token.meta["columns"] = _first_row_cells(tokens, i, end)
        head_end = next((j for j in range(i, end) if tokens[j].type == "tbody_open"), end)
        out.append(token)
        if not first_top_level:
            out.extend(t for t in tokens[i + 1 : head_end] if t.type != "table_open")
        elif head_end == end:
            out.append(tokens[end])  # a header alone: nothing to continue
            i = end + 1
            continue
        tbody_open, tbody_close = tokens[head_end], tokens[rows[-1][1] + 1] if rows else tokens[end - 1]
        for n, (start, stop) in enumerate(rows):
            if n and n % TABLE_CHUNK_ROWS == 0:
                out += [tbody_close, tokens[end], token, tbody_open]
            elif n == 0:
                out.append(tbody_open)
            out.extend(tokens[start : stop + 1])
        if rows:
            out.append(tbody_close)
        out.append(tokens[end])
        i = end + 1
    state.tokens = out


def _first_row_cells(tokens: Sequence[Token], start: int, end: int) -> int:
    cells = 0
    for j in range(start, end):
        kind = tokens[j].type
        if kind in ("th_open", "td_open"):
            cells += 1
        elif kind == "tr_close":
            break
    return max(1, cells)


def _table_end(tokens: Sequence[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        kind = tokens[j].type
        if kind == "table_open":
            depth += 1
        elif kind == "table_close":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _body_rows(tokens: Sequence[Token], start: int, end: int) -> list[tuple[int, int]]:
    """(tr_open, tr_close) indices of the table's body rows."""
    rows: list[tuple[int, int]] = []
    in_body = False
    row_start = -1
    level = tokens[start].level
    for j in range(start, end):
        token = tokens[j]
        if token.type == "tbody_open" and token.level == level + 1:
            in_body = True
        elif in_body and token.type == "tr_open" and token.level == level + 2:
            row_start = j
        elif in_body and token.type == "tr_close" and token.level == level + 2:
            rows.append((row_start, j))
    return rows


def _pair_inline_html(children: list[Token]) -> None:
    """Mark the allowed inline tags that may be rendered: every <br>, and <sub>/<sup> pairs
    opened and closed in the same paragraph (an unclosed one would run on into what follows)."""
    open_tags: list[tuple[str, Token]] = []
    for child in children:
        if child.type != "html_inline":
            continue
        match = _ALLOWED_HTML.fullmatch(child.content.strip())
        if match is None:
            continue
        closing, name = bool(match.group(1)), match.group(2).lower()
        if name == "br":
            if not closing:
                child.meta["tag"] = "<br />"
            continue
        if match.group(3):
            continue  # "<sub/>" means nothing
        if not closing:
            open_tags.append((name, child))
        elif open_tags and open_tags[-1][0] == name:
            _, opener = open_tags.pop()
            opener.meta["tag"] = f"<{name}>"
            child.meta["tag"] = f"</{name}>"


def _decorate(state: StateCore, theme: RenderTheme) -> None:
    """Add the attributes Qt needs (it ignores most CSS) to block tokens after parsing."""
    cell_width = ""
    for token in state.tokens:
        kind = token.type
        if kind == "table_open":
            # Pieces of a long table get equal columns, so that they line up.
            columns = token.meta.get("columns")
            cell_width = f"{100 // columns}%" if columns else ""
        if kind == "inline" and token.children:
            _pair_inline_html(token.children)
        elif kind == "paragraph_open":
            token.attrSet("dir", "auto")
        elif kind == "table_open" and "border" not in (token.attrs or {}):
            # (A long table's pieces share their opening token: decorated once.)
            chunked = bool(token.meta.get("chunked"))
            token.attrSet("border", "1")
            token.attrSet("cellspacing", "0")
            token.attrSet("cellpadding", "4")
            if chunked:
                token.attrSet("width", "100%")
            margin = 0 if chunked else 6
            token.attrSet(
                "style",
                "border-collapse: collapse; border-style: solid; "
                f"border-color: {theme.border_color}; margin-top: {margin}px; margin-bottom: {margin}px;",
            )
        elif kind in ("th_open", "td_open"):
            if cell_width:
                token.attrSet("width", cell_width)
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                # Qt honours the align attribute, not CSS text-align, on cells.
                token.attrs.pop("style", None)
                token.attrSet("align", style.removeprefix("text-align:").strip())
        elif kind == "blockquote_open":
            token.attrSet("style", f"color: {theme.quote_color};")


def _install_render_rules(md: MarkdownIt, theme: RenderTheme) -> None:  # noqa: PLR0915 - one rule per token type
    # A one-cell-per-row table is the only way to give a code block padding and a header in Qt,
    # which ignores padding on <pre>.
    card_open = (
        f'<table width="100%" cellspacing="0" cellpadding="6" '
        f'style="background-color: {theme.code_background}; margin-top: 6px; margin-bottom: 6px;">'
    )
    header_style = f"color: {theme.muted_color}; font-size: small;"
    pre_style = f"color: {theme.code_color}; font-family: {MONOSPACE_FAMILIES}; margin-top: 0px; margin-bottom: 0px;"
    inline_code_style = f"background-color: {theme.inline_code_background}; font-family: {MONOSPACE_FAMILIES};"
    math_source_style = f"{inline_code_style} white-space: pre-wrap;"

    def code_block_html(code: str, language: str, env: RenderEnv) -> str:
        index = env.get(_CODE_INDEX_KEY, 0)
        env[_CODE_INDEX_KEY] = index + 1
        label = escapeHtml(language) if language else "code"
        body = escapeHtml(code) if env.get(_PLAIN_CODE_KEY) else highlight_code(code, language, theme.pygments_style)
        return (
            f"{card_open}\n"
            f'<tr><td style="{header_style}">{label}&nbsp;&nbsp;'
            f'<a href="{COPY_CODE_SCHEME}:{index}" style="color: {theme.link_color};">Copy</a></td></tr>\n'
            f'<tr><td><pre style="{pre_style}">{body}</pre></td></tr>\n'
            "</table>\n"
        )

    def fence(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        token = tokens[idx]
        info = unescapeAll(token.info) if token.info else ""
        return code_block_html(_code_of(token), language_of(info), env)

    def code_block(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        return code_block_html(_code_of(tokens[idx]), "", env)

    def code_inline(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        return f'<code style="{inline_code_style}">{escapeHtml(tokens[idx].content)}</code>'

    def link_open(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        close = _matching_close(tokens, idx)
        if not is_safe_href(href):
            # Keep the visible text, drop the link: the pair renders as nothing.
            if close is not None:
                tokens[close].meta["drop"] = True
            return ""
        # An image inside a link would otherwise become a nested <a>.
        for inner in tokens[idx + 1 : close]:
            if inner.type == "image":
                inner.meta["in_link"] = True
        # The title is the real destination: Qt shows it as the link's tool tip, browsers too.
        return f'<a href="{escapeHtml(href)}" title="{escapeHtml(href)}">'

    def link_close(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        return "" if tokens[idx].meta.get("drop") else "</a>"

    def image(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        # Never <img>: loading a remote or data: image would leak the user's address or let a
        # message embed arbitrary pictures. Show the alt text, linked to the image if it is http(s).
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = renderer.renderInlineAsText(token.children or [], options, env)
        safe = is_safe_href(src, _IMAGE_SCHEMES)
        label = escapeHtml(_IMAGE_MARK + (alt or (src if safe else "image")))
        if not safe or token.meta.get("in_link"):
            return label
        return f'<a href="{escapeHtml(src)}" title="{escapeHtml(src)}">{label}</a>'

    def html_inline(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        token = tokens[idx]
        return str(token.meta.get("tag") or escapeHtml(token.content))

    def long_text(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        index = env.get(_LONG_INDEX_KEY, 0)
        env[_LONG_INDEX_KEY] = index + 1
        content = tokens[idx].content
        preview = escapeHtml(content[:LONG_PREVIEW_CHARS])
        return (
            f"{preview}… "
            f'<a href="{SHOW_ALL_SCHEME}:{index}" style="{header_style}">'
            f"Show all ({len(content):,} characters)</a>"
        )

    def math(
        renderer: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: RenderEnv,
    ) -> str:
        token = tokens[idx]
        block = token.type in ("math_block", "math_block_label")
        display = block or token.type == "math_inline_double"
        source = math_source(token)
        formula = typeset(token.content, display=display, color=theme.math_color) if env.get(_TYPESET_KEY) else None
        if formula is None:
            if block:
                return f'<p dir="ltr"><code style="{math_source_style}">{escapeHtml(source)}</code></p>\n'
            return f'<code style="{inline_code_style}">{escapeHtml(source)}</code>'
        image = (
            f'<img src="{formula.src}" width="{formula.width}" height="{formula.height}" '
            f'style="vertical-align: middle;" title="{escapeHtml(source)}" />'
        )
        return f'<p align="center">{image}</p>\n' if block else image

    md.add_render_rule("html_inline", html_inline)
    md.add_render_rule("long_text", long_text)
    for kind in _MATH_TYPES:
        md.add_render_rule(kind, math)
    md.add_render_rule("fence", fence)
    md.add_render_rule("code_block", code_block)
    md.add_render_rule("code_inline", code_inline)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    md.add_render_rule("image", image)


_CLOSING = {"\\(": "\\)", "\\[": "\\]", "$": "$", "$$": "$$"}


def math_source(token: Token) -> str:
    """The exact source of a math token, delimiters included (``\\(E=mc^2\\)``)."""
    opening = token.markup
    source = f"{opening}{token.content}{_CLOSING.get(opening, opening)}"
    if token.type == "math_block_label":
        source += f" ({token.info})"
    return source


def _matching_close(tokens: Sequence[Token], idx: int) -> int | None:
    depth = 0
    for j in range(idx + 1, len(tokens)):
        kind = tokens[j].type
        if kind == "link_open":
            depth += 1
        elif kind == "link_close":
            if depth == 0:
                return j
            depth -= 1
    return None
