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


def test_raster_icons_exist_at_every_hicolor_size():
    from PySide6.QtGui import QImage

    from desktop.ui.common.app_icon import ICON_SIZES

    assert ICON_SIZES == (16, 24, 32, 48, 64, 128, 256, 512)
    for size in ICON_SIZES:
        image = QImage(str(resource_file(f"icons/hicolor/{size}x{size}/apps/gemini-desktop.png")))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_window_icon_offers_the_raster_sizes(qapp):
    from desktop.ui.common.app_icon import app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(16, 16), (48, 48), (256, 256), (512, 512)} <= sizes


def test_desktop_entry_and_metainfo_agree():
    import xml.etree.ElementTree as ET

    meta = ET.parse(resource_file("io.github.geminidesktop.GeminiDesktop.metainfo.xml")).getroot()
    assert meta.findtext("id") == "io.github.geminidesktop.GeminiDesktop"
    assert meta.findtext("launchable") == "gemini-desktop.desktop"
    assert meta.find("content_rating") is not None and meta.find("releases/release") is not None
    from desktop import __version__

    assert meta.find("releases/release").get("version") == __version__


def test_every_resource_folder_is_a_listed_package():
    # A data folder inside a package that is not itself listed makes setuptools warn on every
    # install ("Package 'desktop.resources.icons' is absent from the `packages` configuration ...
    # Package would be ignored") and, one day, stop shipping it.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    # Only folders whose every part is a Python name are importable (setuptools warns about those);
    # hicolor's "16x16"... are plain data below the listed "hicolor" package.
    folders = {
        "desktop.resources." + ".".join(p.relative_to(ROOT / "resources").parts)
        for p in (ROOT / "resources").rglob("*")
        if p.is_dir()
        and all(part.isidentifier() for part in p.relative_to(ROOT / "resources").parts)
        and (any(child.is_file() for child in p.iterdir()) or any(c.is_dir() for c in p.iterdir()))
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
