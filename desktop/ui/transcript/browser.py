"""One block of rendered text in the transcript: sized to its content, safe links, Copy for code.

``TextBlock`` is a read-only ``QTextBrowser`` with no scroll bars whose height follows its
document, so the transcript can stack several per turn. Only http/https/mailto links open (in
the system browser, on click; after a question when the link's text names another site than its
target); hovering a link shows its real destination (tool tip and status bar); ``copy-code:<n>``
links copy code block ``n`` of the Markdown source, ``show-all:<n>`` shows the ``n``-th paragraph
too long to render; nothing else does anything, and no resource is ever fetched. Copying a
selection copies typeset formulas as their LaTeX source.

``StreamingBlock`` adds incremental streaming: text is appended cheaply, and ``refresh()`` (driven
by the transcript's ~30 Hz timer) appends newly finished blocks once and replaces only the tail.
"""

from __future__ import annotations

import base64
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QMimeData, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QImageReader,
    QResizeEvent,
    QStatusTipEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QSizePolicy, QTextBrowser, QWidget

from desktop.render import COPY_CODE_SCHEME, StreamingMarkdown, extract_code_blocks
from desktop.render.links import deceptive_host
from desktop.render.markdown import SHOW_ALL_SCHEME, extract_long_paragraphs, is_safe_href
from desktop.render.math import MATH_DATA_PREFIX
from desktop.render.theme import RenderTheme
from desktop.ui.common import external
from desktop.ui.common.palette import render_theme_for, transparent_base
from desktop.ui.dialogs import links as link_dialogs
from desktop.ui.dialogs import long_text as long_text_dialogs

_HALF_PIXEL = 0.5  # width changes below this are rounding, not a resize
_OBJECT_REPLACEMENT = "\ufffc"


def open_external(url: QUrl) -> bool:
    """Open a safe link in the system browser (tests replace this function)."""
    return external.open_url(url)


def anchor_texts(document: QTextDocument, href: str) -> list[str]:
    """The visible text of every link in ``document`` whose target is ``href``, in order."""
    texts: list[str] = []
    current: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.charFormat().anchorHref() == href:
                current.append(fragment.text())
            elif current:
                texts.append("".join(current))
                current = []
            it += 1
        if current:
            texts.append("".join(current))
            current = []
        block = block.next()
    return texts


def selection_text(cursor: QTextCursor) -> str:
    """The plain text of ``cursor``'s selection, with each typeset formula as its LaTeX source."""
    if not cursor.hasSelection():
        return ""
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    document = cursor.document()
    parts: list[str] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        if parts:
            parts.append("\n")
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            lo = max(start, fragment.position())
            hi = min(end, fragment.position() + fragment.length())
            if lo >= hi:
                continue
            text = fragment.text()[lo - fragment.position() : hi - fragment.position()]
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(MATH_DATA_PREFIX):
                text = text.replace(_OBJECT_REPLACEMENT, fmt.toolTip())
            parts.append(text)
        block = block.next()
    # Table cells and paragraphs become lines, as QTextDocumentFragment.toPlainText() does.
    return "".join(parts).replace("\u2029", "\n").replace("\u2028", "\n").replace("\xa0", " ")


def formula_source_mime(rich: QMimeData, cursor: QTextCursor) -> QMimeData:
    """What a copy of ``cursor``'s selection carries: Qt's HTML (``rich``) and the plain text with
    each typeset formula as its LaTeX source (for a ``createMimeDataFromSelection`` override)."""
    # A new QMimeData: Qt's own computes its text on demand and ignores setText().
    mime = QMimeData()
    if rich.hasHtml():
        mime.setHtml(rich.html())
    mime.setText(selection_text(cursor))
    return mime


class NoFetchDocument(QTextDocument):
    """A document that never loads a resource it was not given (no remote images, no files).

    The one exception is a typeset formula: an SVG embedded by the renderer as a ``data:`` URI
    (Markdown images never become ``<img>``, so a message cannot embed one of its own).
    """

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            text = name.toString() if isinstance(name, QUrl) else name
            if text.startswith(MATH_DATA_PREFIX):
                image = formula_image(text, self._device_pixel_ratio())
                # Kept by the document: Qt asks again at every paint, and drawing SVG is not free.
                self.addResource(kind, name, image)
                return image
        return None

    def _device_pixel_ratio(self) -> float:
        parent = self.parent()
        return parent.devicePixelRatioF() if isinstance(parent, QWidget) else 1.0


