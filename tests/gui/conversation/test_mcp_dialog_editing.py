"""Settings → MCP servers as a newcomer uses it: Enter in a field never presses a button, closing with
unsaved edits asks first (Save, Discard, Cancel), an empty list leaves an empty, disabled form, and a
stored secret's cell speaks the user's language."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from desktop.services.mcp import McpServerConfig
from desktop.ui.common.translation import install_translations, remove_translations
from desktop.ui.dialogs.mcp_servers import STORED_ROLE, McpServersDialog


def _dialog(qtbot, servers: list[McpServerConfig] | None = None) -> McpServersDialog:
    dialog = McpServersDialog()
    qtbot.addWidget(dialog)
    dialog.on_servers_listed(servers or [])
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _saved_server() -> McpServerConfig:
    return McpServerConfig.new("Notes", command="notes-server", args=["--dir", "my notes"], secret_env=["TOKEN"])


def test_enter_in_a_field_does_not_add_a_server(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.add_button.click()
    dialog.command_edit.setFocus()
    QTest.keyClicks(dialog.command_edit, "npx")
    QTest.keyClick(dialog.command_edit, Qt.Key.Key_Return)
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Enter)
    assert dialog.list.count() == 1 and dialog.command_edit.text() == "npx"
    assert dialog.isVisible()


def test_closing_without_edits_closes_at_once(qtbot) -> None:
    dialog = _dialog(qtbot, [_saved_server()])
    dialog.list.setCurrentRow(0)
    assert not dialog.has_unsaved_changes()
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.unsaved_box is None


def _answer(dialog: McpServersDialog, button: QMessageBox.StandardButton) -> None:
    box = dialog.unsaved_box
    assert box is not None and box.isVisible() and box.objectName() == "unsavedMcpServersMessage"
    box.button(button).click()
    QApplication.processEvents()


def test_closing_with_a_new_server_asks_and_cancel_keeps_the_edits(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.add_button.click()
    dialog.name_edit.setText("Test tools")
    dialog.command_edit.setText("python3")
    dialog.close_button.click()
    assert dialog.isVisible()  # not dropped silently
    _answer(dialog, QMessageBox.StandardButton.Cancel)
    assert dialog.isVisible() and dialog.list.count() == 1 and dialog.command_edit.text() == "python3"
    QTest.keyClick(dialog.command_edit, Qt.Key.Key_Escape)  # Escape asks too
    assert dialog.unsaved_box is not None
    _answer(dialog, QMessageBox.StandardButton.Discard)
    assert not dialog.isVisible()
    # Opened again: the saved state, and an empty form that takes no typing.
    dialog.show()
    assert dialog.list.count() == 0 and dialog.command_edit.text() == "" and dialog.status_label.text() == ""
    assert not dialog.command_edit.isEnabled() and not dialog.env_table.isEnabled()
    assert not dialog.add_env_button.isEnabled() and dialog.add_button.isEnabled()


def test_save_from_the_question_saves_then_closes(qtbot) -> None:
    saved: list[list[McpServerConfig]] = []
    dialog = _dialog(qtbot, [_saved_server()])
    dialog.save_requested.connect(lambda servers, _secrets: saved.append(servers))
    dialog.list.setCurrentRow(0)
    dialog.args_edit.setText("--dir other")
    dialog.close()
    assert dialog.isVisible()
    _answer(dialog, QMessageBox.StandardButton.Save)
    assert [s.args for s in saved[0]] == [["--dir", "other"]]
    assert dialog.isVisible()  # until the controller has saved
    dialog.on_servers_listed(saved[0])
    assert not dialog.isVisible()


def test_a_failed_save_after_closing_shows_the_dialog_again(qtbot) -> None:
    dialog = _dialog(qtbot, [_saved_server()])
    dialog.list.setCurrentRow(0)
    dialog.name_edit.setText("Renamed")
    dialog.close()
    _answer(dialog, QMessageBox.StandardButton.Save)
    dialog.on_failed("The disk is full.")
    assert dialog.isVisible() and dialog.status_label.text() == "The disk is full."
    assert dialog.name_edit.text() == "Renamed"


def test_removing_the_last_server_empties_and_disables_the_form(qtbot) -> None:
    dialog = _dialog(qtbot, [_saved_server()])
    dialog.list.setCurrentRow(0)
    assert dialog.command_edit.text() == "notes-server"
    dialog.remove_button.click()
    assert dialog.list.count() == 0
    assert dialog.command_edit.text() == "" and dialog.env_table.rowCount() == 0
    assert not dialog.command_edit.isEnabled() and not dialog.name_edit.isEnabled()
    assert dialog.has_unsaved_changes()


def test_a_typed_secret_is_an_unsaved_change(qtbot) -> None:
    dialog = _dialog(qtbot, [_saved_server()])
    dialog.list.setCurrentRow(0)
    assert not dialog.has_unsaved_changes()
    dialog.env_table.set_secret_value(0, "new-token")
    assert dialog.has_unsaved_changes()


def test_a_stored_secret_is_described_in_german(qtbot) -> None:
    install_translations("de", system=QLocale("en_US"))
    try:
        dialog = _dialog(qtbot, [_saved_server()])
        dialog.list.setCurrentRow(0)
        cell = dialog.env_table.item(0, 1)
        assert cell.text() == "•••• (im Schlüsselbund)" and cell.data(STORED_ROLE)
        assert dialog.env_table.pairs() == ({}, ["TOKEN"], {})  # unchanged: stays as stored
        assert not dialog.has_unsaved_changes()
        # Typed over, it is a new secret value (no longer the stored one).
        dialog.env_table.editItem(cell)
        editor = dialog.env_table.findChild(QLineEdit, "mcpSecretValueEditor")
        editor.setText("fresh")
        dialog.env_table.commitData(editor)
        assert not cell.data(STORED_ROLE) and dialog.env_table.pairs() == ({}, ["TOKEN"], {"TOKEN": "fresh"})
    finally:
        remove_translations()


def test_the_question_and_its_buttons_are_named(qtbot) -> None:
    from tests.gui.harness import unnamed_widgets

    dialog = _dialog(qtbot, [_saved_server()])
    dialog.list.setCurrentRow(0)
    dialog.name_edit.setText("Renamed")
    dialog.close()
    assert dialog.unsaved_box is not None and dialog.unsaved_box.accessibleName() == "Unsaved changes"
    assert unnamed_widgets(dialog) == []


def test_a_variable_or_header_can_be_removed(qtbot) -> None:
    """Rows used to be only addable (clearing the name was the hidden way out)."""
    server = McpServerConfig.new("Notes", command="notes-server", env={"A": "1", "B": "2"}, secret_env=["TOKEN"])
    remote = McpServerConfig.new("Remote", "remote", url="https://mcp.example.com", headers={"X-Team": "a"})
    dialog = _dialog(qtbot, [server, remote])
    dialog.list.setCurrentRow(0)
    assert not dialog.remove_env_button.isEnabled()  # nothing selected yet
    dialog.env_table.setCurrentCell(2, 0)
    assert dialog.remove_env_button.isEnabled() and dialog.remove_env_button.isVisible()
    dialog.remove_env_button.click()
    assert dialog.env_table.pairs() == ({"A": "1", "B": "2"}, [], {})
    dialog.env_table.setCurrentCell(0, 0)
    QTest.keyClick(dialog.env_table, Qt.Key.Key_Delete)
    assert dialog.env_table.pairs() == ({"B": "2"}, [], {})
    dialog.list.setCurrentRow(1)
    assert dialog.remove_header_button.isVisible() and not dialog.remove_env_button.isVisible()
    dialog.headers_table.setCurrentCell(0, 1)
    dialog.remove_header_button.click()
    assert dialog.headers_table.rowCount() == 0
    saved: list[list[McpServerConfig]] = []
    dialog.save_requested.connect(lambda servers, _secrets: saved.append(servers))
    dialog.save_button.click()
    assert (saved[0][0].env, saved[0][0].secret_env, saved[0][1].headers) == ({"B": "2"}, [], {})


def test_the_row_of_add_and_remove_is_no_taller_than_its_buttons(qtbot) -> None:
    dialog = _dialog(qtbot, [_saved_server()])
    dialog.resize(860, 900)  # room to spare: the row must not take it
    dialog.list.setCurrentRow(0)
    QApplication.processEvents()
    assert dialog.env_buttons.height() <= dialog.add_env_button.sizeHint().height() + 2


def test_a_whole_command_line_pasted_into_command_is_split(qtbot, tmp_path) -> None:
    """Server READMEs print one line ("npx -y @pkg/server ~/Notes"); pasted into Command, it used to be
    run as one program name that does not exist."""
    tested: list[McpServerConfig] = []
    dialog = _dialog(qtbot)
    dialog.test_requested.connect(lambda server, _secrets: tested.append(server))

    def run_test() -> None:
        dialog.test_button.click()
        dialog.on_tested(tested[-1].id, True, "echo")  # the outcome: Test can be pressed again

    dialog.add_button.click()
    dialog.command_edit.setText("npx -y @modelcontextprotocol/server-filesystem '/home/me/My Notes'")
    run_test()
    assert (tested[0].command, tested[0].args) == (
        "npx",
        ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/My Notes"],
    )
    assert dialog.command_edit.text() == "npx"
    assert dialog.args_edit.text() == "-y @modelcontextprotocol/server-filesystem '/home/me/My Notes'"
    # Typed by hand, it is split when the field is left.
    dialog.args_edit.clear()
    dialog.command_edit.clear()
    dialog.activateWindow()
    dialog.command_edit.setFocus()
    qtbot.waitUntil(dialog.command_edit.hasFocus)
    QTest.keyClicks(dialog.command_edit, "uvx mcp-server-time")
    QTest.keyClick(dialog.command_edit, Qt.Key.Key_Tab)
    assert (dialog.command_edit.text(), dialog.args_edit.text()) == ("uvx", "mcp-server-time")
    # A program whose path holds a space, or a command with arguments of its own, is left as it is.
    program = tmp_path / "My Server"
    program.write_text("")
    dialog.args_edit.clear()
    dialog.command_edit.setText(str(program))
    run_test()
    assert (tested[-1].command, tested[-1].args) == (str(program), [])
    dialog.command_edit.setText("python3 -m x")
    dialog.args_edit.setText("--port 1")
    run_test()
    assert (tested[-1].command, tested[-1].args) == ("python3 -m x", ["--port", "1"])


def test_test_waits_for_its_outcome(qtbot) -> None:
    """A second Test while the first runs would stop the server the first one is starting."""
    tested: list[str] = []
    server = _saved_server()
    dialog = _dialog(qtbot, [server])
    dialog.test_requested.connect(lambda s, _secrets: tested.append(s.id))
    dialog.list.setCurrentRow(0)
    dialog.test_button.click()
    assert not dialog.test_button.isEnabled() and dialog.status_label.text() == "Testing Notes…"
    dialog.test_button.click()
    assert tested == [server.id]
    dialog.on_tested(server.id, False, "No command is set.")
    assert dialog.test_button.isEnabled() and dialog.status_label.text() == "Notes failed: No command is set."


def test_a_failed_test_names_the_server_once(qtbot) -> None:
    server = _saved_server()
    dialog = _dialog(qtbot, [server])
    dialog.on_tested(server.id, False, "The MCP server Notes could not start: [Errno 2] No such file: 'x'")
    assert dialog.status_label.text() == "The MCP server Notes could not start: [Errno 2] No such file: 'x'"
    dialog.on_tested(server.id, False, "No command is set.")
    assert dialog.status_label.text() == "Notes failed: No command is set."
