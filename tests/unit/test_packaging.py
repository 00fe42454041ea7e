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


def test_every_resource_folder_is_a_listed_package():
    # A data folder inside a package that is not itself listed makes setuptools warn on every
    # install ("Package 'desktop.resources.icons' is absent from the `packages` configuration ...
    # Package would be ignored") and, one day, stop shipping it.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {
        "desktop.resources." + ".".join(p.relative_to(ROOT / "resources").parts)
        for p in (ROOT / "resources").rglob("*")
        if p.is_dir() and any(child.is_file() for child in p.iterdir())
    }
    assert folders, "resources/ has data folders (icons at least)"
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
    for package in folders:
        assert package in config["package-data"], f"say which files of {package} ship"


def test_the_licence_is_an_spdx_expression_with_its_file():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = data["project"]
    assert project["license"] == "Apache-2.0"  # not the deprecated {text = ...} table
    assert all((ROOT / name).is_file() for name in project["license-files"])
    assert "Apache License" in (ROOT / "LICENSE").read_text()
    # SPDX `license` and `license-files` need setuptools 77.
    assert "setuptools>=77" in data["build-system"]["requires"]
