"""The built-in local function tools: current time, read file, list folder, open link, read clipboard.

Each is off by default and switched on per conversation (its option in the Tools control); each is
declared with a JSON Schema and a description the model can use. ``Read file`` reads a text file
attached to the conversation or one inside a folder the user allowed in Preferences; ``List folder``
lists an allowed folder; ``Open link`` opens http/https URLs in the system browser (every call is
approved first, like all calls); ``Read clipboard`` returns its text only.

Functions raise ``ToolError`` with a short reason the model (and the card) shows.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from desktop.domain.function_calls import LOCAL_SERVER
from desktop.domain.tools import FunctionTool, ToolOption, ToolSelection

CURRENT_TIME = "local.current_time"
READ_FILE = "local.read_file"
LIST_FOLDER = "local.list_folder"
OPEN_LINK = "local.open_link"
READ_CLIPBOARD = "local.read_clipboard"

# Never read more than this from a file: the executor cuts results far below it anyway.
READ_CAP_BYTES = 4 * 1024 * 1024
LIST_CAP_ENTRIES = 500


class ToolError(Exception):
    """A tool could not do what was asked; the message is the short reason sent back."""


@dataclass(frozen=True, slots=True)
class CallContext:
    """What a call may reach besides its arguments: the text files attached to the conversation.

    ``files`` maps a file name to a reader of its bytes (blocking; called off the GUI thread).
    """

    files: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)


_NO_ARGS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

LOCAL_OPTIONS: tuple[ToolOption, ...] = (
    ToolOption(CURRENT_TIME, "Current time", "Time", "function", "Date, time and time zone of this computer"),
    ToolOption(READ_FILE, "Read file", "Read", "function", "Read an attached text file or one in an allowed folder"),
    ToolOption(LIST_FOLDER, "List folder", "List", "function", "List a folder allowed in Preferences"),
    ToolOption(OPEN_LINK, "Open link", "Link", "function", "Open an http/https link in the browser"),
    ToolOption(READ_CLIPBOARD, "Read clipboard", "Clipboard", "function", "Read the clipboard's text"),
)

_FUNCTIONS: dict[str, tuple[str, str, dict[str, Any]]] = {
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


class LocalTools:
    """The local tools as a registry provider, and their runner (``invoke``).

    ``allowed_folders`` returns the folders allowed in Preferences (read at each call, so a change
    takes effect at once); ``open_url`` opens a link in the system browser; ``clipboard`` returns
    the clipboard's text and is called on the caller's thread (the GUI thread owns the clipboard).
    """

    provider = "local"

    def __init__(
        self,
        allowed_folders: Callable[[], Sequence[str]] = list,
        open_url: Callable[[str], bool] | None = None,
        clipboard: Callable[[], str] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._folders = allowed_folders
        self._open_url = open_url
        self._clipboard = clipboard
        self._clock = clock

    # -- provider -----------------------------------------------------------------------------
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
                name, description, schema = _FUNCTIONS[option.id]
                out.append(FunctionTool(name, description, schema, option.id, option.label, LOCAL_SERVER, "local"))
        return out

    # -- running ------------------------------------------------------------------------------
    def on_caller_thread(self, tool: FunctionTool) -> bool:
        """Whether ``tool`` must run on the caller's (GUI) thread rather than a worker thread."""
        return tool.tool_id == READ_CLIPBOARD

    def run(self, tool: FunctionTool, arguments: Mapping[str, Any], context: CallContext) -> Any:
        """Run ``tool`` (blocking). Returns text; raises ``ToolError`` with a short reason."""
        if tool.tool_id == CURRENT_TIME:
            now = dt.datetime.fromtimestamp(self._clock()).astimezone()
            return f"{now.isoformat(timespec='seconds')} ({now.tzname() or 'local time'}, UTC{now.strftime('%z')})"
        if tool.tool_id == READ_FILE:
            return self._read_file(str(arguments.get("path", "")), context)
        if tool.tool_id == LIST_FOLDER:
            return self._list_folder(str(arguments.get("path") or ""))
        if tool.tool_id == OPEN_LINK:
            return self._open_link(str(arguments.get("url", "")))
        if tool.tool_id == READ_CLIPBOARD:
            if self._clipboard is None:
                raise ToolError("The clipboard cannot be read here.")
            return self._clipboard()
        raise ToolError(f"Unknown local tool {tool.name}.")

    def allowed_roots(self) -> list[Path]:
        """The allowed folders that exist, resolved."""
        roots = []
        for folder in self._folders():
            if folder.strip():
                path = Path(folder).expanduser()
                if path.is_dir():
                    roots.append(path.resolve())
        return roots

    def _inside_allowed(self, raw: str) -> Path:
        if not raw:
            raise ToolError("No path was given.")
        path = Path(raw).expanduser()
        if not path.is_absolute():
            raise ToolError(f"{raw!r} is neither an attached file nor a full path.")
        resolved = path.resolve()  # symlinks resolved: a link cannot lead out of an allowed folder
        roots = self.allowed_roots()
        if not any(resolved == root or resolved.is_relative_to(root) for root in roots):
            raise ToolError(f"{raw} is not inside a folder allowed in Preferences.")
        return resolved

    def _read_file(self, raw: str, context: CallContext) -> str:
        reader = context.files.get(raw) or context.files.get(os.path.basename(raw))
        if reader is not None:
            data = reader()
        else:
            path = self._inside_allowed(raw)
            if not path.is_file():
                raise ToolError(f"{raw} is not a file.")
            with path.open("rb") as handle:
                data = handle.read(READ_CAP_BYTES + 1)
        try:
            text = data[:READ_CAP_BYTES].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ToolError(f"{raw} is not a UTF-8 text file.") from exc
        if len(data) > READ_CAP_BYTES:
            text += f"\n[Only the first {READ_CAP_BYTES // 1024} KB of the file were read.]"
        return text

    def _list_folder(self, raw: str) -> str:
        if not raw:
            roots = self.allowed_roots()
            if not roots:
                raise ToolError("No folder is allowed in Preferences.")
            return "\n".join(f"{root}/" for root in roots)
        path = self._inside_allowed(raw)
        if not path.is_dir():
            raise ToolError(f"{raw} is not a folder.")
        lines = []
        for entry in sorted(path.iterdir(), key=lambda p: p.name.lower())[:LIST_CAP_ENTRIES]:
            try:
                lines.append(f"{entry.name}/" if entry.is_dir() else f"{entry.name}\t{entry.stat().st_size}")
            except OSError:
                lines.append(entry.name)
        return "\n".join(lines) or "(empty folder)"

    def _open_link(self, url: str) -> str:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ToolError("Only http and https links can be opened.")
        if self._open_url is None:
            raise ToolError("Links cannot be opened here.")
        if not self._open_url(url):
            raise ToolError("The browser could not open the link.")
        return f"Opened {url} in the browser."
