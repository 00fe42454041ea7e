"""The JSON Schema editor of structured output: templates, a text editor, and a check before saving.

The schema is checked against its meta-schema (``structured.parse_schema``) when the user saves;
a problem is shown under the editor, pointing at where it is, and the dialog stays open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.conversation import structured
from desktop.ui.common.naming import name_standard_buttons
from desktop.ui.common.palette import error_color


class SchemaEditorDialog(QDialog):
    """Edit a JSON Schema; ``schema`` holds the checked result after OK."""

    def __init__(self, schema: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemaEditorDialog")
        self.setWindowTitle(self.tr("Structured output: JSON Schema"))
        self.resize(560, 520)
        self.schema: dict[str, Any] | None = None

        intro = QLabel(
            self.tr("Answers will be JSON following this schema. Start from a template or write your own."), self
        )
        intro.setWordWrap(True)
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("schemaTemplate")
        self.template_combo.setAccessibleName(self.tr("Schema template"))
        for name in structured.TEMPLATES:
            self.template_combo.addItem(self.tr(name), name)
        self.use_template_button = QPushButton(self.tr("Use template"), self)
        self.use_template_button.setObjectName("useSchemaTemplate")
        self.use_template_button.setAccessibleName(self.tr("Use the chosen template"))
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("schemaText")
        self.editor.setAccessibleName(self.tr("JSON Schema"))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.setFont(font)
        self.editor.setPlainText(structured.pretty(schema if schema is not None else structured.TEMPLATES["List"]))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("schemaProblem")
        self.problem_label.setAccessibleName(self.tr("Schema problem"))
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {error_color(self).name()};")  # legible in light and dark
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setObjectName("checkSchema")
        self.check_button.setAccessibleName(self.tr("Check the schema"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("schemaButtons")
        name_standard_buttons(buttons, "schema")
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Template"), self))
        row.addWidget(self.template_combo, 1)
        row.addWidget(self.use_template_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)

        self.use_template_button.clicked.connect(self.use_template)
        self.check_button.clicked.connect(self.check)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def use_template(self) -> None:
        """Replace the text with the chosen template."""
        name = self.template_combo.currentData()
        self.editor.setPlainText(structured.pretty(structured.TEMPLATES[name]))
        self.problem_label.clear()

    def check(self) -> dict[str, Any] | None:
        """Parse and check the text; shows the problem (and moves the cursor to its line) when invalid."""
        try:
            schema = structured.parse_schema(self.editor.toPlainText())
        except structured.InvalidSchemaError as exc:
            self.problem_label.setText(exc.message)
            if exc.location.startswith("line "):
                self._go_to_line(int(exc.location.split()[1]))
            return None
        self.problem_label.setText(self.tr("The schema is valid."))
        return schema

    def _go_to_line(self, line: int) -> None:
        block = self.editor.document().findBlockByLineNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def accept(self) -> None:
        """Save only a valid schema."""
        schema = self.check()
        if schema is None:
            return
        self.schema = schema
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, schema: dict[str, Any] | None) -> dict[str, Any] | None:
        """Show the editor modally; the checked schema, or None when cancelled."""
        dialog = cls(schema, parent)
        try:
            return dialog.schema if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
