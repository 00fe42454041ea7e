"""The selected task: its header, actions, a banner for failures and stalls, timeline and report."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.research import ResearchTask, TimelineEntry
from desktop.ui.common.naming import without_mnemonic
from desktop.ui.common.palette import is_dark
from desktop.ui.common.plain import plain_label
from desktop.ui.research.labels import format_duration, status_color, status_label
from desktop.ui.research.report import ResearchReport
from desktop.ui.research.timeline import ResearchTimeline

# Banner colours (background and text, WCAG AA) by scheme: [warning, problem].
_BANNER_LIGHT = ("background:#fff4e5;color:#663c00;", "background:#fdecea;color:#611a15;")
_BANNER_DARK = ("background:#3d2e12;color:#ffd8a8;", "background:#3f1d1b;color:#f9c0bb;")
_CONTINUABLE = ("completed", "incomplete", "budget_exceeded", "requires_action")


class ResearchDetail(QWidget):
    """Shows one task and emits what the user asks of it (by local task id).

    Signals:
        cancel_requested: Cancel the run (the tab confirms first): task id.
        restart_requested: Start a new run with the same prompt: task id.
        continue_requested: Continue in a new conversation chained on the run: task id.
        export_requested: Export the report: task id.
        check_requested: Read the run's status again (it could not be read): task id.
        plan_reply_requested: Answer the plan of a run that waits: (task id, reply text, approve).
    """

    cancel_requested = Signal(str)
    restart_requested = Signal(str)
    continue_requested = Signal(str)
    export_requested = Signal(str)
    check_requested = Signal(str)
    plan_reply_requested = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchDetail")
        self.task: ResearchTask | None = None
        self.stall_minutes = 20.0
        self._reply_drafts: dict[str, str] = {}

        self.title = QLabel(self)
        self.title.setObjectName("researchTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("researchStatus")

        self.cancel_button = self._button(self.tr("&Cancel run"), "researchCancel", self.cancel_requested)
        self.restart_button = self._button(self.tr("Start &again"), "researchRestart", self.restart_requested)
        self.continue_button = self._button(
            self.tr("Continue in c&onversation"), "researchContinue", self.continue_requested
        )
        self.export_button = self._button(self.tr("&Export…"), "researchExport", self.export_requested)

        self.banner = QLabel(self)
        self.banner.setObjectName("researchBanner")
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setAccessibleName(self.tr("Research problem"))
        plain_label(self.banner)  # the server's reason is shown as it is, never as markup
        self.banner.hide()
        # Actions of a run whose status cannot be read (shown with the banner). Their accessible names
        # are exact and not translated: they are part of the interface (like the tools').
        self.check_button = self._button(
            self.tr("Check &again"), "researchCheckAgain", self.check_requested, accessible="Check again"
        )
        self.check_button.setToolTip(self.tr("Read the run's status from the server again"))
        self.banner_cancel_button = self._button(
            self.tr("Cancel"), "researchUnreadableCancel", self.cancel_requested, accessible="Cancel"
        )
        self.banner_cancel_button.setToolTip(self.tr("Ask the server to cancel the run"))
        self.check_button.hide()
        self.banner_cancel_button.hide()

        self.plan_box = self._plan_reply_box()

        self.timeline = ResearchTimeline(self)
        self.report = ResearchReport(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("researchDetailSplitter")
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.report)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([420, 580])

        self.empty = QLabel(self.tr("Select a research task to see its progress and report."), self)
        self.empty.setObjectName("researchDetailEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.status)
        head.addLayout(titles, 1)
        for button in (self.cancel_button, self.restart_button, self.continue_button, self.export_button):
            head.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        banner_row.addWidget(self.banner_cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(banner_row)
        layout.addWidget(self.plan_box)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty, 1)
        self.show_task(None)

    def _plan_reply_box(self) -> QFrame:
        """The answer to a plan: a reply box, "Approve plan" and "Ask for changes" (Ctrl+Enter approves)."""
        box = QFrame(self)
        box.setObjectName("researchPlanBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAccessibleName(self.tr("Reply to the research plan"))
        self.plan_hint = QLabel(
            self.tr(
                "The plan is shown in the report. Approve it to start the research, "
                "or say what to change and ask for a new plan."
            ),
            box,
        )
        self.plan_hint.setWordWrap(True)
        self.plan_reply = QPlainTextEdit(box)
        self.plan_reply.setObjectName("researchPlanReply")
        self.plan_reply.setAccessibleName(self.tr("Your reply to the plan"))
        self.plan_reply.setPlaceholderText(self.tr("E.g. “Focus on Europe and skip prices.” (optional to approve)"))
        self.plan_reply.setTabChangesFocus(True)
        self.plan_reply.setMaximumHeight(80)
        self.plan_hint.setBuddy(self.plan_reply)
        self.approve_button = QPushButton(self.tr("&Approve plan"), box)
        self.approve_button.setObjectName("researchPlanApprove")
        self.approve_button.setAccessibleName(self.tr("Approve plan"))
        self.approve_button.setToolTip(self.tr("Start the research with this plan (Ctrl+Enter)"))
        self.revise_button = QPushButton(self.tr("Ask for &changes"), box)
        self.revise_button.setObjectName("researchPlanRevise")
        self.revise_button.setAccessibleName(self.tr("Ask for changes to the plan"))
        self.revise_button.setToolTip(self.tr("Send your reply; the agent proposes a new plan"))
        self.approve_button.clicked.connect(lambda: self._send_plan_reply(True))
        self.revise_button.clicked.connect(lambda: self._send_plan_reply(False))
        self.plan_reply.textChanged.connect(
            lambda: self.revise_button.setEnabled(bool(self.plan_reply.toPlainText().strip()))
        )
        self.revise_button.setEnabled(False)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.plan_reply)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(lambda: self._send_plan_reply(True))
        buttons = QVBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.revise_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.plan_reply, 1)
        row.addLayout(buttons)
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.plan_hint)
        column.addLayout(row)
        box.hide()
        return box

    def _send_plan_reply(self, approve: bool) -> None:
        text = self.plan_reply.toPlainText()
        if self.task is None or (not approve and not text.strip()):
            return
        self.plan_reply.clear()
        self.approve_button.setEnabled(False)  # until the task changes (sent) or the reply comes back
        self.plan_reply_requested.emit(self.task.id, text, approve)

    def on_reply_failed(self, task_id: str, text: str) -> None:
        """The reply could not be sent: give it back so nothing typed is lost."""
        if self.task is not None and self.task.id == task_id:
            self.approve_button.setEnabled(True)
            if not self.plan_reply.toPlainText().strip():
                self.plan_reply.setPlainText(text)

    def _button(self, text: str, name: str, signal: Any, accessible: str | None = None) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible or without_mnemonic(text))
        button.clicked.connect(lambda: self.task is not None and signal.emit(self.task.id))
        return button

    # -- showing ----------------------------------------------------------------------------------
    def show_task(self, task: ResearchTask | None, media: list[Any] | None = None) -> None:
        """Show a task (or the empty hint)."""
        if self.task is not None and (task is None or task.id != self.task.id):
            # A reply being written stays with its task.
            self._reply_drafts[self.task.id] = self.plan_reply.toPlainText()
            self.plan_reply.setPlainText(self._reply_drafts.pop(task.id, "") if task is not None else "")
        self.task = task
        has = task is not None
        for widget in (
            self.title,
            self.status,
            self.splitter,
            self.cancel_button,
            self.restart_button,
            self.continue_button,
            self.export_button,
        ):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        self.timeline.set_entries(list(task.timeline) if task else [])
        self.report.show_task(task, media)
        self.refresh()

    def refresh(self) -> None:
        """Update the header, buttons and banner from the shown task."""
        task = self.task
        if task is None:
            self.banner.hide()
            self.check_button.hide()
            self.banner_cancel_button.hide()
            self.plan_box.hide()
            return
        self.title.setText(task.title)
        self.title.setToolTip(task.prompt)
        color = status_color(task.status, dark=is_dark(self.palette())).name()
        words = [status_label(task.status), task.agent]
        if task.finished_at:
            words.append(self.tr("took {0}").format(format_duration(task.finished_at - task.created_at)))
        self.status.setText(f'<span style="color:{color}">●</span> ' + html.escape(" · ".join(words)))
        running = not task.is_terminal and task.status != "requires_action"
        unreadable = task.status == "unreadable"
        self.cancel_button.setVisible(running and not unreadable and task.interaction_id is not None)
        self.check_button.setVisible(unreadable and task.interaction_id is not None)
        self.banner_cancel_button.setVisible(unreadable and task.interaction_id is not None)
        self.restart_button.setVisible(task.is_terminal)
        self.continue_button.setVisible(task.interaction_id is not None and task.status in _CONTINUABLE)
        self.export_button.setEnabled(bool(task.report.strip()))
        self._show_banner(task)
        waiting = task.status == "requires_action" and task.interaction_id is not None
        if waiting and self.plan_box.isHidden():
            self.approve_button.setEnabled(True)
        self.plan_box.setVisible(waiting)
        self.report.schedule()

    def _show_banner(self, task: ResearchTask) -> None:
        text = ""
        if task.status == "failed":
            reason = task.error or self.tr("The server did not say why.")
            text = self.tr("This research failed: {0}\nYou can start it again with the same prompt.").format(reason)
        elif task.status == "unreadable":
            reason = task.error or self.tr("The server did not say why.")
            text = self.tr(
                "The app cannot read this run's status: {0}\n"
                "It may still be running on the server. Check again, or cancel it."
            ).format(reason)
        elif task.status == "idle":
            text = self.tr("The run is idle on the server. It is checked from time to time until it moves on.")
        elif task.status == "stalled":
            text = self.tr(
                "No progress for over {0} minutes: the run may be stuck. You can keep waiting or cancel it."
            ).format(int(self.stall_minutes))
        elif task.status == "requires_action":
            text = self.tr("The agent proposed a plan and waits for you: approve it or ask for changes below.")
        elif task.status in ("incomplete", "budget_exceeded"):
            text = self.tr("The run ended early ({0}). The report may be partial.").format(status_label(task.status))
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        bad = task.status in ("failed", "unreadable")
        colors = _BANNER_DARK if is_dark(self.palette()) else _BANNER_LIGHT
        self.banner.setStyleSheet("QLabel{padding:6px;border-radius:4px;" + colors[bad] + "}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.task is not None:
            self.refresh()  # the banner's and the status dot's colours suit the new scheme

    def add_entries(self, entries: list[TimelineEntry]) -> None:
        """New timeline entries of the shown task."""
        self.timeline.add_entries(entries)
