"""The preferences dialog, generated from the settings schema."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop import i18n
from desktop.settings import SCHEMA, Setting, Settings
from desktop.ui.common.naming import name_standard_buttons

# A long model name, for sizing the text fields.
LONG_MODEL_NAME = "gemini-2.5-flash-preview-native-audio-dialog"


def _editor_for(setting: Setting, value: Any, parent: QWidget) -> QWidget:
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
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
        return editor.value()
    assert isinstance(editor, QLineEdit)
    return editor.text().strip()


class PreferencesDialog(QDialog):
    """One editor per setting in ``SCHEMA``; OK saves."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.editors: dict[str, QWidget] = {}
        # Editors shown read-only because the environment sets their value (not saved on OK).
        self.locked_editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for setting in SCHEMA:
            editor = _editor_for(setting, settings.get(setting.key), self)
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
        # Model names run to 40-odd characters ("gemini-2.5-flash-preview-native-audio-dialog");
        # the text fields show one whole, so the dialog is as wide as they need.
        wide = self.fontMetrics().horizontalAdvance(LONG_MODEL_NAME) + 24
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setMinimumWidth(wide)
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
