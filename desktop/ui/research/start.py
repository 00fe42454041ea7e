"""The research start form: a prompt box (Ctrl+Enter starts), the agent and its options."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.api import RESEARCH_AGENTS


class ResearchPromptEdit(QPlainTextEdit):
    """A plain-text prompt box that emits ``submitted`` on Ctrl+Enter.

    Signals:
        submitted: Ctrl+Enter was pressed.
    """

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ResearchStartForm(QWidget):
    """Collects what to research and how; emits ``start_requested``.

    Signals:
        start_requested: (prompt, agent, options) where options has ``thinking_summaries``, ``visualization``,
            ``collaborative_planning`` (bools).
    """

    start_requested = Signal(str, str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchStartForm")
        self._supports_planning: Callable[[str], bool] = lambda agent: True

        self.prompt = ResearchPromptEdit(self)
        self.prompt.setObjectName("researchPrompt")
        self.prompt.setAccessibleName(self.tr("Research question"))
        self.prompt.setPlaceholderText(self.tr("What should be researched? Ctrl+Enter starts."))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(self.prompt.fontMetrics().lineSpacing() * 4 + 12)
        self.prompt.submitted.connect(self.on_submit)

        self.agent = QComboBox(self)
        self.agent.setObjectName("researchAgent")
        self.agent.setAccessibleName(self.tr("Research agent"))
        self.agent_label = QLabel(self.tr("&Agent:"), self)
        self.agent_label.setBuddy(self.agent)
        self.thoughts = QCheckBox(self.tr("Thought &summaries"), self)
        self.thoughts.setObjectName("researchThoughts")
        self.thoughts.setAccessibleName(self.tr("Show thought summaries"))
        self.thoughts.setChecked(True)
        self.visuals = QCheckBox(self.tr("Charts and &images"), self)
        self.visuals.setObjectName("researchVisuals")
        self.visuals.setAccessibleName(self.tr("Allow charts and images"))
        self.planning = QCheckBox(self.tr("&Plan with me first"), self)
        self.planning.setObjectName("researchPlanning")
        self.planning.setAccessibleName(self.tr("Collaborative planning"))
        self.planning.setToolTip(self.tr("The agent proposes a research plan and waits for your approval."))
        self.start_button = QPushButton(self.tr("Start research"), self)
        self.start_button.setObjectName("researchStart")
        self.start_button.setAccessibleName(self.tr("Start research"))
        self.start_button.setToolTip(self.tr("Start research (Ctrl+Enter)"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.on_submit)
        self.agent.currentTextChanged.connect(self._update_options)

        options = QGridLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.agent_label, 0, 0)
        options.addWidget(self.agent, 0, 1)
        options.addWidget(self.thoughts, 1, 0, 1, 2)
        options.addWidget(self.visuals, 2, 0, 1, 2)
        options.addWidget(self.planning, 3, 0, 1, 2)
        side = QVBoxLayout()
        side.addLayout(options)
        side.addStretch(1)
        side.addWidget(self.start_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt, 1)
        layout.addLayout(side)
        self.set_agents(RESEARCH_AGENTS)

    def set_agents(self, agents: Sequence[str], supports_planning: Callable[[str], bool] | None = None) -> None:
        """Offer these agents (newest first); ``supports_planning`` says which have the extra options."""
        if supports_planning is not None:
            self._supports_planning = supports_planning
        current = self.agent.currentText()
        self.agent.clear()
        self.agent.addItems(list(agents))
        if current in agents:
            self.agent.setCurrentText(current)
        self._update_options()

    def _update_options(self) -> None:
        supported = self._supports_planning(self.agent.currentText())
        self.planning.setEnabled(supported)
        self.visuals.setEnabled(supported)

    def options(self) -> dict[str, Any]:
        """The chosen options (unsupported ones are off)."""
        return {
            "thinking_summaries": self.thoughts.isChecked(),
            "visualization": self.visuals.isEnabled() and self.visuals.isChecked(),
            "collaborative_planning": self.planning.isEnabled() and self.planning.isChecked(),
        }

    def on_submit(self) -> None:
        """Emit the request and clear the box (an empty prompt does nothing)."""
        prompt = self.prompt.toPlainText().strip()
        if not prompt:
            return
        self.start_requested.emit(prompt, self.agent.currentText(), self.options())
        self.prompt.clear()
