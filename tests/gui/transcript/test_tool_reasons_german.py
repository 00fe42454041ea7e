"""The reasons a tool call or an MCP server failed are given in English (the model reads them, the
database keeps them) and shown in the interface's language: on the approval card, in the MCP
servers dialog and under a server in the Tools control."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from desktop.controllers.tool_reasons import translate_reason
from desktop.domain.function_calls import FunctionCallState
from desktop.services.mcp import McpServerConfig
from desktop.ui.common.translation import install_translations, remove_translations
from desktop.ui.dialogs.mcp_servers import McpServersDialog
from desktop.ui.transcript.approval import FunctionCallCard


def test_known_reasons_in_english_stay_as_they_are() -> None:
    reason = "The MCP server Notes could not start: No command is set."
    assert translate_reason(reason) == reason
    assert translate_reason("[Errno 2] No such file or directory: '/x'") == "[Errno 2] No such file or directory: '/x'"


def test_the_reasons_are_shown_in_german(qtbot) -> None:
    install_translations("de", system=QLocale("en_US"))
    try:
        # An inner reason is translated too; the server's name and the system's message are kept.
        assert translate_reason("The MCP server Notes could not start: No command is set.") == (
            "Der MCP-Server Notes konnte nicht starten: Es ist kein Befehl angegeben."
        )
        crashed = "The MCP server Test tools failed during the call: Connection closed"
        assert (
            translate_reason(crashed)
            == "Der MCP-Server Test tools ist während des Aufrufs ausgefallen: Connection closed"
        )
        assert translate_reason("The tool 'list_folder' is not declared in this conversation.") == (
            "Das Tool „list_folder“ ist in dieser Unterhaltung nicht deklariert."
        )
        call = FunctionCallState("c1", "Test_tools__crash", {}, decision="allow")
        call.fail(crashed)
        card = FunctionCallCard(call)
        qtbot.addWidget(card)
        assert card.state_label.text() == "Fehler: " + translate_reason(crashed)
        dialog = McpServersDialog()
        qtbot.addWidget(dialog)
        server = McpServerConfig.new("Notes")
        dialog.on_servers_listed([server])
        dialog.on_tested(server.id, False, "The MCP server Notes could not start: No command is set.")
        assert dialog.status_label.text().endswith(
            "Der MCP-Server Notes konnte nicht starten: Es ist kein Befehl angegeben."
        )
    finally:
        remove_translations()
