"""One app per user and profile: a second launch hands its command line to the running app.

The running app listens on a local socket (``QLocalServer``: a Unix socket, a named pipe on
Windows) whose name is private to the user and derived from the profile's config folder, so two
profiles (``XDG_CONFIG_HOME``) run side by side. A second launch connects, writes one JSON line
(``desktop.cli.Command``), waits briefly for ``ok`` and exits. A socket file left by a crashed app
refuses connections: it is recognised as stale and replaced.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.cli import Command

if TYPE_CHECKING:
    # QtNetwork is imported when a socket is made: ``server_name`` runs before the first paint.
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

# A second launch gives up on the running app after this long (it then exits all the same: the
# message is in the socket's buffer, or the running app is gone and the next launch replaces it).
HANDOFF_TIMEOUT_MS = 1500
# Longest message a client may send (a prompt and some paths).
MAX_MESSAGE_BYTES = 1 << 20


def server_name(config_dir: Path, environ: dict[str, str] | None = None) -> str:
    """The socket name for this user and profile.

    On Unix with ``XDG_RUNTIME_DIR`` (private to the user) it is a path there; otherwise a name
    that Qt places in the temporary folder (Unix) or the pipe namespace (Windows), with the user
    name in it.
    """
    env = os.environ if environ is None else environ
    digest = hashlib.sha256(str(config_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    runtime = env.get("XDG_RUNTIME_DIR")
    if os.name == "posix" and runtime and Path(runtime).is_dir():
        return str(Path(runtime) / f"gemini-desktop-{digest}.sock")
    import getpass

    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name (rare containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    safe_user = "".join(ch for ch in user if ch.isalnum()) or "user"
    return f"gemini-desktop-{safe_user}-{digest}"


def send_to_running(name: str, command: Command, timeout_ms: int = HANDOFF_TIMEOUT_MS) -> bool:
    """Pass ``command`` to the app listening on ``name``; False when none is listening.

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
        """Take the name; a stale socket (its app crashed) is removed first.

        Returns False when another live app holds the name (it started at the same moment): the
        caller should hand its command to that one instead.
        """
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(200):
                probe.disconnectFromServer()
                return False
            log.info("replacing a stale instance socket %s", self.name)
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
