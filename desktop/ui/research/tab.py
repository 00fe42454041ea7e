"""The Research tab: start background Deep Research runs, watch them, read and export the results.

The tab holds no logic: it shows what ``ResearchController`` reports and emits what the user
asks for; ``desktop.app`` connects the two. Its two dialogs open through module functions
(``confirm_cancel``, ``ask_export_path``) that tests replace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from desktop.domain.research import ResearchTask
from desktop.ui.common import external
from desktop.ui.research.detail import ResearchDetail
from desktop.ui.research.start import ResearchStartForm
from desktop.ui.research.task_list import ResearchTaskList

PRICING_URL = "https://ai.google.dev/gemini-api/docs/pricing"


def confirm_cancel(parent: QWidget, title: str) -> bool:
    """Ask whether to cancel a run (replaceable in tests)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ResearchTab", "Cancel research?"),
        QCoreApplication.translate(
            "ResearchTab", "Cancel “{0}”? The agent stops and the work done so far may be lost."
        ).format(title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_export_path(parent: QWidget, suggested_name: str) -> tuple[str, str] | None:
    """Ask where to export a report; returns (path, "md" or "html"), or None (replaceable in tests)."""
    markdown, page = (
        QCoreApplication.translate("ResearchTab", "Markdown (*.md)"),
        QCoreApplication.translate("ResearchTab", "Web page (*.html)"),
    )
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ResearchTab", "Export research"),
        suggested_name + ".md",
        f"{markdown};;{page}",
    )
    if not path:
        return None
    fmt = "html" if chosen == page or path.lower().endswith((".html", ".htm")) else "md"
    if fmt == "html" and not path.lower().endswith((".html", ".htm")):
        path += ".html"
    elif fmt == "md" and not path.lower().endswith(".md"):
        path += ".md"
    return path, fmt


def _file_name(title: str) -> str:
    return re.sub(r"[^\w\- ]+", "", title).strip().replace(" ", "-")[:60] or "research"


