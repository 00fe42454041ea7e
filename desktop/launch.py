"""Start-up sequencing: paint the window first, then start the app on the qasync loop.

Only Qt and the (light) main window are imported before the first paint; asyncio, qasync and
the composition root (``desktop.app``) come after it, so the window appears as fast as a bare
QMainWindow would.
"""

from __future__ import annotations

import contextlib
import sys
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication

from desktop.ui.common.translation import install_translations
from desktop.ui.main_window import MainWindow

# How long to let Qt deliver the first expose/paint before starting the loop anyway.
FIRST_PAINT_WAIT_S = 1.0


class FirstPaintWatcher(QObject):
    """Notices the first paint of any widget."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.painted_at: float | None = None
        self._app = app
        app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.time()
            self._app.removeEventFilter(self)
        return False


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
        signal.signal(signum, lambda *_: window.close())
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
    """The ``language`` preference from the settings file ("" = the system's), read before any widget exists."""
    from desktop.paths import AppPaths
    from desktop.settings import Settings

    return str(Settings(AppPaths.default().settings_file).get("language"))


def main(argv: list[str] | None = None) -> int:
    """Start Gemini Desktop; returns the exit status.

    ``--model ID`` chooses the model of new conversations (a retired ID is replaced).
    ``--startup-probe`` (for the start-up benchmark) prints the wall-clock times of the first paint
    (``FIRST_PAINT <seconds>``) and of the tabs being built (``TABS_READY <seconds>``), and quits.
    """
    argv = list(sys.argv if argv is None else argv)
    probe = "--startup-probe" in argv
    if probe:
        argv.remove("--startup-probe")
    model = take_option(argv, "--model")
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(argv)
    qt_app.setApplicationName("Gemini Desktop")
    qt_app.setOrganizationName("gemini-desktop")
    qt_app.setDesktopFileName("gemini-desktop")
    install_translations(language_preference())
    watcher = FirstPaintWatcher(qt_app)
    window = MainWindow(build_tabs=False)
    window.show()
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S
    while watcher.painted_at is None and time.monotonic() < deadline:
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    if probe:
        print(f"FIRST_PAINT {watcher.painted_at or time.time():.6f}", flush=True)

    from desktop.ui.common.app_icon import app_icon

    qt_app.setWindowIcon(app_icon())
    # The tabs' contents (Markdown rendering, highlighting) right after the frame has painted.
    window.build_tabs()
    if probe:
        qt_app.processEvents()  # lay out and paint the built tabs
        print(f"TABS_READY {time.time():.6f}", flush=True)
        return 0

    import asyncio

    import qasync

    from desktop.app import DesktopApp

    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    _quit_on_signals(window)
    desktop_app = DesktopApp(window, model=model)
    with loop:
        return int(loop.run_until_complete(desktop_app.run()))


if __name__ == "__main__":
    sys.exit(main())
