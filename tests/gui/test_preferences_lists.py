"""Preferences: the allowed folders and the tools allowed everywhere are lists a user edits with
Add…, Remove and the Delete key (a folder picker for folders; known tools or a typed name for tools);
bad and repeated entries are refused with a message; OK stores a list that is read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QTranslator, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton, QWidget

from desktop.settings import Settings
from desktop.ui.dialogs.preferences import (
    AddToolDialog,
    FolderListEditor,
    PreferencesDialog,
    ToolChoice,
    ToolListEditor,
)
from tests.gui.harness import unnamed_widgets

FOLDERS = "tools_allowed_folders"
TOOLS = "tools_always_allowed"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json", environ={})


@pytest.fixture(autouse=True)
def qt_folder_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's own folder picker, which a test can drive (a platform's native one cannot be)."""
    monkeypatch.setattr(FolderListEditor, "native_dialog", False)


def _dialog(qtbot, settings: Settings, **options) -> PreferencesDialog:
    dialog = PreferencesDialog(settings, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def _named(dialog: PreferencesDialog, cls, accessible: str):
    found = [w for w in dialog.findChildren(cls) if w.accessibleName() == accessible]
    assert len(found) == 1, f"{accessible}: {found}"
    return found[0]


def _entries(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def _click(widget: QListWidget, row: int) -> None:
    """Click an entry (selects it alone, as a user's click does)."""
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(widget.item(row)).center())


def _pick_folder(editor: FolderListEditor, path: Path) -> None:
    """Add folder…, then type the folder in the picker and press Enter, as a user would."""
    editor.add_button.click()
    picker = editor.folder_dialog
    assert picker is not None and picker.isVisible()
    name = picker.findChild(QLineEdit, "fileNameEdit")
    name.setText(str(path))
    QTest.keyClick(name, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_folders_are_added_with_the_picker_and_removed_by_button_and_delete_key(qtbot, settings, tmp_path):
    notes, photos, music = (tmp_path / n for n in ("notes", "photos", "music"))
    for folder in (notes, photos, music):
        folder.mkdir()
    dialog = _dialog(qtbot, settings)
    editor = dialog.editors[FOLDERS]
    folders = _named(dialog, QListWidget, "Allowed folders")
    add = _named(dialog, QPushButton, "Add folder…")
    remove = _named(dialog, QPushButton, "Remove folder")
    assert folders.objectName() and add.objectName() and remove.objectName()
    assert folders.count() == 0 and not remove.isEnabled()  # nothing selected, nothing to remove

    for folder in (notes, photos, music):
        _pick_folder(editor, folder)
    assert _entries(folders) == [str(notes), str(photos), str(music)]
    assert folders.currentItem().text() == str(music)  # the new entry is selected
    assert remove.isEnabled()

    _click(folders, 1)
    remove.click()
    assert _entries(folders) == [str(notes), str(music)]
    _click(folders, 0)
    QTest.keyClick(folders, Qt.Key.Key_Delete)
    assert _entries(folders) == [str(music)]
    assert folders.currentItem().text() == str(music)  # the next entry is selected: Delete can go on
    folders.clearSelection()
    assert not remove.isEnabled()
    QTest.keyClick(folders, Qt.Key.Key_Delete)  # nothing selected: nothing removed
    assert _entries(folders) == [str(music)]

    dialog.accept()
    assert Settings(settings.path, environ={}).get(FOLDERS) == [str(music)]


def test_a_folder_that_does_not_exist_or_is_already_there_is_not_added(qtbot, settings, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (tmp_path / "file.txt").write_text("not a folder")
    dialog = _dialog(qtbot, settings)
    editor = dialog.editors[FOLDERS]
    _pick_folder(editor, notes)
    message = editor.message
    assert message.isHidden()

    # The folder vanished between choosing and adding (the picker reports it all the same).
    editor.add_button.click()
    editor.folder_dialog.fileSelected.emit(str(tmp_path / "gone"))
    assert _entries(editor.list) == [str(notes)]
    assert not message.isHidden()
    assert message.text() == f"“{tmp_path / 'gone'}” does not exist or is not a folder; it was not added."
    editor.folder_dialog.reject()

    # The same folder again, also spelt another way: not added twice, and it is selected.
    _pick_folder(editor, notes)
    assert message.text() == f"“{notes}” is already in the list."
    editor.add(str(notes / ".." / "notes"))
    assert _entries(editor.list) == [str(notes)] and editor.list.currentItem().text() == str(notes)

    # A file dropped from a file manager is no folder; a folder dropped is added.
    music = tmp_path / "music"
    music.mkdir()
    for path in (tmp_path / "file.txt", music):
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(path))])
        viewport = editor.list.viewport()
        enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.NoModifier)
        QApplication.sendEvent(viewport, enter)
        assert enter.isAccepted()
        drop = QDropEvent(
            QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, drop)
        assert drop.isAccepted()
    assert message.isHidden()
    assert _entries(editor.list) == [str(notes), str(music)]

    dialog.accept()
    assert json.loads(settings.path.read_text())[FOLDERS] == [str(notes), str(music)]


