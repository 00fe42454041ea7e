"""Raster icons from the app's SVG: hicolor PNGs, a Windows .ico and a macOS .icns.

Usage: ``python packaging/make_icons.py OUT_DIR``. Qt (QtSvg, offscreen) draws the PNGs into
``resources/icons/hicolor/<N>x<N>/apps/gemini-desktop.png`` for N in :data:`SIZES` (committed:
the window, the tray and the desktop entry use them; rerun after changing the SVG); Pillow packs
them into ``OUT_DIR/gemini-desktop.ico`` and ``OUT_DIR/gemini-desktop.icns`` (Pillow writes both
formats on every platform) for the Windows and macOS builds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

#: The hicolor sizes the freedesktop icon theme spec lists for application icons.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "gemini-desktop.svg"


def render_png(renderer: QSvgRenderer, size: int, path: Path) -> None:
    """Draw the SVG at ``size`` x ``size`` pixels into ``path`` (PNG, transparent background)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def main(out: Path) -> None:
    """Write every icon under ``out``; raises OSError when a file cannot be written."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise OSError(f"not a valid SVG: {SVG}")
    pngs = {}
    for size in SIZES:
        path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "gemini-desktop.png"
        render_png(renderer, size, path)
        pngs[size] = path
    out.mkdir(parents=True, exist_ok=True)
    largest = Image.open(pngs[512])
    largest.save(out / "gemini-desktop.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    largest.save(out / "gemini-desktop.icns")
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]))
