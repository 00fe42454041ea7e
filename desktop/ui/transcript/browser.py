"""One block of rendered text in the transcript: sized to its content, safe links, Copy for code.

``TextBlock`` is a read-only ``QTextBrowser`` with no scroll bars whose height follows its
document, so the transcript can stack several per turn. Only http/https/mailto links open (in
the system browser, on click); ``copy-code:<n>`` links copy code block ``n`` of the Markdown
source; nothing else does anything, and no resource is ever fetched.

``StreamingBlock`` adds incremental streaming: text is appended cheaply, and ``refresh()`` (driven
by the transcript's ~30 Hz timer) appends newly finished blocks once and replaces only the tail.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from desktop.render import COPY_CODE_SCHEME, StreamingMarkdown, extract_code_blocks
from desktop.render.markdown import is_safe_href
from desktop.render.theme import RenderTheme
from desktop.ui.common import external
from desktop.ui.common.palette import render_theme_for, transparent_base

_HALF_PIXEL = 0.5  # width changes below this are rounding, not a resize


def open_external(url: QUrl) -> bool:
    """Open a safe link in the system browser (tests replace this function)."""
    return external.open_url(url)


class _NoFetchDocument(QTextDocument):
    """A document that never loads a resource it was not given (no remote images, no files)."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None