_FORMULA_IMAGES: OrderedDict[tuple[str, float], QImage] = OrderedDict()
_FORMULA_IMAGES_LOCK = threading.Lock()
_FORMULA_IMAGES_MAX = 1024
_FORMULA_SRC_RE = re.compile(r'src="(' + re.escape(MATH_DATA_PREFIX) + r'[A-Za-z0-9+/=]+)"')


def formula_image(data_uri: str, device_pixel_ratio: float = 1.0) -> QImage:
    """A typeset formula's SVG drawn at the screen's pixel density (null image if it is bad).

    The ``<img>`` tag's width and height give the size in the text; this only sets sharpness.
    Thread-safe (QImage and the SVG reader are reentrant); results are cached.
    """
    key = (data_uri, device_pixel_ratio)
    with _FORMULA_IMAGES_LOCK:
        image = _FORMULA_IMAGES.get(key)
        if image is not None:
            _FORMULA_IMAGES.move_to_end(key)
            return image
    image = _draw_formula(data_uri, device_pixel_ratio)
    with _FORMULA_IMAGES_LOCK:
        _FORMULA_IMAGES[key] = image
        while len(_FORMULA_IMAGES) > _FORMULA_IMAGES_MAX:
            _FORMULA_IMAGES.popitem(last=False)
    return image


def prepare_formula_images(html: str, device_pixel_ratio: float = 1.0) -> None:
    """Draw the formulas of rendered ``html`` into the cache, so showing it costs no SVG work.

    Meant for a worker thread: 100 formulas cost ~100 ms to draw, a stall on the GUI thread.
    """
    for match in _FORMULA_SRC_RE.finditer(html):
        formula_image(match.group(1), device_pixel_ratio)


def _draw_formula(data_uri: str, device_pixel_ratio: float) -> QImage:
    try:
        svg = base64.b64decode(data_uri.removeprefix(MATH_DATA_PREFIX), validate=True)
    except ValueError:
        return QImage()
    # The reader reads from the buffer, which reads from the byte array: both must outlive it.
    data = QByteArray(svg)
    buffer = QBuffer(data)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    size = reader.size()
    if size.isValid() and device_pixel_ratio > 1.0:
        reader.setScaledSize(size * device_pixel_ratio)
    image = reader.read()
    image.setDevicePixelRatio(device_pixel_ratio)
    del reader, buffer, data
    return image


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
        self.setDocument(NoFetchDocument(self))
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
        self.highlighted.connect(self.on_link_hovered)
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

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt override
        """Copy and drag: formulas as their LaTeX source in the plain text."""
        return formula_source_mime(super().createMimeDataFromSelection(), self.textCursor())

    def on_link_hovered(self, url: QUrl) -> None:
        """Say where the hovered link goes in the main window's status bar ("" when it leaves).

        (The tool tip comes from the link's ``title``, which the renderer sets to its target.)
        """
        text = url.toString() if url.isValid() and not url.isEmpty() else ""
        if not is_safe_href(text):
            text = ""  # Copy, Show all: the link's own text says what it does
        # A status tip travels up to the QMainWindow, which shows it in its status bar.
        QApplication.sendEvent(self, QStatusTipEvent(text))

    def on_anchor_clicked(self, url: QUrl) -> None:
        """Copy code for ``copy-code:<n>``; show a long paragraph for ``show-all:<n>``; open
        http/https/mailto externally (asking first if the link's text names another host);
        ignore the rest."""
        text = url.toString()
        if url.scheme() == SHOW_ALL_SCHEME:
            try:
                index = int(text.split(":", 1)[1])
            except ValueError:
                return
            paragraphs = extract_long_paragraphs(self._source())
            if 0 <= index < len(paragraphs):
                long_text_dialogs.show_long_text(self, paragraphs[index])
            return
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
            named = next(
                (host for host in (deceptive_host(t, text) for t in anchor_texts(self.document(), text)) if host),
                None,
            )
            if named is not None and not link_dialogs.confirm_open_link(self, named, text):
                return
            open_external(url)


