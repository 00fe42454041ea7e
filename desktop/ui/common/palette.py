"""Colours set through palettes, not style sheets.

A per-widget style sheet makes Qt build a style-sheet style for that widget (~3 ms each); the
transcript creates several per turn while scrolling, which added up to visible stalls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

ERROR_RED = QColor("#b3261e")


def dim_text(widget: QWidget) -> None:
    """Secondary text: the palette's placeholder colour."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.PlaceholderText))
    widget.setPalette(palette)


def text_color(widget: QWidget, color: QColor | None) -> None:
    """Text in ``color``; None restores the application's colour."""
    palette = widget.palette()
    base = widget.style().standardPalette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, color if color is not None else base.color(role))
    widget.setPalette(palette)


def transparent_base(widget: QWidget) -> None:
    """No background behind a text view (it sits on the transcript's own background)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
    widget.setPalette(palette)
