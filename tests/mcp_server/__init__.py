"""The MCP server the tests start (``tools_server.py``, run as a script), how to find its processes,
and an in-memory secret store for server configurations."""

from __future__ import annotations

import os
from pathlib import Path

TOOLS_SERVER = Path(__file__).resolve().parent / "tools_server.py"


def server_processes() -> set[int]:
    """Ids of the live (not zombie) processes running ``tools_server.py`` that this process started."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except (OSError, IndexError):
            continue  # it ended while being read
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and str(TOOLS_SERVER).encode() in cmdline:
            found.add(int(entry))
    return found


class MemorySecrets:
    """The secret store of an ``McpServerStore``, in memory (the keyring's part)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def load_secret(self, name: str) -> str | None:
        return self.values.get(name)

    def save_secret(self, name: str, value: str) -> None:
        self.values[name] = value

    def forget_secret(self, name: str) -> None:
        self.values.pop(name, None)
