"""Math and links in answers served through the fake server and the real SDK (issue 11 §3).

The field cases ``tests/field_cases/math.md`` and ``deceptive_link.md`` as the model's text.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from desktop.ui.dialogs import links as link_dialogs
from desktop.ui.transcript.browser import selection_text
from tests.fake_api import scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start, turn, widgets
from tests.gui.transcript.markdown_samples import (
    DECEPTIVE_MD,
    MATH_MD,
    SOURCES,
    anchor_point,
    formula_fragments,
)


async def test_a_streamed_math_answer_ends_typeset_and_copies_as_latex(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    try:
        chunks = [MATH_MD[i : i + 9] for i in range(0, len(MATH_MD), 9)]
        await turn(window, fake_server, "Some formulas please", scenarios.plain_text("v1_math", chunks))
        answer = widgets(window)[-1].answer_view
        # Typeset off the GUI thread once the answer is complete (while streaming, formulas are source).
        await until(lambda: len(formula_fragments(answer.document())) == len(SOURCES), timeout=20, message="typeset")
        assert [tip for _, tip in formula_fragments(answer.document())] == SOURCES
        answer.selectAll()
        assert all(source in selection_text(answer.textCursor()) for source in SOURCES)
        assert app.storage.conversations.turns(app.conversation.current_id)[-1].answer_text == MATH_MD
    finally:
        await quit_app(window, task)
        await settle()


async def test_deceptive_link_shows_its_target_and_asks_before_opening(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    opened: list[str] = []
    asked: list[tuple[str, str]] = []
    answers = [False, True]
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True))

    def confirm(parent: object, shown_host: str, target: str) -> bool:
        asked.append((shown_host, target))
        return answers.pop(0)

    monkeypatch.setattr(link_dialogs, "confirm_open_link", confirm)
    window, _app, task = await start(qtbot, fake_server, app_paths)
    try:
        text = DECEPTIVE_MD + "\nAnd [https://example.org/docs](https://example.org/docs/page) is honest.\n"
        await turn(window, fake_server, "a link", scenarios.plain_text("v1_link", [text]))
        answer = widgets(window)[-1].answer_view
        await until(lambda: "is honest" in answer.toPlainText(), message="answer shown")
        await asyncio.sleep(0.1)  # let the transcript place the turn before pointing at it
        target = "http://127.0.0.1:9/elsewhere"
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        # Hover: the real destination in the tool tip and in the main window's status bar.
        point = anchor_point(answer, "https://good.example.com/")
        cursor = answer.cursorForPosition(point)
        assert cursor.charFormat().anchorHref() == target and cursor.charFormat().toolTip() == target
        away = QPoint(answer.viewport().width() - 2, answer.viewport().height() - 2)
        QTest.mouseMove(answer.viewport(), point)
        await until(lambda: target in messages, message="status bar")
        # Leaving the link clears it.
        QTest.mouseMove(answer.viewport(), away)
        await until(lambda: messages[-1] == "", message="status cleared")
        # Click: asked first; "Cancel" opens nothing, "Open" opens the real target.
        point = anchor_point(answer, "https://good.example.com/")
        QTest.mouseClick(answer.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        assert asked == [("good.example.com", target)] and opened == []
        QTest.mouseClick(answer.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        assert len(asked) == 2 and opened == [target]
        # A link whose text names its own host opens without a question.
        honest = anchor_point(answer, "https://example.org/docs")
        QTest.mouseClick(answer.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, honest)
        assert len(asked) == 2 and opened == [target, "https://example.org/docs/page"]
    finally:
        await quit_app(window, task)
        await settle()


async def settle() -> None:
    """Let tasks the app cancelled while quitting finish (a list refresh cancelled mid-flight
    otherwise outlives the test, and the loop's teardown waits for it for ever)."""
    await until(
        lambda: all(t is asyncio.current_task() or t.done() for t in asyncio.all_tasks()), message="app tasks done"
    )
