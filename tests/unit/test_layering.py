"""The layers hold: domain, storage, key store and services import no Qt; controllers no widgets."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).parent
NO_QT = ("domain", "store", "services", "render")
NO_QT_MODULES = ("desktop.errors", "desktop.keystore", "desktop.log", "desktop.paths", "desktop.settings")


def _modules(package: str) -> list[str]:
    path = ROOT / package
    return [f"desktop.{package}"] + [
        f"desktop.{package}.{m.name}" for m in pkgutil.walk_packages([str(path)]) if not m.name.startswith("_")
    ]


def _loaded_after_import(modules: list[str]) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    return json.loads(out.stdout)


def test_logic_layers_import_no_qt_at_all():
    modules = [m for p in NO_QT for m in _modules(p)] + list(NO_QT_MODULES)
    assert len(modules) > 20
    loaded = _loaded_after_import(modules)
    assert not [m for m in loaded if m.startswith(("PySide6", "shiboken6", "qasync"))]


def test_the_sdk_is_imported_only_by_the_genai_service_package():
    offenders = []
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if ("from google" in text or "import google" in text) and "services/genai" not in path.as_posix():
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_controllers_import_no_widgets():
    loaded = _loaded_after_import(_modules("controllers"))
    assert "PySide6.QtCore" in loaded
    assert not [m for m in loaded if m in ("PySide6.QtWidgets", "PySide6.QtGui")]


def test_importing_the_service_does_not_import_the_sdk():
    # The SDK import (~1 s) happens on the worker thread after the first paint, never at start-up.
    loaded = _loaded_after_import(["desktop.services.genai", "desktop.app"])
    assert not [m for m in loaded if m.startswith("google.genai")]
