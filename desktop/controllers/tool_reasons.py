"""The reasons a tool call or an MCP server failed, in the interface's language. QtCore only.

The services and the tool loop give their reasons in English: the model reads them (as the
``result`` of an ``is_error`` function result) and the database keeps them, whatever the
interface's language. Where the user reads one (an approval card, the MCP servers dialog, the
Tools control) it is translated here: each known shape of reason is a pattern whose template is
marked for translation; the parts it names (a server, a path, an inner reason) are kept, an inner
reason translated in turn. A reason of no known shape (an operating system's message, what an
MCP tool said) is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "ToolReasons"

# (pattern of the English reason, its template with {0}, {1}… for the groups). The last group of
# a reason that wraps another one (``…: {1}``) is translated too.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template)
    for pattern, template in (
        # the tool loop (desktop.domain.function_calls, desktop.services.conversation.tool_loop)
        (r"The user denied this call", QT_TRANSLATE_NOOP("ToolReasons", "The user denied this call")),
        (r"Stopped by the user\.", QT_TRANSLATE_NOOP("ToolReasons", "Stopped by the user.")),
        (r"This call was never answered\.", QT_TRANSLATE_NOOP("ToolReasons", "This call was never answered.")),
        (
            r"The app closed while this call ran; it was not run again\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The app closed while this call ran; it was not run again."),
        ),
        (
            r"The limit of (\d+) tool rounds for one answer was reached; the call was not run\.",
            QT_TRANSLATE_NOOP(
                "ToolReasons", "The limit of {0} tool rounds for one answer was reached; the call was not run."
            ),
        ),
        # the executor (desktop.services.tools.executor)
        (
            r"The tool did not answer within (\S+) s\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The tool did not answer within {0} s."),
        ),
        (
            r"The tool '(.+)' is not declared in this conversation\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The tool “{0}” is not declared in this conversation."),
        ),
        (
            r"The arguments are not a JSON object: (.*)",
            QT_TRANSLATE_NOOP("ToolReasons", "The arguments are not a JSON object: {0}"),
        ),
        (
            r"The arguments do not match the tool's schema at (\S+): (.*)",
            QT_TRANSLATE_NOOP("ToolReasons", "The arguments do not match the tool's schema at {0}: {1}"),
        ),
        (
            r"The arguments do not match the tool's schema: (.*)",
            QT_TRANSLATE_NOOP("ToolReasons", "The arguments do not match the tool's schema: {0}"),
        ),
        (r"The tool failed: (.*)", QT_TRANSLATE_NOOP("ToolReasons", "The tool failed: {0}")),
        (
            r"The tool returned bytes that are not UTF-8 text\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The tool returned bytes that are not UTF-8 text."),
        ),
        (
            r"\[Result cut: it was (\d+) KB; only the first (\d+) KB were sent\.\]",
            QT_TRANSLATE_NOOP("ToolReasons", "[Result cut: it was {0} KB; only the first {1} KB were sent.]"),
        ),
        # the local tools (desktop.services.tools.local)
        (
            r"The clipboard cannot be read here\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The clipboard cannot be read here."),
        ),
        (r"No path was given\.", QT_TRANSLATE_NOOP("ToolReasons", "No path was given.")),
        (
            r"'(.+)' is neither an attached file nor a full path\.",
            QT_TRANSLATE_NOOP("ToolReasons", "“{0}” is neither an attached file nor a full path."),
        ),
        (
            r"(.+) is not inside a folder allowed in Preferences\.",
            QT_TRANSLATE_NOOP("ToolReasons", "{0} is not inside a folder allowed in Preferences."),
        ),
        (r"(.+) is not a UTF-8 text file\.", QT_TRANSLATE_NOOP("ToolReasons", "{0} is not a UTF-8 text file.")),
        (r"(.+) is not a file\.", QT_TRANSLATE_NOOP("ToolReasons", "{0} is not a file.")),
        (r"(.+) is not a folder\.", QT_TRANSLATE_NOOP("ToolReasons", "{0} is not a folder.")),
        (
            r"No folder is allowed in Preferences\.",
            QT_TRANSLATE_NOOP("ToolReasons", "No folder is allowed in Preferences."),
        ),
        (
            r"Only http and https links can be opened\.",
            QT_TRANSLATE_NOOP("ToolReasons", "Only http and https links can be opened."),
        ),
        (r"Links cannot be opened here\.", QT_TRANSLATE_NOOP("ToolReasons", "Links cannot be opened here.")),
        (
            r"The browser could not open the link\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The browser could not open the link."),
        ),
        # MCP servers (desktop.services.mcp)
        (
            r"The MCP server (.+?) could not start: (.*)",
            QT_TRANSLATE_NOOP("ToolReasons", "The MCP server {0} could not start: {1}"),
        ),
        (
            r"The MCP server (.+?) did not finish starting within (\S+) s\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The MCP server {0} did not finish starting within {1} s."),
        ),
        (
            r"The MCP server (.+?) failed during the call: (.*)",
            QT_TRANSLATE_NOOP("ToolReasons", "The MCP server {0} failed during the call: {1}"),
        ),
        (
            r"The MCP server (.+?) was stopped while starting\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The MCP server {0} was stopped while starting."),
        ),
        (r"No command is set\.", QT_TRANSLATE_NOOP("ToolReasons", "No command is set.")),
        (
            r"The URL must start with http:// or https://\.",
            QT_TRANSLATE_NOOP("ToolReasons", "The URL must start with http:// or https://."),
        ),
        (
            r"No keyring is available for secret values\.",
            QT_TRANSLATE_NOOP("ToolReasons", "No keyring is available for secret values."),
        ),
        (
            r"This MCP server is no longer configured\.",
            QT_TRANSLATE_NOOP("ToolReasons", "This MCP server is no longer configured."),
        ),
        (r"The MCP tool reported an error\.", QT_TRANSLATE_NOOP("ToolReasons", "The MCP tool reported an error.")),
    )
)
_WRAPPERS = {"The MCP server {0} could not start: {1}", "The MCP server {0} failed during the call: {1}"}


def translate_reason(reason: str) -> str:
    """``reason`` (as the services give it, in English) in the interface's language; unchanged when
    its shape is unknown or no translation is installed."""
    for pattern, template in _REASONS:
        match = pattern.fullmatch(reason)
        if match is None:
            continue
        parts = list(match.groups())
        if template in _WRAPPERS and parts:
            parts[-1] = translate_reason(parts[-1])
        return QCoreApplication.translate(CONTEXT, template).format(*parts)
    return reason
