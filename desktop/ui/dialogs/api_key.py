"""The API key dialog: masked input, a link to where keys are made, and a plain error line."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common import external
from desktop.ui.common.naming import name_standard_buttons
from desktop.ui.common.palette import error_color
from desktop.ui.common.plain import plain_label

KEY_PAGE_URL = "https://aistudio.google.com/apikey"
# What to install on Debian/Ubuntu for a keyring (the Secret Service) the app can use.
KEYRING_PACKAGE = "gnome-keyring"


class ApiKeyDialog(QDialog):
    """Asks for a key. It does not check or store it: the session controller does, then calls
    ``accept()`` or ``show_error()``.

    Signals:
        submitted: The user pressed Save with this key.
        submitted_unchecked: The user chose "Save without checking" (the service could not be reached).
    """

    submitted = Signal(str)
    submitted_unchecked = Signal(str)

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
        # Opened through the app's one door to child processes, which never passes the key on.
        intro.linkActivated.connect(lambda url: external.open_url(QUrl(url)))
        self.intro = intro
        self.keyring_label = QLabel(self)
        self.keyring_label.setObjectName("apiKeyKeyringProblem")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setTextInteractionFlags(
            self.keyring_label.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.keyring_label.hide()
        self.endpoint_label = QLabel(self)
        self.endpoint_label.setObjectName("apiKeyEndpoint")
        self.endpoint_label.setWordWrap(True)
        self.endpoint_label.hide()
        self._endpoint = ""
        self._started = 0.0
        self._elapsed_timer = QTimer(self)
        self._elapsed_timer.setInterval(1000)
        self._elapsed_timer.timeout.connect(self._show_elapsed)
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
        self.unchecked_button = QPushButton(self.tr("Save without checking"), self)
        self.unchecked_button.setObjectName("apiKeySaveUncheckedButton")
        self.unchecked_button.setAccessibleName(self.tr("Save without checking"))
        self.unchecked_button.setToolTip(self.tr("Keep the key now; it is checked when it is first used."))
        self.buttons.addButton(self.unchecked_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unchecked_button.hide()
        self.unchecked_button.clicked.connect(lambda: self.submitted_unchecked.emit(self.key_edit.text()))
        self.buttons.accepted.connect(lambda: self.submitted.emit(self.key_edit.text()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_label)
        if environment_note:
            note = QLabel(self.tr("A key from the environment (GEMINI_API_KEY) is in use and takes precedence."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.key_edit)
        layout.addWidget(self.show_key)
        layout.addWidget(self.endpoint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._fit()

    def set_endpoint(self, url: str) -> None:
        """The endpoint the key is checked with (shown while checking)."""
        self._endpoint = url

    def set_keyring_problem(self, problem: str) -> None:
        """Say up front that no keyring can keep the key: it is used for this session only."""
        self.intro.setText(
            self.tr('Gemini Desktop needs an API key. <a href="{0}">Create a key in Google AI Studio</a>.').format(
                KEY_PAGE_URL
            )
        )
        self.keyring_label.setText(
            self.tr(
                "<b>The key cannot be stored:</b> no usable system keyring was found, so a key entered here is "
                "used until you quit and must be entered again next time.<br>"
                "To keep it, install a keyring (on Debian/Ubuntu: <code>sudo apt install {0}</code>) and log in "
                "again, or set the <code>GEMINI_API_KEY</code> environment variable before starting the app."
            ).format(KEYRING_PACKAGE)
        )
        self.keyring_label.setToolTip(problem)
        self.keyring_label.show()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Use for this session"))
        save.setAccessibleName(self.tr("Use for this session"))
        self._fit()

    def _fit(self) -> None:
        """Grow to show every (word-wrapped) line after the text changed; never shrink below what the user chose."""
        layout = self.layout()
        if layout is None:
            return
        width = max(self.width(), self.minimumWidth())
        layout.activate()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        self.resize(width, max(self.height() if self.isVisible() else 0, height))

    def set_busy(self, busy: bool) -> None:
        """While the key is being checked, Save is disabled and the endpoint and elapsed time are shown."""
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)
        self.unchecked_button.setEnabled(not busy)
        self.key_edit.setEnabled(not busy)
        if busy:
            self._started = time.monotonic()
            self.error_label.clear()
            self._show_elapsed()
            self._elapsed_timer.start()
        else:
            self._elapsed_timer.stop()
            self.endpoint_label.hide()

    def _show_elapsed(self) -> None:
        elapsed = int(time.monotonic() - self._started)
        self.endpoint_label.setText(
            self.tr("Checking the key with {0}… {1} s").format(self._endpoint or self.tr("the Gemini API"), elapsed)
        )
        if not self.endpoint_label.isVisible():
            self.endpoint_label.show()
            self._fit()

    def show_error(self, message: str) -> None:
        """Say what went wrong; the typed key stays so it can be corrected."""
        self.error_label.setStyleSheet(f"color: {error_color(self).name()};")  # legible in light and dark
        self.error_label.setText(message)
        self.key_edit.setFocus()
        self._fit()

    def offer_unchecked(self, message: str) -> None:
        """The service could not be reached: say so, and offer to keep the key without checking it."""
        self.show_error(
            message + " " + self.tr("You can save the key without checking it; it is checked when it is first used.")
        )
        self.unchecked_button.show()
        self._fit()
