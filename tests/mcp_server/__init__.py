"""The MCP server the tests start (``tools_server.py``, run as a script) and how to find its processes."""

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
