"""A window showing a paragraph too long for the transcript ("Show all").

One function (tests replace it). The text is shown in a read-only ``QPlainTextEdit``, which lays
out only what is visible, cut into lines of ``LINE_CHARS`` characters where it has none: a 2 MB
line laid out as one paragraph would freeze the window for seconds. "Copy all" copies the text as
it was written.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.ui.common.naming import name_standard_buttons

LINE_CHARS = 2_000


def display_lines(text: str) -> str:
    """``text`` with every line longer than ``LINE_CHARS`` cut into lines of that length."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(line[i : i + LINE_CHARS] for i in range(0, max(1, len(line)), LINE_CHARS))
    return "\n".join(out)


class LongTextDialog(QDialog):
    """Read-only view of a long text, with Copy all and Close."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("longTextDialog")
        self.setWindowTitle(self.tr("The whole paragraph ({0:,} characters)").format(len(text)))
        self.setAccessibleName(self.tr("The whole paragraph"))
        self._text = text
        self.view = QPlainTextEdit(self)
        self.view.setObjectName("longTextView")
        self.view.setAccessibleName(self.tr("Paragraph text"))
        self.view.setReadOnly(True)
        self.view.setFont(QFont("monospace"))
        self.view.setPlainText(display_lines(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("longTextButtons")
        name_standard_buttons(buttons, "longText")
        copy = QPushButton(self.tr("Copy all"), self)
        copy.setObjectName("copyAllButton")
        copy.setAccessibleName(self.tr("Copy the whole paragraph"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 600)


def show_long_text(parent: QWidget | None, text: str) -> None:
    """Show ``text`` in its own window (modal, closed by the user)."""
    LongTextDialog(text, parent).exec()
