"""Light or dark: follows the operating system's colour scheme, or the user's choice in Preferences.

Qt reports the system's scheme (``QStyleHints.colorScheme``, and ``colorSchemeChanged`` when the
user switches while the app runs). An override is passed on to the platform
(``QStyleHints.setColorScheme``: native title bars and styles follow where the platform supports
it); whenever the application palette still does not match the wanted scheme (Qt's Fusion style on
Linux has no dark palette of its own, and an override is not supported everywhere), the app's own
palette for that scheme is installed. Every widget then gets a ``PaletteChange`` event; the ones
that render HTML (transcript, research report) pick the matching render theme from their palette
(``palette.render_theme_for``) and re-render.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.common.palette import is_dark, scheme_palette

__all__ = ["SCHEMES", "ColorSchemeManager"]

# The values of the ``color_scheme`` preference.
SCHEMES = ("system", "light", "dark")


class ColorSchemeManager(QObject):
    """Keeps the application palette in the wanted scheme.

    ``system_scheme`` reads the operating system's scheme (default: ``QStyleHints.colorScheme``;
    tests pass their own and emit ``colorSchemeChanged`` to play an OS that switches).
    """

    def __init__(
        self,
        preference: str = "system",
        *,
        system_scheme: Callable[[], Qt.ColorScheme] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hints = QGuiApplication.styleHints()
        self._system_scheme = system_scheme or self._hints.colorScheme
        self._preference = preference if preference in SCHEMES else "system"
        self._own_palette = False
        self._applying = False
        self._dark = is_dark(QGuiApplication.palette())
        self._hints.colorSchemeChanged.connect(self._on_system_changed)
        self.apply()

    @property
    def preference(self) -> str:
        """``"system"``, ``"light"`` or ``"dark"``."""
        return self._preference

    @property
    def dark(self) -> bool:
        """Whether the app is dark now."""
        return self._dark

    def set_preference(self, preference: str) -> None:
        """The user chose a scheme in Preferences: applied at once."""
        self._preference = preference if preference in SCHEMES else "system"
        self.apply()

    def dispose(self) -> None:
        """Stop following the system and give the platform its palette back (the app is quitting)."""
        # Already disconnected, or the hints object is gone with the application.
        with contextlib.suppress(RuntimeError, TypeError):
            self._hints.colorSchemeChanged.disconnect(self._on_system_changed)
        if self._preference != "system":
            self._hints.unsetColorScheme()
        if self._own_palette:
            QApplication.setPalette(QPalette())
            self._own_palette = False

    def _on_system_changed(self, _scheme: Qt.ColorScheme) -> None:
        # Also emitted by our own setColorScheme/unsetColorScheme; apply() ignores those.
        if not self._applying and self._preference == "system":
            self.apply()

    def apply(self) -> None:
        """Make the application palette match the preference (and, for "system", the OS)."""
        if self._applying:
            return
        self._applying = True
        try:
            self._apply()
        finally:
            self._applying = False

    def _apply(self) -> None:
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):
            return
        if self._preference == "system":
            self._hints.unsetColorScheme()
        else:
            wanted_scheme = Qt.ColorScheme.Dark if self._preference == "dark" else Qt.ColorScheme.Light
            self._hints.setColorScheme(wanted_scheme)
        # Back to the platform's palette first: it may suit the wanted scheme by itself.
        if self._own_palette:
            QApplication.setPalette(QPalette())
            self._own_palette = False
        platform_dark = is_dark(QGuiApplication.palette())
        if self._preference == "system":
            scheme = self._system_scheme()
            # Unknown: the platform does not say; its palette is the best guess.
            want_dark = platform_dark if scheme == Qt.ColorScheme.Unknown else scheme == Qt.ColorScheme.Dark
        else:
            want_dark = self._preference == "dark"
        if want_dark != platform_dark:
            QApplication.setPalette(scheme_palette(want_dark))
            self._own_palette = True
        self._dark = want_dark
