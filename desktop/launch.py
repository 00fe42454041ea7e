"""Start-up sequencing: paint the window first, then start the app on the qasync loop.

First the command line is parsed and, when an app of this profile runs already, handed to it
(no Qt is loaded for that). Otherwise only Qt and the (light) main window are imported before the
first paint; asyncio, qasync and the composition root (``desktop.app``) come after it, so the
window appears as fast as a bare QMainWindow would.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import cli
from desktop.cli import Command

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    from desktop.single_instance import InstanceServer
    from desktop.ui.main_window import MainWindow

# How long to let Qt deliver the first expose/paint before starting the loop anyway.
FIRST_PAINT_WAIT_S = 1.0


def watch_first_paint(window: QWidget) -> QObject:
    """An object whose ``painted_at`` becomes the wall-clock time ``window`` has first been painted.

    That is the end of the first paint pass (the window and all its children, menus, tab bar and
    status bar, drawn): the window's own paint event comes first in the pass, and a zero timer
    started there runs once the pass is over. Only the window's events pass through Python (an
    application-wide filter wrapped every event of every child, which cost ~25 ms before the first
    paint). Built here rather than at import: a second launch that only hands its command over loads no Qt.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaintWatcher(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.painted_at: float | None = None
            window.installEventFilter(self)

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, self._painted)
            return False

        def _painted(self) -> None:
            self.painted_at = time.time()

    return FirstPaintWatcher()


def _quit_on_signals(window: MainWindow) -> None:
    """SIGTERM/SIGINT close the window like Ctrl+Q does (a clean, bounded shutdown).

    Python runs signal handlers only when the interpreter gets control; the wake-up fd, watched
    by a QSocketNotifier, makes Qt's loop hand it control at once.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: window.quit())
    window._signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]  # keep alive


def take_option(argv: list[str], name: str) -> str | None:
    """Remove ``name VALUE`` or ``name=VALUE`` from ``argv`` and return VALUE (None when absent)."""
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            value = argv[index + 1]
            del argv[index : index + 2]
            return value
        if arg.startswith(name + "="):
            del argv[index]
            return arg.split("=", 1)[1]
    return None


def language_preference() -> str:
    """The ``language`` preference ("" = the system's), read from the settings file before any widget exists.

    Read directly rather than through ``desktop.settings`` (a few ms before the first paint), and
    parsed only when it mentions the preference (``json`` costs ~2 ms to import, and is imported right
    after the paint anyway); a value that names no translation is harmless (``install_translations``
    falls back to English).
    """
    try:
        text = (profile_config_dir() / "settings.json").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return ""
    if '"language"' not in text:
        return ""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return ""
    value = data.get("language") if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def profile_config_dir() -> Path:
    """The profile's config folder, as ``AppPaths.default().config`` gives it (cheaply on Linux)."""
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without importing it before the first paint.
        base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return Path(base) / "gemini-desktop"
    from desktop.paths import AppPaths

    return AppPaths.default().config


def instance_name() -> str:
    """The single-instance socket name of this user and profile (see ``desktop.single_instance``)."""
    return cli.server_name(profile_config_dir())


def hand_over(name: str, command: Command) -> bool:
    """Pass ``command`` to the app of this profile listening on ``name``; True when one took it.

    On Unix the usual first launch pays a ``stat`` (no socket file: nobody is running) and a
    second launch a plain socket: neither loads QtNetwork before deciding.
    """
    return cli.send_to_running(name, command)


def claim_instance(name: str, command: Command) -> InstanceServer | None:
    """Become the running app of this profile: listen on ``name`` (a stale socket is replaced).

    Returns the server, or None when another app of this profile took ``command`` (one started at
    the same moment and won): this process should exit 0. When the socket cannot be had at all,
    the app runs unreachable (logged).
    """
    from desktop.single_instance import InstanceServer

    server = InstanceServer(name)
    if not server.listen() and hand_over(name, command):
        return None
    return server


def main(argv: list[str] | None = None) -> int:
    """Start Gemini Desktop, or pass the command line to the one running; returns the exit status.

    See ``desktop.cli`` for the options (``--help``). ``--startup-probe`` (for the start-up
    benchmark) prints the wall-clock times of the first paint (``FIRST_PAINT <seconds>``) and of the
    tabs being built (``TABS_READY <seconds>``), and quits.
    """
    argv = list(sys.argv if argv is None else argv)
    try:
        command, probe, qt_args = cli.parse(argv[1:])
    except SystemExit as exc:  # --help, --version, or a bad option (argparse printed why)
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    name = instance_name()
    if hand_over(name, command):
        return 0  # the running app does it
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.ui.common.translation import install_translations
    from desktop.ui.main_window import MainWindow

    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication([argv[0] if argv else "", *qt_args])
    qt_app.setApplicationName("Gemini Desktop")
    qt_app.setOrganizationName("gemini-desktop")
    qt_app.setDesktopFileName("gemini-desktop")
    install_translations(language_preference())  # before any widget is built: they translate when made
    window = MainWindow(build_tabs=False)
    watcher = watch_first_paint(window)
    window.show()
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S
    while watcher.painted_at is None and time.monotonic() < deadline:  # type: ignore[attr-defined]
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    if probe or command.report_first_paint:
        print(f"FIRST_PAINT {watcher.painted_at or time.time():.6f}", flush=True)  # type: ignore[attr-defined]
    server = claim_instance(name, command)
    if server is None:
        window.hide()
        return 0

    from desktop.ui.common.app_icon import app_icon

    qt_app.setWindowIcon(app_icon())
    # The tabs' contents (Markdown rendering, highlighting) right after the frame has painted.
    window.build_tabs()
    if probe:
        qt_app.processEvents()  # lay out and paint the built tabs
        print(f"TABS_READY {time.time():.6f}", flush=True)
        server.close()
        return 0

    import asyncio

    import qasync

    from desktop.app import DesktopApp

    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    _quit_on_signals(window)
    desktop_app = DesktopApp(window, model=command.model, command=command, instance=server)
    try:
        with loop:
            return int(loop.run_until_complete(desktop_app.run()))
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
