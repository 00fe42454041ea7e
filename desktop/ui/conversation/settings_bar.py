"""The conversation's settings: a compact bar (model, what is on at a glance, Run settings, Export)
and the options in the collapsible "Run settings" side panel (``run_settings.RunSettingsPanel``).

The bar owns the logic of both: it shows a ``ConversationSettings`` and emits a new one whenever
the user changes something, from the panel or from the Conversation menu (``set_*`` methods).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton, QWidget

from desktop.domain.conversation import ConversationSettings
from desktop.domain.retired import offered
from desktop.domain.tools import FILE_SEARCH, ToolRegistry, default_registry
from desktop.services.conversation.chat import IMAGE_ASPECT_RATIOS, IMAGE_SIZES, THINKING_LEVELS
from desktop.ui.conversation.run_settings import RunSettingsPanel


def ask_system_instruction(parent: QWidget, text: str) -> str | None:
    """Ask for the conversation's system instruction; None when cancelled (tests replace this)."""
    value, ok = QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("ConversationSettingsBar", "System instruction"),
        QCoreApplication.translate("ConversationSettingsBar", "Sent with every turn of this conversation:"),
        text,
    )
    return value if ok else None


def ask_schema(parent: QWidget, schema: dict[str, Any] | None) -> dict[str, Any] | None:
    """Edit the JSON Schema of structured output; None when cancelled (tests replace this)."""
    from desktop.ui.dialogs.schema_editor import SchemaEditorDialog

    return SchemaEditorDialog.ask(parent, schema)


