"""Start-up does not pay for MCP: the app's modules load without importing the ``mcp`` SDK."""

from __future__ import annotations

import subprocess
import sys


def test_the_app_imports_without_the_mcp_sdk() -> None:
    code = (
        "import sys\n"
        "import desktop.app, desktop.services.mcp, desktop.services.conversation.chat_turn\n"
        "import desktop.controllers.mcp_servers, desktop.ui.dialogs.mcp_servers\n"
        "assert 'mcp' not in sys.modules, 'mcp imported at start-up'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
