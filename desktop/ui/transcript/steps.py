"""Tool steps and sources as widgets: the same components in the transcript and the Research timeline.

``StepView`` shows one tool step (a call and its result) as one compact line that expands to its
details (queries, pages read and their status, code and output, places, file hits); the details are
the render layer's HTML (``desktop.render.steps``), built only when first expanded, so an answer
with many steps costs a handful of labels. ``StepsPanel`` keeps an answer's steps in order and
updates them as they stream. ``SourcesView`` is the numbered Sources list under an answer; only
http/https links open, in the system browser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from desktop.domain.steps import SourceRef, ToolBlock, is_web_url
from desktop.render.steps import sources_html, step_code, step_html, step_title
from desktop.ui.common.palette import error_color, text_color
from desktop.ui.transcript.browser import TextBlock, insert_block_html, open_external

# Sources shown at once; a longer list is completed in slices on later event-loop turns (a
# QTextDocument takes ~80 ms to lay out 500 entries, which would freeze the window).
FIRST_SOURCES = 20
SOURCES_PER_SLICE = 30


def tr_steps(text: str) -> str:
    """Translate a string of the step and source fragments (context ``Steps``)."""
    return QCoreApplication.translate("Steps", text)


def _fenced(code: str) -> str:
    """``code`` as the only fenced block of a Markdown source (a fence longer than any inside it)."""
    fence = "~" * max(4, 1 + max((len(m) for m in re.findall(r"~+", code)), default=0))
    return f"{fence}\n{code}\n{fence}\n"


class StepView(QWidget):
    """One tool step: a compact toggle line; its details below it once expanded.

    Signals:
        height_changed: The widget's height changed (expanded, collapsed or new content).
    """

    height_changed = Signal()

    def __init__(self, block: ToolBlock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepView")
        self.block = block
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("stepToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.details: TextBlock | None = None
        self._red = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.toggle.toggled.connect(self.set_expanded)
        self._show_title()

    @property
    def title(self) -> str:
        """The compact line shown."""
        return self.toggle.text()

    @property
    def expanded(self) -> bool:
        """Whether the details are shown."""
        return self.toggle.isChecked()

    def set_block(self, block: ToolBlock) -> None:
        """Show a newer state of the step (its result arrived)."""
        if block.signature == self.block.signature:
            return
        self.block = block
        self._show_title()
        if self.details is not None:
            self.details.setHtml(step_html(block, tr=tr_steps, copy_link=True))
            self.details.fit_height()
        self.height_changed.emit()

    def set_expanded(self, shown: bool) -> None:
        """Show or hide the details (built on first use)."""
        if self.toggle.isChecked() != shown:
            self.toggle.setChecked(shown)
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown and self.details is None:
            self.details = TextBlock(self)
            self.details.setObjectName("stepDetails")
            self.details.setAccessibleName(QCoreApplication.translate("Steps", "Step details"))
            self.details.setViewportMargins(18, 0, 0, 0)
            self.details.setHtml(step_html(self.block, tr=tr_steps, copy_link=True))
            # "Copy" by the code copies exactly the code that ran (copy-code:0 of a one-block source).
            self.details.set_source_provider(lambda: _fenced(step_code(self.block)))
            self.details.height_changed.connect(self.height_changed)
            self._layout.addWidget(self.details)
        if self.details is not None:
            self.details.setVisible(shown)
            if shown:
                self.details.fit_height()
        self.height_changed.emit()

    def details_text(self) -> str:
        """The details as plain text (built if needed; for tests and accessibility tools)."""
        if self.details is None:
            return ""
        return self.details.toPlainText()

    def _show_title(self) -> None:
        title = step_title(self.block, tr_steps)
        self.toggle.setText(title)
        self.toggle.setAccessibleName(title)
        self.toggle.setToolTip(QCoreApplication.translate("Steps", "Show or hide what this step did"))
        # A palette change costs a few ms per widget: only for the (rare) failed step and back.
        if self.block.is_error or self._red:
            text_color(self.toggle, error_color(self) if self.block.is_error else None)
            palette = self.toggle.palette()
            base = self.toggle.style().standardPalette()
            palette.setColor(
                QPalette.ColorRole.ButtonText,
                error_color(self) if self.block.is_error else base.color(QPalette.ColorRole.ButtonText),
            )
            self.toggle.setPalette(palette)
            self._red = self.block.is_error


class StepsPanel(QWidget):
    """An answer's tool steps, in order; hidden when there are none.

    Signals:
        height_changed: The panel's height changed.
    """

    height_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepsPanel")
        self.setAccessibleName(QCoreApplication.translate("Steps", "Tool steps"))
        self._views: list[StepView] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 2)
        self._layout.setSpacing(0)
        self.setVisible(False)

    def set_blocks(self, blocks: Sequence[ToolBlock]) -> None:
        """Show these steps: existing lines are updated in place, new ones appended."""
        changed = False
        for i, block in enumerate(blocks):
            if i < len(self._views):
                self._views[i].set_block(block)
                continue
            view = StepView(block, self)
            view.height_changed.connect(self.height_changed)
            self._views.append(view)
            self._layout.addWidget(view)
            changed = True
        while len(self._views) > len(blocks):
            view = self._views.pop()
            self._layout.removeWidget(view)
            view.deleteLater()
            changed = True
        if self.isHidden() == bool(blocks):
            self.setVisible(bool(blocks))
            changed = True
        if changed:
            self.height_changed.emit()

    def views(self) -> list[StepView]:
        """The step lines, in order."""
        return list(self._views)


class SourcesView(TextBlock):
    """The numbered Sources list of an answer (and Google's search suggestions, when given)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesView")
        self.setAccessibleName(QCoreApplication.translate("Steps", "Sources"))
        self.sources: tuple[SourceRef, ...] = ()
        self._shown: tuple[tuple[SourceRef, ...], str] | None = None
        self._listed = 0
        self._suggestions = ""
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._show_more)
        self.setVisible(False)

    @property
    def complete(self) -> bool:
        """Whether every source is listed (a long list is completed over a few event-loop turns)."""
        return self._listed >= len(self.sources)

    def set_sources(self, sources: Sequence[SourceRef], suggestions: str = "") -> None:
        """Show these sources (numbered from 1 in this order); hidden when there are none."""
        state = (tuple(sources), suggestions)
        if state == self._shown:
            return
        self._shown = state
        self.sources = state[0]
        self._suggestions = suggestions
        self._listed = min(len(self.sources), FIRST_SOURCES)
        done = self.complete
        first = self.sources[: self._listed]
        self.setHtml(sources_html(first, tr=tr_steps, suggestions=suggestions if done else ""))
        self.setVisible(bool(sources) or bool(suggestions))
        self.fit_height()
        if not done:
            self._more.start()

    def _show_more(self) -> None:
        start = self._listed
        self._listed = min(len(self.sources), start + SOURCES_PER_SLICE)
        rows = self.sources[start : self._listed]
        suggestions = self._suggestions if self.complete else ""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        insert_block_html(
            cursor, sources_html(rows, tr=tr_steps, title=False, suggestions=suggestions, start=start + 1)
        )
        self.fit_height()
        if not self.complete:
            self._more.start()

    def finish_listing(self) -> None:
        """List every remaining source now (for tests and exports of the view)."""
        while not self.complete:
            self._show_more()
        self._more.stop()

    def select_source(self, number: int) -> bool:
        """Select entry ``number`` (1-based) so the eye finds it; False if there is none."""
        if not 0 < number <= len(self.sources):
            return False
        if number > self._listed:
            self.finish_listing()
        block = self.document().begin()
        while block.isValid() and not block.text().startswith(f"{number}. "):
            block = block.next()
        if not block.isValid():
            return False
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def on_anchor_clicked(self, url: QUrl) -> None:
        """Open a source in the system browser: http and https only."""
        if is_web_url(url.toString()):
            open_external(url)
