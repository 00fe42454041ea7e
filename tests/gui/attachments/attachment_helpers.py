"""What the attachment tests share: dropping files on a widget, waiting until they are ready, reading what was sent."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.conversation import tab as conversation_tab
from tests.gui.conftest import until
from tests.gui.harness import turn

ACTIONS = Qt.DropAction.CopyAction


def b64(data: bytes) -> str:
    """``data`` as base64 text, as a request carries inline bytes."""
    return base64.b64encode(data).decode("ascii")


def drop_files(target: QWidget, paths: list[Path | str], *, urls: list[QUrl] | None = None) -> tuple[bool, bool]:
    """Drag files over ``target`` and drop them; returns (highlighted while dragging, drop accepted)."""
    mime = QMimeData()
    mime.setUrls(urls if urls is not None else [QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(pos.toPoint(), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, move)
    tab = target if target.objectName() == "conversationTab" else target.window().conversation_tab
    highlighted = enter.isAccepted() and move.isAccepted() and tab.drop_target.highlighted
    drop = QDropEvent(pos, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return highlighted, drop.isAccepted()


def user_content(body: dict) -> list[dict]:
    """The content blocks of the (last) user_input step of a request body."""
    steps = body["input"]
    assert isinstance(steps, list), steps
    return [s for s in steps if s["type"] == "user_input"][-1]["content"]


async def ready(app, tab, count: int) -> None:
    """Wait until ``count`` attachments are read and Send is enabled."""
    await until(
        lambda: len(app.attachments.attachments) == count and app.attachments.can_send and tab.send_button.isEnabled(),
        message=f"{count} attachments ready",
    )


def upload_anything_over_2_kb(app) -> None:
    """Small test files take the Files API path; processing polls are quick."""
    app.attachment_service.inline_limit_bytes = 2048
    app.attachment_service.poll_s = 0.02


async def attach_with_button(app, tab, monkeypatch, path: Path) -> Path:
    """Attach ``path`` through the Attach button (its file dialog replaced) and wait until ready."""
    monkeypatch.setattr(conversation_tab, "choose_files", lambda parent: [path])
    tab.attach_button.click()
    await ready(app, tab, 1)
    return path


async def send_and_wait(window, server, text: str, events: list[dict]) -> dict:
    """Send ``text`` answered by ``events``; returns the request body the server received."""
    await turn(window, server, text, events)
    return server.interaction_requests()[-1].json
