"""Syntax highlighting of code blocks with Pygments, as inline-styled HTML Qt understands."""

from __future__ import annotations

import html
from functools import lru_cache

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class_by_name, find_lexer_class_for_filename
from pygments.util import ClassNotFound

__all__ = ["MAX_HIGHLIGHT_CHARS", "highlight_code", "language_of"]

# Above this size a block is only escaped: Pygments runs at roughly 1 MB/s on regex-heavy
# lexers, and a message must never stall the GUI thread for long.
MAX_HIGHLIGHT_CHARS = 200_000


def language_of(info: str) -> str:
    """The language named by a fence info string (its first word), or ``""``."""
    words = info.strip().split(maxsplit=1)
    if not words:
        return ""
    # "{.python}" and "python{1,3}" are common spellings in the wild.
    return words[0].strip("{}.").split("{", 1)[0]


@lru_cache(maxsize=128)
def _lexer_for(language: str) -> Lexer | None:
    if not language:
        return None
    cls: type[Lexer] | None
    try:
        cls = find_lexer_class_by_name(language.lower())
    except ClassNotFound:
        # "main.rs" or "Dockerfile" as an info string: a filename match, no content guessing
        # (pygments.guess_lexer tries every lexer and is both slow and often wrong). Only for what
        # looks like a file name: the match compiles ~900 patterns (~200 ms, Python's regex cache is
        # too small to keep them), and a streamed fence shows every prefix ("pyt", "pyth"...) once.
        if "." not in language and not language[:1].isupper():
            return None
        cls = find_lexer_class_for_filename(language)
    if cls is None:
        return None
    # ensurenl=False and stripnl=False keep the text exactly as written.
    return cls(stripnl=False, ensurenl=False)


@lru_cache(maxsize=8)
def _formatter(style: str) -> HtmlFormatter[str]:
    return HtmlFormatter(noclasses=True, nowrap=True, style=style)


def highlight_code(code: str, language: str, style: str) -> str:
    """HTML for the inside of a ``<pre>``: spans with inline colours, or just escaped text.

    Falls back to escaping when the language is unknown or the code is too large to lex quickly.
    """
    lexer = _lexer_for(language)
    if lexer is None or len(code) > MAX_HIGHLIGHT_CHARS:
        return html.escape(code, quote=False)
    result: str = highlight(code, lexer, _formatter(style))
    # Some lexers emit a final newline token of their own; it would show as an empty last line.
    if result.endswith("\n") and not code.endswith("\n"):
        result = result[:-1]
    return result
