"""Showing text from outside the app (server messages, file names, URLs) exactly as it is.

``QLabel``, ``QMessageBox`` and tool tips guess whether a string is rich text (anything that looks
like a tag), so an error message containing ``<b>`` would be rendered bold and ``<img>`` would be
loaded. Every place that shows such text uses these helpers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text literally (no markup); returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """Make a message box show its text and details literally; returns it."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_tooltip(text: str | None) -> str:
    """A tool tip that shows ``text`` literally ("" clears it).

    Qt renders a tool tip as rich text when it looks like markup: escaping it inside a paragraph
    that keeps line breaks shows the same characters either way.
    """
    if not text:
        return ""
    return '<p style="white-space:pre-wrap">' + html.escape(text) + "</p>"
