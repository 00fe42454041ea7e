"""The Research tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ResearchTab(QWidget):
    """The Research tab's frame (its task list and timeline are built on it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchTab")
        self.empty_label = QLabel(self.tr("No research tasks yet."), self)
        self.empty_label.setObjectName("researchEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
