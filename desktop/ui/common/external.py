"""Starting programs from the GUI: links in the browser, files in their app, helper programs.

Qt starts these as child processes (``QDesktopServices`` runs ``xdg-open`` or the browser), and
they inherit the process environment: every start goes through here, which makes sure that
environment holds no API key (``desktop.processes``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QProcess, QProcessEnvironment, QUrl
from PySide6.QtGui import QDesktopServices

from desktop import processes


def open_url(url: QUrl) -> bool:
    """Open ``url`` with the desktop's handler (browser, file manager, viewer); False if none."""
    processes.scrub_process_environment()
    return QDesktopServices.openUrl(url)


def start_detached(program: str, arguments: Sequence[str]) -> bool:
    """Start ``program`` on its own (it outlives the app) with a cleaned environment."""
    process = QProcess()
    process.setProgram(program)
    process.setArguments(list(arguments))
    environment = QProcessEnvironment()
    for name, value in processes.child_environment().items():
        environment.insert(name, value)
    process.setProcessEnvironment(environment)
    started = process.startDetached()
    # PySide6 returns a bool here (some versions a (bool, pid) pair).
    return bool(started[0] if isinstance(started, tuple) else started)
