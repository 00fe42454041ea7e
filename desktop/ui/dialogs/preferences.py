"""The preferences dialog, generated from the settings schema.

Most settings get one field; the two list settings (the folders the local tools may read and the
tools allowed everywhere) get a list with "Add…" and "Remove" (``FolderListEditor``,
``ToolListEditor``). OK saves every value; ``Settings`` tells its listeners, so each change takes
effect at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.domain.local_tools import LOCAL_FUNCTIONS, LOCAL_OPTIONS
from desktop.domain.tools import FUNCTION_NAME_MAX
from desktop.settings import SCHEMA, Setting, Settings
from desktop.ui.common.naming import name_standard_buttons

# Preferences read once at start-up (the interface's language: widgets translate their texts when made).
RESTART_KEYS = frozenset({"language"})

# A long model name, for sizing the text fields.
LONG_MODEL_NAME = "gemini-2.5-flash-preview-native-audio-dialog"

# The API's rule for function names (see ``desktop.domain.tools.FUNCTION_NAME_MAX``).
_FUNCTION_NAME = re.compile(rf"[A-Za-z_][A-Za-z0-9_.\-]{{0,{FUNCTION_NAME_MAX - 1}}}")

# What an error message is drawn in (the same red as the other dialogs' errors).
_ERROR_STYLE = "color: #b3261e;"


@dataclass(frozen=True, slots=True)
class ToolChoice:
    """A function tool the user can pick: its wire ``name`` (what the policy matches) and ``label``."""

    name: str
    label: str


def local_known_tools() -> list[ToolChoice]:
    """The five local tools, labelled as in the Tools control (translated)."""
    return [
        ToolChoice(LOCAL_FUNCTIONS[o.id][0], QCoreApplication.translate("RunSettingsPanel", o.label))
        for o in LOCAL_OPTIONS
    ]


class _FolderDropList(QListWidget):
    """A list that takes folders dropped from a file manager.

    Signals:
        dropped: The local paths dropped (``list[str]``), folders or not (the editor checks them).
    """

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_local(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_local(event)

    @staticmethod
    def _accept_local(event: QDragMoveEvent) -> None:  # a QDragEnterEvent is one too
        """Take the drag when it carries at least one local path."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(paths)


