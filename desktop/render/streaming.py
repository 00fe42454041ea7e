"""Incremental Markdown rendering for answers that arrive as a stream of text deltas.

Re-rendering a whole message on every delta is quadratic (measured: 31 s for 400 deltas into a
70 kB answer). Here the text is cut into top-level blocks at boundaries where cutting cannot change
the output (see ``blocks``); a finished block is rendered once, and only the unfinished tail is
rendered again when the view asks for it (on a ~30 Hz timer).

Typical use from a view::

    stream = StreamingMarkdown()
    stream.append(delta)                        # for each delta, cheap
    for html in stream.take_new_stable_html():  # on the timer: append finished blocks once
        ...
    tail = stream.tail_html()                   # and replace the previous tail with this
    ...
    for html in stream.finish():                # when the answer is complete; no tail remains
        ...

The concatenation of every block returned by ``take_new_stable_html``/``finish`` equals
``render_markdown(stream.text)``, and ``copy-code:<n>`` links number code blocks across the whole
message, matching ``extract_code_blocks(stream.text)``. The one exception: a link that uses a
reference definition appearing in a later block renders as plain text (``late_references`` says
when that may have happened).
"""

from __future__ import annotations

import copy
import html as html_lib

from .blocks import BlockSplitter
from .markdown import (
    LONG_PREVIEW_CHARS,
    TABLE_CHUNK_ROWS,
    RenderEnv,
    new_render_env,
    open_fence_at_end,
    render_fragment,
    table_chunk_cut,
)
from .theme import LIGHT, RenderTheme

__all__ = ["TAIL_HIGHLIGHT_LIMIT", "TAIL_RENDER_LIMIT", "StreamingMarkdown"]

# A tail this long is almost always one big code block still streaming; it is re-rendered on every
# refresh, so its code is only escaped (cheap) until the block is finished and highlighted once.
TAIL_HIGHLIGHT_LIMIT = 8_000
# Of a longer unfinished block (an 800-row table, a 2 MB line) only the first lines up to this
# many characters are rendered at each refresh, followed by a count of the rest: rendering and
# laying out all of it 30 times a second froze the window for seconds.
TAIL_RENDER_LIMIT = 4_000


