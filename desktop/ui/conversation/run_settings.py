"""The collapsible "Run settings" side panel: every per-conversation request option, grouped.

Widgets only: ``ConversationSettingsBar`` owns the logic (what the controls mean, loading and
emitting ``ConversationSettings``); this panel builds and lays out the controls. Each group is a
titled box so a screen reader announces it, every control is in the tab order with an accessible
name, and the same options are in the menu bar under Conversation.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
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
from desktop.ui.common.naming import literal

# The panel's width (the transcript keeps the rest).
PANEL_WIDTH = 290


W = TypeVar("W", bound=QWidget)


def _named(widget: W, object_name: str, accessible: str) -> W:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget


class McpServerGroup(QGroupBox):
    """One local MCP server in the Tools control: titled with the server's name, its "All tools"
    checkbox, one checkbox per remembered tool, and "List tools" while its tools are not known.

    Signals:
        list_requested: "List tools" was pressed: the server's option id (the group).
    """

    list_requested = Signal(str)

    def __init__(self, group: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.group = group
        self.setObjectName(f"mcpServerGroup_{group}")
        self.setAccessibleName(title)
        self.setFlat(True)  # a heading inside the Tools box, not a second frame
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 0, 2)
        layout.setSpacing(2)
        self._layout = layout
        self.list_button = _named(QPushButton(self.tr("List tools"), self), f"listTools_{group}", self.tr("List tools"))
        self.list_button.clicked.connect(lambda: self.list_requested.emit(self.group))
        layout.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.status_label = QLabel(self)
        self.status_label.setObjectName(f"mcpServerStatus_{group}")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setVisible(False)
        layout.addWidget(self.status_label)
        self.set_title(title)

    def set_title(self, title: str) -> None:
        """The server's name (it may be renamed in the MCP servers dialog)."""
        self.setTitle(literal(title))
        self.setAccessibleName(title)
        self.list_button.setAccessibleDescription(self.tr("Start {0} and list its tools").format(title))
        self.list_button.setToolTip(self.tr("Start {0} and list its tools").format(title))

    def add_check(self, box: QCheckBox) -> None:
        """A tool's checkbox, after those already there."""
        self._layout.insertWidget(self._layout.indexOf(self.list_button), box)

    def checks(self) -> list[QCheckBox]:
        """The checkboxes, in order ("All tools" first)."""
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        return [w for item in items if item is not None and isinstance(w := item.widget(), QCheckBox)]

    def set_known(self, known: bool) -> None:
        """Whether the server's tools are known (then "List tools" is not needed)."""
        self.list_button.setVisible(not known)

    def set_listing(self, busy: bool) -> None:
        """ "List tools" runs (the button waits) or ended."""
        self.list_button.setEnabled(not busy)
        self.list_button.setText(self.tr("Listing tools…") if busy else self.tr("List tools"))
        if busy:
            self.show_error("")

    def show_error(self, message: str) -> None:
        """Why listing failed (empty: nothing to say)."""
        self.status_label.setText(message)
        self.status_label.setVisible(bool(message))


class RunSettingsPanel(QScrollArea):
    """System instruction, tools and tool choice, output (JSON mode, length), thinking, images,
    storage, and an Advanced group (temperature).

    Signals:
        list_tools_requested: "List tools" of a local MCP server: the server's option id.
    """

    list_tools_requested = Signal(str)

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
        self.server_groups: dict[str, McpServerGroup] = {}
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
        # Tools "Always allow" remembered in this conversation, and the way back to being asked.
        self.always_label = QLabel(self.tools_group)
        self.always_label.setObjectName("alwaysAllowedLabel")
        self.always_label.setWordWrap(True)
        self.always_label.setVisible(False)
        tools_layout.addWidget(self.always_label)
        self.forget_always_button = _named(
            QPushButton(self.tr("Ask again"), self.tools_group),
            "forgetAlwaysAllowedButton",
            self.tr("Ask again before these tools run"),
        )
        self.forget_always_button.setToolTip(self.tr("Forget the tools allowed with Always allow in this conversation"))
        self.forget_always_button.setVisible(False)
        tools_layout.addWidget(self.forget_always_button, 0, Qt.AlignmentFlag.AlignLeft)
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
        labels = {
            "minimal": self.tr("minimal"),
            "low": self.tr("low"),
            "medium": self.tr("medium"),
            "high": self.tr("high"),
            "xhigh": self.tr("extra high"),
        }
        for level in thinking_levels:
            self.thinking_combo.addItem(labels.get(level, level), level)
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
        """A checkbox for a tool added later (MCP), under "MCP servers", before the stores button: a
        remote server's directly, a local server's tools in the server's box (``option.group``)."""
        if self._mcp_heading is None:
            self._mcp_heading = QLabel(self.tr("MCP servers"), self.tools_group)
            self._mcp_heading.setObjectName("mcpServersHeading")
            self._tools_layout.insertWidget(self._tools_layout.indexOf(self.stores_button), self._mcp_heading)
        if not option.group:
            box = QCheckBox(literal(option.label), self.tools_group)
            _named(box, f"tool_{option.id}", option.label)
            box.setToolTip(self.tr(option.description))
            self.tool_checks[option.id] = box
            self._tools_layout.insertWidget(self._tools_layout.indexOf(self.stores_button), box)
            return box
        group = self.server_groups.get(option.group)
        if group is None:
            group = McpServerGroup(option.group, option.group_label, self.tools_group)
            self.server_groups[option.group] = group
            group.list_requested.connect(self.list_tools_requested)
            self._tools_layout.insertWidget(self._tools_layout.indexOf(self.stores_button), group)
        if option.is_group:
            text = self.tr("All tools")
            tip = self.tr("Every tool of {0}, also tools it adds later").format(option.group_label)
        else:
            text, tip = option.label, option.description
        box = _named(QCheckBox(literal(text), group), f"tool_{option.id}", text)
        box.setAccessibleDescription(option.group_label)  # which server: the box's title says it too
        box.setToolTip(tip)
        self.tool_checks[option.id] = box
        group.add_check(box)
        return box

    def remove_tool(self, tool_id: str) -> None:
        """Take a tool's checkbox away (its server was removed, or no longer lists the tool)."""
        box = self.tool_checks.pop(tool_id, None)
        if box is not None:
            box.setParent(None)
            box.deleteLater()

    def update_server_groups(self, options: list[ToolOption]) -> None:
        """Titles and "List tools" of the local servers' boxes as ``options`` say; boxes of servers
        that are gone are removed."""
        titles = {o.group: o.group_label for o in options if o.group}
        known = {o.group for o in options if o.group and not o.is_group}
        for group_id in [g for g in self.server_groups if g not in titles]:
            group = self.server_groups.pop(group_id)
            group.setParent(None)
            group.deleteLater()
        for group_id, group in self.server_groups.items():
            if group.accessibleName() != titles[group_id]:
                group.set_title(titles[group_id])
            group.set_known(group_id in known)

    def show_always_allowed(self, names: list[str]) -> None:
        """The functions "Always allow" remembered in this conversation (none: the line is hidden)."""
        self.always_label.setText(self.tr("Always allowed in this conversation: {0}").format(", ".join(names)))
        self.always_label.setVisible(bool(names))
        self.forget_always_button.setVisible(bool(names))

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
