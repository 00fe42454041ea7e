"""Preferences: typed values, saved at once, and listeners told of every real change (no Qt here)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.settings import Settings


def test_listeners_hear_each_change_once_with_the_coerced_value(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json", environ={})
    heard: list[tuple[str, Any]] = []
    settings.subscribe(lambda key, value: heard.append((key, value)))
    settings.set("retry_attempts", "5")
    settings.set("retry_attempts", 5)  # the same value again: nothing changed, nobody is told
    settings.set("request_timeout_s", 120)  # the default, now explicit: still no change
    settings.set("research_stall_minutes", 0)  # out of bounds: coerced to the default, no change
    settings.set("inline_limit_mb", 2.5)
    assert heard == [("retry_attempts", 5), ("inline_limit_mb", 2.5)]
    assert json.loads((tmp_path / "settings.json").read_text())["retry_attempts"] == 5


def test_unsubscribe_and_a_failing_listener(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json", environ={})
    heard: list[str] = []

    def broken(key: str, value: Any) -> None:
        raise RuntimeError("a bug in one listener")

    settings.subscribe(broken)
    unsubscribe = settings.subscribe(lambda key, value: heard.append(key))
    settings.set("base_url", "http://proxy.local")  # the broken listener does not stop the next one
    unsubscribe()
    settings.set("base_url", "http://other.local")
    assert heard == ["base_url"]
    assert settings.get("base_url") == "http://other.local"


def test_the_environment_endpoint_wins_over_the_preference(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json", environ={"GOOGLE_GEMINI_BASE_URL": "http://env.local"})
    settings.set("base_url", "http://pref.local")
    assert settings.effective_base_url == "http://env.local"


def test_list_preferences_are_stored_as_lists_and_read_back(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json", environ={})
    assert settings.get("tools_allowed_folders") == [] and settings.get("tools_always_allowed") == []
    heard: list[tuple[str, Any]] = []
    settings.subscribe(lambda key, value: heard.append((key, value)))
    settings.set("tools_allowed_folders", ["/data/notes", " /data/a;b ", "", "/data/notes"])
    settings.set("tools_always_allowed", ["current_time", "docs__search"])
    stored = json.loads((tmp_path / "settings.json").read_text())
    # A list in the file (a ';' inside a folder's name survives), blanks and repeats dropped.
    assert stored["tools_allowed_folders"] == ["/data/notes", "/data/a;b"]
    assert stored["tools_always_allowed"] == ["current_time", "docs__search"]
    assert heard == [
        ("tools_allowed_folders", ["/data/notes", "/data/a;b"]),
        ("tools_always_allowed", ["current_time", "docs__search"]),
    ]
    again = Settings(tmp_path / "settings.json", environ={})
    assert again.get("tools_allowed_folders") == ["/data/notes", "/data/a;b"]
    assert again.get("tools_always_allowed") == ["current_time", "docs__search"]
    # The value handed out is a copy: changing it changes nothing stored.
    again.get("tools_always_allowed").append("open_link")
    assert again.get("tools_always_allowed") == ["current_time", "docs__search"]


def test_list_preferences_stored_as_one_string_by_earlier_versions_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "tools_allowed_folders": "/home/me/notes; /home/me/my, docs\n/srv/shared",
                "tools_always_allowed": "current_time, read_file;list_folder",
            }
        )
    )
    settings = Settings(path, environ={})
    assert settings.get("tools_allowed_folders") == ["/home/me/notes", "/home/me/my, docs", "/srv/shared"]
    assert settings.get("tools_always_allowed") == ["current_time", "read_file", "list_folder"]
    # Something else in the file (a number, a mapping) is no list: the default, empty.
    path.write_text(json.dumps({"tools_allowed_folders": 3, "tools_always_allowed": {"a": 1}}))
    settings = Settings(path, environ={})
    assert settings.get("tools_allowed_folders") == [] and settings.get("tools_always_allowed") == []
