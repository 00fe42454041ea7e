"""A real MCP server for the tests, written with the ``mcp`` SDK and spoken to over stdio.

Run as a script: ``python tests/mcp_server/tools_server.py``. Tools: ``echo`` (text back),
``sleep`` (waits, for timeouts and Stop), ``fail`` (an error result), ``crash`` (the process exits
mid-call), ``image`` (a PNG), ``huge`` (a result of N KB), ``env`` (which variables it got: proves
the cleaned environment and the secret values from the keyring). ``--slow-exit``: after its
stdin closes it keeps running until it is terminated (a server slow to end at the app's quit).
"""

from __future__ import annotations

import asyncio
import base64
import os
import sys

from mcp.server.mcpserver import Image, MCPServer

# A 1×1 red PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)

server = MCPServer("test-tools")


@server.tool(description="Echo the text back.")
def echo(text: str) -> str:
    return f"echo: {text}"


@server.tool(description="Sleep for some seconds, then answer.")
async def sleep(seconds: float) -> str:
    await asyncio.sleep(seconds)
    return f"slept {seconds}"


@server.tool(description="Always fails with the given message.")
def fail(message: str = "it broke") -> str:
    raise ValueError(message)


@server.tool(description="The server process dies in the middle of the call.")
def crash() -> str:
    os._exit(3)


@server.tool(description="Return a small PNG image.")
def image() -> Image:
    return Image(data=PNG, format="png")


@server.tool(description="Return a text of the given size in KB.")
def huge(kb: int = 1024) -> str:
    return "y" * (kb * 1024)


@server.tool(description="Which environment variables the server got (names; values of MCP_TEST_* only).")
def env() -> str:
    names = sorted(os.environ)
    shown = {k: os.environ[k] for k in names if k.startswith("MCP_TEST_")}
    return f"names={','.join(names)} values={shown}"


if __name__ == "__main__":
    if "--hang" in sys.argv:  # never answers the initialisation
        import time

        time.sleep(3600)
    if "--http" in sys.argv:  # streamable HTTP on 127.0.0.1:<port>, path /mcp
        port = int(sys.argv[sys.argv.index("--http") + 1])
        server.run("streamable-http", host="127.0.0.1", port=port)
    else:
        server.run("stdio")
        if "--slow-exit" in sys.argv:  # stdin closed: a slow clean-up, until the client terminates it
            import time

            time.sleep(3600)
