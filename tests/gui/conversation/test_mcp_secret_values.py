"""Settings → MCP servers: a secret value is never visible, neither while it is typed nor after; the
"Secret" check masks a value at once (and unchecking shows a new one again); what was typed is saved
to the keyring exactly. Against the real Secret Service under ``tests/keyring_session.sh``, else an
in-memory keyring."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.keystore import KeyStore
from desktop.services.mcp import McpServerStore
from desktop.ui.dialogs.mcp_servers import KEPT, MASK, SECRET_ROLE, McpServersDialog, PairsTable
from tests.memory_keyring import InMemoryKeyring

# Typed with QTest (ASCII only): spaces at both ends and symbols, which must survive as typed.
SECRET = " Tok3n=/+!x y "
HEADER = "Bearer hdr-S3cret"


@pytest.fixture
def backend() -> Iterator[KeyringBackend]:
    """The real Secret Service when the wrapper asks for it (it must work then), else in memory."""
    previous = keyring.get_keyring()
    chosen: KeyringBackend = InMemoryKeyring()
    if os.environ.get("GEMINI_DESKTOP_TEST_SECRET_SERVICE") == "1":
        from keyring.backends import SecretService

        chosen = SecretService.Keyring()
    keyring.set_keyring(chosen)
    yield chosen
    keyring.set_keyring(previous)


def _dialog(qtbot) -> McpServersDialog:
    dialog = McpServersDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.on_servers_listed([])
    dialog.add_button.click()
    dialog.name_edit.setText("Notes")
    dialog.command_edit.setText("notes-server")
    QApplication.processEvents()
    return dialog


def _new_row(table: PairsTable, name: str) -> int:
    table.add_row()
    row = table.rowCount() - 1
    table.item(row, 0).setText(name)
    return row


def _edit(table: PairsTable, row: int) -> QLineEdit:
    """Start editing the value cell, as F2 or a double click does; the open editor."""
    table.setFocus()
    table.setCurrentCell(row, 1)
    QTest.keyClick(table, Qt.Key.Key_F2)
    QApplication.processEvents()
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def _type(editor: QLineEdit, text: str) -> None:
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)  # commits and closes the editor
    QApplication.processEvents()


def _hidden(table: PairsTable, row: int, secret: str) -> bool:
    """Whether the value cell shows no character of ``secret``: neither its text nor what the
    delegate draws; and a screen reader is told that it is hidden, not the value."""
    index = table.model().index(row, 1)
    item = table.item(row, 1)
    drawn = table.itemDelegateForColumn(1).displayText(index.data(Qt.ItemDataRole.DisplayRole), table.locale())
    letters = set(secret.replace(" ", ""))
    shown = [item.text(), drawn, str(index.data(Qt.ItemDataRole.EditRole))]
    accessible = item.data(Qt.ItemDataRole.AccessibleTextRole)
    return all(not letters & set(text) for text in shown) and accessible == "Secret value, hidden"


def test_a_secret_value_is_masked_while_typed_and_after(qtbot):
    dialog = _dialog(qtbot)
    table = dialog.env_table
    row = _new_row(table, "TOKEN")
    table.item(row, 2).setCheckState(Qt.CheckState.Checked)
    editor = _edit(table, row)
    assert editor.echoMode() == QLineEdit.EchoMode.Password
    assert editor.objectName() == "mcpSecretValueEditor" and editor.accessibleName() == "Secret value"
    QTest.keyClicks(editor, SECRET[:5])
    assert editor.displayText() != SECRET[:5] and not set(SECRET[:5].strip()) & set(editor.displayText())
    QTest.keyClicks(editor, SECRET[5:])
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert table.item(row, 1).text() == MASK
    assert _hidden(table, row, SECRET)
    assert table.item(row, 1).data(SECRET_ROLE) == SECRET  # kept exactly as typed
    # Editing again shows the new value masked, never in clear.
    assert _edit(table, row).echoMode() == QLineEdit.EchoMode.Password
    QTest.keyClick(table.viewport().focusWidget() or table, Qt.Key.Key_Escape)


def test_the_secret_check_masks_at_once_and_unchecking_shows_a_new_value_again(qtbot):
    dialog = _dialog(qtbot)
    table = dialog.env_table
    row = _new_row(table, "API_TOKEN")
    editor = _edit(table, row)
    assert editor.echoMode() == QLineEdit.EchoMode.Normal  # not (yet) secret: typed in clear
    _type(editor, "plain-but-secret")
    assert table.item(row, 1).text() == "plain-but-secret"
    table.item(row, 2).setCheckState(Qt.CheckState.Checked)  # the user ticks "Secret"
    assert _hidden(table, row, "plain-but-secret")
    table.item(row, 2).setCheckState(Qt.CheckState.Unchecked)  # a new value: shown again
    assert table.item(row, 1).text() == "plain-but-secret"
    table.item(row, 2).setCheckState(Qt.CheckState.Checked)
    plain, names, fresh = table.pairs()
    assert plain == {} and names == ["API_TOKEN"] and fresh == {"API_TOKEN": "plain-but-secret"}


def test_a_stored_secret_is_never_shown_and_is_kept_unless_replaced(qtbot):
    dialog = _dialog(qtbot)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("http"))
    table = dialog.headers_table
    table.set_pairs({"X-Plain": "yes"}, ["Authorization"])
    assert table.item(1, 1).text() == KEPT
    editor = _edit(table, 1)
    assert editor.echoMode() == QLineEdit.EchoMode.Password and editor.text() == ""  # replaced, never shown
    _type(editor, "")  # nothing typed: the stored value stays
    assert table.item(1, 1).text() == KEPT
    assert table.pairs() == ({"X-Plain": "yes"}, ["Authorization"], {})
    _type(_edit(table, 1), HEADER)
    assert _hidden(table, 1, HEADER)
    assert table.pairs() == ({"X-Plain": "yes"}, ["Authorization"], {"Authorization": HEADER})
    # Unchecking a stored secret does not turn the placeholder into a plain value.
    table.set_pairs({}, ["Authorization"])
    table.item(0, 2).setCheckState(Qt.CheckState.Unchecked)
    assert table.item(0, 1).text() == "" and table.pairs() == ({"Authorization": ""}, [], {})


def test_a_typed_secret_is_saved_to_the_keyring_exactly_and_never_to_the_file(qtbot, tmp_path: Path, backend):
    service = "gemini-desktop-test-" + secrets.token_hex(8)  # never the app's own entries
    store = McpServerStore(
        tmp_path / "mcp_servers.json", KeyStore(environ={}, service=service, allow_insecure_backend_for_tests=True)
    )
    dialog = _dialog(qtbot)
    table = dialog.env_table
    row = _new_row(table, "TOKEN")
    table.item(row, 2).setCheckState(Qt.CheckState.Checked)
    _type(_edit(table, row), SECRET)
    plain = _new_row(table, "MODE")
    _type(_edit(table, plain), "fast")
    # Switch to another server and back: the typed secret survives, still masked.
    dialog.add_button.click()
    dialog.list.setCurrentRow(0)
    rows = {dialog.env_table.item(r, 0).text(): r for r in range(dialog.env_table.rowCount())}
    assert set(rows) == {"TOKEN", "MODE"} and _hidden(dialog.env_table, rows["TOKEN"], SECRET)
    saved: list[tuple[list, dict]] = []
    dialog.save_requested.connect(lambda servers, values: saved.append((servers, values)))
    dialog.save_button.click()
    servers, values = saved[-1]
    store.save(servers, values)
    try:
        text = (tmp_path / "mcp_servers.json").read_text()
        assert SECRET.strip() not in text and "TOKEN" in text and "fast" in text
        loaded = next(s for s in store.load() if s.name == "Notes")
        assert loaded.secret_env == ["TOKEN"] and loaded.env == {"MODE": "fast"}
        assert store.secret(loaded, "env", "TOKEN") == SECRET  # exactly as typed, spaces and all
        assert keyring.get_password(service, loaded.secret_key("env", "TOKEN")) == SECRET
        # Shown again after saving: the placeholder, never the value.
        dialog.on_servers_listed(store.load())
        dialog.list.setCurrentRow(next(i for i, s in enumerate(store.load()) if s.name == "Notes"))
        cells = [dialog.env_table.item(r, 1).text() for r in range(dialog.env_table.rowCount())]
        assert KEPT in cells and not any(SECRET.strip() in c for c in cells)
    finally:
        for server in store.load():
            store.forget_secrets(server)


def test_a_value_no_longer_secret_is_not_sent_to_the_keyring(qtbot):
    dialog = _dialog(qtbot)
    row = _new_row(dialog.env_table, "TOKEN")
    dialog.env_table.item(row, 2).setCheckState(Qt.CheckState.Checked)
    _type(_edit(dialog.env_table, row), "was-secret")
    dialog.add_button.click()  # the form is kept (with the secret) while another server is edited
    dialog.list.setCurrentRow(0)
    assert _hidden(dialog.env_table, 0, "was-secret")
    dialog.env_table.item(0, 2).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.env_table.item(0, 1).text() == "was-secret"
    saved: list[tuple[list, dict]] = []
    dialog.save_requested.connect(lambda servers, values: saved.append((servers, values)))
    dialog.save_button.click()
    servers, values = saved[-1]
    notes = next(s for s in servers if s.name == "Notes")
    assert notes.env == {"TOKEN": "was-secret"} and notes.secret_env == []
    assert values == {}
