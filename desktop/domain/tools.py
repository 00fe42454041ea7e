"""The tool registry: which tools a conversation may switch on, and the request's ``tools`` list.

Pure data and logic (no Qt, no I/O). A conversation stores the ids of the tools the user switched
on (``ConversationSettings.tools``); the registry turns them into the wire declarations of the
Interactions API (``interactions-api.md`` §1.3). Server-side tools (Google Search, URL context,
code execution, Google Maps, File Search) are declared only: the server runs them and the answer
arrives with their steps already resolved.

The registry is open: a provider (``ToolProvider``) adds options and declarations. The built-in
server tools are one provider; local function tools and MCP servers are meant to be others, and
those will also *run* their calls (the ``kind`` of an option says who runs it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeAlias

from desktop.i18n import QT_TRANSLATE_NOOP

ToolKind: TypeAlias = Literal["server", "function", "mcp"]

GOOGLE_SEARCH = "google_search"
URL_CONTEXT = "url_context"
CODE_EXECUTION = "code_execution"
GOOGLE_MAPS = "google_maps"
FILE_SEARCH = "file_search"

# ``generation_config.tool_choice`` values offered ("" / None = the server's default, ``auto``).
TOOL_CHOICES: tuple[str, ...] = ("auto", "any", "none")


@dataclass(frozen=True, slots=True)
class ToolOption:
    """One entry of the Tools control.

    ``label`` is the exact accessible name (e.g. ``"Google Search"``); ``short`` is the word the
    settings bar shows when the tool is on; ``kind`` says who runs its calls (``server``: Google;
    ``function``/``mcp``: this app).

    ``group`` puts the option under a heading (a local MCP server: the Tools control shows a box,
    the menu a submenu, titled ``group_label``). ``group`` is the id of the group's own option
    (the server's "All tools" option, whose ``id == group``); the other options of the group are
    its single tools. Options of one group are adjacent, the group's own option first.
    """

    id: str
    label: str
    short: str
    kind: ToolKind = "server"
    description: str = ""
    group: str = ""
    group_label: str = ""

    @property
    def is_group(self) -> bool:
        """Whether this is a group's own option (all the group's tools at once)."""
        return bool(self.group) and self.id == self.group


# The API's function-name rule (letters, digits, ``_ . -``; starts with a letter or ``_``; at most 64).
FUNCTION_NAME_MAX = 64


@dataclass(frozen=True, slots=True)
class FunctionTool:
    """A function the app runs for the model: its wire declaration and who runs it.

    ``name`` is the function name on the wire (unique in a request); ``provider`` names the
    runner (``"local"``, or ``"mcp"``); ``tool_id`` is the option that switches it on;
    ``server`` says where it runs (shown on the approval card); ``target`` is the provider's own
    name for the tool (e.g. the MCP tool name before namespacing).
    """

    name: str
    description: str
    parameters: dict[str, Any]
    tool_id: str
    label: str
    server: str
    provider: str = "local"
    target: str = ""

    def declaration(self) -> dict[str, Any]:
        """``{"type": "function", "name", "description", "parameters"}``."""
        return {"type": "function", "name": self.name, "description": self.description, "parameters": self.parameters}


class ToolSelection(Protocol):
    """What the registry reads from a conversation's settings."""

    tools: list[str]
    file_search_stores: list[str]


class ToolProvider(Protocol):
    """A source of tools (the built-in server tools; later local functions and MCP servers)."""

    def options(self) -> Sequence[ToolOption]:
        """The tools this provider offers, in menu order."""

    def declarations(self, enabled: Sequence[str], selection: ToolSelection) -> list[dict[str, Any]]:
        """The wire declarations of the ``enabled`` tool ids this provider owns (others are ignored)."""

    def problems(self, enabled: Sequence[str], selection: ToolSelection) -> list[str]:
        """What stops the enabled tools from being sent (e.g. File Search without stores); empty if none."""


BUILTIN_OPTIONS: tuple[ToolOption, ...] = (
    ToolOption(
        GOOGLE_SEARCH,
        QT_TRANSLATE_NOOP("RunSettingsPanel", "Google Search"),
        QT_TRANSLATE_NOOP("ConversationSettingsBar", "Search"),
        description=QT_TRANSLATE_NOOP("RunSettingsPanel", "Ground answers in Google Search results"),
    ),
    ToolOption(
        URL_CONTEXT,
        QT_TRANSLATE_NOOP("RunSettingsPanel", "URL context"),
        QT_TRANSLATE_NOOP("ConversationSettingsBar", "URLs"),
        description=QT_TRANSLATE_NOOP("RunSettingsPanel", "Let the model read the web pages named in the prompt"),
    ),
    ToolOption(
        CODE_EXECUTION,
        QT_TRANSLATE_NOOP("RunSettingsPanel", "Code execution"),
        QT_TRANSLATE_NOOP("ConversationSettingsBar", "Code"),
        description=QT_TRANSLATE_NOOP("RunSettingsPanel", "Let the model write and run Python code"),
    ),
    ToolOption(
        GOOGLE_MAPS,
        QT_TRANSLATE_NOOP("RunSettingsPanel", "Google Maps"),
        QT_TRANSLATE_NOOP("ConversationSettingsBar", "Maps"),
        description=QT_TRANSLATE_NOOP("RunSettingsPanel", "Ground answers in Google Maps places"),
    ),
    ToolOption(
        FILE_SEARCH,
        QT_TRANSLATE_NOOP("RunSettingsPanel", "File Search"),
        QT_TRANSLATE_NOOP("ConversationSettingsBar", "Files"),
        description=QT_TRANSLATE_NOOP("RunSettingsPanel", "Search your File Search stores (Knowledge)"),
    ),
)


