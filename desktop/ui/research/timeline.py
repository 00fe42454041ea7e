"""A task's live timeline: thought summaries, searches, pages read and status changes."""

from __future__ import annotations

import json
import re
import time

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from desktop.domain.research import TimelineEntry
from desktop.domain.steps import ToolBlock, tool_block_from_dict
from desktop.render.steps import step_title
from desktop.ui.common.palette import is_dark
from desktop.ui.common.plain import plain_tooltip
from desktop.ui.research.labels import kind_label, status_color, status_label
from desktop.ui.transcript.steps import StepView, tr_steps

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MAX_CHARS = 400
_LINE_ROLE = Qt.ItemDataRole.UserRole + 1


def step_block(entry: TimelineEntry) -> ToolBlock | None:
    """The tool step a ``step`` entry holds (None when its text is not a step)."""
    try:
        data = json.loads(entry.text)
    except ValueError:
        return None
    return tool_block_from_dict(data) if isinstance(data, dict) else None


_STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # a status entry's status, for recolouring


def entry_text(entry: TimelineEntry) -> str:
    """One line (or a short paragraph) for an entry, Markdown emphasis removed."""
    block = step_block(entry) if entry.kind == "step" else None
    if block is not None:
        body = step_title(block, tr_steps)
    elif entry.kind == "status":
        body = status_label(entry.text)
    elif entry.kind == "thought":
        lines = [ln.strip() for ln in _BOLD.sub(r"\1", entry.text).splitlines() if ln.strip()]
        body = lines[0] + (" — " + " ".join(lines[1:]) if len(lines) > 1 else "") if lines else ""
    else:
        body = entry.text
    if len(body) > _MAX_CHARS:
        body = body[: _MAX_CHARS - 1] + "…"
    return f"{time.strftime('%H:%M:%S', time.localtime(entry.at))}  {kind_label(entry.kind)}: {body}"


class ResearchTimeline(QListWidget):
    """Shows one task's entries and follows new ones as they arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchTimeline")
        self.setAccessibleName(self.tr("Research timeline"))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        """Show these entries (replacing what was shown)."""
        self.clear()
        self.add_entries(entries)

    def add_entries(self, entries: list[TimelineEntry]) -> None:
        """Append entries; keeps following the end if the view was at the end."""
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        for entry in entries:
            block = step_block(entry) if entry.kind == "step" else None
            if block is not None:
                self._add_step(entry, block)
                continue
            item = QListWidgetItem(entry_text(entry))
            item.setToolTip(plain_tooltip(entry.text))
            item.setData(Qt.ItemDataRole.UserRole, entry.kind)
            if entry.kind == "status":
                font = QFont(self.font())
                font.setBold(True)
                item.setFont(font)
                item.setData(_STATUS_ROLE, entry.text)
                item.setForeground(QBrush(status_color(entry.text, dark=is_dark(self.palette()))))
            elif entry.kind == "thought":
                font = QFont(self.font())
                font.setItalic(True)
                item.setFont(font)
            self.addItem(item)
        if at_end:
            self.scrollToBottom()

    def _add_step(self, entry: TimelineEntry, block: ToolBlock) -> None:
        """A tool step: the transcript's own step component, compact and expandable, in the list."""
        line = entry_text(entry)
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, entry.kind)
        item.setData(_LINE_ROLE, line)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, line)
        view = StepView(block)
        view.setAutoFillBackground(True)
        stamp = time.strftime("%H:%M:%S", time.localtime(entry.at))
        view.toggle.setText(f"{stamp}  {view.title}")

        def fit() -> None:
            view.adjustSize()
            item.setSizeHint(QSize(max(1, self.viewport().width() - 4), view.sizeHint().height()))

        view.height_changed.connect(fit)
        self.addItem(item)
        self.setItemWidget(item, view)
        fit()

    def step_views(self) -> list[StepView]:
        """The tool steps shown, in order."""
        views = [self.itemWidget(self.item(i)) for i in range(self.count())]
        return [v for v in views if isinstance(v, StepView)]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            dark = is_dark(self.palette())
            for row in range(self.count()):
                item = self.item(row)
                status = item.data(_STATUS_ROLE)
                if status:
                    item.setForeground(QBrush(status_color(status, dark=dark)))

    def texts(self) -> list[str]:
        """The shown lines (for tests and accessibility tools)."""
        return [self.item(i).data(_LINE_ROLE) or self.item(i).text() for i in range(self.count())]