class ConversationSettingsBar(QWidget):
    """Model picker and the request options of the open conversation.

    Signals:
        settings_changed: The user changed an option: the new ``ConversationSettings``.
        tool_options_changed: Tools were added or removed (MCP servers); the menu mirrors them.
        settings_shown: The settings shown changed (loaded or edited): ``ConversationSettings`` (the menu
            mirrors them).
        stores_requested: The user wants to choose the File Search stores of this conversation.
        export_requested: Export the conversation.
        list_tools_requested: "List tools" of a local MCP server (panel or menu): the server's option id.
    """

    settings_changed = Signal(object)
    settings_shown = Signal(object)
    tool_options_changed = Signal()
    list_tools_requested = Signal(str)
    stores_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None, registry: ToolRegistry | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSettingsBar")
        self.registry = registry or default_registry()
        self._settings = ConversationSettings()
        self._loading = False

        self.model_combo = QComboBox(self)
        self.model_combo.setObjectName("modelPicker")
        self.model_combo.setAccessibleName(self.tr("Model"))
        self.model_combo.setMinimumContentsLength(18)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("runSummary")
        self.summary_label.setAccessibleName(self.tr("Tools and options in use"))
        self.panel_button = QPushButton(self.tr("Run settings"), self)
        self.panel_button.setObjectName("runSettingsToggle")
        self.panel_button.setAccessibleName(self.tr("Run settings"))
        self.panel_button.setToolTip(self.tr("Show or hide the run settings (tools, output, thinking…)"))
        self.panel_button.setCheckable(True)
        self.panel_button.setChecked(True)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setAccessibleName(self.tr("Export the conversation"))

        self.panel = RunSettingsPanel(self.registry.options(), THINKING_LEVELS)
        p = self.panel
        self.system_button = p.system_button
        self.tool_checks = p.tool_checks
        self.stores_button = p.stores_button
        self.tool_choice_combo = p.tool_choice_combo
        self.structured_check = p.structured_check
        self.schema_button = p.schema_button
        self.max_tokens_spin = p.max_tokens_spin
        self.thinking_combo = p.thinking_combo
        self.summaries_check = p.summaries_check
        self.image_button = p.image_button
        self.no_store_check = p.no_store_check
        self.temperature_spin = p.temperature_spin
        # One compact button: a menu of aspect ratios and sizes (mirrored in Conversation → Images).
        menu = QMenu(self.image_button)
        self.image_ratio_actions = self._choice_group(menu, self.tr("Aspect ratio"), IMAGE_ASPECT_RATIOS)
        menu.addSeparator()
        self.image_size_actions = self._choice_group(menu, self.tr("Size"), IMAGE_SIZES)
        self.image_button.setMenu(menu)
        self._update_image_button()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel(self.tr("Model"), self))
        layout.addWidget(self.model_combo)
        layout.addWidget(self.summary_label, 1)
        layout.addWidget(self.panel_button)
        layout.addWidget(self.export_button)

        self.model_combo.currentIndexChanged.connect(self._changed)
        self.thinking_combo.currentIndexChanged.connect(self._changed)
        self.summaries_check.toggled.connect(self._changed)
        self.temperature_spin.valueChanged.connect(self._changed)
        self.no_store_check.toggled.connect(self._changed)
        self.tool_choice_combo.currentIndexChanged.connect(self._changed)
        self.max_tokens_spin.valueChanged.connect(self._changed)
        for tool_id, box in self.tool_checks.items():
            box.toggled.connect(lambda on, t=tool_id: self._tool_toggled(t, on))
        self.structured_check.toggled.connect(self._structured_toggled)
        self.schema_button.clicked.connect(self.edit_schema)
        self.stores_button.clicked.connect(self.stores_requested)
        self.system_button.clicked.connect(self._edit_system)
        self.export_button.clicked.connect(self.export_requested)
        self.panel_button.toggled.connect(self.panel.setVisible)
        self.panel.list_tools_requested.connect(self.request_list_tools)
        self.panel.forget_always_button.clicked.connect(self.forget_always_allowed)
        self._update_summary()

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

    # -- options the menu bar sets too -----------------------------------------------------------
    def set_tool(self, tool_id: str, on: bool) -> None:
        """Switch one tool on or off (as its checkbox does)."""
        box = self.tool_checks.get(tool_id)
        if box is not None:
            box.setChecked(on)

    def set_tool_choice(self, choice: str) -> None:
        """``auto`` / ``any`` / ``none``, or "" for the server's default."""
        self.tool_choice_combo.setCurrentIndex(max(0, self.tool_choice_combo.findData(choice)))

    def set_thinking_level(self, level: str) -> None:
        """A thinking level, or "" for the model's default."""
        self.thinking_combo.setCurrentIndex(max(0, self.thinking_combo.findData(level)))

    def set_max_output_tokens(self, tokens: int) -> None:
        """The longest answer in tokens (0: the model's limit)."""
        self.max_tokens_spin.setValue(max(0, tokens))

    def set_temperature(self, value: float | None) -> None:
        """A temperature, or None to send none (the API deprecates it)."""
        self.temperature_spin.setValue(-0.1 if value is None else value)

    def set_structured_output(self, on: bool) -> None:
        """Switch JSON mode (switching it on without a schema asks for one)."""
        self.structured_check.setChecked(on)

    def set_file_search_stores(self, names: list[str]) -> None:
        """The stores File Search uses; with none, File Search is switched off."""
        self._settings.file_search_stores = list(names)
        if not names and FILE_SEARCH in self.tool_checks:
            self._loading, was = True, self._loading
            self.tool_checks[FILE_SEARCH].setChecked(False)
            self._loading = was
        self._changed()

    def edit_schema(self) -> None:
        """Open the schema editor; a saved schema also switches JSON mode on."""
        schema = ask_schema(self, self._settings.response_schema)
        if schema is None:
            return
        self._settings.response_schema = schema
        self._loading, was = True, self._loading
        self.structured_check.setChecked(True)
        self._loading = was
        self._changed()

    def _structured_toggled(self, on: bool) -> None:
        if self._loading:
            return
        if on and self._settings.response_schema is None:
            schema = ask_schema(self, None)
            if schema is not None:
                self._settings.response_schema = schema
        self._changed()

    def _tool_toggled(self, tool_id: str, on: bool) -> None:
        if self._loading:
            return
        self._changed()
        if tool_id == FILE_SEARCH and on and not self._settings.file_search_stores:
            self.stores_requested.emit()

    def sync_tool_options(self, *_: object) -> None:
        """Offer the registry's tools now (MCP servers added or removed, or a server's tools listed,
        since the bar was built)."""
        options = self.registry.options()
        wanted = {o.id: o for o in options}
        for tool_id in [t for t in self.tool_checks if t not in wanted]:
            self.panel.remove_tool(tool_id)
        for tool_id, option in wanted.items():
            if tool_id not in self.tool_checks:
                box = self.panel.add_tool(option)
                box.setChecked(tool_id in self._settings.tools)
                box.toggled.connect(lambda on, t=tool_id: self._tool_toggled(t, on))
        self.panel.update_server_groups(options)
        self._update_group_states()
        # A renamed server changes titles only: the menu mirrors those too.
        self.tool_options_changed.emit()
        self._update_summary()

    def request_list_tools(self, group: str) -> None:
        """List the tools of the local MCP server whose option is ``group`` (emits ``list_tools_requested``)."""
        box = self.panel.server_groups.get(group)
        if box is not None:
            box.set_listing(True)
        self.list_tools_requested.emit(group)

    def on_tools_listed(self, group: str) -> None:
        """A server's tools were listed: offer them (the keyboard focus goes to its first tool)."""
        box = self.panel.server_groups.get(group)
        had_focus = box is not None and box.list_button.hasFocus()
        self.sync_tool_options()
        if box is not None:
            box.set_listing(False)
            tools = box.checks()[1:]
            if had_focus and tools:
                tools[0].setFocus()

    def on_tools_listing_failed(self, group: str, message: str) -> None:
        """Listing a server's tools failed: say why under the server."""
        box = self.panel.server_groups.get(group)
        if box is not None:
            box.set_listing(False)
            box.show_error(message)

    def _update_group_states(self) -> None:
        """A local MCP server's single tools wait (greyed, keeping their own state) while "All tools" is on."""
        for option in self.registry.options():
            if option.group and not option.is_group and option.id in self.tool_checks:
                whole = self.tool_checks.get(option.group)
                self.tool_checks[option.id].setEnabled(whole is None or not whole.isChecked())

    # -- showing and emitting --------------------------------------------------------------------
    def forget_always_allowed(self) -> None:
        """Forget the tools allowed with "Always allow" in this conversation: their calls are asked
        about again (emits ``settings_changed``)."""
        if not self._settings.always_allowed_tools:
            return
        self._settings.always_allowed_tools = []
        self.panel.show_always_allowed([])
        self.settings_changed.emit(self.settings())
        self.settings_shown.emit(self.settings())

    def settings(self) -> ConversationSettings:
        """The settings shown."""
        return ConversationSettings.from_dict(self._settings.to_dict())

    def set_models(self, names: list[str]) -> None:
        """Fill the picker (retired models are never offered; the current model stays listed)."""
        self._loading = True
        try:
            self.model_combo.clear()
            for name in offered(names):
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
            self.set_thinking_level(settings.thinking_level or "")
            self.summaries_check.setChecked(settings.thought_summaries)
            self.set_temperature(settings.temperature)
            self.no_store_check.setChecked(not settings.store_on_server)
            self._check(self.image_ratio_actions, settings.image_aspect_ratio or "")
            self._check(self.image_size_actions, settings.image_size or "")
            for tool_id, box in self.tool_checks.items():
                box.setChecked(tool_id in settings.tools)
            self.set_tool_choice(settings.tool_choice or "")
            self.set_max_output_tokens(settings.max_output_tokens or 0)
            self.structured_check.setChecked(settings.structured_output)
            self._update_image_button()
            self._update_system_tip()
        finally:
            self._loading = False
        self._update_group_states()
        self._update_summary()
        self.panel.show_always_allowed(list(settings.always_allowed_tools))
        self.settings_shown.emit(self.settings())

    def _update_system_tip(self) -> None:
        text = self._settings.system_instruction
        self.system_button.setToolTip(text or self.tr("No system instruction"))
        self.system_button.setText(self.tr("System instruction ✓") if text else self.tr("System instruction…"))

    def _update_summary(self) -> None:
        """What is on, at a glance: the tools' short names, JSON mode, the answer limit."""
        s = self._settings
        parts = []
        tools = [
            QCoreApplication.translate("ConversationSettingsBar", short) for short in self.registry.summary(s.tools)
        ]
        parts.append(self.tr("Tools: {0}").format(" · ".join(tools)) if tools else self.tr("No tools"))
        if s.structured_output:
            parts.append(self.tr("JSON"))
        if s.max_output_tokens:
            parts.append(self.tr("≤{0} tokens").format(s.max_output_tokens))
        if s.temperature is not None:
            parts.append(self.tr("temp {0}").format(s.temperature))
        self.summary_label.setText("  |  ".join(parts))
        stores = ", ".join(n.rsplit("/", 1)[-1] for n in s.file_search_stores)
        self.summary_label.setToolTip(self.tr("File Search stores: {0}").format(stores) if stores else "")
        self.stores_button.setText(
            self.tr("File Search stores ({0})…").format(len(s.file_search_stores))
            if s.file_search_stores
            else self.tr("File Search stores…")
        )

    def _edit_system(self) -> None:
        value = ask_system_instruction(self, self._settings.system_instruction)
        if value is not None and value != self._settings.system_instruction:
            self._settings.system_instruction = value
            self._update_system_tip()
            self.settings_changed.emit(self.settings())
            self.settings_shown.emit(self.settings())

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
        # Ids with no checkbox now (a tool its server no longer lists, say) are kept, not lost.
        s.tools = [t for t, box in self.tool_checks.items() if box.isChecked()] + [
            t for t in s.tools if t not in self.tool_checks
        ]
        s.tool_choice = self.tool_choice_combo.currentData() or None
        s.max_output_tokens = self.max_tokens_spin.value() or None
        s.structured_output = self.structured_check.isChecked()
        self._update_image_button()
        self._update_group_states()
        self._update_summary()
        self.settings_changed.emit(self.settings())
        self.settings_shown.emit(self.settings())
