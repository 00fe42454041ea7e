"""Settings → MCP servers → Test uses the secret values as typed, but only Save puts them in the
keyring: a test followed by Discard leaves the saved secret as it was, and a server never saved
leaves nothing behind in the keyring. The real test server (tests/mcp_server) runs over stdio."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from tests.gui.conftest import until
from tests.gui.harness import quit_app, start
from tests.mcp_server import TOOLS_SERVER as SERVER


async def test_test_then_discard_leaves_the_keyring_as_saved(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    try:
        window.mcp_action.trigger()
        dialog = app.mcp_dialog
        await until(dialog.isVisible, message="dialog shown")
        dialog.add_button.click()
        dialog.name_edit.setText("Test tools")
        dialog.command_edit.setText(sys.executable)
        dialog.args_edit.setText(str(SERVER))
        dialog.env_table.add_row("MCP_TEST_TOKEN", "saved-value", True)
        dialog.save_button.click()
        await until(lambda: len(app.mcp.servers) == 1, message="saved")
        (key,) = [k for k in memory_keyring.store if "MCP_TEST_TOKEN" in str(k)] or [None]
        assert key is not None and memory_keyring.store[key] == "saved-value"

        # A new value typed over the stored one, tested, then discarded.
        dialog.list.setCurrentRow(0)
        dialog.env_table.set_secret_value(0, "typed-not-saved")
        dialog.test_button.click()
        await until(lambda: "works" in dialog.status_label.text(), timeout=30, message="tested")
        assert memory_keyring.store[key] == "saved-value"

        # A second server, never saved, with a secret: tested and discarded.
        dialog.add_button.click()
        dialog.name_edit.setText("Scratch")
        dialog.command_edit.setText(sys.executable)
        dialog.args_edit.setText(str(SERVER))
        dialog.env_table.add_row("MCP_TEST_OTHER", "scratch-secret", True)
        dialog.test_button.click()
        await until(lambda: "Scratch works" in dialog.status_label.text(), timeout=30, message="tested")
        dialog.close()
        await until(lambda: dialog.unsaved_box is not None, message="asked")
        dialog.unsaved_box.button(QMessageBox.StandardButton.Discard).click()
        await until(lambda: not dialog.isVisible(), message="closed")
        assert memory_keyring.store[key] == "saved-value"
        assert "scratch-secret" not in memory_keyring.store.values()
        assert "typed-not-saved" not in memory_keyring.store.values()
    finally:
        await quit_app(window, task)
