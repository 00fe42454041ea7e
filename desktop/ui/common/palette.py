"""Colours set through palettes, not style sheets.

A per-widget style sheet makes Qt build a style-sheet style for that widget (~3 ms each); the
transcript creates several per turn while scrolling, which added up to visible stalls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from desktop.render.theme import DARK, LIGHT, RenderTheme

ERROR_RED = QColor("#b3261e")
_DIMMED = "dimText"  # the property that marks a dim_text widget


def dim_text(widget: QWidget) -> None:
    """Secondary text: the palette's placeholder colour (``refresh_dimmed`` re-applies it after a
    change of colour scheme: the colour is set on the widget, so it no longer follows the palette)."""
    widget.setProperty(_DIMMED, True)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.PlaceholderText))
    widget.setPalette(palette)


def refresh_dimmed(root: QWidget) -> None:
    """Dim again every ``dim_text`` widget under ``root`` (its palette changed)."""
    for child in root.findChildren(QWidget):
        if child.property(_DIMMED):
            dim_text(child)


def text_color(widget: QWidget, color: QColor | None) -> None:
    """Text in ``color``; None gives the widget its inherited palette back (so it follows a change of
    colour scheme; any other colour set on the widget goes too)."""
    if color is None:
        widget.setPalette(QPalette())
        return
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, color)
    widget.setPalette(palette)


def transparent_base(widget: QWidget) -> None:
    """No background behind a text view (it sits on the transcript's own background)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
    widget.setPalette(palette)


# Error text on a dark background: ERROR_RED there is 2.6:1, below WCAG AA.
ERROR_RED_ON_DARK = QColor("#f2b8b5")
_DARK_LIGHTNESS = 128


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark background (its Base is dark)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < _DARK_LIGHTNESS


def render_theme_for(widget: QWidget) -> RenderTheme:
    """The Markdown render theme that suits the widget's palette."""
    return DARK if is_dark(widget.palette()) else LIGHT


def error_color(widget: QWidget) -> QColor:
    """Red error text legible on the widget's background (light or dark)."""
    return ERROR_RED_ON_DARK if is_dark(widget.palette()) else ERROR_RED


# The app's own palettes, used when the platform's palette does not match the chosen scheme (an
# override in Preferences, or a platform that reports a scheme without a palette for it). Body
# text, placeholder text and links meet WCAG AA (4.5:1) on Base and Window (tests/gui/test_color_scheme.py).
LIGHT_COLORS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#efefef",
    QPalette.ColorRole.WindowText: "#1f1f1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f5f5f5",
    QPalette.ColorRole.Text: "#1f1f1f",
    QPalette.ColorRole.Button: "#efefef",
    QPalette.ColorRole.ButtonText: "#1f1f1f",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#0b57d0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#0b57d0",
    QPalette.ColorRole.LinkVisited: "#7b1fa2",
    QPalette.ColorRole.PlaceholderText: "#5f6368",
    QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#1f1f1f",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e3e3e3",
    QPalette.ColorRole.Mid: "#b8b8b8",
    QPalette.ColorRole.Dark: "#9f9f9f",
    QPalette.ColorRole.Shadow: "#767676",
}
DARK_COLORS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#2b2c2f",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26272a",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#35363a",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#1e1f22",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#d7aefb",
    QPalette.ColorRole.PlaceholderText: "#a8adb3",
    QPalette.ColorRole.ToolTipBase: "#35363a",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.Light: "#505155",
    QPalette.ColorRole.Midlight: "#414245",
    QPalette.ColorRole.Mid: "#303134",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Shadow: "#000000",
}
# Disabled text: dimmer, still distinguishable from the background.
_DISABLED_TEXT = {"light": "#8a8a8a", "dark": "#7f8388"}


def scheme_palette(dark: bool) -> QPalette:
    """The app's own light or dark palette."""
    palette = QPalette()
    for role, color in (DARK_COLORS if dark else LIGHT_COLORS).items():
        palette.setColor(role, QColor(color))
    disabled = QColor(_DISABLED_TEXT["dark" if dark else "light"])
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette
