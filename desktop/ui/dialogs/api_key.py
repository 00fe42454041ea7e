"""The API key dialog: masked input, a link to where keys are made, and a plain error line."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.naming import name_standard_buttons
from desktop.ui.common.palette import error_color
from desktop.ui.common.plain import plain_label

KEY_PAGE_URL = "https://aistudio.google.com/apikey"


class ApiKeyDialog(QDialog):
    """Asks for a key. It does not check or store it: the session controller does, then calls
    ``accept()`` or ``show_error()``.

    Signals:
        submitted: The user pressed Save with this key.
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, environment_note: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("apiKeyDialog")
        self.setWindowTitle(self.tr("Gemini API key"))
        self.setModal(True)
        intro = QLabel(
            self.tr(
                "Gemini Desktop needs an API key. It is kept in your system keyring, never in a file. "
                '<a href="{0}">Create a key in Google AI Studio</a>.'
            ).format(KEY_PAGE_URL),
            self,
        )
        intro.setObjectName("apiKeyIntro")
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("apiKeyEdit")
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste your API key"))
        self.show_key = QCheckBox(self.tr("Show key"), self)
        self.show_key.setObjectName("showKeyCheck")
        self.show_key.setAccessibleName(self.tr("Show key"))
        self.show_key.toggled.connect(
            lambda on: self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        self.error_label = QLabel(self)
        self.error_label.setObjectName("apiKeyError")
        self.error_label.setWordWrap(True)
        plain_label(self.error_label)
        self.error_label.setStyleSheet(f"color: {error_color(self).name()};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("apiKeyButtons")
        name_standard_buttons(self.buttons, "apiKey")
        self.buttons.accepted.connect(lambda: self.submitted.emit(self.key_edit.text()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if environment_note:
            note = QLabel(self.tr("A key from the environment (GEMINI_API_KEY) is in use and takes precedence."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.key_edit)
        layout.addWidget(self.show_key)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def set_busy(self, busy: bool) -> None:
        """While the key is being checked, Save is disabled and the user is told so."""
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        self.key_edit.setEnabled(not busy)
        if busy:
            self.error_label.setStyleSheet("")
            self.error_label.setText(self.tr("Checking the key…"))

    def show_error(self, message: str) -> None:
        """Say what went wrong; the typed key stays so it can be corrected."""
        self.error_label.setStyleSheet(f"color: {error_color(self).name()};")  # legible in light and dark
        self.error_label.setText(message)
        self.key_edit.setFocus()
