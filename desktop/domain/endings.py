"""How an answer ended, in words a person can act on (pure functions, no I/O).

The Interactions API ends an interaction with ``completed`` or one of several other final
statuses; each gets its own plain message here. ``incomplete`` (cut off, typically at the output
limit) is not a failure: the answer can be continued. A stream that stops with no completion and
no stored copy on the server was most likely blocked ("refused"): it is told apart from a network
drop and from an expired previous interaction.

The fixed messages are marked for translation (context "AppError"); the widget that shows a turn's
error translates them (``ui.common.translation.translate_error_text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.i18n import QT_TRANSLATE_NOOP

# The answer was cut off (output limit): it can be continued.
CUT_OFF = "incomplete"


def errors_text(errors: Iterable[Mapping[str, Any]]) -> str:
    """The server's ``errors`` as one line: messages joined, codes when a message is missing."""
    parts: list[str] = []
    for err in errors:
        message = str(err.get("message") or "").strip()
        code = str(err.get("code") or "").strip()
        text = message or code
        if text and text not in parts:
            parts.append(text)
    return "; ".join(parts)


_MESSAGES = {
    CUT_OFF: QT_TRANSLATE_NOOP(
        "AppError", "The answer was cut off before it was finished (it probably reached the output limit)."
    ),
    "cancelled": QT_TRANSLATE_NOOP("AppError", "The answer was cancelled on the server before it was finished."),
    "budget_exceeded": QT_TRANSLATE_NOOP(
        "AppError", "The answer stopped because it used up its budget (tokens or tool calls) before it was finished."
    ),
    "idle": QT_TRANSLATE_NOOP("AppError", "The model went idle and the answer was closed before it was finished."),
}


def ending_message(status: str, errors: Iterable[Mapping[str, Any]] = ()) -> str:
    """The plain message for an answer that ended with ``status`` (any final status but ``completed``)."""
    reason = errors_text(errors)
    if status == "failed":
        if reason:
            return f"The answer failed on the server: {reason}"
        return QT_TRANSLATE_NOOP("AppError", "The answer failed on the server, which did not say why.")
    if status in _MESSAGES:
        return _MESSAGES[status]
    text = f"The answer ended with status “{status}”."
    return f"{text} {reason}" if reason else text


def refused_message(reason: str | None = None) -> str:
    """The message for an answer that stopped with no completion and no copy kept on the server."""
    if reason and reason.strip():
        text = reason.strip()
        if text[-1] not in ".!?…":
            text += "."
        return f"The answer stopped before it was finished: {text} You can retry or edit the prompt."
    return QT_TRANSLATE_NOOP(
        "AppError",
        "The answer stopped before any reason was given (it may have been blocked). You can retry or edit the prompt.",
    )
