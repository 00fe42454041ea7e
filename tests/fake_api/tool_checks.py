"""Request checks of the fake for tools, ``tool_choice`` and JSON ``response_format``.

The real API refuses a malformed tool declaration with ``400 invalid_request`` before running
anything; so does the fake (``request_problem`` returns the message, or None when the body is fine).
Shapes from ``interactions-api.md`` §1.3.
"""

from __future__ import annotations

import re
from typing import Any

SERVER_TOOLS = frozenset(
    {"google_search", "code_execution", "url_context", "google_maps", "file_search", "computer_use", "retrieval"}
)
TOOL_TYPES = SERVER_TOOLS | {"function", "mcp_server", "tool_search"}
TOOL_CHOICE_MODES = frozenset({"auto", "any", "none", "validated"})
_FUNCTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$")


def _tool_problem(index: int, tool: Any) -> str | None:
    where = f"tools[{index}]"
    if not isinstance(tool, dict):
        return f"{where}: a tool must be an object."
    kind = tool.get("type")
    if kind not in TOOL_TYPES:
        return f"{where}: unknown tool type {kind!r}."
    if kind == "function":
        name = tool.get("name")
        if not isinstance(name, str) or not _FUNCTION_NAME.match(name):
            return f"{where}: function name {name!r} is invalid."
        params = tool.get("parameters")
        if params is not None and (not isinstance(params, dict) or params.get("type", "object") != "object"):
            return f"{where}: function parameters must be an object schema."
    elif kind == "file_search":
        names = tool.get("file_search_store_names")
        if not isinstance(names, list) or not names:
            return f"{where}: file_search needs file_search_store_names."
        if not all(isinstance(n, str) and n.startswith("fileSearchStores/") for n in names):
            return f"{where}: file_search_store_names must be fileSearchStores/... names."
    elif kind == "mcp_server":
        if not tool.get("name") or not str(tool.get("url", "")).startswith(("http://", "https://")):
            return f"{where}: mcp_server needs a name and an http(s) url."
    elif kind == "google_search":
        kinds = tool.get("search_types")
        if kinds is not None and not isinstance(kinds, list):
            return f"{where}: search_types must be a list."
    return None


def _tool_choice_problem(choice: Any) -> str | None:
    if isinstance(choice, str):
        return None if choice in TOOL_CHOICE_MODES else f"generation_config.tool_choice: unknown mode {choice!r}."
    if isinstance(choice, dict) and isinstance(choice.get("allowed_tools"), dict):
        return None
    return "generation_config.tool_choice must be a mode or {allowed_tools: {...}}."


def _format_problem(entry: Any) -> str | None:
    if isinstance(entry, dict) and entry.get("mime_type") == "application/json":
        schema = entry.get("schema")
        if schema is not None and not isinstance(schema, dict):
            return "response_format.schema must be a JSON Schema object."
    return None


def request_problem(body: dict[str, Any]) -> str | None:
    """Why the real API would refuse this create body with a 400 (tools and formats only); None if fine."""
    if "tool_choice" in body:
        return 'Unknown name "tool_choice": it belongs inside generation_config.'
    tools = body.get("tools")
    if tools is not None:
        if not isinstance(tools, list):
            return "tools must be a list."
        for index, tool in enumerate(tools):
            problem = _tool_problem(index, tool)
            if problem:
                return problem
    config = body.get("generation_config")
    if isinstance(config, dict) and "tool_choice" in config:
        problem = _tool_choice_problem(config["tool_choice"])
        if problem:
            return problem
    formats = body.get("response_format")
    for entry in formats if isinstance(formats, list) else [formats]:
        problem = _format_problem(entry)
        if problem:
            return problem
    return None
