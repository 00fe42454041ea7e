"""Test-wide set-up: Qt offscreen, and no test ever sees the developer's key, folders or endpoint."""

from __future__ import annotations

import os
import sys

# Before any Qt import.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_api.fixtures import fake_server  # noqa: F401

_PRIVATE_VARIABLES = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL", "GOOGLE_GENAI_API_VERSION")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every platform folder at a temporary one and remove key/endpoint variables."""
    for name in _PRIVATE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "xdg"
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    yield home


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Empty the clipboard while Python still runs, so the run ends with pytest's own exit code.

    Under the offscreen platform, a ``QMimeData`` made in Python that is still on the clipboard
    (the image viewer's Copy) is deleted by a static destructor in Qt after Python has finalised;
    its wrapper's clean-up then touches the dead interpreter and the process dies with SIGSEGV.
    A later test usually replaced it, so only runs that stopped early crashed: ``-x`` after a
    failure, or one file run alone. ``tests/gui/test_exit_status.py`` keeps this fixed.
    """
    qt_gui = sys.modules.get("PySide6.QtGui")
    if qt_gui is not None and qt_gui.QGuiApplication.instance() is not None:
        qt_gui.QGuiApplication.clipboard().clear()
