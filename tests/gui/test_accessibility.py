"""Every interactive widget of the main window has an object name and an accessible name."""

from __future__ import annotations

from desktop.ui.main_window import MainWindow
from tests.gui.harness import unnamed_widgets


def test_every_interactive_widget_is_named(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert unnamed_widgets(window) == []


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
        assert unnamed_widgets(dialog) == []
