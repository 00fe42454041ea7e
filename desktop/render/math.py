"""LaTeX formulas to SVG images for the transcript, with ``ziamath`` (pure Python, no TeX install).

Why ziamath: it draws environments models use all the time (``pmatrix``, ``cases``, big operators
with limits), which matplotlib's mathtext cannot parse at all, and it weighs ~4 MB with its fonts
(latex2mathml + ziafont) against ~40 MB for matplotlib with numpy and Pillow. A formula costs
2-7 ms to draw; results are cached per (source, display, colour, size).

``typeset`` returns ``None`` for anything it cannot draw faithfully (a parse error, an unknown
command, an alignment environment it would flatten): the caller then shows the exact source.
No Qt here; the SVG is embedded as a ``data:`` URI that ``TextBlock`` turns into an image.
"""

from __future__ import annotations

import base64
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["MATH_DATA_PREFIX", "Formula", "typeset"]

log = logging.getLogger(__name__)

# How typeset formulas are embedded in the HTML (``<img src="data:image/svg+xml;base64,...">``).
MATH_DATA_PREFIX = "data:image/svg+xml;base64,"
# Longer sources are not drawn (a runaway formula would cost seconds); they show as source.
MAX_FORMULA_CHARS = 2_000
# ziamath's base size in points for text-sized formulas: one point per CSS pixel in its SVG, so
# 17 matches the x-height of the transcript's ~10 pt body text.
BASE_SIZE = 17.0

# latex2mathml keeps an unknown command as an identifier named after it (<mi>\foo</mi>) and turns
# the alignment "&" of environments it does not know into a literal ampersand.
_UNDRAWABLE = re.compile(r"<m[ion]>\\|<m[io]>&amp;</m[io]>|<m[io]>&</m[io]>")


@dataclass(frozen=True, slots=True)
class Formula:
    """A drawn formula: the ``data:`` URI of its SVG and its size in CSS pixels."""

    src: str
    width: int
    height: int


def typeset(latex: str, *, display: bool, color: str = "#1f2328", size: float = BASE_SIZE) -> Formula | None:
    """Draw ``latex`` (the text between the delimiters); ``None`` when it cannot be drawn."""
    latex = latex.strip()
    if not latex or len(latex) > MAX_FORMULA_CHARS:
        return None
    return _typeset(latex, display, color, size)


@lru_cache(maxsize=2048)
def _typeset(latex: str, display: bool, color: str, size: float) -> Formula | None:
    try:
        # Imported on first use: ~0.15 s with its fonts, only worth paying when there is math.
        from ziamath.config import config
        from ziamath.tex import tex2mml
        from ziamath.zmath import Math

        config.svg2 = False  # SVG 1.1 <use xlink:href>: what Qt's SVG renderer reads
        mathml = tex2mml(latex, inline=not display)
        if _UNDRAWABLE.search(mathml):
            return None
        element = ET.fromstring(mathml)
        element.attrib["mathcolor"] = color
        math = Math(element, size=size * (1.15 if display else 1.0))
        svg = math.svg()
        width, height = math.getsize()
    except Exception:
        log.debug("cannot typeset %r", latex, exc_info=True)
        return None
    if not (width > 0 and height > 0):
        return None
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Formula(MATH_DATA_PREFIX + data, max(1, round(width)), max(1, round(height)))
