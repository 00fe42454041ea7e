"""Settings → MCP servers: add, edit, test and remove the user's MCP servers.

Three kinds: a local command (stdio: command, arguments, working folder, environment), a
streamable-HTTP server (URL, headers), and a remote server that Google's side calls ("runs on
Google's side": URL, headers, allowed tools). Environment values and headers marked secret go to
the OS keyring when saved; the dialog never shows a secret value: a stored one's cell says where it is
kept, a new one is masked while typed and after (``SecretValueDelegate``).
The dialog only edits; ``McpServersController`` saves and tests.
"""

from __future__ import annotations

import copy
import os
import shlex
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.tool_reasons import translate_reason
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.services.mcp import REMOTE_NOTE, McpServerConfig

# What a stored secret's value cell shows (the value itself never leaves the keyring for display),
# translated when shown; the cell is marked with ``STORED_ROLE``, never recognised by its text.
KEPT = QT_TRANSLATE_NOOP("PairsTable", "•••• (kept in the keyring)")

# What a new secret value's cell shows: always the same, so not even its length shows.
MASK = "••••••••"

# A new secret value lives in this role of its cell, never in the text: neither the cell, nor a
# screen reader, nor a copy of the table can show it.
SECRET_ROLE = Qt.ItemDataRole.UserRole + 1
# A secret row whose value is the one stored in the keyring (unchanged).
STORED_ROLE = Qt.ItemDataRole.UserRole + 2

_VALUE, _SECRET = 1, 2

Index = QModelIndex | QPersistentModelIndex


def _named(widget: Any, name: str, accessible: str) -> Any:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def _checked(index: Index) -> bool:
    state = index.sibling(index.row(), _SECRET).data(Qt.ItemDataRole.CheckStateRole)
    return state is not None and Qt.CheckState(state) == Qt.CheckState.Checked


def _hidden_text() -> str:
    """What a screen reader says for a new secret value's cell (never the value)."""
    return QCoreApplication.translate("PairsTable", "Secret value, hidden")