class TextBlock(QTextBrowser):
    """Read-only rich text sized to its content; links are handled here, safely.

    Signals:
        height_changed: The block's height changed (content or width): the transcript relayouts.
        code_copied: A code block was copied: its index.
    """

    height_changed = Signal()
    code_copied = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, source: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.setDocument(_NoFetchDocument(self))
        self.document().setDocumentMargin(2)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setVerticalScrollBarPolicy(self.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(self.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        transparent_base(self)
        self._source = source or (lambda: "")
        self._height = -1
        self._fill: SlicedFill | None = None
        self.anchorClicked.connect(self.on_anchor_clicked)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self.fit_height())

    def setHtml(self, text: str) -> None:  # noqa: N802 - Qt override
        """Replace the content (a sliced fill still in progress is abandoned)."""
        self.cancel_fill()
        super().setHtml(text)

    def cancel_fill(self) -> None:
        """Abandon a sliced fill in progress (the current content stays)."""
        if self._fill is not None:
            self._fill.cancel()
            self._fill = None

    @property
    def filling(self) -> bool:
        """Whether a sliced fill is still building the content."""
        return self._fill is not None

    def fill_markdown_sliced(self, text: str, post: Callable[[str], str] = lambda h: h) -> None:
        """Show long Markdown without freezing the window: it is rendered a few blocks per event-loop
        turn into a separate document, which replaces the shown one once complete.

        ``post`` is applied to each rendered slice (e.g. to link citation markers).
        """
        self.cancel_fill()
        self._fill = SlicedFill(self, text, post)

    def adopt_document(self, doc: QTextDocument) -> None:
        """Show ``doc`` (built elsewhere) instead of the current document."""
        old = self.document()
        self.setDocument(doc)
        doc.documentLayout().documentSizeChanged.connect(lambda _s: self.fit_height())
        if old.parent() is self:
            old.deleteLater()
        self._fill = None
        self.fit_height()

    def set_source_provider(self, source: Callable[[], str]) -> None:
        """Where the Markdown source comes from (for ``copy-code`` links)."""
        self._source = source

    def fit_height(self) -> int:
        """Make the widget exactly as tall as its document; returns the height."""
        doc = self.document()
        width = self.viewport().width()
        if width > 0 and abs(doc.textWidth() - width) > _HALF_PIXEL:
            doc.setTextWidth(width)
        height = int(doc.size().height() + 0.999) + 2 * self.frameWidth()
        if height != self._height:
            self._height = height
            self.setFixedHeight(height)
            self.height_changed.emit()
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The transcript scrolls, not the block.
        event.ignore()

    def on_anchor_clicked(self, url: QUrl) -> None:
        """Copy code for ``copy-code:<n>``; open http/https/mailto externally; ignore the rest."""
        text = url.toString()
        if url.scheme() == COPY_CODE_SCHEME:
            try:
                index = int(text.split(":", 1)[1])
            except ValueError:
                return
            blocks = extract_code_blocks(self._source())
            if 0 <= index < len(blocks):
                QGuiApplication.clipboard().setText(blocks[index])
                self.code_copied.emit(index)
            return
        if is_safe_href(text):
            open_external(url)


class StreamingBlock(TextBlock):
    """A ``TextBlock`` for a growing answer: finished blocks are inserted once, the tail replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = render_theme_for(self)
        self._stream = StreamingMarkdown(theme=self.theme)
        self._stable_end = 0
        self._dirty = False
        self.set_source_provider(lambda: self._stream.text)

    @property
    def text(self) -> str:
        """The Markdown received so far."""
        return self._stream.text

    def append(self, delta: str) -> None:
        """Add streamed text (cheap; shown at the next ``refresh``)."""
        if delta:
            self._stream.append(delta)
            self._dirty = True

    def restart(self, text: str, theme: RenderTheme | None = None) -> None:
        """Show ``text`` from scratch as a stream (in ``theme`` if given): the tail stays open."""
        if theme is not None:
            self.theme = theme
        self._stream = StreamingMarkdown(theme=self.theme)
        self._stable_end = 0
        self.clear()
        self.append(text)
        self.refresh()

    @property
    def dirty(self) -> bool:
        """Whether text arrived since the last refresh."""
        return self._dirty

    def refresh(self) -> None:
        """Show what arrived: new finished blocks appended, the tail re-rendered."""
        if not self._dirty:
            return
        self._dirty = False
        self._apply(self._stream.take_new_stable_html(), self._stream.tail_html())

    def finish(self) -> None:
        """The text is complete: render the rest (no tail remains)."""
        if not self._stream.finished:
            self._apply(self._stream.finish(), "")
        self._dirty = False

    def _apply(self, stable: list[str], tail: str) -> None:
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setPosition(self._stable_end)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        for html in stable:
            insert_block_html(cursor, html)
        self._stable_end = cursor.position()
        if tail:
            insert_block_html(cursor, tail)
        cursor.endEditBlock()
        self.fit_height()


# GUI time one slice of a sliced fill may take before yielding to the event loop.
SLICE_BUDGET_S = 0.006
_FEED_CHARS = 3_000
_RENDER_CHARS = 800


class SlicedFill(QObject):
    """Renders Markdown into a new document a few blocks at a time, then hands it to the view."""

    def __init__(self, view: TextBlock, text: str, post: Callable[[str], str]) -> None:
        super().__init__(view)
        self._view = view
        self._text = text
        self._post = post
        self._fed = 0
        self._stream = StreamingMarkdown()
        self._doc = _NoFetchDocument(view)
        self._doc.setDocumentMargin(view.document().documentMargin())
        self._doc.setDefaultFont(view.document().defaultFont())
        width = view.viewport().width()
        if width > 0:
            self._doc.setTextWidth(width)
        self._cursor = QTextCursor(self._doc)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def cancel(self) -> None:
        """Stop; the half-built document is dropped."""
        self._timer.stop()
        self._doc.deleteLater()
        self.deleteLater()

    def _step(self) -> None:
        deadline = time.perf_counter() + SLICE_BUDGET_S
        while time.perf_counter() < deadline:
            if self._fed < len(self._text):
                end = min(len(self._text), self._fed + _FEED_CHARS)
                self._stream.append(self._text[self._fed : end])
                self._fed = end
                continue
            if self._stream.has_unrendered_blocks:
                slices = self._stream.take_new_stable_html(_RENDER_CHARS)
            elif not self._stream.finished:
                slices = self._stream.finish()
            else:
                self._done()
                return
            for html in slices:
                insert_block_html(self._cursor, self._post(html))
        self._timer.start()

    def _done(self) -> None:
        view = self._view
        self.setParent(None)
        self.deleteLater()
        view.adopt_document(self._doc)


def insert_block_html(cursor: QTextCursor, html: str) -> None:
    """Insert rendered blocks as blocks of their own (``insertHtml`` would merge the first into the current one)."""
    if cursor.block().length() > 1:
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    cursor.insertHtml(html)