class BuiltinTools:
    """The server-side tools of the Interactions API: declared, never run by the app."""

    def options(self) -> Sequence[ToolOption]:
        """The five built-in tools."""
        return BUILTIN_OPTIONS

    def declarations(self, enabled: Sequence[str], selection: ToolSelection) -> list[dict[str, Any]]:
        """``{"type": <id>}`` per enabled tool; File Search carries its store names."""
        out: list[dict[str, Any]] = []
        for option in BUILTIN_OPTIONS:
            if option.id not in enabled:
                continue
            if option.id == FILE_SEARCH:
                stores = [s for s in selection.file_search_stores if s]
                if stores:
                    out.append({"type": FILE_SEARCH, "file_search_store_names": stores})
            else:
                out.append({"type": option.id})
        return out

    def problems(self, enabled: Sequence[str], selection: ToolSelection) -> list[str]:
        """File Search needs at least one store."""
        if FILE_SEARCH in enabled and not [s for s in selection.file_search_stores if s]:
            return ["File Search is on but no File Search store is chosen. Choose stores in Conversation → Tools."]
        return []


class ToolRegistry:
    """Every tool the app knows, from all providers; turns a selection into the ``tools`` list."""

    def __init__(self, providers: Iterable[ToolProvider] = ()) -> None:
        self._providers: list[ToolProvider] = list(providers)

    def register(self, provider: ToolProvider) -> None:
        """Add a provider (its options come after those already registered)."""
        self._providers.append(provider)

    def options(self) -> list[ToolOption]:
        """All tool options, in menu order."""
        return [o for p in self._providers for o in p.options()]

    def option(self, tool_id: str) -> ToolOption | None:
        """One option by id."""
        return next((o for o in self.options() if o.id == tool_id), None)

    def known(self, tool_ids: Iterable[str]) -> list[str]:
        """``tool_ids`` without unknown ones (e.g. a provider that is gone), in menu order."""
        wanted = set(tool_ids)
        return [o.id for o in self.options() if o.id in wanted]

    def declarations(self, selection: ToolSelection) -> list[dict[str, Any]]:
        """The request's ``tools`` list for the enabled tools (empty: send no ``tools``)."""
        enabled = self.known(selection.tools)
        return [d for p in self._providers for d in p.declarations(enabled, selection)]

    def problems(self, selection: ToolSelection) -> list[str]:
        """Why the selection cannot be sent as it is (empty when it can)."""
        enabled = self.known(selection.tools)
        return [m for p in self._providers for m in p.problems(enabled, selection)]

    def functions(self, selection: ToolSelection) -> list[FunctionTool]:
        """The functions the app runs for the enabled tools (local and MCP), in menu order."""
        enabled = self.known(selection.tools)
        out: list[FunctionTool] = []
        for provider in self._providers:
            listing = getattr(provider, "functions", None)
            if listing is not None:
                out.extend(listing(enabled, selection))
        return out

    def function(self, selection: ToolSelection, name: str) -> FunctionTool | None:
        """The enabled function called ``name`` (None: the model called something not declared)."""
        return next((f for f in self.functions(selection) if f.name == name), None)

    def summary(self, tool_ids: Iterable[str]) -> list[str]:
        """The short words for the enabled tools (what the settings bar shows at a glance).

        A group says its name once: ``"Server"`` when all its tools are on, ``"Server: tool"`` for
        one chosen tool, ``"Server (3)"`` for several.
        """
        on = set(tool_ids)
        # Entries in menu order: a plain option's word, or a group's key (its word is decided below).
        entries: list[tuple[str, str]] = []
        chosen: dict[str, list[ToolOption]] = {}
        for option in self.options():
            if not option.group:
                if option.id in on:
                    entries.append(("word", option.short))
                continue
            if option.group not in chosen:
                chosen[option.group] = []
                entries.append(("group", option.group))
            if option.id in on:
                chosen[option.group].append(option)
        out: list[str] = []
        for kind, value in entries:
            if kind == "word":
                out.append(value)
                continue
            options = chosen[value]
            whole = next((o for o in options if o.is_group), None)
            if whole is not None:
                out.append(whole.short)
            elif len(options) == 1:
                out.append(f"{options[0].group_label}: {options[0].label}")
            elif options:
                out.append(f"{options[0].group_label} ({len(options)})")
        return out


def default_registry() -> ToolRegistry:
    """The registry with the built-in server tools and the local function tools (MCP servers register later)."""
    from desktop.domain.local_tools import LocalToolDeclarations

    return ToolRegistry([BuiltinTools(), LocalToolDeclarations()])
