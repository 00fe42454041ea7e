"""The layers hold: the import contracts in pyproject.toml pass, and at run time the Qt-free layers
load no Qt, controllers no widgets, and importing the service does not import the SDK.

The static rules (which layer may import which, and where PySide6's modules, google.genai, sqlite3,
keyring and mcp may be imported) are import-linter contracts in pyproject.toml; the custom contract
type they use lives in tests/import_contracts.py.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop
from tests.import_contracts import imported_names

ROOT = Path(desktop.__file__).parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
NO_QT = ("domain", "store", "services", "render")
NO_QT_MODULES = (
    "desktop.errors",
    "desktop.i18n",
    "desktop.keystore",
    "desktop.log",
    "desktop.paths",
    "desktop.settings",
)


def _modules(package: str) -> list[str]:
    path = ROOT / package
    # With its prefix, walk_packages imports subpackages by their full name (without it, the
    # subpackage desktop/services/tools was imported as the top-level ``tools`` of the repository).
    prefix = f"desktop.{package}."
    return [f"desktop.{package}"] + [
        m.name for m in pkgutil.walk_packages([str(path)], prefix=prefix) if not m.name[len(prefix) :].startswith("_")
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


def test_controllers_import_no_widgets():
    loaded = _loaded_after_import(_modules("controllers"))
    assert "PySide6.QtCore" in loaded
    assert not [m for m in loaded if m in ("PySide6.QtWidgets", "PySide6.QtGui")]


def test_importing_the_service_does_not_import_the_sdk():
    # The SDK import (~1 s) happens on the worker thread after the first paint, never at start-up.
    loaded = _loaded_after_import(["desktop.services.genai", "desktop.app"])
    assert not [m for m in loaded if m.startswith("google.genai")]


def test_the_import_contracts_hold():
    out = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], capture_output=True, text=True, check=False, cwd=ROOT.parent, timeout=120
    )
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_imported_names_reads_the_submodules_an_import_reaches():
    assert imported_names("from PySide6.QtCore import QObject, Signal") == [
        "PySide6.QtCore.QObject",
        "PySide6.QtCore.Signal",
    ]
    assert imported_names("from google import genai  # the SDK") == ["google.genai"]
    assert imported_names("from PySide6.QtWidgets import (") == ["PySide6.QtWidgets"]
    assert imported_names("    import PySide6.QtGui as gui, sqlite3") == ["PySide6.QtGui", "sqlite3"]
    assert imported_names("from PySide6 import QtCore as core") == ["PySide6.QtCore"]


def test_the_contracts_catch_imports_in_the_wrong_layer(tmp_path):
    # A small project breaking each external-module rule once, next to imports that are allowed.
    files = {
        "pkg/__init__.py": "",
        "pkg/ui/__init__.py": "from PySide6.QtWidgets import QWidget\n",
        "pkg/controllers/__init__.py": "from PySide6.QtCore import QObject\n",
        "pkg/controllers/bad.py": "from PySide6.QtGui import QColor\nfrom PySide6 import QtWidgets\n",
        "pkg/services/__init__.py": "",
        "pkg/services/genai.py": "from google import genai\n",
        "pkg/services/chat.py": "import google.genai as sdk\nimport mcp\n",
        "pkg/domain.py": "from PySide6.QtCore import Signal\nimport sqlite3\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / ".importlinter").write_text(
        """[importlinter]
root_package = pkg
include_external_packages = True
contract_types =
    protected_external: tests.import_contracts.ProtectedExternalContract

[importlinter:contract:qt]
name = qt
type = protected_external
protected_modules = PySide6
allowed_importers = pkg.ui
    pkg.controllers

[importlinter:contract:widgets]
name = widgets
type = protected_external
protected_modules = PySide6
except_modules = PySide6.QtCore
allowed_importers = pkg.ui

[importlinter:contract:sdk]
name = sdk
type = protected_external
protected_modules = google.genai
allowed_importers = pkg.services.genai

[importlinter:contract:sqlite]
name = sqlite
type = protected_external
protected_modules = sqlite3
allowed_importers = pkg.store

[importlinter:contract:mcp]
name = mcp
type = protected_external
protected_modules = mcp
allowed_importers = pkg.services.mcp
""",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT.parent)])}
    out = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    report = " ".join(out.stdout.split())
    for broken in (
        "pkg.domain -> PySide6.QtCore.Signal (l.1)",
        "pkg.controllers.bad -> PySide6.QtGui.QColor (l.1)",
        "pkg.controllers.bad -> PySide6.QtWidgets (l.2)",
        "pkg.services.chat -> google.genai (l.1)",
        "pkg.services.chat -> mcp (l.2)",
        "pkg.domain -> sqlite3 (l.2)",
    ):
        assert broken in report, report
    assert "Contracts: 0 kept, 5 broken." in report
    assert "pkg.ui ->" not in report
    assert "pkg.controllers ->" not in report
    assert "pkg.services.genai ->" not in report
