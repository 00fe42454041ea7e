"""Booting the whole app against the fake server, and driving it as a user would."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.app import DesktopApp
from desktop.keystore import KeyStore
from desktop.services.genai import RetryPolicy, ServiceConfig
from desktop.ui.main_window import MainWindow
from tests.fake_api import FakeInteractionsServer, Stream
from tests.gui.conftest import quit_after_the_test, until

#: Shaped like a real key, so the redaction of key-like strings is exercised too.
KEY = "AIzaTestKeyThatMustNeverBeWritten0123456"
ENV = {"GEMINI_API_KEY": KEY}


def child_environment(server: FakeInteractionsServer, home: Path) -> dict[str, str]:
    """The environment of the app started as a child process (``python -m desktop``) against ``server``.

    Offscreen, with a key-shaped environment key, and every folder of its own under ``home``
    (``config``, ``data``, ``cache``, ``state``, and ``run`` for the single-instance socket).
    """
    run = home / "run"
    run.mkdir(mode=0o700, parents=True, exist_ok=True)
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GEMINI_API_KEY="AIzaProcessTestKey000000000000000000000",
        GOOGLE_GEMINI_BASE_URL=server.base_url,
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(run),
    )


def service_config_for(server: FakeInteractionsServer) -> Callable[[str], ServiceConfig]:
    """Service settings for tests: the fake server, short timeouts, no retries."""

    def make(api_key: str) -> ServiceConfig:
        return ServiceConfig(
            api_key=api_key, base_url=server.base_url, timeout_s=5, retry=RetryPolicy(attempts=1, resume_delays=(0.05,))
        )

    return make


def build(
    qtbot, paths, service_config: Callable[[str], ServiceConfig], environ=ENV, keystore=None, **app_options
) -> tuple[MainWindow, DesktopApp]:
    """The whole app built (as launch does) and its window shown, not yet running.

    For tests that must act between building and ``app.run()``, or that answer a prompt ``run()``
    shows before the app has started; the others use ``boot`` or ``start``.
    ``app_options`` go to ``DesktopApp`` as they are (``command=``, ``tray_available=``, ...).
    """
    window = MainWindow()
    qtbot.addWidget(window)
    app = DesktopApp(
        window,
        paths=paths,
        environ=environ,
        keystore=keystore or KeyStore(environ=environ, allow_insecure_backend_for_tests=True),
        service_config=service_config,
        **app_options,
    )
    window.show()
    return window, app


async def boot(
    qtbot, server, paths, environ, keystore=None, **app_options
) -> tuple[MainWindow, DesktopApp, asyncio.Task[int]]:
    """Build and run the whole app (as launch does) on the test's qasync loop.

    ``app_options`` go to ``DesktopApp`` as they are (``command=``, ``tray_available=``, ...).
    """
    window, app = build(qtbot, paths, service_config_for(server), environ, keystore, **app_options)
    task = asyncio.ensure_future(app.run())
    quit_after_the_test(window, task)
    await until(app.started.is_set, message="app started")
    return window, app, task


async def start(qtbot, server, paths, **app_options) -> tuple[MainWindow, DesktopApp, asyncio.Task[int]]:
    """Boot with an environment key and wait until the client is ready (``app_options``: see ``boot``)."""
    window, app, task = await boot(qtbot, server, paths, ENV, **app_options)
    await until(lambda: window.connection_label.text() == "Ready", message="ready")
    return window, app, task


async def send(window: MainWindow, text: str) -> None:
    """Type ``text`` into the composer and press Enter."""
    composer = window.conversation_tab.composer
    composer.setFocus()
    composer.setPlainText(text)
    QTest.keyClick(composer, Qt.Key.Key_Return)


async def turn(window: MainWindow, server: FakeInteractionsServer, text: str, events: list[dict]) -> None:
    """Send ``text`` answered by ``events`` and wait until the turn settled."""
    tab = window.conversation_tab
    server.push(Stream(events))
    before = len(server.interaction_requests())
    await send(window, text)
    await until(lambda: len(server.interaction_requests()) > before, message="request sent")
    await until(
        lambda: tab.send_button.isEnabled() and not tab.transcript.turns()[-1].status.is_active, message="turn done"
    )


def widgets(window: MainWindow) -> list:
    """The transcript's turn widgets, in order."""
    view = window.conversation_tab.transcript
    return [view.widget_for(t.id) for t in view.turns()]


async def quit_app(window: MainWindow, task: asyncio.Task[int]) -> None:
    """Close the window and check the app exits cleanly."""
    window.close()
    assert await asyncio.wait_for(task, 5) == 0


def save_screenshot(widget: QWidget, name: str) -> None:
    """Save what ``widget`` shows as ``<name>.png`` in the folder ``$GEMINI_DESKTOP_SCREENSHOTS`` names.

    The picture is for a person to look at and is never checked. Without the variable nothing is
    written: a test run writes nothing outside its temporary folders.
    """
    folder = os.environ.get("GEMINI_DESKTOP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def menu_action(window: MainWindow, *path: str) -> QAction:
    """The menu bar's action at ``path`` of titles without their ``&`` ("Conversation", "Tools", "Google Search").

    Raises ``StopIteration`` if a title is missing.
    """
    actions = window.menuBar().actions()
    for text in path[:-1]:
        menu = next(a for a in actions if a.text().replace("&", "") == text).menu()
        actions = menu.actions()
    return next(a for a in actions if a.text().replace("&", "") == path[-1])


#: The widgets a user operates: each needs an objectName and an accessible name.
INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def unnamed_widgets(root: QWidget) -> list[str]:
    """The interactive widgets under ``root`` that lack an object name or an accessible name, described."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QTabBar):
            continue
        # Qt's own parts of composite widgets: spin box editors, combo box popups, item view
        # headers, line edits' clear buttons.
        parent = widget.parent()
        if (
            widget.objectName().startswith("qt_")
            or isinstance(parent, (QAbstractSpinBox, QComboBox, QLineEdit))
            or (isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView))
            or parent.metaObject().className() == "QComboBoxPrivateContainer"
        ):
            continue
        if not widget.objectName() or not widget.accessibleName():
            missing.append(
                f"{type(widget).__name__}(objectName={widget.objectName()!r}, parent={type(widget.parent()).__name__})"
            )
    return missing
