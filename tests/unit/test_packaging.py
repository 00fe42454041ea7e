"""The distribution ships every package and the resources the app loads at run time."""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop.paths import resource_file

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "desktop").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["package-dir"]["desktop.resources"] == "resources"


def test_entry_points_and_resources_exist():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["gui-scripts"]["gemini-desktop"] == "desktop.launch:main"
    icon = resource_file("icons/gemini-desktop.svg")
    assert icon.exists() and icon.read_text().startswith("<svg")
    entry = resource_file("gemini-desktop.desktop").read_text()
    assert "Exec=gemini-desktop" in entry and "Icon=gemini-desktop" in entry
