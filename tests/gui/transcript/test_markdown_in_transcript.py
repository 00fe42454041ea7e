"""Markdown as models write it, in the real transcript (issue 11 §3): typeset math that Copy gives
back as LaTeX, links that say where they go and ask before a deceptive one opens, and answers too
long to lay out. Field cases from ``tests/field_cases``, served through the fake server."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.render import render_markdown
from desktop.ui.dialogs import links as link_dialogs
from desktop.ui.dialogs import long_text as long_text_dialogs
from desktop.ui.transcript.browser import StreamingBlock, TextBlock, selection_text
from tests.benchmarks.pathological import big_table, long_line
from tests.gui.transcript.markdown_samples import MATH_MD, SOURCES, anchor_point, formula_fragments

# -- math -----------------------------------------------------------------------------------------


def test_typeset_formulas_are_images_that_really_load(qtbot) -> None:
    block = TextBlock(source=lambda: MATH_MD)
    qtbot.addWidget(block)
    block.resize(700, 300)
    block.setHtml(render_markdown(MATH_MD))
    block.show()
    QApplication.processEvents()
    shown = formula_fragments(block.document())
    assert [tip for _, tip in shown] == SOURCES
    for name, _ in shown:
        image = block.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert not image.isNull() and image.width() > 5 and image.height() > 5
    # The text around the formulas is there; the formulas are not text.
    plain = block.toPlainText()
    assert plain.startswith("Inline: ") and "mc^2" not in plain and "(E=mc^2)" not in plain


def test_copy_gives_the_latex_source_of_typeset_formulas(qtbot) -> None:
    block = TextBlock(source=lambda: MATH_MD)
    qtbot.addWidget(block)
    block.setHtml(render_markdown(MATH_MD))
    block.show()
    block.selectAll()
    copied = selection_text(block.textCursor())
    assert copied.startswith("Inline: \\(E=mc^2\\) and the sum $x_i + y_i$ where $a_1 = b_1$.")
    for source in SOURCES:
        assert source in copied
    block.setFocus()
    QTest.keyClick(block, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == copied
    # A part of a line: only what is selected.
    cursor = block.document().find("and the sum")
    cursor.setPosition(cursor.selectionStart())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    assert selection_text(cursor) == "and the sum $x_i + y_i$ where $a_1 = b_1$."


def test_while_streaming_formulas_show_their_exact_source(qtbot) -> None:
    block = StreamingBlock()
    qtbot.addWidget(block)
    block.append(MATH_MD)
    block.refresh()
    plain = block.toPlainText()
    assert "\\(E=mc^2\\)" in plain and "1 & 2 \\\\" in plain and "$$\\sum_{i=1}^{n} w_i \\cdot x_i$$" in plain
    assert formula_fragments(block.document()) == []


# -- links ----------------------------------------------------------------------------------------


def test_the_confirmation_names_both_places_and_defaults_to_cancel(qtbot) -> None:
    box = link_dialogs.confirmation_box(None, "good.example.com", "http://127.0.0.1:9/elsewhere")
    qtbot.addWidget(box)
    assert "good.example.com" in box.text() and box.informativeText() == "http://127.0.0.1:9/elsewhere"
    assert box.defaultButton().objectName() == "cancelLinkButton"
    assert box.findChild(type(box.defaultButton()), "openLinkButton").accessibleName() == "Open the link"


# -- answers too long to lay out ------------------------------------------------------------------


def test_a_streamed_2_mb_line_keeps_the_document_small_and_show_all_gives_it_whole(qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(long_text_dialogs, "show_long_text", lambda parent, text: shown.append(text))
    block = StreamingBlock()
    qtbot.addWidget(block)
    block.resize(800, 400)
    block.show()
    line = long_line()
    for i in range(0, len(line), 64 * 1024):
        block.append(line[i : i + 64 * 1024])
        block.refresh()
        assert block.document().characterCount() < 10_000
    assert "more characters of this block are arriving" in block.toPlainText()
    block.finish()
    QApplication.processEvents()
    assert block.document().characterCount() < 10_000 and "Show all (2,000,001 characters)" not in block.toPlainText()
    assert "Show all (2,000,000 characters)" in block.toPlainText()
    QTest.mouseClick(
        block.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        anchor_point(block, "Show all"),
    )
    assert shown == ["L" * 2_000_000]


def test_the_long_text_window_cuts_lines_for_display_and_copies_the_original(qtbot) -> None:
    text = "x" * 5_000 + "\nshort"
    dialog = long_text_dialogs.LongTextDialog(text)
    qtbot.addWidget(dialog)
    assert dialog.view.document().blockCount() == 4  # 2,000 + 2,000 + 1,000 + "short"
    dialog.findChild(type(dialog.view.parent().findChild(object, "copyAllButton")), "copyAllButton").click()
    assert QApplication.clipboard().text() == text
    close = dialog.findChild(QPushButton, "longTextCloseButton")
    assert close is not None and close.accessibleName() == "Close"


def test_a_streamed_800_row_table_grows_in_pieces_and_ends_whole(qtbot) -> None:
    block = StreamingBlock()
    qtbot.addWidget(block)
    block.resize(900, 400)
    text = big_table(800)
    tables_seen = set()
    for i in range(0, len(text), 300):
        block.append(text[i : i + 300])
        block.refresh()
        tables_seen.add(block.toHtml().count("<table"))
    block.finish()
    for _ in range(200):
        QApplication.processEvents()
        if "That is all." in block.toPlainText():
            break
    assert len(tables_seen) > 10  # the table became stable piece by piece while streaming
    plain = block.toPlainText()
    assert "item 0" in plain and "item 799" in plain and "That is all." in plain