class StreamingMarkdown:
    """Accumulates streamed Markdown and renders finished blocks once and the tail on demand."""

    def __init__(self, *, theme: RenderTheme = LIGHT, typeset_math: bool = False) -> None:
        self._theme = theme
        # Drawing a formula costs milliseconds on the GUI thread: while streaming, formulas show as
        # source; a view re-renders the finished message with them typeset, off the GUI thread.
        self._typeset_math = typeset_math
        self._env: RenderEnv = new_render_env()
        self._splitter = BlockSplitter(oracle=self._open_fence_in_block)
        self._stable_sources: list[str] = []
        self._block_lines: list[str] = []  # complete lines ("\n" included) of the open block
        self._partial: list[str] = []  # pieces of the line still being received
        self._partial_len = 0
        self._skip_lf = False  # the previous delta ended in "\r": a leading "\n" belongs to it
        # Finished blocks not rendered yet (rendered lazily): (source to render, table continuation).
        self._unrendered: list[tuple[str, bool]] = []
        # The open block continues a long table cut into pieces: the table's header and delimiter
        # lines, which its source needs to render as the same table.
        self._table_prefix: str | None = None
        self._next_table_check = TABLE_CHUNK_ROWS + 3
        self._new_html: list[str] = []  # rendered but not yet taken
        self._stable_html: list[str] = []
        self._tail_cache: tuple[str, str] | None = None
        self._tail_head: tuple[str, str] | None = None  # (source, HTML) of an over-long tail's start
        self._finished = False
        self._oracle_chars = 0
        self._late_references = False
        self._searched_chars = 0

    # -- feeding -------------------------------------------------------------------------------

    def append(self, delta: str) -> None:
        """Add streamed text. Costs O(len(delta)) amortised: only new text is scanned."""
        if self._finished:
            raise RuntimeError("append() after finish()")
        if not delta:
            return
        delta = self._normalise_newlines(delta)
        if not delta:
            return
        self._tail_cache = None
        self._searched_chars += len(delta)
        start = 0
        newline = delta.find("\n")
        while newline != -1:
            piece = delta[start:newline]
            if self._partial:
                self._partial.append(piece)
                piece = "".join(self._partial)
                self._partial = []
            self._partial_len = 0
            self._take_line(piece)
            start = newline + 1
            newline = delta.find("\n", start)
        if start < len(delta):
            self._partial.append(delta[start:])
            self._partial_len += len(delta) - start
            # Most boundaries are visible from a line's first character: cut now rather than at
            # the end of the line, so the tail does not carry the previous block meanwhile.
            if self._partial_len <= BlockSplitter.PEEK_CHARS or len(self._partial) == 1:
                prefix = "".join(self._partial)[: BlockSplitter.PEEK_CHARS]
                if self._splitter.start_line(prefix):
                    self._cut()

    def finish(self, *, render: bool = True) -> list[str]:
        """Mark the text complete: everything becomes stable. Returns the newly stable HTML.

        With ``render=False`` nothing is rendered yet (``[]``): ``take_new_stable_html`` renders
        the rest, in slices if asked.
        """
        if not self._finished:
            self._finished = True
            rest = "".join(self._block_lines) + "".join(self._partial)
            self._block_lines = []
            self._partial = []
            self._partial_len = 0
            if rest:
                self._add_stable(rest)
            self._table_prefix = None
            self._tail_cache = None
        return self.take_new_stable_html() if render else []

    # -- output --------------------------------------------------------------------------------

    def take_new_stable_html(self, max_chars: int | None = None) -> list[str]:
        """HTML of the blocks that became stable since the last call, each returned once.

        With ``max_chars``, rendering stops once that much Markdown has been rendered (at least
        one block); call again for the rest. That lets a view show a huge message from history in
        slices across event-loop turns instead of freezing. ``tail_html``, ``stable_html`` and
        ``finish`` render all remaining finished blocks first.
        """
        self._render_finished_blocks(max_chars)
        taken, self._new_html = self._new_html, []
        return taken

    @property
    def has_unrendered_blocks(self) -> bool:
        """Whether finished blocks are waiting to be rendered by ``take_new_stable_html``."""
        return bool(self._unrendered)

    def stable_html(self) -> str:
        """All stable HTML so far, concatenated (taken or not)."""
        self._render_finished_blocks()
        return "".join(self._stable_html)

    def tail_html(self) -> str:
        """HTML of the unfinished tail; O(tail) work, cached until the next ``append``."""
        body, notice = self.tail_parts()
        return body + notice

    def tail_parts(self) -> tuple[str, str]:
        """The tail's HTML as (rendered start, notice of how much more is arriving).

        The notice is empty unless the unfinished block is over ``TAIL_RENDER_LIMIT``; then the
        rendered start stops changing, so a view can keep it and replace only the notice.
        """
        self._render_finished_blocks()
        if self._tail_cache is None:
            tail = "".join(self._block_lines) + "".join(self._partial)
            if not tail:
                self._tail_cache = ("", "")
                return self._tail_cache
            highlight = len(tail) <= TAIL_HIGHLIGHT_LIMIT
            rest = ""
            if len(tail) > TAIL_RENDER_LIMIT:
                tail, rest = _bounded_tail(tail)
            if rest and self._tail_head is not None and self._tail_head[0] == tail:
                html = self._tail_head[1]
            elif tail:
                # A copy: the tail must neither advance the code-block numbering nor register link
                # references (markdown-it keeps the first definition of a label, a truncated one).
                html = render_fragment(
                    (self._table_prefix or "") + tail,
                    copy.deepcopy(self._env),
                    self._theme,
                    highlight=highlight,
                    typeset_math=self._typeset_math,
                    table_continuation=self._table_prefix is not None,
                )
            else:
                # One huge line: its start as plain text (parsing it would cost more than it shows).
                start, rest = rest[:LONG_PREVIEW_CHARS], rest[LONG_PREVIEW_CHARS:]
                html = f'<p dir="auto">{html_lib.escape(start, quote=False)}</p>\n'
            notice = ""
            if rest:
                self._tail_head = (tail, html)
                notice = (
                    f'<p style="color: {self._theme.muted_color};">'
                    f"… {len(rest):,} more characters of this block are arriving</p>\n"
                )
            self._tail_cache = (html, notice)
        return self._tail_cache

    @property
    def text(self) -> str:
        """Everything appended so far (newlines normalised to ``\\n``). O(length)."""
        return "".join(self._stable_sources) + "".join(self._block_lines) + "".join(self._partial)

    @property
    def finished(self) -> bool:
        """Whether ``finish()`` was called."""
        return self._finished

    @property
    def late_references(self) -> bool:
        """True once a link reference definition arrived after earlier blocks were rendered.

        Those blocks may show a reference-style link (``[text][label]``) as plain text; a view
        that cares re-renders the message once with ``render_markdown(text)`` after ``finish()``.
        """
        self._render_finished_blocks()
        return self._late_references

    @property
    def scanned_chars(self) -> int:
        """Characters examined by ``append`` so far, including any block re-parses for fences.

        Stays proportional to the text length however it is chunked; tests use it to check that
        appending does not rescan earlier text.
        """
        return self._searched_chars + self._splitter.chars_scanned + self._oracle_chars

    # -- internals -----------------------------------------------------------------------------

    def _normalise_newlines(self, delta: str) -> str:
        # markdown-it treats "\r\n" and "\r" as line ends; normalising here lets the line scanner
        # see the same lines, even when "\r" and "\n" arrive in different deltas.
        if self._skip_lf and delta.startswith("\n"):
            delta = delta[1:]
        self._skip_lf = delta.endswith("\r")
        if "\r" in delta:
            delta = delta.replace("\r\n", "\n").replace("\r", "\n")
        return delta

    def _take_line(self, line: str) -> None:
        if self._splitter.end_line(line):
            self._cut()
        self._block_lines.append(line + "\n")
        if len(self._block_lines) >= self._next_table_check:
            self._cut_long_tables()

    def _cut(self) -> None:
        """The lines received so far form finished blocks."""
        self._tail_head = None
        source = "".join(self._block_lines)
        self._block_lines = []
        self._add_stable(source)
        self._table_prefix = None
        self._next_table_check = TABLE_CHUNK_ROWS + 3

    def _add_stable(self, source: str) -> None:
        """``source`` is finished: kept, and queued to render (after the header of the table it continues)."""
        self._stable_sources.append(source)
        self._unrendered.append(((self._table_prefix or "") + source, self._table_prefix is not None))

    def _cut_long_tables(self) -> None:
        """Make the first ``TABLE_CHUNK_ROWS`` rows of a long table in the open block stable.

        Without this a table stays one unfinished block until a blank line follows it: rendered
        again at every refresh, then laid out by Qt in one piece (0.7 s for 800 rows).
        """
        while True:
            prefix = self._table_prefix or ""
            prefix_lines = 2 if self._table_prefix is not None else 0
            source = prefix + "".join(self._block_lines)
            self._oracle_chars += len(source)
            found = table_chunk_cut(source)
            if found is None:
                # Checked again once the block has doubled: linear overall for a long non-table block.
                self._next_table_check = max(TABLE_CHUNK_ROWS + 3, 2 * len(self._block_lines))
                return
            cut, table_start = found[0] - prefix_lines, found[1] - prefix_lines
            lines = self._block_lines
            stable = "".join(lines[:cut])
            self._add_stable(stable)
            if table_start >= 0:
                self._table_prefix = "".join(lines[table_start : table_start + 2])
            self._block_lines = lines[cut:]
            self._tail_cache = None
            self._tail_head = None
            self._next_table_check = TABLE_CHUNK_ROWS + 1

    def _open_fence_in_block(self) -> tuple[str, int] | None:
        text = "".join(self._block_lines)
        self._oracle_chars += len(text)
        return open_fence_at_end(text)

    def _render_finished_blocks(self, max_chars: int | None = None) -> None:
        # Rendered in order with one shared env so code-block numbers and references carry over.
        done = 0
        rendered_chars = 0
        for source, continuation in self._unrendered:
            if max_chars is not None and done and rendered_chars >= max_chars:
                break
            done += 1
            rendered_chars += len(source)
            known = len(self._env.get("references", ()))
            html = render_fragment(
                source, self._env, self._theme, typeset_math=self._typeset_math, table_continuation=continuation
            )
            if self._stable_html and len(self._env.get("references", ())) > known:
                self._late_references = True
            self._stable_html.append(html)
            self._new_html.append(html)
        del self._unrendered[:done]


def _bounded_tail(tail: str) -> tuple[str, str]:
    """Split an over-long unfinished block into (Markdown to render, text only counted).

    Whole lines are kept, so a table or a list shows its first rows; ("", tail) when even the
    first line is too long (the caller shows its start as plain text).
    """
    head = tail[:TAIL_RENDER_LIMIT]
    cut = head.rfind("\n")
    if cut > 0:
        return head[: cut + 1], tail[cut + 1 :]
    return "", tail
