"""The start-up dialog shown when the data folder cannot be written: Retry, Quit or Continue without saving."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.errors import StorageError
from desktop.ui.common.naming import without_mnemonic

# The choices the dialog reports through ``chosen``.
RETRY, QUIT, IN_MEMORY = "retry", "quit", "in-memory"


def _advice(error: StorageError) -> str:
    advice = {
        "full": QCoreApplication.translate("StorageDialog", "Free some space on that disk, then press Retry."),
        "read-only": QCoreApplication.translate(
            "StorageDialog", "The folder is on a read-only file system. Make it writable, then press Retry."
        ),
        "io": QCoreApplication.translate("StorageDialog", "The disk may be failing. Check it, then press Retry."),
        "permission": QCoreApplication.translate(
            "StorageDialog", "Give your user write access to the folder, then press Retry."
        ),
    }
    return advice.get(error.cause, QCoreApplication.translate("StorageDialog", "Check the folder, then press Retry."))


class StorageProblemDialog(QMessageBox):
    """Names the folder and the cause; ``chosen`` carries RETRY, QUIT or IN_MEMORY."""

    chosen = Signal(str)

    def __init__(self, error: StorageError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setObjectName("storageProblemDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Cannot save conversations"))
        cause = QCoreApplication.translate("AppError", error.cause_text)
        self.setText(
            self.tr("Gemini Desktop cannot write to its data folder:\n{0}\n\nCause: {1}.").format(error.folder, cause)
        )
        self.setInformativeText(
            _advice(error)
            + "\n\n"
            + self.tr(
                "Continue without saving keeps this session's conversations in memory only: "
                "they are lost when the app closes."
            )
        )
        if error.detail:
            self.setDetailedText(error.detail)
        self.retry_button = self._button(self.tr("&Retry"), "storageRetryButton", QMessageBox.ButtonRole.AcceptRole)
        self.memory_button = self._button(
            self.tr("Continue &without saving"), "storageInMemoryButton", QMessageBox.ButtonRole.ActionRole
        )
        self.quit_button = self._button(self.tr("&Quit"), "storageQuitButton", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.retry_button)
        self.setEscapeButton(self.quit_button)
        self.buttonClicked.connect(self._clicked)

    def _button(self, text: str, name: str, role: QMessageBox.ButtonRole) -> QPushButton:
        button = self.addButton(text, role)
        button.setObjectName(name)
        button.setAccessibleName(without_mnemonic(text))
        return button

    def _clicked(self, button: object) -> None:
        if button is self.retry_button:
            self.chosen.emit(RETRY)
        elif button is self.memory_button:
            self.chosen.emit(IN_MEMORY)
        else:
            self.chosen.emit(QUIT)
