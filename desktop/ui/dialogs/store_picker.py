"""Choosing the File Search stores a conversation searches (asked when File Search is switched on)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.domain.knowledge import KnowledgeStore
from desktop.ui.common.naming import name_standard_buttons


class StorePickerDialog(QDialog):
    """A checkable list of stores; ``chosen()`` gives the names checked."""

    def __init__(self, stores: list[KnowledgeStore], chosen: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storePickerDialog")
        self.setWindowTitle(self.tr("File Search stores"))
        intro = QLabel(self.tr("File Search in this conversation searches these stores:"), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("storeChoices")
        self.list.setAccessibleName(self.tr("Stores to search"))
        for store in stores:
            item = QListWidgetItem(self.tr("{0} ({1} documents)").format(store.label, store.documents))
            item.setData(Qt.ItemDataRole.UserRole, store.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if store.name in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("storePickerButtons")
        name_standard_buttons(buttons, "storePicker")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        """The names of the checked stores, in list order."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]


def ask_stores(parent: QWidget, stores: list[KnowledgeStore], chosen: list[str]) -> list[str] | None:
    """Ask which stores to search; None when cancelled (tests replace this)."""
    dialog = StorePickerDialog(stores, chosen, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
