"""Find where streamed Markdown can be cut into independently renderable top-level blocks.

A cut is made before a line ``L`` only when rendering the text before ``L`` and the text from
``L`` separately gives the same HTML as rendering both together. With raw HTML disabled, that holds
when all of these do:

* a blank line precedes ``L`` (nothing but a fenced code block survives a blank line followed by
  an unindented line);
* ``L`` is not indented (an indented line may continue a list item or an indented code block);
* no top-level fenced code block is open. Fences are tracked line by line as a set of possible
  states, because a fence line indented 2-3 spaces after a list item may belong to the item
  (closed when the item ends) or open a top-level fence. When the possibilities disagree at a
  candidate cut, a caller-supplied oracle (a real block parse of the pending text) says which
  fence, if any, is open, and the set collapses to that answer;
* ``L`` is not a list item while a list may still be open (it would join that list, and a blank
  line between items makes the whole list loose).

The one effect this cannot see is a link reference definition used *before* it is defined; such a
link renders as text when the definition arrives in a later block.

The scanner looks at each line once, so feeding a stream costs time linear in its length; the
oracle parses the pending block only where fences are ambiguous, and its answer removes the
ambiguity, so it runs at most once per ambiguous fence line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["BlockSplitter"]

_FENCE_RE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
_LIST_ITEM_RE = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_LIST_MARKER_PREFIX_RE = re.compile(r"[-+*]|[0-9]{1,9}[.)]?")
# A fence indented this many spaces after a list item may belong to the item (CommonMark).
_LIST_CONTINUATION_INDENT = 2


@dataclass(frozen=True, slots=True)
class _Fence:
    char: str
    length: int


# None means "not inside a top-level fence".
_State = _Fence | None

FenceOracle = Callable[[], "tuple[str, int] | None"]
"""Returns the top-level fence open at the end of the text fed so far, as (char, length)."""


class BlockSplitter:
    """Decides, line by line, where top-level block boundaries fall.

    For each line, ``start_line`` may be called with the line's first characters as they arrive
    (a boundary can usually be recognised from one or two of them), then ``end_line`` with the
    whole line. Whichever decides first reports True if a boundary lies just before the line;
    each line's boundary is reported once.
    """

    PEEK_CHARS = 16
    """Characters of a line always enough for ``start_line`` to decide."""

    def __init__(self, oracle: FenceOracle) -> None:
        self._oracle = oracle
        self._states: frozenset[_State] = frozenset({None})
        self._prev_blank = False
        self._has_content = False
        self._maybe_in_list = False
        self._decided = False  # the current line's boundary was already reported
        self.chars_scanned = 0
        """Characters of the lines examined so far."""
        self.oracle_calls = 0
        """How many times the fence state had to be settled by the oracle."""

    def start_line(self, prefix: str) -> bool | None:
        """Decide early from the start of the current line: True/False once, else None."""
        if self._decided or not prefix:
            return None
        self.chars_scanned += len(prefix)
        if prefix[0] in " \t\r":
            # Indented or blank: never starts a block (a blank line is only a separator).
            return self._decide(False)
        if not (self._prev_blank and self._has_content):
            return self._decide(False)
        if self._maybe_in_list:
            if _LIST_ITEM_RE.match(prefix):
                return self._decide(False)
            if _LIST_MARKER_PREFIX_RE.fullmatch(prefix):
                return None  # "1" or "-" could still become a list item
        if None in self._states and len(self._states) > 1:
            self.oracle_calls += 1
            answer = self._oracle()
            self._states = frozenset({None if answer is None else _Fence(*answer)})
        boundary = self._states == {None}
        if boundary:
            self._maybe_in_list = False
        return self._decide(boundary)

    def end_line(self, line: str) -> bool:
        """Consume a complete line (without its newline); True if a block starts with it."""
        stripped = line.rstrip("\r")
        boundary = False
        if not self._decided:
            # A complete line always decides: a bare list marker is a list item at line end.
            boundary = bool(self.start_line(stripped)) if stripped else False
        self._decided = False
        self.chars_scanned += len(line)
        self._advance(stripped, not stripped.strip(" \t"))
        return boundary

    def _decide(self, boundary: bool) -> bool:
        self._decided = True
        return boundary

    def _advance(self, line: str, blank: bool) -> None:
        self._prev_blank = blank
        if blank:
            return
        self._has_content = True
        fence = _parse_fence(line)
        if None in self._states and _LIST_ITEM_RE.match(line):
            self._maybe_in_list = True
        if fence is None:
            return
        indent, marks, opens, closes = fence
        new_states: set[_State] = set()
        for state in self._states:
            if state is None:
                if opens:
                    new_states.add(marks)
                # Indented 2-3 spaces after a list item, it may belong to the item instead.
                if not opens or (indent >= _LIST_CONTINUATION_INDENT and self._maybe_in_list):
                    new_states.add(None)
            elif closes and marks.char == state.char and marks.length >= state.length:
                new_states.add(None)
            else:
                new_states.add(state)
        self._states = frozenset(new_states)


def _parse_fence(line: str) -> tuple[int, _Fence, bool, bool] | None:
    """For a fence-looking line: (indent, its marks, can it open a fence, can it close one)."""
    match = _FENCE_RE.match(line)
    if match is None:
        return None
    indent, marks, info = match.groups()
    # A backtick fence's info string may not contain backticks (it would be inline code).
    opens = not (marks[0] == "`" and "`" in info)
    closes = not info.strip(" \t")
    return len(indent), _Fence(marks[0], len(marks)), opens, closes
