"""Markdown to safe HTML for Qt's rich-text engine (QTextDocument / QTextBrowser).

CommonMark plus GFM tables and strikethrough, with three safety rules: raw HTML is escaped,
only http/https/mailto links keep an ``href``, and images are never loaded (they become links).
Fenced and indented code blocks are highlighted with Pygments and get a "Copy" link whose href is
``copy-code:<n>``, ``n`` counting code blocks from 0 across the whole message; block ``n`` is
``extract_code_blocks(text)[n]``.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from .highlight import highlight_code, language_of
from .theme import LIGHT, MONOSPACE_FAMILIES, RenderTheme

__all__ = [
    "COPY_CODE_SCHEME",
    "extract_code_blocks",
    "is_safe_href",
    "new_render_env",
    "open_fence_at_end",
    "render_fragment",
    "render_markdown",
]

COPY_CODE_SCHEME = "copy-code"
# Deep enough for any real answer; markdown-it drops content nested deeper than this instead of
# recursing, which is what keeps 10,000 ">" or 5,000 nested lists cheap.
MAX_NESTING = 32

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_IMAGE_SCHEMES = ("http://", "https://")
_IMAGE_MARK = "\U0001f5bc\ufe0f "
_CODE_INDEX_KEY = "gemini_desktop.code_index"
_PLAIN_CODE_KEY = "gemini_desktop.plain_code"

RenderEnv = MutableMapping[str, Any]


def is_safe_href(href: str, schemes: tuple[str, ...] = _SAFE_SCHEMES) -> bool:
    """True when a (normalised) link target uses one of the allowed schemes."""
    return href.lower().startswith(schemes)


def new_render_env() -> RenderEnv:
    """A fresh markdown-it environment: link references plus the running code-block index."""
    return {_CODE_INDEX_KEY: 0}


def render_markdown(text: str, *, theme: RenderTheme = LIGHT) -> str:
    """Render a whole message to safe, Qt-friendly HTML."""
    return render_fragment(text, new_render_env(), theme)


def render_fragment(text: str, env: RenderEnv, theme: RenderTheme = LIGHT, *, highlight: bool = True) -> str:
    """Render part of a message, continuing the code-block numbering and references in ``env``.

    Rendering consecutive top-level blocks with one shared ``env`` gives the same HTML as
    rendering them together; ``StreamingMarkdown`` relies on that. ``highlight=False`` only
    escapes code (for a large, still-growing tail that is rendered again and again).
    """
    if not text:
        return ""
    env[_PLAIN_CODE_KEY] = not highlight
    html: str = _parser(theme).render(text, env)
    return html


def extract_code_blocks(text: str) -> list[str]:
    """The raw code of every fenced or indented code block, in ``copy-code:<n>`` order.

    One trailing newline is dropped, as the block displays it.
    """
    tokens = _block_parser().parse(text, new_render_env())
    return [_code_of(tok) for tok in tokens if tok.type in ("fence", "code_block")]


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
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})
    md.enable("table")
    md.disable("inline")
    md.validateLink = _accept_any_link  # type: ignore[method-assign]  # markdown-it's documented hook
    return md


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
            "html": False,
            "maxNesting": MAX_NESTING,
            "linkify": _HAVE_LINKIFY,
        },
    )
    md.enable(["table", "strikethrough"])
    if _HAVE_LINKIFY:
        md.enable("linkify")
    md.validateLink = _accept_any_link  # type: ignore[method-assign]  # markdown-it's documented hook
    md.core.ruler.push("gemini_desktop_decorate", lambda state: _decorate(state, theme))
    _install_render_rules(md, theme)
    return md


def _decorate(state: StateCore, theme: RenderTheme) -> None:
    """Add the attributes Qt needs (it ignores most CSS) to block tokens after parsing."""
    for token in state.tokens:
        kind = token.type
        if kind == "paragraph_open":
            token.attrSet("dir", "auto")
        elif kind == "table_open":
            token.attrSet("border", "1")
            token.attrSet("cellspacing", "0")
            token.attrSet("cellpadding", "4")
            token.attrSet(
                "style",
                "border-collapse: collapse; border-style: solid; "
                f"border-color: {theme.border_color}; margin-top: 6px; margin-bottom: 6px;",
            )
        elif kind in ("th_open", "td_open"):
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                # Qt honours the align attribute, not CSS text-align, on cells.
                token.attrs.pop("style", None)
                token.attrSet("align", style.removeprefix("text-align:").strip())
        elif kind == "blockquote_open":
            token.attrSet("style", f"color: {theme.quote_color};")


def _install_render_rules(md: MarkdownIt, theme: RenderTheme) -> None:
    # A one-cell-per-row table is the only way to give a code block padding and a header in Qt,
    # which ignores padding on <pre>.
    card_open = (
        f'<table width="100%" cellspacing="0" cellpadding="6" '
        f'style="background-color: {theme.code_background}; margin-top: 6px; margin-bottom: 6px;">'
    )
    header_style = f"color: {theme.muted_color}; font-size: small;"
    pre_style = f"color: {theme.code_color}; font-family: {MONOSPACE_FAMILIES}; margin-top: 0px; margin-bottom: 0px;"
    inline_code_style = f"background-color: {theme.inline_code_background}; font-family: {MONOSPACE_FAMILIES};"

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
        return f'<a href="{escapeHtml(href)}">'

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
        return f'<a href="{escapeHtml(src)}">{label}</a>'

    md.add_render_rule("fence", fence)
    md.add_render_rule("code_block", code_block)
    md.add_render_rule("code_inline", code_inline)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    md.add_render_rule("image", image)


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
