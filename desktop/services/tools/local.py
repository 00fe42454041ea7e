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

from desktop.domain.local_tools import (
    CURRENT_TIME,
    LIST_FOLDER,
    OPEN_LINK,
    READ_CLIPBOARD,
    READ_FILE,
    LocalToolDeclarations,
)
from desktop.domain.tools import FunctionTool

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


class LocalTools(LocalToolDeclarations):
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
