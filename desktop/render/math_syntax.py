"""markdown-it rules for LaTeX's bracket delimiters, ``\\( … \\)`` and ``\\[ … \\]``.

``mdit_py_plugins.dollarmath`` handles ``$`` and ``$$``; its sibling ``texmath`` would handle
brackets, but it copies the rest of the source and runs a regular expression over it at every
opening delimiter, which is quadratic on text with many unclosed ``\\(`` (a model can write that).
These rules search with ``str.find`` and remember where no closing delimiter exists, so each
paragraph is scanned a bounded number of times.

Tokens: ``math_inline`` (``\\(…\\)``), ``math_inline_double`` (``\\[…\\]`` inside a paragraph) and
``math_block`` (``\\[`` starting a line, ``\\]`` ending one; no blank line inside, so the
streaming block splitter never cuts one). ``markup`` is the opening delimiter; ``content`` is the
exact text between the delimiters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

__all__ = ["bracket_math_plugin"]

_PAIRS = {"\\(": "\\)", "\\[": "\\]"}
_MEMO_ATTR = "_gemini_desktop_math_memo"
_T = TypeVar("_T")


def bracket_math_plugin(md: MarkdownIt) -> None:
    """Add the rules (before ``escape``, which would otherwise eat the backslashes)."""
    md.inline.ruler.before("escape", "math_bracket_inline", _inline)
    md.block.ruler.before(
        "fence", "math_bracket_block", _block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )


def _inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    opening = src[pos : pos + 2]
    closing = _PAIRS.get(opening)
    if closing is None:
        return False
    # Once a closing delimiter is known to be absent from the rest of this paragraph, later
    # openings do not search again ("\(" repeated 10,000 times would be quadratic).
    no_close: set[str] = _memo(state, set)
    if closing in no_close:
        return False
    end = src.find(closing, pos + 2)
    if end == -1:
        no_close.add(closing)
        return False
    content = src[pos + 2 : end]
    if not content.strip():
        return False
    if not silent:
        token = state.push("math_inline" if opening == "\\(" else "math_inline_double", "math", 0)
        token.content = content
        token.markup = opening
    state.pos = end + 2
    return True


def _block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("\\[", begin):
        return False
    first = begin + 2
    # Lines before a known dead end (a blank line or the end with no closing line in between)
    # can only close on their own line; remembering it keeps a paragraph of "\[" lines linear.
    dead_ends: dict[int, int] = _memo(state, dict)
    key = end_line
    dead_end = dead_ends.get(key, -1)
    last = start_line + 1 if start_line < dead_end else end_line
    line = start_line
    content_end = -1
    while line < min(last, end_line):
        line_start = first if line == start_line else state.bMarks[line] + state.tShift[line]
        line_end = state.eMarks[line]
        if line != start_line and line_start >= line_end:
            break  # a blank line ends the attempt: display math never spans one
        text = state.src[line_start:line_end].rstrip()
        if text.endswith("\\]"):
            content_end = line_start + len(text) - 2
            break
        line += 1
    if content_end < 0:
        if last == end_line:
            dead_ends[key] = max(dead_end, line)
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = state.src[first:content_end]
    token.markup = "\\["
    token.map = [start_line, line + 1]
    state.line = line + 1
    return True


def _memo(state: Any, factory: Callable[[], _T]) -> _T:
    """Per-parse memory kept on the parser state (a new state for each parse or paragraph)."""
    memo = getattr(state, _MEMO_ATTR, None)
    if memo is None:
        memo = factory()
        setattr(state, _MEMO_ATTR, memo)
    return memo


def may_have_math(text: str) -> bool:
    """Whether ``text`` may hold a LaTeX formula (a cheap test: typesetting happens elsewhere)."""
    return "$" in text or "\\(" in text or "\\[" in text
