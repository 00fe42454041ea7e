"""A structured (JSON mode) answer: a valid / invalid mark with the first validation error, a
collapsible tree of the value, the formatted text, and Copy.

The checking is ``structured.check_answer`` (jsonschema); this widget only shows its result.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.conversation.structured import JsonCheck, check_answer, pretty
from desktop.ui.common.palette import error_color, is_dark, text_color

# The tree and the text never grow taller than this (they scroll inside).
MAX_HEIGHT = 360
# Nodes deeper than this start collapsed.
EXPAND_DEPTH = 2
VALID_GREEN = QColor("#1e7d32")
VALID_GREEN_ON_DARK = QColor("#81c995")


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return pretty(value)


def _fill(parent: QTreeWidgetItem | QTreeWidget, key: str, value: Any, depth: int) -> None:
    item = QTreeWidgetItem([key, ""])
    if isinstance(parent, QTreeWidget):
        parent.addTopLevelItem(item)
    else:
        parent.addChild(item)
    if isinstance(value, dict):
        item.setText(1, f"{{{len(value)}}}")
        for k, v in value.items():
            _fill(item, str(k), v, depth + 1)
    elif isinstance(value, list):
        item.setText(1, f"[{len(value)}]")
        for index, v in enumerate(value):
            _fill(item, str(index), v, depth + 1)
    else:
        item.setText(1, _scalar(value))
    item.setExpanded(depth < EXPAND_DEPTH)


class JsonAnswerView(QWidget):
    """Shows a JSON answer checked against a schema (``show_answer``).

    Signals:
        height_changed: The height may have changed (a node was expanded, the view switched).
    """

    height_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jsonAnswer")
        self.result: JsonCheck | None = None
        self.mark_label = QLabel(self)
        self.mark_label.setObjectName("jsonValidity")
        self.mark_label.setAccessibleName(self.tr("Schema check"))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("jsonError")
        self.error_label.setAccessibleName(self.tr("First validation error"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text_color(self.error_label, error_color(self))
        self.text_button = QToolButton(self)
        self.text_button.setObjectName("jsonShowText")
        self.text_button.setAccessibleName(self.tr("Show the JSON as text"))
        self.text_button.setText(self.tr("Text"))
        self.text_button.setCheckable(True)
        self.text_button.setAutoRaise(True)
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("jsonCopy")
        self.copy_button.setAccessibleName(self.tr("Copy the JSON"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setAutoRaise(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("jsonTree")
        self.tree.setAccessibleName(self.tr("JSON tree"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Key"), self.tr("Value")])
        self.tree.setUniformRowHeights(True)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("jsonText")
        self.text_view.setAccessibleName(self.tr("Formatted JSON"))
        self.text_view.setReadOnly(True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text_view.setFont(font)
        self.text_view.setVisible(False)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mark_label)
        row.addWidget(self.error_label, 1)
        row.addWidget(self.text_button)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        layout.addWidget(self.text_view)

        self.copy_button.clicked.connect(self.copy)
        self.text_button.toggled.connect(self._show_text)
        self.tree.itemExpanded.connect(self._fit)
        self.tree.itemCollapsed.connect(self._fit)

    def show_answer(self, text: str, schema: dict[str, Any] | None) -> JsonCheck:
        """Check ``text`` against ``schema`` and show the outcome; returns the check."""
        result = check_answer(text, schema)
        self.result = result
        if not result.parsed:
            self.mark_label.setText(self.tr("✗ Not JSON"))
        elif result.valid:
            self.mark_label.setText(self.tr("✓ Valid") if schema else self.tr("✓ JSON"))
        else:
            self.mark_label.setText(self.tr("✗ Invalid"))
        self.refresh_colors()
        self.mark_label.setToolTip(self.tr("Checked against the conversation's JSON Schema") if schema else "")
        self.error_label.setText(result.error if not result.valid else "")
        self.tree.clear()
        if result.parsed:
            value = result.value
            if isinstance(value, dict):
                for key, item in value.items():
                    _fill(self.tree, str(key), item, 0)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    _fill(self.tree, str(index), item, 0)
            else:
                _fill(self.tree, "", value, 0)
            self.tree.resizeColumnToContents(0)
            self.text_view.setPlainText(pretty(value))
        for w in (self.tree, self.text_view, self.text_button, self.copy_button):
            w.setEnabled(result.parsed)
        self.tree.setVisible(result.parsed and not self.text_button.isChecked())
        self.text_view.setVisible(result.parsed and self.text_button.isChecked())
        self._fit()
        return result

    def refresh_colors(self) -> None:
        """Green or red marks legible on the current background (called again when the scheme changes)."""
        text_color(self.error_label, error_color(self))
        if self.result is not None:
            green = VALID_GREEN_ON_DARK if is_dark(self.palette()) else VALID_GREEN
            text_color(self.mark_label, green if self.result.valid else error_color(self))

    def copy(self) -> None:
        """Copy the formatted JSON to the clipboard."""
        if self.result is not None and self.result.parsed:
            QGuiApplication.clipboard().setText(pretty(self.result.value))

    def _show_text(self, shown: bool) -> None:
        parsed = self.result is not None and self.result.parsed
        self.text_view.setVisible(parsed and shown)
        self.tree.setVisible(parsed and not shown)
        self._fit()

    def _fit(self, *_: object) -> None:
        rows = 0
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop()
            if item is None:
                continue
            rows += 1
            if item.isExpanded():
                iterator.extend(item.child(i) for i in range(item.childCount()))
        row_height = max(18, self.tree.fontMetrics().height() + 6)
        header = self.tree.header().sizeHint().height()
        self.tree.setFixedHeight(min(MAX_HEIGHT, header + rows * row_height + 6))
        lines = self.text_view.document().blockCount()
        self.text_view.setFixedHeight(min(MAX_HEIGHT, lines * self.text_view.fontMetrics().lineSpacing() + 12))
        self.height_changed.emit()
