"""The collapsible "Run settings" side panel: every per-conversation request option, grouped.

Widgets only: ``ConversationSettingsBar`` owns the logic (what the controls mean, loading and
emitting ``ConversationSettings``); this panel builds and lays out the controls. Each group is a
titled box so a screen reader announces it, every control is in the tab order with an accessible
name, and the same options are in the menu bar under Conversation.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.tools import TOOL_CHOICES, ToolOption

# The panel's width (the transcript keeps the rest).
PANEL_WIDTH = 290


W = TypeVar("W", bound=QWidget)


def _named(widget: W, object_name: str, accessible: str) -> W:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


class RunSettingsPanel(QScrollArea):
    """System instruction, tools and tool choice, output (JSON mode, length), thinking, images,
    storage, and an Advanced group (temperature)."""

    def __init__(
        self, tool_options: list[ToolOption], thinking_levels: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("runSettingsPanel")
        self.setAccessibleName(self.tr("Run settings"))
        self.setWidgetResizable(True)
        self.setFixedWidth(PANEL_WIDTH)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        body.setObjectName("runSettingsBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)

        title = QLabel(self.tr("<b>Run settings</b>"), body)
        column.addWidget(title)
        self.system_button = _named(
            QPushButton(self.tr("System instruction…"), body), "systemInstructionButton", self.tr("System instruction")
        )
        column.addWidget(self.system_button)

        # -- tools: the "Tools" control, one checkbox per tool of the registry ---------------------
        self.tools_group = QGroupBox(self.tr("Tools"), body)
        self.tools_group.setObjectName("toolsGroup")
        self.tools_group.setAccessibleName("Tools")
        tools_layout = QVBoxLayout(self.tools_group)
        self.tool_checks: dict[str, QCheckBox] = {}
        local_heading: QLabel | None = None
        for option in tool_options:
            if option.kind == "function" and local_heading is None:
                # Functions this computer runs (each call is approved first), apart from Google's tools.
                local_heading = QLabel(self.tr("Local tools"), self.tools_group)
                local_heading.setObjectName("localToolsHeading")
                tools_layout.addWidget(local_heading)
            box = QCheckBox(self.tr(option.label), self.tools_group)
            _named(box, f"tool_{option.id}", option.label)  # exact names: part of the interface
            box.setToolTip(self.tr(option.description))
            self.tool_checks[option.id] = box
            tools_layout.addWidget(box)
        self.stores_button = _named(
            QPushButton(self.tr("File Search stores…"), self.tools_group),
            "fileSearchStoresButton",
            self.tr("Choose File Search stores"),
        )
        tools_layout.addWidget(self.stores_button)
        self._tools_layout = tools_layout
        self._mcp_heading: QLabel | None = None
        choice_row = QHBoxLayout()
        choice_label = QLabel(self.tr("Tool choice"), self.tools_group)
        self.tool_choice_combo = _named(QComboBox(self.tools_group), "toolChoice", self.tr("Tool choice"))
        self.tool_choice_combo.addItem(self.tr("Default"), "")
        words = {"auto": self.tr("Auto"), "any": self.tr("Any (must use a tool)"), "none": self.tr("None")}
        for choice in TOOL_CHOICES:
            self.tool_choice_combo.addItem(words.get(choice, choice), choice)
        choice_label.setBuddy(self.tool_choice_combo)
        choice_row.addWidget(choice_label)
        choice_row.addWidget(self.tool_choice_combo, 1)
        tools_layout.addLayout(choice_row)
        column.addWidget(self.tools_group)

        # -- output ---------------------------------------------------------------------------------
        output = QGroupBox(self.tr("Output"), body)
        output.setObjectName("outputGroup")
        output_form = QFormLayout(output)
        json_row = QHBoxLayout()
        self.structured_check = _named(
            QCheckBox(self.tr("Structured output"), output), "structuredOutput", "Structured output"
        )
        self.structured_check.setToolTip(self.tr("Answers are JSON that follows a JSON Schema"))
        self.schema_button = _named(
            QPushButton(self.tr("Schema…"), output), "editSchemaButton", self.tr("Edit the JSON Schema")
        )
        json_row.addWidget(self.structured_check, 1)
        json_row.addWidget(self.schema_button)
        output_form.addRow(json_row)
        self.max_tokens_spin = _named(QSpinBox(output), "maxOutputTokens", self.tr("Max output tokens"))
        self.max_tokens_spin.setRange(0, 1_000_000)
        self.max_tokens_spin.setSingleStep(256)
        self.max_tokens_spin.setSpecialValueText(self.tr("Model default"))
        output_form.addRow(self.tr("Max tokens"), self.max_tokens_spin)
        column.addWidget(output)

        # -- thinking -------------------------------------------------------------------------------
        thinking = QGroupBox(self.tr("Thinking"), body)
        thinking.setObjectName("thinkingGroup")
        thinking_form = QFormLayout(thinking)
        self.thinking_combo = _named(QComboBox(thinking), "thinkingLevel", self.tr("Thinking level"))
        self.thinking_combo.addItem(self.tr("Default"), "")
        labels = {"xhigh": self.tr("extra high")}
        for level in thinking_levels:
            self.thinking_combo.addItem(labels.get(level, self.tr(level)), level)
        thinking_form.addRow(self.tr("Level"), self.thinking_combo)
        self.summaries_check = _named(
            QCheckBox(self.tr("Show thought summaries"), thinking),
            "thoughtSummaries",
            self.tr("Show thought summaries"),
        )
        self.summaries_check.setToolTip(self.tr("Ask the model for summaries of its thinking"))
        thinking_form.addRow(self.summaries_check)
        column.addWidget(thinking)

        # -- images and storage ---------------------------------------------------------------------
        other = QGroupBox(self.tr("Images and storage"), body)
        other.setObjectName("imagesStorageGroup")
        other_layout = QVBoxLayout(other)
        self.image_button = _named(QPushButton(other), "imageOptions", self.tr("Options of generated images"))
        self.image_button.setToolTip(
            self.tr("Aspect ratio and size of generated images (image models); sent only when chosen")
        )
        other_layout.addWidget(self.image_button)
        self.no_store_check = _named(
            QCheckBox(self.tr("Don't keep on server"), other),
            "dontStoreOnServer",
            self.tr("Don't keep this conversation on the server"),
        )
        self.no_store_check.setToolTip(self.tr("Every turn then sends the whole conversation from this computer"))
        other_layout.addWidget(self.no_store_check)
        column.addWidget(other)

        # -- advanced (collapsed) -------------------------------------------------------------------
        self.advanced_button = _named(QToolButton(body), "advancedToggle", self.tr("Advanced"))
        self.advanced_button.setText(self.tr("Advanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        column.addWidget(self.advanced_button)
        self.advanced = QWidget(body)
        self.advanced.setObjectName("advancedGroup")
        advanced_form = QFormLayout(self.advanced)
        advanced_form.setContentsMargins(12, 0, 0, 0)
        self.temperature_spin = _named(QDoubleSpinBox(self.advanced), "temperature", self.tr("Temperature"))
        self.temperature_spin.setRange(-0.1, 2.0)
        self.temperature_spin.setSingleStep(0.1)
        self.temperature_spin.setDecimals(1)
        self.temperature_spin.setSpecialValueText(self.tr("Not sent"))
        advanced_form.addRow(self.tr("Temperature"), self.temperature_spin)
        note = QLabel(self.tr("The API deprecates temperature. It is sent only when you set it here."), self.advanced)
        note.setObjectName("temperatureNote")
        note.setWordWrap(True)
        advanced_form.addRow(note)
        self.advanced.setVisible(False)
        self.advanced_button.toggled.connect(self._show_advanced)
        column.addWidget(self.advanced)
        column.addStretch(1)
        self.setWidget(body)

    def add_tool(self, option: ToolOption) -> QCheckBox:
        """A checkbox for a tool added later (an MCP server), under "MCP servers", before the stores button."""
        if self._mcp_heading is None:
            self._mcp_heading = QLabel(self.tr("MCP servers"), self.tools_group)
            self._mcp_heading.setObjectName("mcpServersHeading")
            self._tools_layout.insertWidget(self._tools_layout.indexOf(self.stores_button), self._mcp_heading)
        box = QCheckBox(option.label, self.tools_group)
        _named(box, f"tool_{option.id}", option.label)
        box.setToolTip(option.description)
        self.tool_checks[option.id] = box
        self._tools_layout.insertWidget(self._tools_layout.indexOf(self.stores_button), box)
        return box

    def remove_tool(self, tool_id: str) -> None:
        """Take a tool's checkbox away (its server was removed)."""
        box = self.tool_checks.pop(tool_id, None)
        if box is not None:
            box.setParent(None)
            box.deleteLater()

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
