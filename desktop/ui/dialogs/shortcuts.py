"""Help → Keyboard shortcuts: a list generated from the menu bar's actions, so it cannot go stale.

Every action in the menu bar that has a shortcut is listed with its menu and its keys (as the menu
shows them); the few keys that belong to a widget rather than to an action (Enter in the composer,
Esc, Del in the list...) follow, from ``widget_keys``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.naming import name_standard_buttons, without_mnemonic

__all__ = ["ShortcutsDialog", "menu_shortcuts", "widget_keys"]


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu path, command, keys) for every action with a shortcut in ``menu_bar``, in menu order.

    Keys are in the platform's native spelling (what the menu itself shows).
    """
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} → {without_mnemonic(sub.title())}")
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                rows.append((path, without_mnemonic(action.text()), _keys(action)))

    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, without_mnemonic(menu.title()))
    return rows


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def widget_keys() -> list[tuple[str, str, str]]:
    """(where, what, keys) for keys handled by a widget, not by a menu action."""
    # Literal QCoreApplication.translate calls: lupdate only extracts those (a local helper named
    # tr would be filed under an empty context).
    rows = (
        (
            QCoreApplication.translate("ShortcutsDialog", "Prompt"),
            QCoreApplication.translate("ShortcutsDialog", "Send the prompt"),
            "Return",
        ),
        (
            QCoreApplication.translate("ShortcutsDialog", "Prompt"),
            QCoreApplication.translate("ShortcutsDialog", "New line"),
            "Shift+Return",
        ),
        (
            QCoreApplication.translate("ShortcutsDialog", "Conversation"),
            QCoreApplication.translate("ShortcutsDialog", "Stop the answer"),
            "Esc",
        ),
        (
            QCoreApplication.translate("ShortcutsDialog", "Search box"),
            QCoreApplication.translate("ShortcutsDialog", "Clear the search"),
            "Esc",
        ),
        (
            QCoreApplication.translate("ShortcutsDialog", "Conversation list"),
            QCoreApplication.translate("ShortcutsDialog", "Delete the conversation"),
            "Del",
        ),
        (
            QCoreApplication.translate("ShortcutsDialog", "Research"),
            QCoreApplication.translate("ShortcutsDialog", "Start the research"),
            "Ctrl+Return",
        ),
    )
    native = QKeySequence.SequenceFormat.NativeText
    return [(where, what, QKeySequence(keys).toString(native)) for where, what, keys in rows]


class ShortcutsDialog(QDialog):
    """A table of every keyboard shortcut: the menu bar's actions, then the widgets' keys."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = menu_shortcuts(menu_bar) + widget_keys()
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Command"), self.tr("Where")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (where, what, keys) in enumerate(rows):
            for column, text in enumerate((keys, what, where)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("shortcutsButtons")
        name_standard_buttons(buttons, "shortcuts")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 480)

    def rows(self) -> list[tuple[str, str, str]]:
        """(keys, command, where) as shown, top to bottom (for tests and screen readers)."""

        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(r, 0), cell(r, 1), cell(r, 2)) for r in range(self.table.rowCount())]
