"""Every interactive widget of the main window has an object name and an accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.ui.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QTabBar):
            continue
        # Qt's own parts of composite widgets: spin box editors, combo box popups, item view
        # headers, line edits' clear buttons.
        parent = widget.parent()
        if (
            widget.objectName().startswith("qt_")
            or isinstance(parent, (QAbstractSpinBox, QComboBox, QLineEdit))
            or (isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView))
            or parent.metaObject().className() == "QComboBoxPrivateContainer"
        ):
            continue
        if not widget.objectName() or not widget.accessibleName():
            missing.append(
                f"{type(widget).__name__}(objectName={widget.objectName()!r}, parent={type(widget.parent()).__name__})"
            )
    return missing


def test_every_interactive_widget_is_named(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert _unnamed(window) == []


def test_dialogs_are_named(qtbot, tmp_path):
    from desktop.errors import StorageError
    from desktop.settings import Settings
    from desktop.ui.dialogs.api_key import ApiKeyDialog
    from desktop.ui.dialogs.preferences import PreferencesDialog
    from desktop.ui.dialogs.storage import StorageProblemDialog

    no_keyring = ApiKeyDialog()
    no_keyring.set_keyring_problem("no backend")
    no_keyring.offer_unchecked("unreachable")
    for dialog in (
        ApiKeyDialog(),
        no_keyring,
        PreferencesDialog(Settings(tmp_path / "settings.json", environ={})),
        PreferencesDialog(Settings(tmp_path / "s.json", environ={"GOOGLE_GEMINI_BASE_URL": "http://proxy"})),
        StorageProblemDialog(StorageError(str(tmp_path), "full")),
    ):
        qtbot.addWidget(dialog)
        assert _unnamed(dialog) == []
