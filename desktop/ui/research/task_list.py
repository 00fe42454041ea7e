"""The list of research tasks: title, agent, status, started, elapsed time and progress."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.domain.research import ResearchTask
from desktop.ui.common.plain import plain_tooltip
from desktop.ui.research.labels import format_duration, format_started, status_color, status_label

_Index = QModelIndex | QPersistentModelIndex


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class ResearchTaskModel(QAbstractTableModel):
    """Rows of ``ResearchTask`` objects (the controller's own), newest first."""

    TITLE, AGENT, STATUS, STARTED, ELAPSED, PROGRESS = range(6)
    # The local task id of a row.
    TaskIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, clock: Callable[[], float] = time.time, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks: list[ResearchTask] = []
        self._clock = clock
        self._icons: dict[str, QIcon] = {}
        self._headers = [
            self.tr("Title"),
            self.tr("Agent"),
            self.tr("Status"),
            self.tr("Started"),
            self.tr("Elapsed"),
            self.tr("Progress"),
        ]

    # -- Qt model API -------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        column = index.column()
        if role == self.TaskIdRole:
            return task.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(task, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TITLE:
                return plain_tooltip(task.prompt)
            if column == self.STATUS and task.error:
                return plain_tooltip(task.error)
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            if task.status not in self._icons:
                self._icons[task.status] = _dot(status_color(task.status))
            return self._icons[task.status]
        return None

    def _text(self, task: ResearchTask, column: int) -> str:
        if column == self.TITLE:
            return task.title
        if column == self.AGENT:
            return task.agent
        if column == self.STATUS:
            return status_label(task.status)
        if column == self.STARTED:
            return format_started(task.created_at)
        if column == self.ELAPSED:
            end = task.finished_at or self._clock()
            return format_duration(end - task.created_at)
        if column == self.PROGRESS:
            return self.progress_text(task)
        return ""

    def progress_text(self, task: ResearchTask) -> str:
        """What the run has done so far, counted from its timeline."""
        counts = {"thought": 0, "search": 0, "page": 0}
        for entry in task.timeline:
            if entry.kind in counts:
                counts[entry.kind] += 1
        parts = []
        if counts["search"]:
            n = counts["search"]
            parts.append(self.tr("1 search") if n == 1 else self.tr("{0} searches").format(n))
        if counts["page"]:
            n = counts["page"]
            parts.append(self.tr("1 page read") if n == 1 else self.tr("{0} pages read").format(n))
        if task.status == "completed":
            parts.append(self.tr("report ready"))
        elif task.report and not task.is_terminal:
            parts.append(self.tr("writing report"))
        elif not parts and not task.is_terminal:
            parts.append(self.tr("thinking") if counts["thought"] else self.tr("waiting"))
        return " · ".join(parts)

    # -- updates ------------------------------------------------------------------------------------
    def set_tasks(self, tasks: list[ResearchTask]) -> None:
        """Show these tasks (newest first)."""
        self.beginResetModel()
        self._tasks = list(tasks)
        self.endResetModel()

    def add(self, task: ResearchTask) -> None:
        """Show a new task at the top (or refresh it if it is already shown)."""
        if self.row_of(task.id) is not None:
            self.refresh(task.id)
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._tasks.insert(0, task)
        self.endInsertRows()

    def refresh(self, task_id: str) -> None:
        """Repaint a task's row."""
        row = self.row_of(task_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def tick(self) -> None:
        """Repaint the elapsed time of running tasks."""
        for row, task in enumerate(self._tasks):
            if not task.is_terminal:
                self.dataChanged.emit(self.index(row, self.ELAPSED), self.index(row, self.ELAPSED))

    def row_of(self, task_id: str) -> int | None:
        """The row showing ``task_id``."""
        return next((i for i, t in enumerate(self._tasks) if t.id == task_id), None)

    def task_at(self, row: int) -> ResearchTask | None:
        """The task in ``row``."""
        return self._tasks[row] if 0 <= row < len(self._tasks) else None


class ResearchTaskList(QTableView):
    """The task table; emits ``task_selected`` with the local task id.

    Signals:
        task_selected: The selected task changed: its local id ("" when none).
    """

    task_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchTaskList")
        self.setAccessibleName(self.tr("Research tasks"))
        self.task_model = ResearchTaskModel(parent=self)
        self.setModel(self.task_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ResearchTaskModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.task_model.tick)
        self._timer.start()

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        task = self.task_model.task_at(current.row()) if current.isValid() else None
        self.task_selected.emit(task.id if task else "")

    def selected_task_id(self) -> str:
        """The selected task's id, or ""."""
        index = self.currentIndex()
        task = self.task_model.task_at(index.row()) if index.isValid() else None
        return task.id if task else ""

    def select_task(self, task_id: str) -> None:
        """Select a task's row."""
        row = self.task_model.row_of(task_id)
        if row is not None:
            self.selectionModel().setCurrentIndex(
                self.task_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