# Finished Markdown rendered per refresh of a streaming block (~30 ms of rendering and layout).
REFRESH_MARKDOWN_CHARS = 1_500
# HTML of finished blocks above which a refresh shows no tail (see ``StreamingBlock.refresh``).
REFRESH_STABLE_HTML_CHARS = 4_000


class StreamingBlock(TextBlock):
    """A ``TextBlock`` for a growing answer: finished blocks are inserted once, the tail replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = render_theme_for(self)
        self._stream = StreamingMarkdown(theme=self.theme)
        self._stable_end = 0
        self._tail_body = ""  # the tail's rendered start shown now, ending at _tail_body_end
        self._tail_body_end = 0
        self._dirty = False
        self._generation = 0
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

    @property
    def dirty(self) -> bool:
        """Whether text arrived since the last refresh."""
        return self._dirty

    def refresh(self) -> None:
        """Show what arrived: new finished blocks appended, the tail re-rendered.

        At most ``REFRESH_MARKDOWN_CHARS`` of finished Markdown are rendered per call (a 64 KiB
        delta can finish hundreds of table rows at once); the block stays dirty until caught up,
        and meanwhile shows no tail.
        """
        if not self._dirty:
            return
        stable = self._stream.take_new_stable_html(max_chars=REFRESH_MARKDOWN_CHARS)
        # Behind, or a large piece (a table's) just laid out: the tail waits for the next refresh,
        # so one refresh never lays out both.
        self._dirty = self._stream.has_unrendered_blocks or sum(map(len, stable)) > REFRESH_STABLE_HTML_CHARS
        if self._dirty:
            self._apply(stable, "", "")
        else:
            self._apply(stable, *self._stream.tail_parts())

    def finish(self) -> None:
        """The text is complete: render the rest (no tail remains), in slices across event-loop
        turns if there is much of it."""
        if not self._stream.finished:
            self._stream.finish(render=False)
            self._dirty = False
            self._drain(self._generation)
        self._dirty = False

    def _drain(self, generation: int) -> None:
        if generation != self._generation:
            return  # replaced meanwhile (setHtml or restart)
        self._apply(self._stream.take_new_stable_html(max_chars=REFRESH_MARKDOWN_CHARS), "", "")
        if self._stream.has_unrendered_blocks:
            QTimer.singleShot(0, self, lambda: self._drain(generation))

    def setHtml(self, text: str) -> None:  # noqa: N802 - Qt override
        """Replace everything shown (a pending rest of the stream is dropped)."""
        self._generation += 1
        super().setHtml(text)

    def restart(self, text: str = "", theme: RenderTheme | None = None) -> None:
        """Show ``text`` as a new stream, in ``theme`` if given (what was shown is cleared)."""
        if theme is not None:
            self.theme = theme
        self._generation += 1
        self._stream = StreamingMarkdown(theme=self.theme)
        self._stable_end = 0
        self._tail_body = ""
        self._tail_body_end = 0
        self.clear()
        self.append(text)
        self.refresh()

    def _apply(self, stable: list[str], tail_body: str, tail_notice: str) -> None:
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        if not stable and tail_body and tail_body == self._tail_body:
            # An over-long unfinished block: its rendered start is unchanged (re-inserting and
            # laying it out 30 times a second is what froze the window); only the notice changes.
            cursor.setPosition(self._tail_body_end)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        else:
            cursor.setPosition(self._stable_end)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            for html in stable:
                insert_block_html(cursor, html)
            self._stable_end = cursor.position()
            if tail_body:
                insert_block_html(cursor, tail_body)
            self._tail_body = tail_body if tail_notice else ""
            self._tail_body_end = cursor.position()
        if tail_notice:
            insert_block_html(cursor, tail_notice)
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
        self._doc = NoFetchDocument(view)
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
