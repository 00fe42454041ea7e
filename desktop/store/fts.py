"""Turning whatever the user typed into a safe FTS5 query.

Raw input must never reach ``MATCH``: quotes, ``AND``/``OR``/``NOT``/``NEAR``, ``*``, ``-``,
``:``, ``^`` and parentheses are FTS5 syntax and raise errors or change the meaning. We keep
only word characters, quote every word as a string (so operators become plain words) and
make each a prefix query, all words required.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
_MAX_TERMS = 16


def match_expression(query: str) -> str | None:
    """Return an FTS5 expression matching rows that contain every word as a prefix.

    ``None`` when the query holds no word characters (e.g. only emoji or punctuation).
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", query))
    if not words:
        return None
    # \w never matches '"', so wrapping in quotes cannot be escaped out of.
    return " ".join(f'"{word}"*' for word in words[:_MAX_TERMS])


def excerpt(text: str, needle: str, width: int = 60) -> str:
    """Return a one-line excerpt of ``text`` around the first ``needle`` (plain substring)."""
    index = text.find(needle)
    if index < 0:
        return ""
    start = max(0, index - width // 2)
    end = min(len(text), index + len(needle) + width // 2)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
