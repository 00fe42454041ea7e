"""The approval card on its own: exact button names, keys, the error style and images a tool returned."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.domain.function_calls import FunctionCallState
from desktop.ui.transcript.approval import FunctionCallCard, FunctionCallsView

PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="


def test_card_buttons_and_keys(qtbot) -> None:
    call = FunctionCallState("c1", "Test_tools__echo", {"text": "hi"}, tool_label="echo", server="Test tools")
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    names = {b.accessibleName() for b in card.findChildren(QPushButton) if not b.isHidden()}
    assert names == {"Allow once", "Always allow", "Deny"}
    assert '"text": "hi"' in card.arguments.toPlainText() and "Test tools" in card.title.text()
    decisions: list[tuple[str, str]] = []
    card.decided.connect(lambda cid, d: decisions.append((cid, d)))
    QTest.keyClick(card, Qt.Key.Key_Return)
    QTest.keyClick(card, Qt.Key.Key_Escape)
    next(b for b in card.findChildren(QPushButton) if b.accessibleName() == "Always allow").click()
    assert decisions == [("c1", "allow"), ("c1", "deny"), ("c1", "always")]


def test_results_errors_and_images_are_shown(qtbot) -> None:
    call = FunctionCallState("c1", "S__image", {}, decision="allow")
    call.succeed([{"type": "text", "text": "a red dot"}, {"type": "image", "data": PNG_B64, "mime_type": "image/png"}])
    view = FunctionCallsView()
    qtbot.addWidget(view)
    failed = FunctionCallState("c2", "S__fail", {}, decision="allow")
    failed.fail("The tool did not answer within 60 s.")
    view.show_calls([call, failed])
    card = view.cards["c1"]
    assert not [b for b in card.findChildren(QPushButton) if not b.isHidden()]  # decided: no buttons
    assert card.result_view.toPlainText() == "a red dot"
    images = [w for w in card.findChildren(QLabel) if w.objectName().startswith("functionCallImage")]
    assert len(images) == 1 and not images[0].pixmap().isNull()
    assert view.cards["c2"].state_label.text() == "Error: The tool did not answer within 60 s."
