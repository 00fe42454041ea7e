"""The transcript: a virtualised, scrolling column of turns.

Only the turns in (or near) the viewport have widgets; every other turn is a height, estimated
from its text until it has been shown once. So opening a 1,000-turn conversation renders a handful
of turns, and scrolling renders the ones coming into view (within a time budget per pass; the rest
follow on the next event-loop turn). The first visible turn is the scroll anchor: when heights above
it become known, the view does not jump. While an answer streams, a ~30 Hz timer shows what
arrived, and the view follows the end unless the user has scrolled up.
"""

from __future__ import annotations

import bisect
import itertools
import time
from collections import OrderedDict
from collections.abc import Hashable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from desktop.domain.conversation import Turn
from desktop.render.cache import BackgroundRenderer, HtmlCache
from desktop.render.theme import RenderTheme
from desktop.ui.common.palette import dim_text, refresh_dimmed, render_theme_for
from desktop.ui.transcript.browser import prepare_formula_images
from desktop.ui.transcript.media import BlobPaths
from desktop.ui.transcript.turn import SLICED_RENDER_CHARS, TurnWidget, answer_source, renders_quickly

# Refresh period of a streaming answer (~30 Hz).
REFRESH_MS = 33
# Rendering work allowed per layout pass before the rest is deferred to the next loop turn.
LAYOUT_BUDGET_S = 0.020
# Widgets kept (hidden) for turns that scrolled out of view.
SPARE_WIDGETS = 24
# Extra height rendered above and below the viewport, as a fraction of its height.
OVERSCAN = 0.5
_FOLLOW_SLACK = 8