class SecretValueDelegate(QStyledItemDelegate):
    """Edits a value cell; a secret row's editor echoes bullets, and what is typed goes to ``SECRET_ROLE``."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if _checked(index):
            _named(editor, "mcpSecretValueEditor", QCoreApplication.translate("PairsTable", "Secret value"))
            editor.setEchoMode(QLineEdit.EchoMode.Password)
        else:
            _named(editor, "mcpValueEditor", QCoreApplication.translate("PairsTable", "Value"))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        if _checked(index):
            # A stored secret is replaced, never shown: its editor starts empty.
            editor.setText(index.data(SECRET_ROLE) or "")
        else:
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        text = editor.text()
        if not _checked(index):
            model.setData(index, text, Qt.ItemDataRole.EditRole)
            return
        if not text and index.data(SECRET_ROLE) is None:
            return  # nothing typed over a stored secret: it stays as it is
        model.setData(index, None, STORED_ROLE)
        model.setData(index, text, SECRET_ROLE)
        model.setData(index, MASK, Qt.ItemDataRole.EditRole)
        model.setData(index, _hidden_text(), Qt.ItemDataRole.AccessibleTextRole)


class PairsTable(QTableWidget):
    """Name | Value | Secret rows (environment variables or headers).

    A secret row's value is masked while typed and after (``SecretValueDelegate``); checking
    "Secret" masks the value at once, unchecking it shows a new value again (a stored one is in
    the keyring only, so its cell is emptied for a new plain value).
    """

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        _named(self, name, accessible)
        self.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value"), self.tr("Secret")])
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setMaximumHeight(120)
        self.value_delegate = SecretValueDelegate(self)
        self.setItemDelegateForColumn(_VALUE, self.value_delegate)
        self._filling = False
        self.itemChanged.connect(self._item_changed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete removes the current row (while no cell is being edited)."""
        if event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            row = self.currentRow()
            if row >= 0:
                self.removeRow(row)
                return
        super().keyPressEvent(event)

    def set_pairs(self, plain: dict[str, str], secret: list[str]) -> None:
        self.setRowCount(0)
        for key, value in plain.items():
            self.add_row(key, value, False)
        for key in secret:
            self.add_row(key, KEPT, True)

    def add_row(self, key: str = "", value: str = "", secret: bool = False) -> None:
        """Add a row; a secret ``value`` other than ``KEPT`` (a stored one) is a new secret value."""
        self._filling = True
        try:
            row = self.rowCount()
            self.insertRow(row)
            self.setItem(row, 0, QTableWidgetItem(key))
            stored = secret and value == KEPT
            value_item = QTableWidgetItem(QCoreApplication.translate("PairsTable", KEPT) if stored else value)
            if stored:
                value_item.setData(STORED_ROLE, True)
            self.setItem(row, _VALUE, value_item)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if secret else Qt.CheckState.Unchecked)
            self.setItem(row, _SECRET, check)
        finally:
            self._filling = False
        if secret and value != KEPT:
            self.set_secret_value(row, value)

    def set_secret_value(self, row: int, value: str) -> None:
        """Give a secret row a new value (kept out of the cell's text)."""
        item = self.item(row, _VALUE)
        if item is None:
            return
        self._filling = True
        try:
            item.setData(STORED_ROLE, None)
            item.setData(SECRET_ROLE, value)
            item.setText(MASK)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _hidden_text())
        finally:
            self._filling = False

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """Checking "Secret" masks the row's value at once; unchecking shows a new value again."""
        if self._filling or item.column() != _SECRET:
            return
        value = self.item(item.row(), _VALUE)
        if value is None:
            return
        fresh = value.data(SECRET_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            if fresh is None and not value.data(STORED_ROLE):
                self.set_secret_value(item.row(), value.text())
            return
        self._filling = True
        try:
            value.setData(STORED_ROLE, None)
            value.setData(SECRET_ROLE, None)
            value.setData(Qt.ItemDataRole.AccessibleTextRole, None)
            # A stored value stays in the keyring: the cell empties for a new, plain value.
            value.setText(fresh if isinstance(fresh, str) else "")
        finally:
            self._filling = False

    def pairs(self) -> tuple[dict[str, str], list[str], dict[str, str]]:
        """(plain values, secret names, new secret values) — a secret still showing ``KEPT`` is unchanged."""
        plain: dict[str, str] = {}
        names: list[str] = []
        fresh: dict[str, str] = {}
        for row in range(self.rowCount()):
            key_item, value_item, check = self.item(row, 0), self.item(row, _VALUE), self.item(row, _SECRET)
            key = key_item.text().strip() if key_item else ""
            value = value_item.text() if value_item else ""
            if not key:
                continue
            if check is not None and check.checkState() == Qt.CheckState.Checked:
                names.append(key)
                secret = value_item.data(SECRET_ROLE) if value_item else None
                if isinstance(secret, str):
                    fresh[key] = secret
            else:
                plain[key] = value
        return plain, names, fresh


class McpServersDialog(QDialog):
    """The MCP servers dialog.

    Signals:
        save_requested: Save all servers: (``list[McpServerConfig]``, {server id: {"env:NAME"|"header:NAME": value}}).
        test_requested: Test one server as edited: (``McpServerConfig``, {"env:NAME"|"header:NAME": value}).
    """

    save_requested = Signal(list, dict)
    test_requested = Signal(object, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mcpServersDialog")
        self.setWindowTitle(self.tr("MCP servers"))
        self.resize(860, 560)
        self._servers: list[McpServerConfig] = []
        self._secrets: dict[str, dict[str, str]] = {}
        self._current: str | None = None
        self._saving = False
        # The servers as last listed (saved), to tell whether there are edits a close would lose.
        self._saved: list[dict[str, Any]] = []
        self._close_after_save = False
        self.unsaved_box: QMessageBox | None = None
        # The server being tested: Test waits for its outcome (a second test would stop the first).
        self._testing: str | None = None

        self.list = _named(QListWidget(self), "mcpServerList", self.tr("MCP servers"))
        # Long names and "runs on Google's side" wrap instead of scrolling sideways.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = _named(QPushButton(self.tr("Add"), self), "addMcpServerButton", self.tr("Add a server"))
        self.remove_button = _named(
            QPushButton(self.tr("Remove"), self), "removeMcpServerButton", self.tr("Remove the server")
        )
        self.name_edit = _named(QLineEdit(self), "mcpServerName", self.tr("Name"))
        self.kind_combo = _named(QComboBox(self), "mcpServerKind", self.tr("Kind"))
        self.kind_combo.addItem(self.tr("Local command (stdio)"), "stdio")
        self.kind_combo.addItem(self.tr("Streamable HTTP (from this computer)"), "http")
        self.kind_combo.addItem(self.tr("Remote ({0})").format(self.tr(REMOTE_NOTE)), "remote")
        self.command_edit = _named(QLineEdit(self), "mcpServerCommand", self.tr("Command"))
        self.args_edit = _named(QLineEdit(self), "mcpServerArguments", self.tr("Arguments"))
        self.cwd_edit = _named(QLineEdit(self), "mcpServerFolder", self.tr("Working folder"))
        self.url_edit = _named(QLineEdit(self), "mcpServerUrl", self.tr("URL"))
        self.command_edit.setPlaceholderText(self.tr("The program, e.g. npx or uvx"))
        self.args_edit.setPlaceholderText(
            self.tr("Quoted as in a shell, e.g. -y @modelcontextprotocol/server-everything")
        )
        self.url_edit.setPlaceholderText(self.tr("e.g. http://127.0.0.1:8000/mcp"))
        self.allowed_edit = _named(QLineEdit(self), "mcpServerAllowedTools", self.tr("Allowed tools"))
        self.allowed_edit.setPlaceholderText(self.tr("Comma-separated; empty allows all"))
        self.env_table = PairsTable("mcpServerEnvironment", self.tr("Environment"), self)
        self.headers_table = PairsTable("mcpServerHeaders", self.tr("Headers"), self)
        self.add_env_button = _named(
            QPushButton(self.tr("Add variable"), self), "addEnvButton", self.tr("Add an environment variable")
        )
        self.add_header_button = _named(
            QPushButton(self.tr("Add header"), self), "addHeaderButton", self.tr("Add a header")
        )
        self.remove_env_button = _named(
            QPushButton(self.tr("Remove variable"), self),
            "removeEnvButton",
            self.tr("Remove the selected environment variable"),
        )
        self.remove_header_button = _named(
            QPushButton(self.tr("Remove header"), self), "removeHeaderButton", self.tr("Remove the selected header")
        )
        # Add and Remove side by side under their table (one row of the form, shown with the table).
        self.env_buttons = QWidget(self)
        self.env_buttons.setObjectName("mcpEnvButtons")
        self.header_buttons = QWidget(self)
        self.header_buttons.setObjectName("mcpHeaderButtons")
        for box, add, remove in (
            (self.env_buttons, self.add_env_button, self.remove_env_button),
            (self.header_buttons, self.add_header_button, self.remove_header_button),
        ):
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # no taller than the buttons
            row_layout = QHBoxLayout(box)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.addWidget(add, 1)
            row_layout.addWidget(remove, 1)
        self.test_button = _named(QPushButton(self.tr("Test"), self), "testMcpServerButton", self.tr("Test the server"))
        self.save_button = _named(QPushButton(self.tr("Save"), self), "saveMcpServersButton", self.tr("Save"))
        self.close_button = _named(QPushButton(self.tr("Close"), self), "closeMcpServersButton", self.tr("Close"))
        self.status_label = _named(QLabel(self), "mcpServerStatus", self.tr("Test result"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Kind"), self.kind_combo)
        form.addRow(self.tr("&Command"), self.command_edit)
        form.addRow(self.tr("&Arguments"), self.args_edit)
        form.addRow(self.tr("&Working folder"), self.cwd_edit)
        form.addRow(self.tr("&Environment"), self.env_table)
        form.addRow("", self.env_buttons)
        form.addRow(self.tr("&URL"), self.url_edit)
        form.addRow(self.tr("&Headers"), self.headers_table)
        form.addRow("", self.header_buttons)
        form.addRow(self.tr("Allowed &tools"), self.allowed_edit)
        self._form = form
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.list.currentItemChanged.connect(self._selected)
        self.name_edit.textEdited.connect(self._rename_item)
        self.command_edit.editingFinished.connect(self._split_command_line)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.add_env_button.clicked.connect(self._add_env_row)
        self.add_header_button.clicked.connect(self._add_header_row)
        self.remove_env_button.clicked.connect(lambda: self._remove_row(self.env_table))
        self.remove_header_button.clicked.connect(lambda: self._remove_row(self.headers_table))
        for table in (self.env_table, self.headers_table):
            table.itemSelectionChanged.connect(self._update_enabled)
        self.test_button.clicked.connect(self._test)
        self.save_button.clicked.connect(self._save)
        self.close_button.clicked.connect(self.reject)
        # Enter in a field must not press a button (it used to add a server: "Add" was the default).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._kind_changed()
        self._update_enabled()

    # -- from the controller ----------------------------------------------------------------------
    def on_servers_listed(self, servers: list[McpServerConfig]) -> None:
        """Show the saved servers (edits not saved are dropped)."""
        if self._saving:
            self._saving = False
            self.status_label.setText(self.tr("Saved. Servers start when a conversation first uses them."))
            self.status_label.setStyleSheet("")
        else:
            self.status_label.clear()  # a test's outcome belongs to the edits that are gone
        self._servers = [copy.deepcopy(s) for s in servers]
        self._saved = [asdict(s) for s in self._servers]
        self._secrets = {}
        self._current = None
        self.list.clear()
        for server in self._servers:
            self._add_item(server)
        if self._servers:
            self.list.setCurrentRow(0)
        else:
            self._clear_form()
        self._update_enabled()
        if self._close_after_save:
            self._close_after_save = False
            super().reject()

    def on_tested(self, server_id: str, ok: bool, message: str) -> None:
        """Show a test's outcome."""
        if server_id == self._testing:
            self._testing = None
            self._update_enabled()
        name = next((s.name for s in self._servers if s.id == server_id), "")
        if ok:
            self.status_label.setText(self.tr("{0} works. Tools: {1}").format(name, message))
            self.status_label.setStyleSheet("")
        else:
            reason = translate_reason(message)
            # "The MCP server X could not start: …" names the server already.
            named = bool(name) and message.startswith(f"The MCP server {name} ")
            self.status_label.setText(reason if named else self.tr("{0} failed: {1}").format(name, reason))
            self.status_label.setStyleSheet("color: #b3261e;")

    def on_failed(self, message: str) -> None:
        """Saving failed: said in the dialog (shown again if it was closed while saving)."""
        self._saving = False
        self._close_after_save = False
        self.status_label.setText(message)
        self.status_label.setStyleSheet("color: #b3261e;")
        if not self.isVisible():
            self.show()

    # -- closing ----------------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        """Whether the servers as edited differ from the saved ones (a new secret value counts)."""
        self._store_form()
        return [asdict(s) for s in self._servers] != self._saved or bool(self._secrets)

    def reject(self) -> None:
        """Close, Escape and the window's close button: with unsaved edits, ask first (Save, Discard
        or Cancel) instead of dropping them."""
        if self.unsaved_box is not None and self.unsaved_box.isVisible():
            return
        if not self._saving and self.has_unsaved_changes():
            self._ask_unsaved()
            return
        super().reject()

    def _ask_unsaved(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("MCP servers"),
            self.tr("Save the changes to the MCP servers?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        _named(box, "unsavedMcpServersMessage", self.tr("Unsaved changes"))
        box.setInformativeText(self.tr("Changes that are not saved are lost when the dialog closes."))
        for standard, name, accessible in (
            (QMessageBox.StandardButton.Save, "saveChangesButton", self.tr("Save the changes")),
            (QMessageBox.StandardButton.Discard, "discardChangesButton", self.tr("Discard the changes")),
            (QMessageBox.StandardButton.Cancel, "keepEditingButton", self.tr("Keep editing")),
        ):
            _named(box.button(standard), name, accessible)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._unsaved_answered(box))
        self.unsaved_box = box
        box.open()  # window-modal, no nested event loop

    def _unsaved_answered(self, box: QMessageBox) -> None:
        self.unsaved_box = None
        box.deleteLater()
        answer = box.standardButton(box.clickedButton()) if box.clickedButton() is not None else None
        if answer == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self._save()
        elif answer == QMessageBox.StandardButton.Discard:
            saved = [McpServerConfig.from_dict(d) for d in self._saved]
            self.on_servers_listed(saved)
            super().reject()

    # -- editing ----------------------------------------------------------------------------------
    def _add_item(self, server: McpServerConfig) -> None:
        item = QListWidgetItem(self._item_text(server))
        item.setData(Qt.ItemDataRole.UserRole, server.id)
        self.list.addItem(item)

    def _item_text(self, server: McpServerConfig) -> str:
        if server.transport == "remote":
            return self.tr("{0} — {1}").format(server.name, self.tr(REMOTE_NOTE))
        return server.name

    def _server(self, server_id: str | None) -> McpServerConfig | None:
        return next((s for s in self._servers if s.id == server_id), None)

    def _add(self) -> None:
        self._store_form()
        server = McpServerConfig.new(self.tr("New server"))
        self._servers.append(server)
        self._add_item(server)
        self.list.setCurrentRow(self.list.count() - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _remove(self) -> None:
        server = self._server(self._current)
        if server is None:
            return
        row = self._servers.index(server)
        self._servers.remove(server)
        self._secrets.pop(server.id, None)
        self._current = None
        self.list.takeItem(row)
        self._update_enabled()

    def _selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self._store_form()
        server = self._server(current.data(Qt.ItemDataRole.UserRole) if current else None)
        self._current = server.id if server else None
        if server is not None:
            self._load_form(server)
        else:
            self._clear_form()
        self._update_enabled()

    def _clear_form(self) -> None:
        """No server chosen: an empty form (not the values of one that is gone)."""
        for edit in (self.name_edit, self.command_edit, self.args_edit, self.cwd_edit, self.url_edit):
            edit.clear()
        self.allowed_edit.clear()
        self.env_table.setRowCount(0)
        self.headers_table.setRowCount(0)
        self.kind_combo.setCurrentIndex(0)

    def _load_form(self, s: McpServerConfig) -> None:
        self.name_edit.setText(s.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(s.transport)))
        self.command_edit.setText(s.command)
        self.args_edit.setText(shlex.join(s.args))
        self.cwd_edit.setText(s.cwd)
        self.url_edit.setText(s.url)
        self.allowed_edit.setText(", ".join(s.allowed_tools))
        fresh = self._secrets.get(s.id, {})
        self.env_table.set_pairs(s.env, s.secret_env)
        self.headers_table.set_pairs(s.headers, s.secret_headers)
        for table, kind in ((self.env_table, "env"), (self.headers_table, "header")):
            for row in range(table.rowCount()):
                key_item = table.item(row, 0)
                key = f"{kind}:{key_item.text() if key_item else ''}"
                if key in fresh:
                    table.set_secret_value(row, fresh[key])
        self._kind_changed()

    def _store_form(self) -> None:
        """Keep the form's edits in the current server (secret values apart, for the keyring)."""
        s = self._server(self._current)
        if s is None:
            return
        s.name = self.name_edit.text().strip() or s.name
        s.transport = self.kind_combo.currentData()
        self._split_command_line()
        s.command = self.command_edit.text().strip()
        try:
            s.args = shlex.split(self.args_edit.text())
        except ValueError:
            s.args = self.args_edit.text().split()
        s.cwd = self.cwd_edit.text().strip()
        s.url = self.url_edit.text().strip()
        s.allowed_tools = [t.strip() for t in self.allowed_edit.text().split(",") if t.strip()]
        s.env, s.secret_env, fresh_env = self.env_table.pairs()
        s.headers, s.secret_headers, fresh_headers = self.headers_table.pairs()
        fresh = {f"env:{k}": v for k, v in fresh_env.items()} | {f"header:{k}": v for k, v in fresh_headers.items()}
        # Only what is still secret goes to the keyring (a value unchecked since is a plain one now).
        secret = {f"env:{k}" for k in s.secret_env} | {f"header:{k}" for k in s.secret_headers}
        values = {k: v for k, v in (self._secrets.get(s.id, {}) | fresh).items() if k in secret}
        if values:
            self._secrets[s.id] = values
        else:
            self._secrets.pop(s.id, None)
        item = self.list.item(self._servers.index(s))
        if item is not None:
            item.setText(self._item_text(s))

    def _split_command_line(self) -> None:
        """A whole command line pasted into Command (as server READMEs print it) is split into the
        program and its arguments, when Arguments is empty and the text is not itself a program
        whose path holds spaces."""
        text = self.command_edit.text().strip()
        if not text or self.args_edit.text().strip() or not any(c.isspace() for c in text):
            return
        if os.path.exists(os.path.expanduser(text)):
            return
        try:
            program, *args = shlex.split(text)
        except ValueError:
            return  # unbalanced quotes: left as typed, the test says what is wrong
        if args:
            self.command_edit.setText(program)
            self.args_edit.setText(shlex.join(args))

    def _rename_item(self, text: str) -> None:
        """The list follows the name as it is typed."""
        item = self.list.currentItem()
        if item is not None and text.strip():
            item.setText(text.strip())

    def _kind_changed(self, *_: object) -> None:
        kind = self.kind_combo.currentData()
        local = kind == "stdio"
        for widget in (self.command_edit, self.args_edit, self.cwd_edit, self.env_table, self.env_buttons):
            widget.setVisible(local)
            label = self._form.labelForField(widget)
            if label is not None:
                label.setVisible(local)
        for widget in (self.url_edit, self.headers_table, self.header_buttons):
            widget.setVisible(not local)
            label = self._form.labelForField(widget)
            if label is not None:
                label.setVisible(not local)
        self.allowed_edit.setVisible(kind == "remote")
        label = self._form.labelForField(self.allowed_edit)
        if label is not None:
            label.setVisible(kind == "remote")

    def _add_env_row(self) -> None:
        self.env_table.add_row()
        self.env_table.setCurrentCell(self.env_table.rowCount() - 1, 0)
        self.env_table.setFocus()

    def _add_header_row(self) -> None:
        self.headers_table.add_row()
        self.headers_table.setCurrentCell(self.headers_table.rowCount() - 1, 0)
        self.headers_table.setFocus()

    def _update_enabled(self) -> None:
        editing = self._current is not None
        form = (
            self.name_edit,
            self.kind_combo,
            self.command_edit,
            self.args_edit,
            self.cwd_edit,
            self.env_table,
            self.add_env_button,
            self.url_edit,
            self.headers_table,
            self.add_header_button,
            self.allowed_edit,
        )
        # Without a server chosen, what is typed would go nowhere.
        for widget in (self.remove_button, self.test_button, *form):
            widget.setEnabled(editing)
        self.test_button.setEnabled(editing and self._testing is None)
        for table, button in (
            (self.env_table, self.remove_env_button),
            (self.headers_table, self.remove_header_button),
        ):
            button.setEnabled(editing and table.currentRow() >= 0 and bool(table.selectedItems()))

    def _remove_row(self, table: PairsTable) -> None:
        """Remove the selected row (a secret's value leaves the keyring when the servers are saved)."""
        row = table.currentRow()
        if row < 0:
            return
        table.removeRow(row)
        table.setFocus()
        self._update_enabled()

    def _test(self) -> None:
        self._store_form()
        server = self._server(self._current)
        if server is not None:
            self.status_label.setText(self.tr("Testing {0}…").format(server.name))
            self.status_label.setStyleSheet("")
            self._testing = server.id
            self._update_enabled()
            self.test_requested.emit(copy.deepcopy(server), dict(self._secrets.get(server.id, {})))

    def _save(self) -> None:
        self._store_form()
        self._saving = True
        self.status_label.setText(self.tr("Saving…"))
        self.status_label.setStyleSheet("")
        self.save_requested.emit([copy.deepcopy(s) for s in self._servers], copy.deepcopy(self._secrets))
