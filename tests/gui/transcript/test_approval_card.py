"""The approval card on its own: exact button names, keys, the error style and images a tool returned."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop.domain.function_calls import DENIED, LOCAL_SERVER, FunctionCallState
from desktop.ui.common.translation import install_translations, remove_translations
from desktop.ui.transcript.approval import STOPPED, FunctionCallCard, FunctionCallsView

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


def _focus(qtbot, card: FunctionCallCard) -> None:
    card.show()
    qtbot.waitExposed(card)
    card.activateWindow()
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)


def test_enter_presses_the_button_that_tab_reached(qtbot) -> None:
    """Tab to "Deny" and press Enter: the call is denied (a plain push button hands Enter to the card,
    which used to allow the call once)."""
    call = FunctionCallState("c1", "Test_tools__echo", {"text": "hi"}, tool_label="echo", server="Test tools")
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    decisions: list[str] = []
    card.decided.connect(lambda _cid, d: decisions.append(d))
    _focus(qtbot, card)
    reached = []
    for _ in range(3):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget().accessibleName())
    assert reached == ["Allow once", "Always allow", "Deny"]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert decisions == ["deny"]
    card.always_button.setFocus()
    QTest.keyClick(card.always_button, Qt.Key.Key_Enter)
    assert decisions == ["deny", "always"]


def test_the_outline_stays_while_a_button_of_the_card_has_the_focus(qtbot) -> None:
    call = FunctionCallState("c1", "Test_tools__echo", {"text": "hi"}, tool_label="echo", server="Test tools")
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    _focus(qtbot, card)
    assert "border" in card.styleSheet()
    card.deny_button.setFocus()
    qtbot.waitUntil(card.deny_button.hasFocus)
    assert "border" in card.styleSheet()  # still outlined: Enter answers this card
    card.clearFocus()
    card.deny_button.clearFocus()
    assert card.styleSheet() == ""


def test_a_denial_is_said_plainly_not_as_an_error(qtbot) -> None:
    call = FunctionCallState("c1", "open_link", {"url": "https://example.com"}, tool_label="Open link")
    call.decision = "deny"
    call.fail(DENIED)
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    assert card.state_label.text() == "Denied. The model was told that you declined this call."
    assert card.state_label.styleSheet() == ""  # the user's choice, not a failure in red
    assert call.result_step()["result"] == "The user denied this call"  # the model still gets the reason


def test_a_local_call_and_the_apps_reasons_are_shown_in_german(qtbot) -> None:
    """The label of a local tool, "This computer" and the app's own reasons are stored in English
    with the call; the card shows them in the user's language."""
    install_translations("de", system=QLocale("en_US"))
    try:
        waiting = FunctionCallState("c1", "current_time", {}, tool_label="Current time", server=LOCAL_SERVER)
        card = FunctionCallCard(waiting)
        qtbot.addWidget(card)
        assert "Aktuelle Uhrzeit" in card.title.text() and "Dieser Computer" in card.title.text()
        assert "Current time" not in card.title.text() and "This computer" not in card.title.text()
        timed_out = FunctionCallState("c2", "current_time", {}, tool_label="Current time", server=LOCAL_SERVER)
        timed_out.decision = "allow"
        timed_out.fail("The tool did not answer within 3 s.")
        card.show_call(timed_out)
        assert card.state_label.text() == "Fehler: Das Tool hat nicht innerhalb von 3 s geantwortet."
        stopped = FunctionCallState("c3", "x", {}, decision="allow")
        stopped.fail(STOPPED)
        card.show_call(stopped)
        assert "Stopped" not in card.state_label.text()
    finally:
        remove_translations()


def test_a_long_one_line_result_gets_the_lines_it_wraps_to(qtbot) -> None:
    """A 300 KB result of one line used to get a one-line box with a scroll bar."""
    call = FunctionCallState("c1", "S__huge", {"kb": 300}, decision="allow")
    call.succeed("y" * 3000)
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    card.resize(600, 400)
    card.show()
    qtbot.waitExposed(card)
    one_line = card.result_view.fontMetrics().lineSpacing() + 14
    assert card.result_view.height() > 3 * card.result_view.fontMetrics().lineSpacing() + 14
    assert card.result_view.height() <= 140
    short = FunctionCallState("c2", "S__echo", {}, decision="allow")
    short.succeed("echo: hi")
    card.show_call(short)
    assert card.result_view.height() == one_line  # a short result still takes one line


def test_the_note_that_a_result_was_cut_stays_in_the_preview(qtbot) -> None:
    from desktop.services.tools.executor import cut_text

    call = FunctionCallState("c1", "S__huge", {}, decision="allow")
    call.succeed(cut_text("y" * 300 * 1024, 100 * 1024))
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    shown = card.result_view.toPlainText()
    assert len(shown) < 5000 and shown.endswith("[Result cut: it was 300 KB; only the first 100 KB were sent.]")


def test_a_small_image_is_not_blown_up(qtbot) -> None:
    call = FunctionCallState("c1", "S__image", {}, decision="allow")
    call.succeed([{"type": "image", "data": PNG_B64, "mime_type": "image/png"}])
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    (image,) = [w for w in card.findChildren(QLabel) if w.objectName().startswith("functionCallImage")]
    assert (image.pixmap().width(), image.pixmap().height()) == (1, 1)


def test_an_undeclared_tool_is_still_an_error_in_red(qtbot) -> None:
    call = FunctionCallState("c1", "list_folder", {})
    call.fail("The tool 'list_folder' is not declared in this conversation.")
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    assert card.state_label.text().startswith("Error: ") and "#b3261e" in card.state_label.styleSheet()


def test_the_card_tells_a_screen_reader_where_the_call_stands(qtbot) -> None:
    call = FunctionCallState("c1", "current_time", {}, tool_label="Current time", server=LOCAL_SERVER)
    card = FunctionCallCard(call)
    qtbot.addWidget(card)
    assert card.accessibleName() == "Tool call: Current time on This computer"
    assert card.accessibleDescription() == "Waiting for your approval. Enter allows once, Escape denies."
    call.decision = "auto"
    card.show_call(call)
    assert card.accessibleDescription() == "Allowed without asking (always allowed); waiting to run."
    call.succeed("12:00")
    call.state = "sent"
    card.show_call(call)
    assert card.accessibleDescription() == "Done; result sent to the model."
