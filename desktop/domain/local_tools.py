"""The built-in local function tools the model may call: their options and declarations (pure data).

Each is off by default and switched on per conversation under "Local tools" (its option in the
Tools control and in Conversation → Tools); each is declared with a JSON Schema and a description
the model can use. ``desktop.services.tools.local`` runs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.domain.function_calls import LOCAL_SERVER
from desktop.domain.tools import FunctionTool, ToolOption, ToolSelection

CURRENT_TIME = "local.current_time"
READ_FILE = "local.read_file"
LIST_FOLDER = "local.list_folder"
OPEN_LINK = "local.open_link"
READ_CLIPBOARD = "local.read_clipboard"

_NO_ARGS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

LOCAL_OPTIONS: tuple[ToolOption, ...] = (
    ToolOption(CURRENT_TIME, "Current time", "Time", "function", "Date, time and time zone of this computer"),
    ToolOption(READ_FILE, "Read file", "Read", "function", "Read an attached text file or one in an allowed folder"),
    ToolOption(LIST_FOLDER, "List folder", "List", "function", "List a folder allowed in Preferences"),
    ToolOption(OPEN_LINK, "Open link", "Link", "function", "Open an http/https link in the browser"),
    ToolOption(READ_CLIPBOARD, "Read clipboard", "Clipboard", "function", "Read the clipboard's text"),
)

LOCAL_FUNCTIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
    CURRENT_TIME: (
        "current_time",
        "The current date, time and time zone of the user's computer (ISO 8601 with UTC offset).",
        _NO_ARGS,
    ),
    READ_FILE: (
        "read_file",
        "Read a UTF-8 text file: one the user attached to this conversation (give its file name) or one inside "
        "a folder the user allowed (give its full path). Returns the text.",
        {
            "type": "object",
            "properties": {"path": {"type": "string", "minLength": 1, "description": "File name or full path."}},
            "required": ["path"],
            "additionalProperties": False,
        },
    ),
    LIST_FOLDER: (
        "list_folder",
        "List the entries of a folder the user allowed (or one inside it): names, with '/' after folders, "
        "and sizes in bytes. Without a path, lists the allowed folders.",
        {
            "type": "object",
            "properties": {"path": {"type": "string", "description": "Full path of the folder."}},
            "additionalProperties": False,
        },
    ),
    OPEN_LINK: (
        "open_link",
        "Open an http or https URL in the user's web browser. Returns whether it was opened.",
        {
            "type": "object",
            "properties": {"url": {"type": "string", "minLength": 1, "description": "An http(s) URL."}},
            "required": ["url"],
            "additionalProperties": False,
        },
    ),
    READ_CLIPBOARD: ("read_clipboard", "The text currently on the user's clipboard (text only).", _NO_ARGS),
}


class LocalToolDeclarations:
    """The local tools as a registry provider: options and function declarations (no running)."""

    def options(self) -> Sequence[ToolOption]:
        """The five local tools."""
        return LOCAL_OPTIONS

    def declarations(self, enabled: Sequence[str], selection: ToolSelection) -> list[dict[str, Any]]:
        """The function declarations of the enabled local tools."""
        return [f.declaration() for f in self.functions(enabled, selection)]

    def problems(self, enabled: Sequence[str], selection: ToolSelection) -> list[str]:
        """Local tools can always be sent."""
        return []

    def functions(self, enabled: Sequence[str], selection: ToolSelection) -> list[FunctionTool]:
        """The enabled local tools as functions."""
        out = []
        for option in LOCAL_OPTIONS:
            if option.id in enabled:
                name, description, schema = LOCAL_FUNCTIONS[option.id]
                out.append(FunctionTool(name, description, schema, option.id, option.label, LOCAL_SERVER, "local"))
        return out
