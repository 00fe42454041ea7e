"""The menu bar's Conversation menu: every per-conversation option of the Run settings panel.

Screen readers cannot reach a popup menu opened from a button, and a menu bar is where keyboard
users look; so Tools, tool choice, structured output, thinking, answer length, images, storage
and temperature are all here, mirroring ``ConversationSettingsBar`` (which does the work).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from desktop.domain.conversation import ConversationSettings
from desktop.domain.tools import FILE_SEARCH, TOOL_CHOICES
from desktop.services.conversation.chat import IMAGE_ASPECT_RATIOS, IMAGE_SIZES, THINKING_LEVELS
from desktop.ui.common.naming import literal
from desktop.ui.conversation.settings_bar import ConversationSettingsBar

MAX_TOKEN_CHOICES: tuple[int, ...] = (0, 256, 1024, 4096, 8192, 32768)
TEMPERATURE_CHOICES: tuple[float | None, ...] = (None, 0.0, 0.2, 0.5, 0.7, 1.0, 1.5, 2.0)


def ask_max_tokens(parent: QWidget, value: int) -> int | None:
    """Ask for another answer length in tokens; None when cancelled (tests replace this)."""
    tokens, ok = QInputDialog.getInt(
        parent,
        QCoreApplication.translate("ConversationMenu", "Max output tokens"),
        QCoreApplication.translate("ConversationMenu", "Longest answer, in tokens (0: the model's limit):"),
        value,
        0,
        1_000_000,
        256,
    )
    return tokens if ok else None


class ConversationMenu(QMenu):
    """Conversation → Tools, Structured output, Thinking, Max output tokens, Images, Advanced…

    Signals:
        knowledge_requested: Conversation → Knowledge (File Search stores)…
    """

    knowledge_requested = Signal()

    def __init__(self, bar: ConversationSettingsBar, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Conversation"), parent)
        self.setObjectName("conversationMenu")
        self._bar = bar
        self._syncing = False

        self.panel_action = self._add(self, self.tr("&Run settings panel"), "runSettingsPanelAction", checkable=True)
        self.panel_action.setChecked(bar.panel_button.isChecked())
        self.panel_action.toggled.connect(bar.panel_button.setChecked)
        bar.panel_button.toggled.connect(self.panel_action.setChecked)
        self.addSeparator()

        tools = self.addMenu(self.tr("&Tools"))
        tools.setObjectName("toolsMenu")
        self.tool_actions: dict[str, QAction] = {}
        # The entries' texts are their accessible names, which the issue fixes exactly: not translated.
        local_section = False
        for option in bar.registry.options():
            if option.kind == "function" and not local_section:
                local_section = True
                tools.addSection(self.tr("Local tools"))
            action = self._add(tools, option.label, f"toolAction_{option.id}", checkable=True)
            action.toggled.connect(lambda on, t=option.id: self._apply(lambda: bar.set_tool(t, on)))
            self.tool_actions[option.id] = action
        self._tools_menu = tools
        self._mcp_section: QAction | None = None
        # Local MCP servers: a submenu each (a submenu of the menu bar is reachable by screen readers).
        self.server_menus: dict[str, QMenu] = {}
        self.list_tools_actions: dict[str, QAction] = {}
        self._menu_of: dict[str, QMenu] = {}
        self._group_of: dict[str, str] = {}
        self.stores_action = self._add(tools, self.tr("Choose File Search &stores…"), "chooseStoresAction")
        bar.tool_options_changed.connect(self._sync_tools)
        self.stores_action.triggered.connect(bar.stores_requested)
        tools.addSeparator()
        choice = tools.addMenu(self.tr("Tool &choice"))
        choice.setObjectName("toolChoiceMenu")
        words = {"": self.tr("Default"), "auto": self.tr("Auto"), "any": self.tr("Any"), "none": self.tr("None")}
        self.tool_choice_actions = self._choices(
            choice, ("", *TOOL_CHOICES), lambda v: words.get(v, v), "toolChoiceAction", bar.set_tool_choice
        )
        self.forget_always_action = self._add(
            tools, self.tr("&Ask again for tools always allowed here"), "forgetAlwaysAllowedAction"
        )
        self.forget_always_action.triggered.connect(bar.forget_always_allowed)

        self.structured_action = self._add(self, "Structured output", "structuredOutputAction", checkable=True)
        self.structured_action.toggled.connect(lambda on: self._apply(lambda: bar.set_structured_output(on)))
        self.schema_action = self._add(self, self.tr("Edit JSON &schema…"), "editSchemaAction")
        self.schema_action.triggered.connect(bar.edit_schema)
        self.addSeparator()

        thinking = self.addMenu(self.tr("T&hinking level"))
        levels = {
            "": self.tr("Default"),
            "minimal": self.tr("minimal"),
            "low": self.tr("low"),
            "medium": self.tr("medium"),
            "high": self.tr("high"),
            "xhigh": self.tr("extra high"),
        }
        thinking.setObjectName("thinkingMenu")
        self.thinking_actions = self._choices(
            thinking,
            ("", *THINKING_LEVELS),
            lambda v: levels.get(v, v),
            "thinkingAction",
            bar.set_thinking_level,
        )
        self.summaries_action = self._add(self, self.tr("Show thought s&ummaries"), "summariesAction", checkable=True)
        self.summaries_action.toggled.connect(lambda on: self._apply(lambda: bar.summaries_check.setChecked(on)))
        tokens = self.addMenu(self.tr("&Max output tokens"))
        tokens.setObjectName("maxTokensMenu")
        self.max_token_actions = self._choices(
            tokens,
            MAX_TOKEN_CHOICES,
            lambda v: self.tr("Model default") if not v else str(v),
            "maxTokensAction",
            bar.set_max_output_tokens,
        )
        other = self._add(tokens, self.tr("Other…"), "maxTokensOtherAction")
        other.triggered.connect(self._other_max_tokens)

        images = self.addMenu(self.tr("&Images"))
        images.setObjectName("imagesMenu")
        ratios = images.addMenu(self.tr("Aspect ratio"))
        ratios.setObjectName("imageAspectRatioMenu")
        self.ratio_actions = self._choices(
            ratios,
            ("", *IMAGE_ASPECT_RATIOS),
            lambda v: v or self.tr("Default"),
            "aspectRatioAction",
            lambda v: bar.set_image_options(v, bar.image_size()),
        )
        sizes = images.addMenu(self.tr("Size"))
        sizes.setObjectName("imageSizeMenu")
        self.size_actions = self._choices(
            sizes,
            ("", *IMAGE_SIZES),
            lambda v: v or self.tr("Default"),
            "imageSizeAction",
            lambda v: bar.set_image_options(bar.image_aspect_ratio(), v),
        )
        self.no_store_action = self._add(self, self.tr("&Don't keep on server"), "dontStoreAction", checkable=True)
        self.no_store_action.toggled.connect(lambda on: self._apply(lambda: bar.no_store_check.setChecked(on)))
        self.system_action = self._add(self, self.tr("S&ystem instruction…"), "systemInstructionAction")
        self.system_action.triggered.connect(bar.system_button.click)
        advanced = self.addMenu(self.tr("&Advanced: temperature (deprecated)"))
        advanced.setObjectName("temperatureMenu")
        self.temperature_actions = self._choices(
            advanced,
            TEMPERATURE_CHOICES,
            lambda v: self.tr("Not sent") if v is None else f"{v:.1f}",
            "temperatureAction",
            bar.set_temperature,
        )
        self.addSeparator()
        self.knowledge_action = self._add(self, self.tr("&Knowledge (File Search stores)…"), "knowledgeAction")
        self.knowledge_action.triggered.connect(self.knowledge_requested)
        self.export_action = self._add(self, self.tr("&Export…"), "exportConversationAction")
        self.export_action.triggered.connect(bar.export_requested)

        bar.settings_shown.connect(self.on_settings_shown)
        self.on_settings_shown(bar.settings())

    # -- building --------------------------------------------------------------------------------
    def _add(self, menu: QMenu, text: str, name: str, *, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setCheckable(checkable)
        menu.addAction(action)
        return action

    def _choices(
        self,
        menu: QMenu,
        values: Iterable[Any],
        label: Callable[[Any], str],
        name: str,
        apply: Callable[[Any], None],
    ) -> dict[Any, QAction]:
        """Exclusive checkable choices; picking one calls ``apply(value)``."""
        group = QActionGroup(menu)
        group.setExclusive(True)
        actions: dict[Any, QAction] = {}
        for value in values:
            action = self._add(menu, label(value), f"{name}_{value}", checkable=True)
            group.addAction(action)
            action.triggered.connect(lambda _=False, v=value: self._apply(lambda: apply(v)))
            actions[value] = action
        return actions

    def _sync_tools(self) -> None:
        """Mirror the bar's tools after MCP servers were added, renamed or removed, or listed their tools:
        a remote server is one entry; a local server a submenu titled with its name ("All tools", a
        checkable entry per tool, "List tools")."""
        bar = self._bar
        options = bar.registry.options()
        for tool_id in [t for t in self.tool_actions if t not in bar.tool_checks]:
            action = self.tool_actions.pop(tool_id)
            self._menu_of.pop(tool_id, self._tools_menu).removeAction(action)
            self._group_of.pop(tool_id, None)
            action.deleteLater()
        titles = {o.group: o.group_label for o in options if o.group}
        for group in [g for g in self.server_menus if g not in titles]:
            menu = self.server_menus.pop(group)
            self.list_tools_actions.pop(group, None)
            self._tools_menu.removeAction(menu.menuAction())
            menu.deleteLater()
        for option in options:
            if option.id in self.tool_actions or option.id not in bar.tool_checks:
                continue
            if self._mcp_section is None:
                self._mcp_section = self._tools_menu.insertSection(self.stores_action, self.tr("MCP servers"))
            if option.group:
                menu = self._server_menu(option.group, option.group_label)
                text = self.tr("All tools") if option.is_group else option.label
                action = QAction(literal(text), self)
                action.setToolTip(option.description)
                menu.insertAction(menu.actions()[-2], action)  # before the separator and "List tools"
                self._menu_of[option.id] = menu
                if not option.is_group:
                    self._group_of[option.id] = option.group
            else:
                action = QAction(option.label, self)
                self._tools_menu.insertAction(self.stores_action, action)
            action.setObjectName(f"toolAction_{option.id}")
            action.setCheckable(True)
            action.toggled.connect(lambda on, t=option.id: self._apply(lambda: bar.set_tool(t, on)))
            self.tool_actions[option.id] = action
        for group, menu in self.server_menus.items():
            if menu.accessibleName() != titles[group]:
                menu.setTitle(literal(titles[group]))
                menu.setAccessibleName(titles[group])
        self.on_settings_shown(bar.settings())

    def _server_menu(self, group: str, title: str) -> QMenu:
        """The submenu of a local MCP server (made on first need, before the File Search entry)."""
        menu = self.server_menus.get(group)
        if menu is not None:
            return menu
        menu = QMenu(literal(title), self._tools_menu)
        menu.setObjectName(f"mcpServerMenu_{group}")
        menu.setAccessibleName(title)
        menu.setToolTipsVisible(True)
        self._tools_menu.insertMenu(self.stores_action, menu)
        menu.addSeparator()
        listing = self._add(menu, self.tr("List tools"), f"listToolsAction_{group}")
        listing.setToolTip(self.tr("Start the server and list its tools again"))
        listing.triggered.connect(lambda _=False, g=group: self._bar.request_list_tools(g))
        self.server_menus[group] = menu
        self.list_tools_actions[group] = listing
        return menu

    def _apply(self, change: Callable[[], None]) -> None:
        if not self._syncing:
            change()

    def _other_max_tokens(self) -> None:
        tokens = ask_max_tokens(self.parentWidget() or self, self._bar.max_tokens_spin.value())
        if tokens is not None:
            self._bar.set_max_output_tokens(tokens)

    # -- mirroring -------------------------------------------------------------------------------
    def on_settings_shown(self, settings: ConversationSettings) -> None:
        """Check what the conversation has (without acting on it)."""
        self._syncing = True
        try:
            for tool_id, action in self.tool_actions.items():
                action.setChecked(tool_id in settings.tools)
                group = self._group_of.get(tool_id)
                if group is not None:  # a server's single tools wait while "All tools" is on
                    action.setEnabled(group not in settings.tools)
            self.stores_action.setEnabled(FILE_SEARCH in self.tool_actions)
            self.forget_always_action.setEnabled(bool(settings.always_allowed_tools))
            _pick(self.tool_choice_actions, settings.tool_choice or "")
            self.structured_action.setChecked(settings.structured_output)
            _pick(self.thinking_actions, settings.thinking_level or "")
            self.summaries_action.setChecked(settings.thought_summaries)
            tokens = settings.max_output_tokens or 0
            for value, action in self.max_token_actions.items():
                action.setChecked(value == tokens)
            _pick(self.ratio_actions, settings.image_aspect_ratio or "")
            _pick(self.size_actions, settings.image_size or "")
            self.no_store_action.setChecked(not settings.store_on_server)
            temperature = settings.temperature
            for value, action in self.temperature_actions.items():
                action.setChecked(value == temperature or (value is None and temperature is None))
        finally:
            self._syncing = False


def _pick(actions: dict[Any, QAction], value: Any) -> None:
    action = actions.get(value) or actions.get("")
    if action is not None:
        action.setChecked(True)