def estimate_height(turn: Turn, width: int) -> int:
    """A cheap guess of a turn's height before it is rendered (no parsing: counts only)."""
    chars_per_line = max(20, (width - 40) // 7)
    text = turn.answer_text
    prompt = turn.prompt_text
    lines = (len(text) // chars_per_line + text.count("\n")) + (len(prompt) // chars_per_line + prompt.count("\n") + 1)
    return 90 + 18 * lines


class TranscriptView(QAbstractScrollArea):
    """Shows a conversation's branch; forwards each turn widget's requests as its own signals.

    Signals:
        retry_requested: (turn id) Retry.
        edit_requested: (turn id) Edit the prompt.
        regenerate_requested: (turn id) Regenerate the answer.
        switch_requested: (turn id, delta) Switch alternatives.
        fetch_requested: (turn id) Fetch the rest of an interrupted answer.
        continue_requested: (turn id) Continue a cut-off answer.
        media_open_requested: (BlobPart) Open an attachment or a generated image.
        edit_image_requested: (BlobPart) "Edit this image".
        call_decided: (turn id, call id, decision) An approval card was answered.
        widget_created: (TurnWidget) A turn widget was created (e.g. so drops onto it are taken as attachments).
        _html_ready: (key) The background renderer has the HTML for ``key`` (emitted from its thread).
    """

    retry_requested = Signal(str)
    edit_requested = Signal(str)
    regenerate_requested = Signal(str)
    switch_requested = Signal(str, int)
    fetch_requested = Signal(str)
    continue_requested = Signal(str)
    media_open_requested = Signal(object)
    edit_image_requested = Signal(object)
    widget_created = Signal(QWidget)
    call_decided = Signal(str, str, str)
    _html_ready = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setAccessibleName(self.tr("Transcript"))
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self._turns: list[Turn] = []
        self._index: dict[str, int] = {}
        self._branches: dict[str, tuple[int, int]] = {}
        self._heights: list[int] = []
        self._offsets: list[int] = [0]
        self._offsets_dirty = False
        self._widgets: OrderedDict[str, TurnWidget] = OrderedDict()
        self._html_cache = HtmlCache()
        self._renderer = BackgroundRenderer(self._html_cache)
        # Light or dark HTML, from the palette; a change of colour scheme re-renders (changeEvent).
        self.theme: RenderTheme = render_theme_for(self)
        self._renderer.theme = self.theme
        self._html_ready.connect(self._on_html_ready)  # queued: emitted on the renderer's thread
        renderer = self._renderer
        self.destroyed.connect(lambda *_: renderer.shutdown())
        self._blob_paths: BlobPaths | None = None
        self._follow = True
        self._in_layout = False
        self._pending_layout = False
        self._width = 0
        self.placeholder = QLabel(self.tr("Your conversation appears here."), self.viewport())
        self.placeholder.setObjectName("transcriptPlaceholder")
        dim_text(self.placeholder)  # a palette, not a style sheet: it follows a change of colour scheme
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_streaming)
        self.verticalScrollBar().setSingleStep(40)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self._stick_to_end())

    # -- content ---------------------------------------------------------------------------------
    def set_blob_paths(self, blob_paths: BlobPaths | None) -> None:
        """Where the attachments and images of turns are on disk (the local blob store)."""
        self._blob_paths = blob_paths

    def set_turns(
        self, turns: list[Turn], branches: dict[str, tuple[int, int]] | None = None, *, anchor_turn: str | None = None
    ) -> None:
        """Show these turns (a conversation opened or a branch switched); ends at the bottom.

        With ``anchor_turn``, the view keeps that turn where it was instead.
        """
        anchor = self._anchor() if anchor_turn else None
        for widget in self._widgets.values():
            widget.deleteLater()
        self._widgets.clear()
        self._turns = list(turns)
        self._prerender()
        self._branches = dict(branches or {})
        self._index = {t.id: i for i, t in enumerate(self._turns)}
        width = self._content_width()
        self._heights = [estimate_height(t, width) for t in self._turns]
        self._offsets_dirty = True
        self.placeholder.setVisible(not self._turns)
        if anchor is not None and anchor_turn in self._index:
            self._follow = False
            self._update_range()
            self._scroll_to(
                self._offset(self._index[anchor_turn]) - anchor[1]
                if anchor[0] == anchor_turn
                else self._offset(self._index[anchor_turn])
            )
        else:
            self._follow = True
            self._update_range()
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        self._layout()
        self._stick_to_end()
        self._update_timer()

    def _prerender(self) -> None:
        # Newest first: the view opens at the end, and the user scrolls up from there.
        theme = self.theme
        ratio = self.devicePixelRatioF()
        self._renderer.prerender(
            (
                answer_source(t, theme)
                for t in reversed(self._turns)
                if not t.status.is_active
                and not renders_quickly(t.answer_text)
                and not (t.steps and len(t.answer_text) > SLICED_RENDER_CHARS)
            ),
            lambda _key, html: prepare_formula_images(html, ratio),
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # After the event: the turn widgets' palettes (dim and red text) are updated after ours.
            QTimer.singleShot(0, self, lambda: self.set_theme(render_theme_for(self)))

    def set_theme(self, theme: RenderTheme) -> None:
        """Render in ``theme`` from now on; turns already shown are rendered again in it."""
        if theme == self.theme:
            return
        self.theme = theme
        self._renderer.theme = theme
        refresh_dimmed(self.viewport())
        self._prerender()
        for widget in self._widgets.values():
            widget.set_theme(theme)
        self._schedule_layout()

    def turns(self) -> list[Turn]:
        """The turns shown."""
        return list(self._turns)

    def append_turn(self, turn: Turn, branch: tuple[int, int] = (0, 1)) -> None:
        """A new turn at the end (the user sent a prompt): the view follows it."""
        if turn.id in self._index:
            self.update_turn(turn)
            return
        self._index[turn.id] = len(self._turns)
        self._turns.append(turn)
        if branch[1] > 1:
            self._branches[turn.id] = branch
        self._heights.append(estimate_height(turn, self._content_width()))
        self._offsets_dirty = True
        self.placeholder.hide()
        self._follow = True
        self._update_range()
        self.scroll_to_end()
        self._update_timer()

    def update_turn(self, turn: Turn) -> None:
        """A turn changed (status, usage, note...)."""
        index = self._index.get(turn.id)
        if index is None:
            return
        self._turns[index] = turn
        widget = self._widgets.get(turn.id)
        if widget is not None:
            widget.update_turn(turn)
            self._measure(index, widget)
        self._update_timer()
        self._schedule_layout()

    def append_text(self, turn_id: str, text: str) -> None:
        """Streamed answer text for a shown turn."""
        widget = self._ensure_widget_for_stream(turn_id)
        if widget is not None:
            widget.append_text(text)

    def append_thought(self, turn_id: str, text: str) -> None:
        """Streamed thought summary text for a shown turn."""
        widget = self._ensure_widget_for_stream(turn_id)
        if widget is not None:
            widget.append_thought(text)

    def widget_for(self, turn_id: str) -> TurnWidget | None:
        """The widget showing ``turn_id``, if it has one now."""
        return self._widgets.get(turn_id)

    def visible_widgets(self) -> list[TurnWidget]:
        """The turn widgets on screen, top to bottom."""
        top, bottom = self.verticalScrollBar().value(), self.verticalScrollBar().value() + self.viewport().height()
        out = []
        for tid, w in self._widgets.items():
            i = self._index.get(tid)
            if (
                i is not None
                and w.isVisible()
                and self._offset(i) < bottom
                and self._offset(i) + self._heights[i] > top
            ):
                out.append((i, w))
        return [w for _, w in sorted(out, key=lambda p: p[0])]

    def plain_text(self) -> str:
        """The text of the turns that have widgets (for tests and accessibility)."""
        parts = []
        for turn in self._turns:
            w = self._widgets.get(turn.id)
            if w is not None:
                parts.append(w.prompt_view.toPlainText())
                parts.append(w.answer_view.toPlainText())
        return "\n".join(parts)

    def scroll_to_end(self) -> None:
        """Show the end and follow it."""
        self._follow = True
        self._update_range()
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        self._layout()

    @property
    def following(self) -> bool:
        """Whether the view sticks to the end as it grows."""
        return self._follow

    # -- geometry --------------------------------------------------------------------------------
    def _content_width(self) -> int:
        return max(200, self.viewport().width())

    def _offset(self, index: int) -> int:
        if self._offsets_dirty:
            self._offsets = [0, *itertools.accumulate(self._heights)]
            self._offsets_dirty = False
        return self._offsets[index]

    def _total(self) -> int:
        return self._offset(len(self._turns))

    def _update_range(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setPageStep(max(1, page))
        bar.setRange(0, max(0, self._total() - page))

    def _anchor(self) -> tuple[str, int] | None:
        """The first visible turn and how far into it the view starts."""
        if not self._turns:
            return None
        value = self.verticalScrollBar().value()
        self._offset(0)
        index = max(0, min(len(self._turns) - 1, bisect.bisect_right(self._offsets, value) - 1))
        return self._turns[index].id, value - self._offsets[index]

    def _scroll_to(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._in_layout = True
        try:
            bar.setValue(max(0, min(bar.maximum(), value)))
        finally:
            self._in_layout = False

    def _stick_to_end(self) -> None:
        if self._follow:
            bar = self.verticalScrollBar()
            if bar.value() != bar.maximum():
                self._scroll_to(bar.maximum())
                self._layout()

    def _scrolled(self, value: int) -> None:
        if self._in_layout:
            return
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - _FOLLOW_SLACK
        self._layout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self._content_width()
        self.placeholder.setGeometry(12, 12, width - 24, 24)
        if width != self._width:
            self._width = width
        self._update_range()
        self._layout()
        self._stick_to_end()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        # Children are positioned by _layout; nothing to scroll pixel-wise.
        pass

    # -- layout ----------------------------------------------------------------------------------
    def _schedule_layout(self) -> None:
        if not self._pending_layout:
            self._pending_layout = True
            QTimer.singleShot(0, self, self._deferred_layout)  # not after the view is gone

    def _deferred_layout(self) -> None:
        self._pending_layout = False
        self._layout()
        self._stick_to_end()

    def _layout(self) -> None:
        """Create, measure and place the widgets of the turns in view (within a time budget)."""
        if self._in_layout or not self._turns:
            for w in self._widgets.values():
                w.hide()
            return
        self._in_layout = True
        try:
            self._layout_pass()
        finally:
            self._in_layout = False

    def _layout_pass(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        width = self._content_width()
        deadline = time.perf_counter() + LAYOUT_BUDGET_S
        anchor = None if self._follow else self._anchor()
        value = bar.value()
        over = int(page * OVERSCAN)
        self._offset(0)
        first = max(0, bisect.bisect_right(self._offsets, max(0, value - over)) - 1)
        shown: set[str] = set()
        index = first
        deferred = False
        while index < len(self._turns) and self._offset(index) < value + page + over:
            turn = self._turns[index]
            widget = self._widgets.get(turn.id)
            if widget is None:
                if time.perf_counter() > deadline:
                    deferred = True
                    break
                widget = self._create(turn)
            if widget.width() != width:
                widget.resize(width, widget.height())
            self._measure(index, widget, width)
            shown.add(turn.id)
            index += 1
            if anchor is not None:
                # Heights above may have changed: keep the anchor turn where it was.
                target = self._offset(self._index[anchor[0]]) + anchor[1]
                self._update_range()
                if target != bar.value():
                    bar.setValue(max(0, min(bar.maximum(), target)))
                value = bar.value()
        self._update_range()
        if self._follow:
            bar.setValue(bar.maximum())
        value = bar.value()
        for tid, widget in self._widgets.items():
            i = self._index.get(tid)
            if tid in shown and i is not None:
                widget.setGeometry(0, self._offset(i) - value, width, self._heights[i])
                if not widget.isVisible():
                    widget.show()
            elif widget.isVisible():
                widget.hide()
        self._trim_spares(shown)
        if deferred:
            self._schedule_layout()

    def _measure(self, index: int, widget: TurnWidget, width: int | None = None) -> None:
        width = width or self._content_width()
        layout = widget.content_layout
        layout.activate()
        height = max(layout.minimumSize().height(), layout.heightForWidth(width) if layout.hasHeightForWidth() else 0)
        height = max(height, widget.sizeHint().height())
        if height != self._heights[index]:
            self._heights[index] = height
            self._offsets_dirty = True

    def _request_render(self, key: str, text: str) -> None:
        ratio = self.devicePixelRatioF()

        def done(done_key: Hashable, html: str) -> None:
            # On the renderer's thread: drawing the formulas here keeps that work off the GUI thread.
            prepare_formula_images(html, ratio)
            self._html_ready.emit(done_key)

        self._renderer.request(key, text, done)

    def _on_html_ready(self, key: str) -> None:
        for widget in self._widgets.values():
            if widget.on_html_ready(key):
                return

    def _create(self, turn: Turn) -> TurnWidget:
        widget = TurnWidget(
            turn,
            self._branches.get(turn.id, (0, 1)),
            html_cache=self._html_cache,
            request_render=self._request_render,
            blob_paths=self._blob_paths,
            theme=self.theme,
            parent=self.viewport(),
        )
        widget.resize(self._content_width(), widget.sizeHint().height())
        widget.retry_requested.connect(self.retry_requested)
        widget.edit_requested.connect(self.edit_requested)
        widget.regenerate_requested.connect(self.regenerate_requested)
        widget.switch_requested.connect(self.switch_requested)
        widget.fetch_requested.connect(self.fetch_requested)
        widget.continue_requested.connect(self.continue_requested)
        widget.call_decided.connect(self.call_decided)
        widget.media_open_requested.connect(self.media_open_requested)
        widget.edit_image_requested.connect(self.edit_image_requested)
        widget.height_changed.connect(self._schedule_layout)
        self._widgets[turn.id] = widget
        self.widget_created.emit(widget)
        return widget

    def _trim_spares(self, shown: set[str]) -> None:
        spare = [tid for tid in self._widgets if tid not in shown and not self._widgets[tid].streaming]
        for tid in spare[: max(0, len(spare) - SPARE_WIDGETS)]:
            self._widgets.pop(tid).deleteLater()

    def _ensure_widget_for_stream(self, turn_id: str) -> TurnWidget | None:
        widget = self._widgets.get(turn_id)
        if widget is None and turn_id in self._index:
            widget = self._create(self._turns[self._index[turn_id]])
            widget.hide()
        return widget

    # -- streaming -------------------------------------------------------------------------------
    def _update_timer(self) -> None:
        streaming = any(w.streaming for w in self._widgets.values()) or any(
            t.status.is_active for t in self._turns[-1:]
        )
        if streaming and not self._timer.isActive():
            self._timer.start()
        elif not streaming and self._timer.isActive():
            self._timer.stop()

    def _refresh_streaming(self) -> None:
        changed = False
        for tid, widget in self._widgets.items():
            if widget.streaming:
                widget.refresh()
                i = self._index.get(tid)
                if i is not None:
                    old = self._heights[i]
                    self._measure(i, widget)
                    changed = changed or old != self._heights[i]
        if changed:
            self._update_range()
            self._layout()
            self._stick_to_end()
        self._update_timer()
