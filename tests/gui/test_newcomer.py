"""A newcomer's first hour in the app: every shortcut visible in a menu and in Help → Keyboard
shortcuts, Esc clears the search, Ctrl+N under a search filter shows the new conversation, a
readable Preferences dialog, an About box that says where things are, a Research tab that explains."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu

from desktop.settings import Settings
from desktop.ui.dialogs.preferences import LONG_MODEL_NAME, PreferencesDialog
from desktop.ui.dialogs.shortcuts import ShortcutsDialog, menu_shortcuts
from desktop.ui.main_window import MainWindow, preferences_key
from desktop.ui.research.tab import ResearchTab
from tests.fake_api import scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start, turn


def menu_actions(window: MainWindow) -> dict[str, QKeySequence]:
    """objectName → shortcut of every action reachable from the menu bar."""
    found: dict[str, QKeySequence] = {}

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                found[action.objectName()] = action.shortcut()

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def test_every_window_shortcut_is_shown_in_a_menu(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    shown = menu_actions(window)
    expected = {
        "newConversationAction": QKeySequence("Ctrl+N"),
        "quitAction": QKeySequence("Ctrl+Q"),
        "showConversationAction": QKeySequence("Ctrl+1"),
        "showResearchAction": QKeySequence("Ctrl+2"),
        "searchConversationsAction": QKeySequence("Ctrl+K"),
        "preferencesAction": preferences_key(),
        "shortcutsAction": QKeySequence(QKeySequence.StandardKey.HelpContents),
        "runSettingsPanelAction": QKeySequence("Ctrl+Shift+R"),
        "systemInstructionAction": QKeySequence("Ctrl+Shift+I"),
        "knowledgeAction": QKeySequence("Ctrl+Shift+K"),
        "exportConversationAction": QKeySequence("Ctrl+Shift+E"),
    }
    for name, keys in expected.items():
        assert shown.get(name) == keys, name
    # Every shortcut the window itself carries is in a menu (the tab keys used to be invisible).
    for action in window.actions():
        if not action.shortcut().isEmpty():
            assert action.objectName() in shown, action.objectName()
    # And no two menu commands share a key.
    keys = [k.toString() for k in shown.values() if not k.isEmpty()]
    assert len(keys) == len(set(keys)), keys


def test_every_menu_and_command_of_the_menu_bar_has_its_own_object_name(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    unnamed: list[str] = []

    def walk(menu: QMenu, path: str) -> None:
        if not menu.objectName():
            unnamed.append(path)
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} → {action.menu().title()}")
            elif not action.isSeparator() and not action.objectName():
                unnamed.append(f"{path} → {action.text()}")

    for top in window.menuBar().actions():
        walk(top.menu(), top.menu().title())
    assert not unnamed
    # An object name finds one action: the list's Export is not the menu's (another conversation).
    names = [a.objectName() for a in window.findChildren(QAction) if a.objectName()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_preferences_has_a_key_on_every_platform():
    keys = preferences_key()
    assert not keys.isEmpty()
    if not QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences):  # X11, Windows, offscreen
        assert keys == QKeySequence("Ctrl+,")


def test_help_lists_every_shortcut_of_the_menus(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_shortcuts()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    listed = {(keys, command) for keys, command, _where in rows}
    native = QKeySequence.SequenceFormat.NativeText
    for keys, command in (
        (QKeySequence("Ctrl+1").toString(native), "Conversation"),
        (QKeySequence("Ctrl+2").toString(native), "Research"),
        (QKeySequence("Ctrl+K").toString(native), "Search conversations"),
        (preferences_key().toString(native), "Preferences"),
        (QKeySequence("Ctrl+N").toString(native), "New conversation"),
    ):
        assert (keys, command) in listed
    # Generated from the actions: a shortcut added to a menu later is listed too.
    extra = window.help_menu.addAction("Extra thing")
    extra.setShortcut(QKeySequence("Ctrl+Shift+F12"))
    assert ("Help", "Extra thing", QKeySequence("Ctrl+Shift+F12").toString(native)) in menu_shortcuts(window.menuBar())
    window.show_shortcuts()
    assert any(command == "Extra thing" for _k, command, _w in window.shortcuts_dialog.rows())
    # And the keys that belong to widgets, not to menu actions.
    assert any(command == "Clear the search" for _k, command, _w in rows)


def test_about_shows_version_licence_link_and_folders(qtbot, tmp_path):
    from desktop import __version__

    window = MainWindow()
    qtbot.addWidget(window)
    window.set_folders(tmp_path / "data", tmp_path / "logs")
    window.show_about()
    box = window.about_box
    assert box is not None and box.isVisible()
    text = box.text()
    assert __version__ in text
    assert "Apache-2.0" in text and "https://www.apache.org/licenses/LICENSE-2.0" in text
    assert "https://ai.google.dev/" in text
    assert str(tmp_path / "data") in text and str(tmp_path / "logs") in text
    assert (tmp_path / "logs").as_uri() in text  # the folders are links that open them
    box.close()


def test_preferences_is_wide_enough_for_a_model_name(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    settings.set("default_model", LONG_MODEL_NAME)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    editor = dialog.editors["default_model"]
    assert isinstance(editor, QLineEdit)
    assert editor.width() >= editor.fontMetrics().horizontalAdvance(LONG_MODEL_NAME) + 8


def test_the_research_tab_explains_deep_research_before_the_first_run(qtbot):
    tab = ResearchTab()
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    QApplication.processEvents()
    intro = tab.empty_label
    assert intro.isVisible()
    text = intro.text()
    assert "What Deep Research does" in text and "How long it takes" in text and "What it costs" in text
    assert "minutes" in text and "API key" in text
    assert intro.height() > 150  # the space under the form is used, not left empty


async def test_esc_clears_the_search_and_ctrl_n_under_a_filter_shows_the_new_conversation(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    sidebar = tab.sidebar
    await turn(window, fake_server, "tell me about pelicans", scenarios.plain_text("v1_p", ["Pouches."]))
    window.new_action.trigger()
    await until(lambda: not tab.transcript.turns())
    await turn(window, fake_server, "and now badgers", scenarios.plain_text("v1_b", ["Setts."]))
    await until(lambda: len(sidebar.titles()) == 2, message="both listed")

    # Esc in the search box clears it (and does not stop anything).
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(sidebar.search_edit, "pelican")
    await until(lambda: sidebar.titles() == ["tell me about pelicans"], message="filtered")
    QTest.keyClick(sidebar.search_edit, Qt.Key.Key_Escape)
    assert sidebar.search_edit.text() == ""
    await until(lambda: len(sidebar.titles()) == 2, message="full list back after Esc")

    # Ctrl+N while a filter hides everything else: the filter goes, the new conversation is shown.
    QTest.keyClicks(sidebar.search_edit, "pelican")
    await until(lambda: sidebar.titles() == ["tell me about pelicans"], message="filtered again")
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    await until(lambda: not tab.transcript.turns(), message="new conversation open")
    await until(lambda: sidebar.search_edit.text() == "", message="filter cleared")
    await turn(window, fake_server, "about otters", scenarios.plain_text("v1_o", ["Rafts."]))
    await until(lambda: "about otters" in sidebar.titles(), message="new conversation listed")
    assert sidebar.list.currentItem() is not None and sidebar.list.currentItem().text() == "about otters"
    await quit_app(window, task)
