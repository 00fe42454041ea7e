"""The Knowledge dialog: File Search stores and their documents, and files added by drag-and-drop
or the picker with upload progress and per-file processing status.

Widgets only; a ``KnowledgeController`` does the work (``bind``). Deleting asks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.knowledge import KnowledgeDocument, KnowledgeStore
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.services.attachments.read import human_size
from desktop.ui.common.palette import error_color
from desktop.ui.common.translation import describe_error

if TYPE_CHECKING:  # imported for the type only: the controller arrives through bind()
    from desktop.controllers.knowledge import KnowledgeController
    from desktop.errors import AppError


def ask_store_name(parent: QWidget) -> str | None:
    """Ask for a new store's name; None when cancelled (tests replace this)."""
    name, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("KnowledgeDialog", "New File Search store"),
        QCoreApplication.translate("KnowledgeDialog", "Name of the store:"),
    )
    return name.strip() if ok and name.strip() else None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before deleting (tests replace this)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_files(parent: QWidget) -> list[Path]:
    """Pick files to add to a store (tests replace this)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("KnowledgeDialog", "Add files to the store"), str(Path.home())
    )
    return [Path(n) for n in names]


def _button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


class KnowledgeDialog(QDialog):
    """Lists the File Search stores; the selected store's documents; files being added."""

    STATES: ClassVar[dict[str, str]] = {
        "pending": QT_TRANSLATE_NOOP("KnowledgeDialog", "Processing…"),
        "active": QT_TRANSLATE_NOOP("KnowledgeDialog", "Ready"),
        "failed": QT_TRANSLATE_NOOP("KnowledgeDialog", "Failed"),
        "unknown": QT_TRANSLATE_NOOP("KnowledgeDialog", "Unknown"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgeDialog")
        self.setWindowTitle(self.tr("Knowledge: File Search stores"))
        self.setAcceptDrops(True)
        self.resize(820, 520)
        self.controller: KnowledgeController | None = None
        self._stores: list[KnowledgeStore] = []
        self._upload_rows: dict[str, int] = {}

        self.stores_list = QListWidget(self)
        self.stores_list.setObjectName("knowledgeStores")
        self.stores_list.setAccessibleName(self.tr("File Search stores"))
        self.new_button = _button(self.tr("New store…"), "newStoreButton", self.tr("New store"), self)
        self.delete_store_button = _button(
            self.tr("Delete store…"), "deleteStoreButton", self.tr("Delete the selected store"), self
        )
        self.refresh_button = _button(self.tr("Refresh"), "refreshStoresButton", self.tr("Refresh the stores"), self)

        self.store_title = QLabel(self.tr("Choose or create a store."), self)
        self.store_title.setObjectName("storeTitle")
        self.documents = QTableWidget(0, 3, self)
        self.documents.setObjectName("knowledgeDocuments")
        self.documents.setAccessibleName(self.tr("Documents in the store"))
        self.documents.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Size"), self.tr("Status")])
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.verticalHeader().setVisible(False)
        self.add_button = _button(self.tr("Add files…"), "addDocumentsButton", self.tr("Add files to the store"), self)
        self.delete_document_button = _button(
            self.tr("Delete document…"), "deleteDocumentButton", self.tr("Delete the selected document"), self
        )
        self.drop_hint = QLabel(self.tr("Drop files here to add them to the selected store."), self)
        self.drop_hint.setObjectName("dropHint")
        self.uploads = QTableWidget(0, 2, self)
        self.uploads.setObjectName("knowledgeUploads")
        self.uploads.setAccessibleName(self.tr("Files being added"))
        self.uploads.setHorizontalHeaderLabels([self.tr("File"), self.tr("Progress")])
        self.uploads.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.uploads.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.uploads.setColumnWidth(1, 220)
        self.uploads.verticalHeader().setVisible(False)
        self.uploads.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.uploads.setMaximumHeight(150)
        self.message = QLabel(self)
        self.message.setObjectName("knowledgeMessage")
        self.message.setAccessibleName(self.tr("Knowledge status"))
        self.message.setWordWrap(True)
        self.close_button = _button(self.tr("Close"), "closeKnowledgeButton", self.tr("Close"), self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Stores</b>"), left))
        left_layout.addWidget(self.stores_list, 1)
        for b in (self.new_button, self.delete_store_button, self.refresh_button):
            left_layout.addWidget(b)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.store_title)
        right_layout.addWidget(self.documents, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.delete_document_button)
        row.addStretch(1)
        right_layout.addLayout(row)
        right_layout.addWidget(self.drop_hint)
        right_layout.addWidget(self.uploads)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("knowledgeSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([250, 570])
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.stores_list.currentItemChanged.connect(self._store_selected)
        self.new_button.clicked.connect(self._new_store)
        self.delete_store_button.clicked.connect(self._delete_store)
        self.add_button.clicked.connect(self._add_files)
        self.delete_document_button.clicked.connect(self._delete_document)
        self.close_button.clicked.connect(self.close)
        self.documents.itemSelectionChanged.connect(self._update_document_button)
        self._update_buttons()

    # -- wiring ----------------------------------------------------------------------------------
    def bind(self, controller: KnowledgeController) -> None:
        """Use ``controller`` and list the stores."""
        self.controller = controller
        controller.stores_listed.connect(self.on_stores_listed)
        controller.documents_listed.connect(self.on_documents_listed)
        controller.upload_started.connect(self.on_upload_started)
        controller.upload_progress.connect(self.on_upload_progress)
        controller.upload_state.connect(self.on_upload_state)
        controller.failed.connect(self.on_failed)
        self.refresh_button.clicked.connect(controller.refresh)
        self.message.setText(self.tr("Loading the stores…"))
        controller.refresh()

    def current_store(self) -> str | None:
        """The selected store's name."""
        item = self.stores_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # -- controller → view -----------------------------------------------------------------------
    def on_stores_listed(self, stores: list[KnowledgeStore]) -> None:
        """Show the stores (the selection stays on the same store)."""
        current = self.current_store()
        self._stores = list(stores)
        self.stores_list.blockSignals(True)
        self.stores_list.clear()
        for store in stores:
            item = QListWidgetItem(
                self.tr("{0}\n{1} documents · {2}").format(store.label, store.documents, human_size(store.size_bytes))
            )
            item.setData(Qt.ItemDataRole.UserRole, store.name)
            item.setToolTip(store.name)
            self.stores_list.addItem(item)
            if store.name == current:
                self.stores_list.setCurrentItem(item)
        self.stores_list.blockSignals(False)
        if self.stores_list.currentItem() is None and stores:
            self.stores_list.setCurrentRow(0)
        elif not stores:
            self._store_selected(None)
        self.message.setText(
            self.tr("{0} stores.").format(len(stores)) if stores else self.tr("No stores yet: create one.")
        )
        self._update_buttons()

    def on_documents_listed(self, store: str, documents: list[KnowledgeDocument]) -> None:
        """Show a store's documents (ignored if another store is selected meanwhile)."""
        if store != self.current_store():
            return
        self.documents.setRowCount(0)
        for doc in documents:
            row = self.documents.rowCount()
            self.documents.insertRow(row)
            name = QTableWidgetItem(doc.display_name)
            name.setData(Qt.ItemDataRole.UserRole, doc.name)
            name.setToolTip(doc.name)
            self.documents.setItem(row, 0, name)
            self.documents.setItem(row, 1, QTableWidgetItem(human_size(doc.size_bytes)))
            self.documents.setItem(row, 2, QTableWidgetItem(self.tr(self.STATES.get(doc.state, doc.state))))
        self._update_buttons()

    def on_upload_started(self, key: str, file_name: str, store: str) -> None:
        """A row with a progress bar for a file being added."""
        row = self.uploads.rowCount()
        self.uploads.insertRow(row)
        self.uploads.setItem(row, 0, QTableWidgetItem(file_name))
        bar = QProgressBar(self.uploads)
        bar.setObjectName(f"uploadProgress_{key}")
        bar.setAccessibleName(self.tr("Upload of {0}").format(file_name))
        bar.setRange(0, 100)
        bar.setValue(0)
        bar.setFormat(self.tr("Uploading %p%"))
        self.uploads.setCellWidget(row, 1, bar)
        self._upload_rows[key] = row

    def _bar(self, key: str) -> QProgressBar | None:
        row = self._upload_rows.get(key)
        widget = self.uploads.cellWidget(row, 1) if row is not None else None
        return widget if isinstance(widget, QProgressBar) else None

    def on_upload_progress(self, key: str, sent: int, total: int) -> None:
        """Bytes through for one file."""
        bar = self._bar(key)
        if bar is not None and total:
            bar.setValue(int(100 * sent / total))

    def on_upload_state(self, key: str, state: str, message: str) -> None:
        """One file's processing state: uploading, processing, ready or failed (with the reason)."""
        bar = self._bar(key)
        if bar is None:
            return
        texts = {
            "uploading": self.tr("Uploading %p%"),
            "processing": self.tr("Processing…"),
            "active": self.tr("Ready"),
            "failed": self.tr("Failed: {0}").format(message) if message else self.tr("Failed"),
        }
        if state == "processing":
            bar.setRange(0, 0)  # busy: the server indexes the file
        elif state == "active":
            bar.setRange(0, 100)
            bar.setValue(100)
        elif state == "failed":
            bar.setRange(0, 100)
            bar.setValue(0)  # no fill: it must not look like a finished upload
            bar.setStyleSheet(f"QProgressBar {{ color: {error_color(bar).name()}; }}")
        bar.setFormat(texts.get(state, state))
        bar.setToolTip(message)
        bar.setProperty("state", state)

    def upload_status(self, key: str) -> str:
        """The status text shown for an upload (for tests and screen readers)."""
        bar = self._bar(key)
        return bar.text() if bar is not None else ""

    def on_failed(self, error: AppError) -> None:
        """Say what went wrong (nothing else changes)."""
        self.message.setText(describe_error(error))

    # -- user actions ----------------------------------------------------------------------------
    def _store_selected(self, *_: object) -> None:
        store = self.current_store()
        self.documents.setRowCount(0)
        label = next((s.label for s in self._stores if s.name == store), None)
        self.store_title.setText(self.tr("<b>{0}</b>").format(label) if label else self.tr("Choose or create a store."))
        if store and self.controller is not None:
            self.controller.open_store(store)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_store = self.current_store() is not None
        self.delete_store_button.setEnabled(has_store)
        self.add_button.setEnabled(has_store)
        self.delete_document_button.setEnabled(has_store and self.documents.currentRow() >= 0)

    def _update_document_button(self) -> None:
        self.delete_document_button.setEnabled(self.current_store() is not None and self.documents.currentRow() >= 0)

    def _new_store(self) -> None:
        name = ask_store_name(self)
        if name and self.controller is not None:
            self.message.setText(self.tr("Creating “{0}”…").format(name))
            self.controller.create_store(name)

    def _delete_store(self) -> None:
        store = self.current_store()
        if store is None or self.controller is None:
            return
        label = next((s.label for s in self._stores if s.name == store), store)
        if confirm(
            self,
            self.tr("Delete store"),
            self.tr("Delete the store “{0}” and all its documents? This cannot be undone.").format(label),
        ):
            self.controller.delete_store(store)

    def _delete_document(self) -> None:
        store, row = self.current_store(), self.documents.currentRow()
        item = self.documents.item(row, 0) if row >= 0 else None
        if store is None or item is None or self.controller is None:
            return
        if confirm(
            self,
            self.tr("Delete document"),
            self.tr("Delete “{0}” from the store? This cannot be undone.").format(item.text()),
        ):
            self.controller.delete_document(store, item.data(Qt.ItemDataRole.UserRole))

    def _add_files(self) -> None:
        self.add_paths(choose_files(self))

    def add_paths(self, paths: list[Path]) -> None:
        """Add files to the selected store (the picker and drops end here)."""
        store = self.current_store()
        if store is None:
            self.message.setText(self.tr("Choose or create a store first."))
            return
        files = [p for p in paths if p.is_file()]
        if not files:
            self.message.setText(self.tr("Only files can be added (not folders)."))
            return
        if self.controller is not None:
            self.controller.add_files(store, files)

    # -- drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