class ResearchTab(QWidget):
    """Start form on top; the task list and the selected task below.

    Signals:
        start_requested: Start a run: (prompt, agent, options).
        cancel_requested: Cancel a run, confirmed by the user: task id.
        restart_requested: Start a new run with a task's prompt: task id.
        continue_requested: Continue a task in a new conversation: task id.
        check_requested: Read a run's status again after it could not be read: task id.
        export_requested: Export a task: (task id, path, "md" or "html").
        shown: The tab became visible (the notifier clears its badge).
        task_shown: A task is now shown in the detail (task id): its images may be fetched.
        plan_reply_requested: Answer a run's plan: (task id, reply text, approve?).
    """

    start_requested = Signal(str, str, dict)
    cancel_requested = Signal(str)
    restart_requested = Signal(str)
    continue_requested = Signal(str)
    check_requested = Signal(str)
    export_requested = Signal(str, str, str)
    shown = Signal()
    task_shown = Signal(str)
    plan_reply_requested = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchTab")
        # Images of each task as reported by ``on_media_added`` (shown again when a task is reselected).
        self._media: dict[str, list[Any]] = {}
        self.form = ResearchStartForm(self)
        self.tasks = ResearchTaskList(self)
        self.detail = ResearchDetail(self)
        # Before the first run: what Deep Research is, what it costs and how long it takes.
        self.empty_label = QLabel(self.intro_html(), self)
        self.empty_label.setObjectName("researchEmpty")
        self.empty_label.setAccessibleName(self.tr("About Deep Research"))
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setWordWrap(True)
        self.empty_label.linkActivated.connect(lambda url: external.open_url(QUrl(url)))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setContentsMargins(12, 12, 12, 12)
        self.empty_label.setMaximumWidth(760)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("researchSplitter")
        self.splitter.addWidget(self.tasks)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([170, 530])  # the list is short; the selected task gets the room
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.splitter, 1)

        self.form.start_requested.connect(self.start_requested)
        self.tasks.task_selected.connect(self.on_task_selected)
        self.detail.cancel_requested.connect(self.on_cancel_clicked)
        self.detail.restart_requested.connect(self.restart_requested)
        self.detail.continue_requested.connect(self.continue_requested)
        self.detail.check_requested.connect(self.check_requested)
        self.detail.plan_reply_requested.connect(self.plan_reply_requested)
        self.detail.export_requested.connect(self.on_export_clicked)
        self._update_empty()

    def intro_html(self) -> str:
        """The explanation shown until the first run: what Deep Research does, its duration and cost."""
        paragraphs = [
            self.tr("No research tasks yet. Ask a question above to start one."),
            self.tr(
                "<b>What Deep Research does.</b> It is an agent, not a chat model: it plans the research, "
                "runs many Google searches, reads the pages it finds and writes a long report with "
                "numbered, clickable sources. The timeline on the left of a task shows what it is doing."
            ),
            self.tr(
                "<b>How long it takes.</b> Minutes, not seconds: most runs finish within 20 minutes, and a "
                "run can last up to an hour. It runs on Google's servers: you can keep chatting, close the "
                "app and come back; the task is found again at the next start, and a notification says "
                "when it ends."
            ),
            self.tr(
                "<b>What it costs.</b> Much more than a chat answer: a run is billed to your API key for "
                "every token the agent reads and writes (often hundreds of thousands) and for its "
                'searches. See <a href="{0}">Gemini API pricing</a>; the tokens a run used are shown '
                "under its report. Cancel stops a run you no longer need."
            ).format(PRICING_URL),
        ]
        return "".join(f"<p>{p}</p>" for p in paragraphs)

    # -- configuration --------------------------------------------------------------------------
    def set_planning_support(self, supports_planning: Callable[[str], bool]) -> None:
        """Which agents offer the planning and visual options (a function of the agent name)."""
        self.form.set_agents([self.form.agent.itemText(i) for i in range(self.form.agent.count())], supports_planning)

    def on_reply_failed(self, task_id: str, text: str) -> None:
        """A reply to a plan could not be sent: the reply box gets it back."""
        self.detail.on_reply_failed(task_id, text)

    def set_stall_minutes(self, minutes: float) -> None:
        """The no-progress time (minutes) after which a task counts as stalled, as the banner says."""
        self.detail.stall_minutes = minutes
        self.detail.refresh()

    def start_with_prompt(self, text: str) -> None:
        """Start a run on ``text`` with the agent and options chosen in the form (``--research``)."""
        self.form.prompt.setPlainText(text)
        self.form.on_submit()

    def show_task(self, task_id: str) -> None:
        """Select and show a task (a notification or the tray menu asked for it)."""
        self.tasks.select_task(task_id)

    def focus_prompt(self) -> None:
        """Put the keyboard focus in the prompt box."""
        self.form.prompt.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # A label draws its links in the Link colour of when its text was set: set it again
            # (after the event, once the label's own palette has changed too).
            QTimer.singleShot(0, self, self._reset_intro)

    def _reset_intro(self) -> None:
        self.empty_label.clear()  # setText with the same text would change nothing
        self.empty_label.setText(self.intro_html())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_prompt()
        self.shown.emit()

    # -- from the controller --------------------------------------------------------------------
    def on_tasks_loaded(self, tasks: list[ResearchTask]) -> None:
        """Show every task; select the newest."""
        self.tasks.task_model.set_tasks(tasks)
        self._update_empty()
        if tasks and not self.tasks.selected_task_id():
            self.tasks.select_task(tasks[0].id)

    def on_task_added(self, task: ResearchTask) -> None:
        """A new task: show it at the top and select it."""
        self.tasks.task_model.add(task)
        self._update_empty()
        self.tasks.select_task(task.id)

    def on_task_changed(self, task: ResearchTask) -> None:
        """Repaint the task's row, and the detail if it is the shown one."""
        if self.tasks.task_model.row_of(task.id) is None:
            self.tasks.task_model.add(task)
            self._update_empty()
        self.tasks.task_model.refresh(task.id)
        if self.detail.task is task:
            self.detail.refresh()

    def on_timeline_added(self, task_id: str, entries: list[Any]) -> None:
        """New timeline entries (shown if the task is)."""
        self.tasks.task_model.refresh(task_id)
        if self.detail.task is not None and self.detail.task.id == task_id:
            self.detail.add_entries(entries)

    def on_media_added(self, task_id: str, media: list[Any]) -> None:
        """Images for a task (shown if the task is)."""
        self._media.setdefault(task_id, []).extend(media)
        if self.detail.task is not None and self.detail.task.id == task_id:
            self.detail.report.add_media(media)

    # -- from the widgets -----------------------------------------------------------------------
    def on_task_selected(self, task_id: str) -> None:
        """Show the selected task."""
        task = None
        if task_id:
            row = self.tasks.task_model.row_of(task_id)
            task = self.tasks.task_model.task_at(row) if row is not None else None
        media = list(self._media.get(task_id, [])) if task is not None else []
        self.detail.show_task(task, media)
        if task is not None:
            self.task_shown.emit(task_id)

    def on_cancel_clicked(self, task_id: str) -> None:
        """Confirm, then ask for the cancel."""
        task = self.detail.task
        if task is None or task.id != task_id:
            return
        if confirm_cancel(self, task.title):
            self.cancel_requested.emit(task_id)

    def on_export_clicked(self, task_id: str) -> None:
        """Ask where to export, then ask for the export."""
        task = self.detail.task
        if task is None or task.id != task_id:
            return
        answer = ask_export_path(self, _file_name(task.title))
        if answer is not None:
            self.export_requested.emit(task_id, answer[0], answer[1])

    def _update_empty(self) -> None:
        has = self.tasks.task_model.rowCount() > 0
        self.empty_label.setVisible(not has)
        self.splitter.setVisible(has)