class ListEditor(QWidget):
    """A list preference: the entries, "Add…", "Remove" (also the Delete key) and a message line.

    Subclasses say how an entry is added (``_ask``) and checked (``_problem``). ``value()`` is the
    list to store; nothing is saved until the dialog's OK.
    """

    def __init__(self, key: str, parent: QWidget | None = None, list_widget: QListWidget | None = None) -> None:
        super().__init__(parent)
        list_name, add_text, add_name, remove_text, remove_name = self._names()
        self.list = QListWidget() if list_widget is None else list_widget
        self.list.setParent(self)
        self.list.setObjectName(f"pref_{key}_list")
        self.list.setAccessibleName(list_name)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(self.fontMetrics().height() * 5)
        self.add_button = QPushButton(add_text, self)
        self.add_button.setObjectName(f"pref_{key}_add")
        self.add_button.setAccessibleName(add_name)
        self.remove_button = QPushButton(remove_text, self)
        self.remove_button.setObjectName(f"pref_{key}_remove")
        self.remove_button.setAccessibleName(remove_name)
        self.message = QLabel(self)
        self.message.setObjectName(f"pref_{key}_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)

        # The Delete key removes the selected entries (while the list has the focus).
        self.list.installEventFilter(self)
        self.add_button.clicked.connect(self._ask)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_enabled)
        self._update_enabled()

    def fill(self, values: Sequence[str]) -> None:
        """Show ``values`` (as stored) as the entries."""
        self.list.clear()
        for value in values:
            self.list.addItem(self._item(value))
        self._update_enabled()

    # -- the value --------------------------------------------------------------------------------
    def value(self) -> list[str]:
        """The entries, in order."""
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def add(self, raw: str) -> bool:
        """Add an entry when it is valid and new; else say why on the message line. True when added."""
        entry, problem = self._problem(raw.strip())
        if problem:
            self.show_message(problem)
            return False
        existing = self._find(entry)
        if existing is not None:
            self.list.setCurrentItem(existing, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            message = QCoreApplication.translate("ListEditor", "“{0}” is already in the list.")
            self.show_message(message.format(existing.text()))
            return False
        item = self._item(entry)
        self.list.addItem(item)
        self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.show_message("")
        return True

    def remove_selected(self) -> None:
        """Remove the selected entries; the next one is selected, so Delete can go on."""
        rows = sorted({self.list.row(item) for item in self.list.selectedItems()}, reverse=True)
        if not rows:
            return
        for row in rows:
            self.list.takeItem(row)
        if self.list.count():
            next_row = min(rows[-1], self.list.count() - 1)
            self.list.setCurrentRow(next_row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.show_message("")
        self._update_enabled()
        if not self.remove_button.isEnabled() and self.remove_button.hasFocus():
            self.add_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete (or Backspace, as on a Mac) in the list removes the selected entries."""
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace)
            and self.list.selectedItems()
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def buttons_width(self) -> int:
        """The width the buttons need (the dialog gives every list's buttons the widest one's)."""
        return max(self.add_button.sizeHint().width(), self.remove_button.sizeHint().width())

    def set_buttons_width(self, width: int) -> None:
        """Give both buttons ``width`` pixels (so the lists of a dialog line up)."""
        self.add_button.setFixedWidth(width)
        self.remove_button.setFixedWidth(width)

    def show_message(self, text: str) -> None:
        """Show (or, with "", hide) the message under the list."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- for subclasses ---------------------------------------------------------------------------
    def _names(self) -> tuple[str, str, str, str, str]:
        """The list's accessible name, the add button's text and accessible name, the remove
        button's text and accessible name."""
        raise NotImplementedError

    def _ask(self) -> None:
        """Ask the user for an entry (the answer arrives through ``add``)."""
        raise NotImplementedError

    def _problem(self, raw: str) -> tuple[str, str]:
        """(the entry as stored, "") when ``raw`` is acceptable, else ("", why not)."""
        raise NotImplementedError

    def _same(self, a: str, b: str) -> bool:
        return a == b

    def _item(self, entry: str) -> QListWidgetItem:
        item = QListWidgetItem(entry)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        return item

    # -- helpers ----------------------------------------------------------------------------------
    def _find(self, entry: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if self._same(str(item.data(Qt.ItemDataRole.UserRole)), entry):
                return item
        return None

    def _update_enabled(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))


class FolderListEditor(ListEditor):
    """The folders ``Read file`` and ``List folder`` may read: added with a folder picker."""

    # Tests set this False: a platform's own dialog cannot be driven from Qt.
    native_dialog = True

    def __init__(self, key: str, values: Sequence[str], parent: QWidget | None = None) -> None:
        drop_list = _FolderDropList()
        super().__init__(key, parent, drop_list)
        self.folder_dialog: QFileDialog | None = None
        drop_list.dropped.connect(self._dropped)
        self.fill(values)

    def _names(self) -> tuple[str, str, str, str, str]:
        return (
            self.tr("Allowed folders"),
            self.tr("Add folder…"),
            self.tr("Add folder…"),
            self.tr("Remove"),
            self.tr("Remove folder"),
        )

    def _ask(self) -> None:
        """Open a folder picker (window-modal, not blocking); the chosen folder is added."""
        dialog = QFileDialog(self.window(), self.tr("Add a folder the tools may read"), self._start_folder())
        dialog.setObjectName("allowedFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not self.native_dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.add)
        dialog.destroyed.connect(self._dialog_gone)
        self.folder_dialog = dialog
        dialog.open()

    def _dialog_gone(self) -> None:
        self.folder_dialog = None
        self.list.setFocus()

    def _start_folder(self) -> str:
        current = self.list.currentItem()
        if current is not None:
            parent = Path(str(current.data(Qt.ItemDataRole.UserRole))).parent
            if parent.is_dir():
                return str(parent)
        return str(Path.home())

    def _problem(self, raw: str) -> tuple[str, str]:
        if not raw:
            return "", self.tr("Choose a folder.")
        path = Path(raw).expanduser()
        if not path.is_absolute():
            return "", self.tr("“{0}” is not a full path; choose the folder with Add folder….").format(raw)
        if not path.is_dir():
            return "", self.tr("“{0}” does not exist or is not a folder; it was not added.").format(raw)
        return os.path.normpath(path), ""

    def _same(self, a: str, b: str) -> bool:
        # The same folder through another spelling or a link is the same folder.
        try:
            return a == b or Path(a).resolve() == Path(b).resolve()
        except OSError:
            return False

    def _item(self, entry: str) -> QListWidgetItem:
        item = super()._item(entry)
        if not Path(entry).is_dir():
            # Kept (it may be a drive not mounted now) but marked: the tools cannot read it now.
            item.setText(self.tr("{0} (not found)").format(entry))
            item.setForeground(self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            item.setToolTip(self.tr("This folder does not exist now; the tools cannot read it."))
        return item

    def _dropped(self, paths: list[str]) -> None:
        for path in paths:
            self.add(path)


class AddToolDialog(QDialog):
    """Pick a known function tool or type a function name."""

    def __init__(self, known: Sequence[ToolChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addToolDialog")
        self.setWindowTitle(self.tr("Add tool"))
        self._known = list(known)
        self.combo = QComboBox(self)
        self.combo.setObjectName("addToolName")
        self.combo.setAccessibleName(self.tr("Tool"))
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for tool in self._known:
            self.combo.addItem(self.tr("{0} ({1})").format(tool.label, tool.name), tool.name)
        self.combo.setMinimumContentsLength(32)
        line = self.combo.lineEdit()
        assert line is not None  # an editable combo box has one
        line.setObjectName("addToolNameEdit")
        line.setAccessibleName(self.tr("Tool"))
        line.setPlaceholderText(self.tr("A function name, e.g. current_time"))
        prompt = QLabel(self.tr("Choose a &tool, or type the name of a function:"), self)
        prompt.setBuddy(self.combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("addToolButtons")
        name_standard_buttons(buttons, "addTool")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # An editable combo box keeps Enter from the dialog: in its field, Enter is OK.
        line.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)
        self.combo.setFocus()

    def name(self) -> str:
        """The chosen function name: a known tool's, or what was typed (stripped)."""
        text = self.combo.currentText().strip()
        index = self.combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.combo.itemData(index))
        for tool in self._known:
            if text.casefold() in (tool.label.casefold(), tool.name.casefold()):
                return tool.name
        return text


class ToolListEditor(ListEditor):
    """The function tools that run without asking in every conversation."""

    def __init__(
        self, key: str, values: Sequence[str], known: Sequence[ToolChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(key, parent)
        self._known = {tool.name: tool for tool in known}
        self.tool_dialog: AddToolDialog | None = None
        self.fill(values)

    def _names(self) -> tuple[str, str, str, str, str]:
        return (
            self.tr("Tools always allowed"),
            self.tr("Add tool…"),
            self.tr("Add tool…"),
            self.tr("Remove"),
            self.tr("Remove tool"),
        )

    def _ask(self) -> None:
        """Open the tool picker (window-modal, not blocking); the chosen tool is added."""
        present = set(self.value())
        dialog = AddToolDialog([t for t in self._known.values() if t.name not in present], self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add(dialog.name()))
        dialog.destroyed.connect(self._dialog_gone)
        self.tool_dialog = dialog
        dialog.open()

    def _dialog_gone(self) -> None:
        self.tool_dialog = None
        self.list.setFocus()

    def _problem(self, raw: str) -> tuple[str, str]:
        if not raw:
            return "", self.tr("Choose a tool or type a function name.")
        if not _FUNCTION_NAME.fullmatch(raw):
            return "", self.tr(
                "“{0}” is not a function name: use letters, digits and _ . - (at most {1}, "
                "starting with a letter or _)."
            ).format(raw, FUNCTION_NAME_MAX)
        return raw, ""

    def _item(self, entry: str) -> QListWidgetItem:
        item = super()._item(entry)
        tool = self._known.get(entry)
        if tool is not None:
            item.setText(self.tr("{0} ({1})").format(tool.label, tool.name))
        return item


def _editor_for(setting: Setting, value: Any, parent: QWidget, known_tools: Sequence[ToolChoice]) -> QWidget:
    if setting.key == "tools_allowed_folders":
        return FolderListEditor(setting.key, value, parent)
    if setting.key == "tools_always_allowed":
        return ToolListEditor(setting.key, value, known_tools, parent)
    if setting.type is bool:
        box = QCheckBox(parent)
        box.setChecked(bool(value))
        return box
    if setting.choices is not None:
        combo = QComboBox(parent)
        labels = setting.choice_labels or setting.choices
        for choice, label in zip(setting.choices, labels, strict=True):
            text = QCoreApplication.translate(i18n.SETTINGS, label) if setting.choice_labels else label
            combo.addItem(text or QCoreApplication.translate("PreferencesDialog", "(server default)"), choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        return combo
    if setting.type is int:
        spin = QSpinBox(parent)
        spin.setRange(int(setting.minimum or 0), int(setting.maximum or 1_000_000))
        spin.setValue(int(value))
        return spin
    if setting.type is float:
        dspin = QDoubleSpinBox(parent)
        dspin.setRange(float(setting.minimum or 0), float(setting.maximum or 1e9))
        dspin.setValue(float(value))
        return dspin
    edit = QLineEdit(str(value), parent)
    return edit


def _value_of(editor: QWidget) -> Any:
    if isinstance(editor, ListEditor):
        return editor.value()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
        return editor.value()
    assert isinstance(editor, QLineEdit)
    return editor.text().strip()


class PreferencesDialog(QDialog):
    """One editor per setting in ``SCHEMA``; OK saves.

    ``known_tools`` are function tools offered by "Add tool…" besides the five local ones (the MCP
    tools the app knows).
    """

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, known_tools: Sequence[ToolChoice] = ()
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.editors: dict[str, QWidget] = {}
        # Editors shown read-only because the environment sets their value (not saved on OK).
        self.locked_editors: dict[str, QWidget] = {}
        tools = local_known_tools()
        tools += [t for t in known_tools if t.name not in {k.name for k in tools}]
        form = QFormLayout(self)
        for setting in SCHEMA:
            editor = _editor_for(setting, settings.get(setting.key), self, tools)
            editor.setObjectName(f"pref_{setting.key}")
            label = QCoreApplication.translate(i18n.SETTINGS, setting.label)
            editor.setAccessibleName(label)
            editor.setToolTip(QCoreApplication.translate(i18n.SETTINGS, setting.description))
            if setting.key == "base_url" and settings.environment_base_url and isinstance(editor, QLineEdit):
                # The environment decides the endpoint: show it, read-only, with where it comes from.
                editor.setText(settings.environment_base_url)
                editor.setReadOnly(True)
                editor.setToolTip(
                    self.tr("Set by the GOOGLE_GEMINI_BASE_URL environment variable; unset it to choose here.")
                )
                source = QLabel(self.tr("From the environment variable GOOGLE_GEMINI_BASE_URL"), self)
                source.setObjectName("pref_base_url_source")
                form.addRow(label, editor)
                form.addRow("", source)
                self.locked_editors[setting.key] = editor
                continue
            self.editors[setting.key] = editor
            form.addRow(label, editor)
            if isinstance(editor, ListEditor):
                # The form label names the list (a screen reader reads it with the list).
                row_label = form.labelForField(editor)
                if isinstance(row_label, QLabel):
                    row_label.setBuddy(editor.list)
            if setting.key in RESTART_KEYS:
                note = QLabel(self.tr("Takes effect after a restart."), self)
                note.setObjectName(f"pref_{setting.key}_note")
                note.setEnabled(False)  # drawn dimmed: a remark, not a control
                form.addRow("", note)

        # Model names run to 40-odd characters ("gemini-2.5-flash-preview-native-audio-dialog");
        # the text fields show one whole, so the dialog is as wide as they need.
        wide = self.fontMetrics().horizontalAdvance(LONG_MODEL_NAME) + 24
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setMinimumWidth(wide)
        lists = [e for e in self.editors.values() if isinstance(e, ListEditor)]
        if lists:
            width = max(e.buttons_width() for e in lists)
            for list_editor in lists:
                list_editor.set_buttons_width(width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("preferencesButtons")
        name_standard_buttons(buttons, "preferences")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """Save every value, then close."""
        for key, editor in self.editors.items():
            self._settings.set(key, _value_of(editor))
        super().accept()
