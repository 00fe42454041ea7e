"""User preferences, declared once (type, default, description), and UI state kept apart.

The preferences dialog is generated from ``SCHEMA``. Both files are JSON in the config folder and
never hold the API key (it lives in the OS keyring).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

    def coerce(self, value: Any) -> Any:
        """Return ``value`` as this setting's type, or the default when it does not fit."""
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
    Setting("default_model", str, "gemini-3-flash-preview", "Default model", "The model new conversations start with."),
    Setting(
        "base_url",
        str,
        "",
        "API endpoint",
        "An alternative endpoint (e.g. a proxy). Empty uses Google's. "
        "The GOOGLE_GEMINI_BASE_URL environment variable takes precedence.",
    ),
    Setting(
        "request_timeout_s",
        float,
        120.0,
        "Request timeout (seconds)",
        "How long to wait for the server before giving up on a request or a silent stream.",
        minimum=5,
        maximum=3600,
    ),
    Setting(
        "retry_attempts",
        int,
        3,
        "Attempts per request",
        "How many times a request is tried when the server is busy or failing (1 = no retries).",
        minimum=1,
        maximum=10,
    ),
    Setting(
        "inline_limit_mb",
        float,
        15.0,
        "Inline attachment limit (MB)",
        "Files up to this size travel inside the request; larger ones are uploaded first.",
        minimum=0.1,
        maximum=100,
    ),
    Setting(
        "research_stall_minutes",
        int,
        20,
        "Research stall warning (minutes)",
        "A research task with no progress for this long is marked as stalled.",
        minimum=1,
        maximum=1440,
    ),
    Setting(
        "notify_research",
        bool,
        True,
        "Notify when research finishes",
        "Show a system notification when a research task finishes or fails.",
    ),
)

_BY_KEY = {s.key: s for s in SCHEMA}


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
    """The user's preferences, typed by ``SCHEMA``; unknown keys in the file are kept."""

    def __init__(self, path: Path, environ: Mapping[str, str] | None = None) -> None:
        self.path = path
        self._environ = os.environ if environ is None else environ
        self._values = _read_json(path)

    def get(self, key: str) -> Any:
        """The value of a setting (its default when unset or invalid)."""
        setting = _BY_KEY[key]
        if key not in self._values:
            return setting.default
        return setting.coerce(self._values[key])

    def set(self, key: str, value: Any) -> None:
        """Set and save a value (coerced to the setting's type)."""
        self._values[key] = _BY_KEY[key].coerce(value)
        self.save()

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