def test_tools_are_picked_from_the_known_ones_or_typed(qtbot, settings):
    mcp = ToolChoice("Docs__search", "Docs: search")
    dialog = _dialog(qtbot, settings, known_tools=[mcp])
    editor = dialog.editors[TOOLS]
    assert isinstance(editor, ToolListEditor)
    tools = _named(dialog, QListWidget, "Tools always allowed")
    add = _named(dialog, QPushButton, "Add tool…")
    remove = _named(dialog, QPushButton, "Remove tool")
    assert not remove.isEnabled()

    add.click()
    picker = editor.tool_dialog
    assert isinstance(picker, AddToolDialog) and picker.isVisible()
    offered = [picker.combo.itemData(i) for i in range(picker.combo.count())]
    # The five local tools, then the MCP tools the app knows.
    assert offered == ["current_time", "read_file", "list_folder", "open_link", "read_clipboard", "Docs__search"]
    picker.combo.setCurrentIndex(offered.index("read_file"))
    picker.accept()
    assert editor.value() == ["read_file"] and _entries(tools) == ["Read file (read_file)"]

    add.click()
    picker = editor.tool_dialog
    offered = [picker.combo.itemData(i) for i in range(picker.combo.count())]
    assert "read_file" not in offered  # already in the list: not offered again
    line = picker.combo.lineEdit()
    line.clear()
    QTest.keyClicks(line, "Docs: search")  # a known tool's label picks it
    QTest.keyClick(line, Qt.Key.Key_Return)  # Enter is OK
    assert editor.value() == ["read_file", "Docs__search"]

    editor.add_button.click()
    picker = editor.tool_dialog
    picker.combo.lineEdit().setText("weather.lookup")  # a tool the app does not know (yet): typed
    picker.accept()
    assert editor.value() == ["read_file", "Docs__search", "weather.lookup"]

    for typed, message in (
        ("read_file", "“Read file (read_file)” is already in the list."),
        ("9 lives!", "“9 lives!” is not a function name"),
    ):
        editor.add_button.click()
        editor.tool_dialog.combo.lineEdit().setText(typed)
        editor.tool_dialog.accept()
        assert editor.message.text().startswith(message)
    assert editor.value() == ["read_file", "Docs__search", "weather.lookup"]

    _click(tools, 1)
    QTest.keyClick(tools, Qt.Key.Key_Delete)
    _click(tools, 1)
    remove.click()
    assert editor.value() == ["read_file"]
    dialog.accept()
    assert json.loads(settings.path.read_text())[TOOLS] == ["read_file"]


def test_stored_lists_are_shown_and_the_older_string_form_is_read(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    kept = tmp_path / "kept"
    kept.mkdir()
    # As an earlier version stored them: one string each.
    path.write_text(json.dumps({FOLDERS: f"{kept};{tmp_path / 'unplugged'}", TOOLS: "current_time, my_tool"}))
    settings = Settings(path, environ={})
    dialog = _dialog(qtbot, settings)
    folders = dialog.editors[FOLDERS]
    assert folders.value() == [str(kept), str(tmp_path / "unplugged")]
    # A stored folder that is not there now is kept, and marked.
    assert _entries(folders.list)[1] == f"{tmp_path / 'unplugged'} (not found)"
    assert "does not exist" in folders.list.item(1).toolTip()
    assert dialog.editors[TOOLS].value() == ["current_time", "my_tool"]
    assert _entries(dialog.editors[TOOLS].list) == ["Current time (current_time)", "my_tool"]
    dialog.accept()  # OK writes them as lists
    stored = json.loads(path.read_text())
    assert stored[FOLDERS] == [str(kept), str(tmp_path / "unplugged")]
    assert stored[TOOLS] == ["current_time", "my_tool"]


def test_cancel_keeps_the_stored_lists(qtbot, settings, tmp_path):
    settings.set(TOOLS, ["current_time"])
    dialog = _dialog(qtbot, settings)
    dialog.editors[TOOLS].add("open_link")
    dialog.editors[FOLDERS].add(str(tmp_path))
    dialog.reject()
    assert settings.get(TOOLS) == ["current_time"] and settings.get(FOLDERS) == []


def test_the_lists_are_keyboard_operable(qtbot, settings, tmp_path):
    dialog = _dialog(qtbot, settings)
    editor = dialog.editors[TOOLS]
    # The form's label takes the focus to the list; Tab goes on to Add tool….
    label = dialog.layout().labelForField(editor)
    assert label.buddy() is editor.list
    for widget in (editor.list, editor.add_button, editor.remove_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    editor.add_button.setFocus()
    QTest.keyClick(editor.add_button, Qt.Key.Key_Space)
    picker = editor.tool_dialog
    assert picker is not None
    assert unnamed_widgets(picker) == []  # every control of the picker has an object and accessible name
    assert picker.combo.accessibleName() == "Tool"
    QTest.keyClick(picker.combo.lineEdit(), Qt.Key.Key_Escape)  # Escape cancels
    QApplication.processEvents()
    assert editor.value() == []


def test_the_list_editors_speak_german(qtbot, settings, tmp_path):
    qm = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "gemini-desktop_de.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        dialog = _dialog(qtbot, settings)
        names = {w.accessibleName() for w in dialog.findChildren(QWidget)}
        assert {"Erlaubte Ordner", "Ordner hinzufügen …", "Ordner entfernen"} <= names
        assert {"Immer erlaubte Tools", "Tool hinzufügen …", "Tool entfernen"} <= names
        folders = dialog.editors[FOLDERS]
        folders.add(str(tmp_path / "fehlt"))
        assert (
            folders.message.text()
            == f"„{tmp_path / 'fehlt'}“ existiert nicht oder ist kein Ordner; er wurde nicht hinzugefügt."
        )
        tools = dialog.editors[TOOLS]
        tools.add("read_file")
        assert tools.list.item(0).text() == "Datei lesen (read_file)"
        tools.add("read_file")
        assert tools.message.text() == "„Datei lesen (read_file)“ ist bereits in der Liste."
    finally:
        QCoreApplication.removeTranslator(translator)
