"""Words and colours the Research tab shows for statuses, timeline kinds and durations."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def _tr(text: str) -> str:
    return QCoreApplication.translate("Research", text)


def status_label(status: str) -> str:
    """A status as the user reads it."""
    labels = {
        "starting": _tr("Starting"),
        "queued": _tr("Queued"),
        "in_progress": _tr("In progress"),
        "requires_action": _tr("Needs your input"),
        "completed": _tr("Completed"),
        "failed": _tr("Failed"),
        "cancelled": _tr("Cancelled"),
        "incomplete": _tr("Incomplete"),
        "budget_exceeded": _tr("Budget exceeded"),
        "idle": _tr("Idle"),
        "stalled": _tr("Stalled"),
        "unreadable": _tr("Cannot be read"),
    }
    return labels.get(status, status.replace("_", " ").capitalize())


def status_color(status: str) -> QColor:
    """A colour for a status dot: blue running, green done, red failed, amber needs attention."""
    colors = {
        "completed": "#2e7d32",
        "failed": "#c62828",
        "cancelled": "#757575",
        "incomplete": "#ef6c00",
        "budget_exceeded": "#ef6c00",
        "stalled": "#ef6c00",
        "idle": "#ef6c00",
        "unreadable": "#c62828",
        "requires_action": "#ef6c00",
    }
    return QColor(colors.get(status, "#1565c0"))


def kind_label(kind: str) -> str:
    """The word in front of a timeline entry."""
    labels = {
        "thought": _tr("Thinking"),
        "search": _tr("Searched"),
        "page": _tr("Read"),
        "status": _tr("Status"),
        "note": _tr("Used"),
        "plan": _tr("Plan"),
        "reply": _tr("You asked"),
        "approval": _tr("You approved"),
    }
    return labels.get(kind, kind)


def format_duration(seconds: float) -> str:
    """``42 s``, ``12 min``, ``1 h 05 min``."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _tr("{0} s").format(seconds)
    minutes = seconds // 60
    if minutes < 60:
        return _tr("{0} min").format(minutes)
    return _tr("{0} h {1:02d} min").format(minutes // 60, minutes % 60)


def format_started(ts: float) -> str:
    """A start time: the clock today, the date otherwise."""
    if not ts:
        return ""
    local = time.localtime(ts)
    if time.strftime("%Y-%m-%d", local) == time.strftime("%Y-%m-%d"):
        return time.strftime("%H:%M", local)
    return time.strftime("%Y-%m-%d %H:%M", local)
