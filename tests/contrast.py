"""WCAG 2.x contrast of two colours, for the tests that hold the app's colours to AA."""

from __future__ import annotations

#: The WCAG AA minimum for normal text.
AA = 4.5


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of ``#rgb`` / ``#rrggbb``."""
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
