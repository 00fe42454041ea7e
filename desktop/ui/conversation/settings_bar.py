"""The compact per-conversation settings bar: model, system instruction, thinking, temperature, storage,
and the options of generated images (aspect ratio, size; sent only when chosen).

It shows a ``ConversationSettings`` and emits a new one whenever the user changes something.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)

from desktop.domain.conversation import ConversationSettings
from desktop.services.conversation.chat import IMAGE_ASPECT_RATIOS, IMAGE_SIZES, THINKING_LEVELS


def ask_system_instruction(parent: QWidget, text: str) -> str | None:
    """Ask for the conversation's system instruction; None when cancelled (tests replace this)."""
    value, ok = QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("ConversationSettingsBar", "System instruction"),
        QCoreApplication.translate("ConversationSettingsBar", "Sent with every turn of this conversation:"),
        text,
    )
    return value if ok else None


class ConversationSettingsBar(QWidget):
    """Model picker and the request options of the open conversation.

    Signals:
        settings_changed: The user changed an option: the new ``ConversationSettings``.
        export_requested: Export the conversation.
    """

    settings_changed = Signal(object)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSettingsBar")
        self._settings = ConversationSettings()
        self._loading = False

        self.model_combo = QComboBox(self)
        self.model_combo.setObjectName("modelPicker")
        self.model_combo.setAccessibleName(self.tr("Model"))
        self.model_combo.setMinimumContentsLength(18)
        self.system_button = QPushButton(self.tr("System…"), self)
        self.system_button.setObjectName("systemInstructionButton")
        self.system_button.setAccessibleName(self.tr("System instruction"))
        self.thinking_combo = QComboBox(self)
        self.thinking_combo.setObjectName("thinkingLevel")
        self.thinking_combo.setAccessibleName(self.tr("Thinking level"))
        self.thinking_combo.addItem(self.tr("Thinking: default"), "")
        labels = {
            "minimal": self.tr("Thinking: minimal"),
            "low": self.tr("Thinking: low"),
            "medium": self.tr("Thinking: medium"),
            "high": self.tr("Thinking: high"),
        }
        for level in THINKING_LEVELS:
            self.thinking_combo.addItem(labels.get(level, level), level)
        self.summaries_check = QCheckBox(self.tr("Thoughts"), self)
        self.summaries_check.setObjectName("thoughtSummaries")
        self.summaries_check.setAccessibleName(self.tr("Show thought summaries"))
        self.summaries_check.setToolTip(self.tr("Ask the model for summaries of its thinking"))
        self.temperature_spin = QDoubleSpinBox(self)
        self.temperature_spin.setObjectName("temperature")
        self.temperature_spin.setAccessibleName(self.tr("Temperature"))
        self.temperature_spin.setRange(-0.1, 2.0)
        self.temperature_spin.setSingleStep(0.1)
        self.temperature_spin.setDecimals(1)
        self.temperature_spin.setSpecialValueText(self.tr("Temp: default"))
        self.temperature_spin.setPrefix(self.tr("Temp "))
        # One compact button (the bar is already full): a menu of aspect ratios and sizes.
        self.image_button = QPushButton(self)
        self.image_button.setObjectName("imageOptions")
        self.image_button.setAccessibleName(self.tr("Options of generated images"))
        self.image_button.setToolTip(
            self.tr("Aspect ratio and size of generated images (image models); sent only when chosen")
        )
        menu = QMenu(self.image_button)
        self.image_ratio_actions = self._choice_group(menu, self.tr("Aspect ratio"), IMAGE_ASPECT_RATIOS)
        menu.addSeparator()
        self.image_size_actions = self._choice_group(menu, self.tr("Size"), IMAGE_SIZES)
        self.image_button.setMenu(menu)
        self._update_image_button()
        self.no_store_check = QCheckBox(self.tr("Don't keep on server"), self)
        self.no_store_check.setObjectName("dontStoreOnServer")
        self.no_store_check.setAccessibleName(self.tr("Don't keep this conversation on the server"))
        self.no_store_check.setToolTip(self.tr("Every turn then sends the whole conversation from this computer"))
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setAccessibleName(self.tr("Export the conversation"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Model"), self))
        for w in (
            self.model_combo,
            self.system_button,
            self.thinking_combo,
            self.summaries_check,
            self.temperature_spin,
            self.image_button,
            self.no_store_check,
        ):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.export_button)

        self.model_combo.currentIndexChanged.connect(self._changed)
        self.thinking_combo.currentIndexChanged.connect(self._changed)
        self.summaries_check.toggled.connect(self._changed)
        self.temperature_spin.valueChanged.connect(self._changed)
        self.no_store_check.toggled.connect(self._changed)
        self.system_button.clicked.connect(self._edit_system)
        self.export_button.clicked.connect(self.export_requested)

    # -- image options ---------------------------------------------------------------------------
    def _choice_group(self, menu: QMenu, title: str, values: tuple[str, ...]) -> dict[str, QAction]:
        """A titled group of exclusive, checkable choices ("" = Default) in ``menu``."""
        menu.addSection(title)
        group = QActionGroup(menu)
        group.setExclusive(True)
        actions: dict[str, QAction] = {}
        for value in ("", *values):
            action = menu.addAction(value or self.tr("Default"))
            action.setCheckable(True)
            action.setData(value)
            group.addAction(action)
            actions[value] = action
        actions[""].setChecked(True)
        group.triggered.connect(self._changed)
        return actions

    @staticmethod
    def _check(actions: dict[str, QAction], value: str) -> None:
        (actions.get(value) or actions[""]).setChecked(True)

    def image_aspect_ratio(self) -> str:
        """The chosen aspect ratio ("" = the model's default)."""
        return next((v for v, a in self.image_ratio_actions.items() if a.isChecked()), "")

    def image_size(self) -> str:
        """The chosen image size ("" = the model's default)."""
        return next((v for v, a in self.image_size_actions.items() if a.isChecked()), "")

    def set_image_options(self, aspect_ratio: str = "", size: str = "") -> None:
        """Choose the image options as the menu does (emits ``settings_changed``)."""
        self._check(self.image_ratio_actions, aspect_ratio)
        self._check(self.image_size_actions, size)
        self._changed()

    def _update_image_button(self) -> None:
        chosen = [v for v in (self.image_aspect_ratio(), self.image_size()) if v]
        self.image_button.setText(self.tr("Image {0}").format(" · ".join(chosen)) if chosen else self.tr("Image: auto"))

    def settings(self) -> ConversationSettings:
        """The settings shown."""
        return ConversationSettings.from_dict(self._settings.to_dict())

    def set_models(self, names: list[str]) -> None:
        """Fill the picker (the current model stays selected, and listed even if unknown)."""
        self._loading = True
        try:
            self.model_combo.clear()
            for name in names:
                self.model_combo.addItem(name, name)
            self._select_model(self._settings.model)
        finally:
            self._loading = False

    def _select_model(self, model: str) -> None:
        index = self.model_combo.findData(model)
        if index < 0:
            self.model_combo.addItem(model, model)
            index = self.model_combo.count() - 1
        self.model_combo.setCurrentIndex(index)

    def on_settings_loaded(self, settings: ConversationSettings) -> None:
        """Show another conversation's settings."""
        self._settings = ConversationSettings.from_dict(settings.to_dict())
        self._loading = True
        try:
            self._select_model(settings.model)
            index = self.thinking_combo.findData(settings.thinking_level or "")
            self.thinking_combo.setCurrentIndex(max(0, index))
            self.summaries_check.setChecked(settings.thought_summaries)
            self.temperature_spin.setValue(-0.1 if settings.temperature is None else settings.temperature)
            self.no_store_check.setChecked(not settings.store_on_server)
            self._check(self.image_ratio_actions, settings.image_aspect_ratio or "")
            self._check(self.image_size_actions, settings.image_size or "")
            self._update_image_button()
            self._update_system_tip()
        finally:
            self._loading = False

    def _update_system_tip(self) -> None:
        text = self._settings.system_instruction
        self.system_button.setToolTip(text or self.tr("No system instruction"))
        self.system_button.setText(self.tr("System ✓") if text else self.tr("System…"))

    def _edit_system(self) -> None:
        value = ask_system_instruction(self, self._settings.system_instruction)
        if value is not None and value != self._settings.system_instruction:
            self._settings.system_instruction = value
            self._update_system_tip()
            self.settings_changed.emit(self.settings())

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        s = self._settings
        s.model = self.model_combo.currentData() or s.model
        s.thinking_level = self.thinking_combo.currentData() or None
        s.thought_summaries = self.summaries_check.isChecked()
        value = self.temperature_spin.value()
        s.temperature = None if value < 0 else round(value, 2)
        s.store_on_server = not self.no_store_check.isChecked()
        s.image_aspect_ratio = self.image_aspect_ratio() or None
        s.image_size = self.image_size() or None
        self._update_image_button()
        self.settings_changed.emit(self.settings())
