"""User preferences, declared once (type, default, description), and UI state kept apart.

Labels and descriptions are marked with ``QT_TRANSLATE_NOOP`` (context ``"Settings"``, see
``desktop.i18n``); the preferences dialog translates them.

The preferences dialog is generated from ``SCHEMA``. Both files are JSON in the config folder and
never hold the API key (it lives in the OS keyring).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    """One preference: its key, type, default, label and help text, and optional bounds/choices."""

    key: str
    type: type
    default: Any
    label: str
    description: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    # What the preferences dialog shows for each choice (marked for translation); None: the values.
    choice_labels: tuple[str, ...] | None = None
    # A list setting (``type`` list, stored as a JSON list) was once one string: these split it.
    separators: str = ",;"

    def coerce(self, value: Any) -> Any:
        """Return ``value`` as this setting's type, or the default when it does not fit.

        A list setting gives a new ``list[str]``: blanks and repeats dropped; a string (the
        format stored before lists) is split on ``separators``.
        """
        if self.type is list:
            if value is None:
                return list(self.default)
            if isinstance(value, (str, list, tuple)):
                return split_list(value, self.separators)
            return list(self.default)
        try:
            if self.type is bool:
                if isinstance(value, str):
                    return value.strip().lower() in ("1", "true", "yes", "on")
                return bool(value)
            out = self.type(value)
        except (TypeError, ValueError):
            return self.default
        if self.minimum is not None and out < self.minimum:
            return self.default
        if self.maximum is not None and out > self.maximum:
            return self.default
        if self.choices is not None and out not in self.choices:
            return self.default
        return out


SCHEMA: tuple[Setting, ...] = (
    Setting(
        "default_model",
        str,
        "gemini-3-flash-preview",
        QT_TRANSLATE_NOOP("Settings", "Default model"),
        QT_TRANSLATE_NOOP("Settings", "The model new conversations start with."),
    ),
    Setting(
        "base_url",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "API endpoint"),
        QT_TRANSLATE_NOOP(
            "Settings",
            "An alternative endpoint (e.g. a proxy). Empty uses Google's. "
            "The GOOGLE_GEMINI_BASE_URL environment variable takes precedence.",
        ),
    ),
    Setting(
        "request_timeout_s",
        float,
        120.0,
        QT_TRANSLATE_NOOP("Settings", "Request timeout (seconds)"),
        QT_TRANSLATE_NOOP(
            "Settings", "How long to wait for the server before giving up on a request or a silent stream."
        ),
        minimum=5,
        maximum=3600,
    ),
    Setting(
        "retry_attempts",
        int,
        3,
        QT_TRANSLATE_NOOP("Settings", "Attempts per request"),
        QT_TRANSLATE_NOOP(
            "Settings", "How many times a request is tried when the server is busy or failing (1 = no retries)."
        ),
        minimum=1,
        maximum=10,
    ),
    Setting(
        "inline_limit_mb",
        float,
        15.0,
        QT_TRANSLATE_NOOP("Settings", "Inline attachment limit (MB)"),
        QT_TRANSLATE_NOOP(
            "Settings", "Files up to this size travel inside the request; larger ones are uploaded first."
        ),
        minimum=0.1,
        maximum=100,
    ),
    Setting(
        "research_stall_minutes",
        int,
        20,
        QT_TRANSLATE_NOOP("Settings", "Research stall warning (minutes)"),
        QT_TRANSLATE_NOOP("Settings", "A research task with no progress for this long is marked as stalled."),
        minimum=1,
        maximum=1440,
    ),
    Setting(
        "language",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Language"),
        QT_TRANSLATE_NOOP(
            "Settings",
            "The language of the interface. System follows the desktop's language. Takes effect after a restart.",
        ),
        choices=("", "en", "de"),
        # Language names in their own language, so each finds their own whatever the current one.
        choice_labels=(QT_TRANSLATE_NOOP("Settings", "System"), "English", "Deutsch"),
    ),
    Setting(
        "notify_research",
        bool,
        True,
        QT_TRANSLATE_NOOP("Settings", "Notify when research finishes"),
        QT_TRANSLATE_NOOP("Settings", "Show a system notification when a research task finishes or fails."),
    ),
    Setting(
        "color_scheme",
        str,
        "system",
        QT_TRANSLATE_NOOP("Settings", "Colour scheme"),
        QT_TRANSLATE_NOOP("Settings", "Light or dark: follow the system, or always light, or always dark."),
        choices=("system", "light", "dark"),
        choice_labels=(
            QT_TRANSLATE_NOOP("Settings", "System"),
            QT_TRANSLATE_NOOP("Settings", "Light"),
            QT_TRANSLATE_NOOP("Settings", "Dark"),
        ),
    ),
    Setting(
        "keep_in_tray",
        bool,
        False,
        QT_TRANSLATE_NOOP("Settings", "Keep running in the tray when the window is closed"),
        QT_TRANSLATE_NOOP(
            "Settings",
            "Closing the window hides it; the tray icon brings it back, and File → Quit ends the app. "
            "Only where the desktop has a tray.",
        ),
    ),
    Setting(
        "notify_answers",
        bool,
        True,
        QT_TRANSLATE_NOOP("Settings", "Notify when an answer finishes in the background"),
        QT_TRANSLATE_NOOP(
            "Settings", "Show a system notification when an answer finishes while the window is hidden or not focused."
        ),
    ),
    # Defaults of new conversations (each conversation keeps its own choice afterwards).
    Setting(
        "default_tool_google_search",
        bool,
        False,
        QT_TRANSLATE_NOOP("Settings", "New conversations: Google Search"),
        QT_TRANSLATE_NOOP("Settings", "Switch Google Search on."),
    ),
    Setting(
        "default_tool_url_context",
        bool,
        False,
        QT_TRANSLATE_NOOP("Settings", "New conversations: URL context"),
        QT_TRANSLATE_NOOP("Settings", "Switch URL context on."),
    ),
    Setting(
        "default_tool_code_execution",
        bool,
        False,
        QT_TRANSLATE_NOOP("Settings", "New conversations: Code execution"),
        QT_TRANSLATE_NOOP("Settings", "Switch code execution on."),
    ),
    Setting(
        "default_tool_google_maps",
        bool,
        False,
        QT_TRANSLATE_NOOP("Settings", "New conversations: Google Maps"),
        QT_TRANSLATE_NOOP("Settings", "Switch Google Maps on."),
    ),
    Setting(
        "default_tool_choice",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "New conversations: tool choice"),
        QT_TRANSLATE_NOOP(
            "Settings", "How the model may use tools: auto, any (must use one) or none. Empty leaves it to the server."
        ),
        choices=("", "auto", "any", "none"),
    ),
    Setting(
        "default_max_output_tokens",
        int,
        0,
        QT_TRANSLATE_NOOP("Settings", "New conversations: max output tokens"),
        QT_TRANSLATE_NOOP("Settings", "The longest answer, in tokens. 0 leaves it to the model."),
        minimum=0,
        maximum=1_000_000,
    ),
    # Function calling: the tool loop and the local tools.
    Setting(
        "tool_timeout_s",
        float,
        60.0,
        QT_TRANSLATE_NOOP("Settings", "Tool call timeout (seconds)"),
        QT_TRANSLATE_NOOP("Settings", "A local or MCP tool that takes longer is stopped and the model told so."),
        minimum=1,
        maximum=3600,
    ),
    Setting(
        "tool_max_rounds",
        int,
        10,
        QT_TRANSLATE_NOOP("Settings", "Tool rounds per answer"),
        QT_TRANSLATE_NOOP(
            "Settings", "How many times one answer may call tools before the model is asked to answer without them."
        ),
        minimum=1,
        maximum=100,
    ),
    Setting(
        "tool_result_limit_kb",
        int,
        100,
        QT_TRANSLATE_NOOP("Settings", "Tool result limit (KB)"),
        QT_TRANSLATE_NOOP("Settings", "A longer tool result is cut, with a note saying so, before it is sent."),
        minimum=1,
        maximum=10_240,
    ),
    # Lists (JSON lists in the file; a string there is the older comma/semicolon form, still read).
    Setting(
        "tools_always_allowed",
        list,
        (),
        QT_TRANSLATE_NOOP("Settings", "Tools always allowed everywhere"),
        QT_TRANSLATE_NOOP(
            "Settings", "Function tools (e.g. current_time) that run without asking, in every conversation."
        ),
        separators=",;",
    ),
    Setting(
        "tools_allowed_folders",
        list,
        (),
        QT_TRANSLATE_NOOP("Settings", "Folders the tools may read"),
        QT_TRANSLATE_NOOP(
            "Settings", "Read file and List folder reach only these folders (and the files attached to a conversation)."
        ),
        separators=";\n",
    ),
)


def split_list(value: str | Sequence[str], separators: str = ",;") -> list[str]:
    """A list preference as its items (``list[str]``): blanks and repeats dropped, order kept.

    ``value`` is a list (as stored now) or one string (as stored before), split on ``separators``.
    """
    if isinstance(value, str):
        items = [value]
        for sep in separators:
            items = [part for item in items for part in item.split(sep)]
    else:
        items = [item for item in value if isinstance(item, str)]
    cleaned = (item.strip() for item in items)
    return list(dict.fromkeys(item for item in cleaned if item))


# The preferences that name a default tool of new conversations: tool id → setting key.
DEFAULT_TOOL_KEYS: dict[str, str] = {
    "google_search": "default_tool_google_search",
    "url_context": "default_tool_url_context",
    "code_execution": "default_tool_code_execution",
    "google_maps": "default_tool_google_maps",
}

# The preferences that shape new conversations (besides the default model).
CONVERSATION_DEFAULT_KEYS = frozenset({*DEFAULT_TOOL_KEYS.values(), "default_tool_choice", "default_max_output_tokens"})

_BY_KEY = {s.key: s for s in SCHEMA}

# Told ``(key, new value)`` after a preference changed (and was saved).
SettingsListener = Callable[[str, Any], None]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("could not read %s; using defaults", path.name)
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Write atomically so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Settings:
    """The user's preferences, typed by ``SCHEMA``; unknown keys in the file are kept.

    Whoever uses a preference either reads it when it needs it or ``subscribe``s, so a change in the
    preferences dialog takes effect at once, not at the next start. Listeners run synchronously in
    ``set``, on the caller's thread (the GUI thread); this module stays Qt-free.
    """

    def __init__(self, path: Path, environ: Mapping[str, str] | None = None) -> None:
        self.path = path
        self._environ = os.environ if environ is None else environ
        self._values = _read_json(path)
        self._listeners: list[SettingsListener] = []

    def get(self, key: str) -> Any:
        """The value of a setting (its default when unset or invalid)."""
        setting = _BY_KEY[key]
        if key not in self._values:
            return list(setting.default) if setting.type is list else setting.default
        return setting.coerce(self._values[key])

    def set(self, key: str, value: Any) -> None:
        """Set and save a value (coerced to the setting's type); listeners hear of a real change.

        Raises ``KeyError`` for a key not in ``SCHEMA`` and ``OSError`` when the file cannot be written
        (the new value is in effect for this run all the same).
        """
        setting = _BY_KEY[key]
        before = self.get(key)
        self._values[key] = setting.coerce(value)
        try:
            self.save()
        finally:
            after = self.get(key)
            if after != before:
                self._notify(key, after)

    def subscribe(self, listener: SettingsListener) -> Callable[[], None]:
        """Call ``listener(key, value)`` after each change; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _notify(self, key: str, value: Any) -> None:
        for listener in list(self._listeners):
            try:
                listener(key, value)
            except Exception:
                log.exception("a listener of the %r preference failed", key)

    def save(self) -> None:
        """Write the preferences file."""
        _write_json(self.path, self._values)

    @property
    def environment_base_url(self) -> str | None:
        """The endpoint set by ``GOOGLE_GEMINI_BASE_URL`` (it overrides the preference), or None."""
        return self._environ.get("GOOGLE_GEMINI_BASE_URL") or None

    @property
    def effective_base_url(self) -> str | None:
        """``GOOGLE_GEMINI_BASE_URL`` when set, else the preference, else None (Google's)."""
        return self._environ.get("GOOGLE_GEMINI_BASE_URL") or self.get("base_url") or None


class UiState:
    """Window geometry, last tab and the like: remembered, never a preference."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values = _read_json(path)

    def get(self, key: str, default: Any = None) -> Any:
        """A remembered value."""
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Remember a value (call ``save()`` to write)."""
        self._values[key] = value

    def save(self) -> None:
        """Write the state file."""
        _write_json(self.path, self._values)
