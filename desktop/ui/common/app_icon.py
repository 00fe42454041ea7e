"""The application icon: the raster sizes drawn from the SVG, and the SVG itself for any other size.

The PNGs (``resources/icons/hicolor/<N>x<N>/apps/gemini-desktop.png``, made by
``packaging/make_icons.py``) need no SVG plugin, which a frozen bundle or a minimal Qt may lack.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desktop.paths import resource_file

# The raster sizes shipped, in pixels (the freedesktop hicolor sizes for applications).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The window and tray icon with every shipped raster size, plus the SVG when present."""
    icon = QIcon()
    for size in ICON_SIZES:
        png = resource_file(f"icons/hicolor/{size}x{size}/apps/gemini-desktop.png")
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    svg = resource_file("icons/gemini-desktop.svg")
    if svg.exists():
        icon.addFile(str(svg))
    return icon
