"""Words and colours the Research tab shows for statuses, timeline kinds and durations."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.i18n import QT_TRANSLATE_NOOP


def _tr(text: str) -> str:
    # Only for text marked elsewhere in this module: lupdate does not recognise _tr() itself.
    return QCoreApplication.translate("Research", text)


# Marked for lupdate here and translated on lookup, so the table is built once.
_STATUS_LABELS = {
    "starting": QT_TRANSLATE_NOOP("Research", "Starting"),
    "queued": QT_TRANSLATE_NOOP("Research", "Queued"),
    "in_progress": QT_TRANSLATE_NOOP("Research", "In progress"),
    "requires_action": QT_TRANSLATE_NOOP("Research", "Needs your input"),
    "completed": QT_TRANSLATE_NOOP("Research", "Completed"),
    "failed": QT_TRANSLATE_NOOP("Research", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("Research", "Cancelled"),
    "incomplete": QT_TRANSLATE_NOOP("Research", "Incomplete"),
    "budget_exceeded": QT_TRANSLATE_NOOP("Research", "Budget exceeded"),
    "idle": QT_TRANSLATE_NOOP("Research", "Idle"),
    "stalled": QT_TRANSLATE_NOOP("Research", "Stalled"),
    "unreadable": QT_TRANSLATE_NOOP("Research", "Cannot be read"),
}
_KIND_LABELS = {
    "thought": QT_TRANSLATE_NOOP("Research", "Thinking"),
    "search": QT_TRANSLATE_NOOP("Research", "Searched"),
    "page": QT_TRANSLATE_NOOP("Research", "Read"),
    "status": QT_TRANSLATE_NOOP("Research", "Status"),
    "note": QT_TRANSLATE_NOOP("Research", "Used"),
    "step": QT_TRANSLATE_NOOP("Research", "Used"),
    "plan": QT_TRANSLATE_NOOP("Research", "Plan"),
    "reply": QT_TRANSLATE_NOOP("Research", "You asked"),
    "approval": QT_TRANSLATE_NOOP("Research", "You approved"),
}


def status_label(status: str) -> str:
    """A status as the user reads it."""
    label = _STATUS_LABELS.get(status)
    return _tr(label) if label is not None else status.replace("_", " ").capitalize()


# The same hues, light enough for a dark background (WCAG AA on the dark palette's Base).
_DARK_STATUS_COLORS = {
    "completed": "#81c995",
    "failed": "#f28b82",
    "cancelled": "#bdc1c6",
    "incomplete": "#fdd663",
    "budget_exceeded": "#fdd663",
    "stalled": "#fdd663",
    "idle": "#fdd663",
    "unreadable": "#f28b82",
    "requires_action": "#fdd663",
}


def status_color(status: str, *, dark: bool = False) -> QColor:
    """A colour for a status dot: blue running, green done, red failed, amber needs attention.

    ``dark``: the variant for a dark background.
    """
    if dark:
        return QColor(_DARK_STATUS_COLORS.get(status, "#8ab4f8"))
    colors = {
        "completed": "#2e7d32",
        "failed": "#c62828",
        "cancelled": "#616161",
        "incomplete": "#a85000",
        "budget_exceeded": "#a85000",
        "stalled": "#a85000",
        "idle": "#a85000",
        "unreadable": "#c62828",
        "requires_action": "#a85000",
    }
    return QColor(colors.get(status, "#1565c0"))


def kind_label(kind: str) -> str:
    """The word in front of a timeline entry."""
    label = _KIND_LABELS.get(kind)
    return _tr(label) if label is not None else kind


_SIXTY = 60  # seconds in a minute, minutes in an hour


def format_duration(seconds: float) -> str:
    """``42 s``, ``12 min``, ``1 h 05 min``."""
    seconds = max(0, int(seconds))
    if seconds < _SIXTY:
        return QCoreApplication.translate("Research", "{0} s").format(seconds)
    minutes = seconds // _SIXTY
    if minutes < _SIXTY:
        return QCoreApplication.translate("Research", "{0} min").format(minutes)
    return QCoreApplication.translate("Research", "{0} h {1:02d} min").format(minutes // _SIXTY, minutes % _SIXTY)


def format_started(ts: float) -> str:
    """A start time: the clock today, the date otherwise."""
    if not ts:
        return ""
    local = time.localtime(ts)
    if time.strftime("%Y-%m-%d", local) == time.strftime("%Y-%m-%d"):
        return time.strftime("%H:%M", local)
    return time.strftime("%Y-%m-%d %H:%M", local)
