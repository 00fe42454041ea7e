"""One app per user and profile: a second launch hands its command line to the running app.

The running app listens on a local socket (``QLocalServer``: a Unix socket, a named pipe on
Windows) whose name is private to the user and derived from the profile's config folder, so two
profiles (``XDG_CONFIG_HOME``) run side by side. A second launch connects, writes one JSON line
(``desktop.cli.Command``), waits briefly for ``ok`` and exits. A socket file left by a crashed app
refuses connections: it is recognised as stale and replaced.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.cli import Command, send_to_running, server_name, socket_path

if TYPE_CHECKING:
    # QtNetwork is imported when a socket is made: ``server_name`` runs before the first paint.
    from PySide6.QtNetwork import QLocalSocket

__all__ = ["InstanceServer", "send_to_running", "send_to_running_qt", "server_name", "socket_path"]

log = logging.getLogger(__name__)

# A second launch gives up on the running app after this long (see ``desktop.cli.HANDOFF_TIMEOUT_S``).
HANDOFF_TIMEOUT_MS = 1500
# Longest message a client may send (a prompt and some paths).
MAX_MESSAGE_BYTES = 1 << 20


def send_to_running_qt(name: str, command: Command, timeout_ms: int = HANDOFF_TIMEOUT_MS) -> bool:
    """``desktop.cli.send_to_running`` with a ``QLocalSocket`` (Windows' named pipes).

    True means the message was written (the running app acknowledges within ``timeout_ms`` when
    it is responsive). Blocking; used before the event loop exists.
    """
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(command.to_message())
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    if socket.waitForReadyRead(timeout_ms):
        reply = bytes(socket.readAll().data())
        if not reply.startswith(b"ok"):
            log.warning("the running app answered %r", reply[:80])
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches and emits what they ask.

    Signals:
        command_received: A later launch's ``Command``.
    """

    command_received = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    @property
    def listening(self) -> bool:
        """Whether later launches can reach this app."""
        return self._server.isListening()

    def listen(self) -> bool:
        """Take the name; a stale socket (its app crashed) is replaced.

        Returns False when another live app holds the name (it started at the same moment): the
        caller should hand its command to that one instead. (With socket options set, Qt binds
        in a temporary folder and renames over the name, so it would silently take a live app's
        name: hence the check first.)
        """
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

        path = socket_path(self.name)
        if path is None or path.exists():
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(200):
                probe.disconnectFromServer()
                return False
            if path is not None:
                log.info("replacing a stale instance socket %s", self.name)
            QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            if self._server.listen(self.name):
                return True
        log.warning("could not listen on %s: %s", self.name, self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening (at quit) and remove the socket."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.extend(bytes(socket.readAll().data()))
        if len(buffer) > MAX_MESSAGE_BYTES:
            log.warning("a launch sent too long a message; ignored")
            self._forget(socket)
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer[: buffer.index(b"\n")])
        self._buffers.pop(socket, None)
        try:
            command = Command.from_message(line)
        except ValueError as exc:
            log.warning("ignored a message from a launch: %s", exc)
            socket.write(b"error\n")
            socket.flush()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.command_received.emit(command)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
