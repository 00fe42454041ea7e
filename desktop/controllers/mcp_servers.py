"""Drives the MCP servers dialog (save to config file + keyring, test, remove servers) and the
listing of a server's tools for the Tools control. QtCore only.

Widgets emit what the user asked for; this controller does the blocking work (files, keyring) on an
I/O thread and the tests and listings on the MCP loop, and reports back with signals. A listing
that happens elsewhere (the first use of a server while a request is built, on an I/O thread)
reaches the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from desktop.controllers.task_runner import TaskRunner
from desktop.controllers.tool_reasons import translate_reason
from desktop.services.blocking import run_blocking
from desktop.services.mcp import OPTION_PREFIX, McpManager, McpServerConfig, split_option_id
from desktop.services.tools.local import ToolError

log = logging.getLogger(__name__)


class McpServersController(QObject):
    """The user's MCP servers (one instance per app).

    Signals:
        servers_listed: The configured servers: ``list[McpServerConfig]``.
        servers_saved: The servers were saved: (before, after), each ``list[McpServerConfig]``.
        tested: A test ended: (server id, ok, message: the tool names or why it failed).
        failed: Saving failed: the message.
        tools_changed: What is known of a local server's tools changed (a listing found tools added
            or removed): the server's option id (``mcp.<server id>``). Always on the GUI thread.
        tools_listed: "List tools" ended well: the server's option id.
        tools_listing_failed: "List tools" failed: (the server's option id, the message).
    """

    servers_listed = Signal(list)
    servers_saved = Signal(object, object)
    tested = Signal(str, bool, str)
    failed = Signal(str)
    tools_changed = Signal(str)
    tools_listed = Signal(str)
    tools_listing_failed = Signal(str, str)
    _tools_changed_elsewhere = Signal(str)
    _unusable_elsewhere = Signal(str, str)

    def __init__(
        self,
        runner: TaskRunner,
        manager: McpManager,
        on_changed: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.manager = manager
        self._on_changed = on_changed
        # The manager tells on the thread that listed (the MCP loop's helper threads): hop to ours.
        self._tools_changed_elsewhere.connect(self.tools_changed, Qt.ConnectionType.QueuedConnection)
        manager.add_tools_listener(lambda server_id: self._tools_changed_elsewhere.emit(OPTION_PREFIX + server_id))
        # A server switched on that could not be used while a request was built (an I/O thread):
        # said under the server, as a failed "List tools" is, instead of only in the log.
        self._unusable_elsewhere.connect(self._unusable, Qt.ConnectionType.QueuedConnection)
        manager.add_failure_listener(self._unusable_elsewhere.emit)

    def _unusable(self, server_id: str, reason: str) -> None:
        server = self.manager.server(server_id)
        name = server.name if server is not None else server_id
        message = self.tr("{0} could not be used, so its tools were left out of this answer. {1}").format(
            name, translate_reason(reason)
        )
        self.tools_listing_failed.emit(OPTION_PREFIX + server_id, message)

    def refresh(self) -> None:
        """List the servers (as saved)."""
        self.servers_listed.emit(list(self.manager.servers))

    def on_save(self, servers: list[McpServerConfig], secrets: Mapping[str, Mapping[str, str]]) -> None:
        """Save the servers (secret values into the keyring), forget removed ones' secrets, reload."""
        self._runner.spawn(self._save(list(servers), {k: dict(v) for k, v in secrets.items()}), name="mcp-save")

    async def _save(self, servers: list[McpServerConfig], secrets: dict[str, dict[str, str]]) -> None:
        before = list(self.manager.servers)
        try:
            # Also removes from the keyring the secrets of removed servers and rows.
            await run_blocking(self.manager.store.save, servers, secrets)
        except (OSError, ToolError) as exc:
            self.failed.emit(translate_reason(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a keyring failure: said, never the secret
            self.failed.emit(
                self.tr("The secret values could not be kept in the keyring ({0}).").format(type(exc).__name__)
            )
            return
        # Reads the file back and may rewrite the tool listings: files, so not on the GUI thread.
        await run_blocking(self.manager.reload)
        self.servers_saved.emit(before, list(self.manager.servers))
        self._on_changed()
        self.refresh()

    def on_test(self, server: McpServerConfig, secrets: Mapping[str, str]) -> None:
        """Start ``server`` (as edited, not yet saved), list its tools and stop it; report ``tested``."""
        self._runner.spawn(self._test(server, dict(secrets)), name="mcp-test")

    async def _test(self, server: McpServerConfig, secrets: dict[str, str]) -> None:
        if server.transport == "remote":
            ok = server.url.startswith(("http://", "https://"))
            message = (
                QCoreApplication.translate(
                    "McpServersController", "Runs on Google's side; checked when a turn uses it."
                )
                if ok
                else QCoreApplication.translate("McpServersController", "Needs an http(s) URL.")
            )
            self.tested.emit(server.id, ok, message)
            return
        try:
            # The edited secrets are what the test uses; only Save puts them in the keyring.
            names = await self.manager.test(server, secrets)
        except ToolError as exc:
            self.tested.emit(server.id, False, str(exc))
            return
        self.tested.emit(server.id, True, ", ".join(names) or self.tr("no tools"))

    def on_list_tools(self, option_id: str) -> None:
        """List the tools of the local server whose option is ``option_id`` (``mcp.<server id>``),
        starting it when needed; reports ``tools_listed`` or ``tools_listing_failed``."""
        self._runner.spawn(self._list_tools(option_id), name="mcp-list-tools")

    async def _list_tools(self, option_id: str) -> None:
        try:
            server_id, _tool = split_option_id(option_id)
        except ValueError:
            server_id = ""
        server = self.manager.server(server_id)
        if server is None or server.transport == "remote":
            self.tools_listing_failed.emit(option_id, self.tr("This MCP server is no longer configured."))
            return
        try:
            await self.manager.list_tools(server)
        except ToolError as exc:
            message = self.tr("The tools of {0} could not be listed. {1}").format(
                server.name, translate_reason(str(exc))
            )
            self.tools_listing_failed.emit(option_id, message)
            return
        self.tools_listed.emit(option_id)
