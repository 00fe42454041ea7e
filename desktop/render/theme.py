"""Colours and fonts used by the HTML the render layer produces.

Qt's rich-text engine has no CSS classes worth relying on, so every colour is written inline;
a theme groups them so a dark window can ask for a dark rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DARK", "LIGHT", "RenderTheme"]

MONOSPACE_FAMILIES = "'Cascadia Mono', Consolas, 'DejaVu Sans Mono', Menlo, monospace"


@dataclass(frozen=True, slots=True)
class RenderTheme:
    """Inline colours for rendered Markdown; hashable so renderers can be cached per theme."""

    pygments_style: str = "default"
    code_background: str = "#f6f8fa"
    inline_code_background: str = "#eff1f3"
    border_color: str = "#b0b0b0"
    muted_color: str = "#6a737d"
    quote_color: str = "#57606a"
    #: Typeset formulas are images, so they cannot follow the palette: drawn in this colour.
    math_color: str = "#1f2328"


LIGHT = RenderTheme()
DARK = RenderTheme(
    pygments_style="monokai",
    code_background="#272822",
    inline_code_background="#3a3d41",
    border_color="#5a5a5a",
    muted_color="#9da5b4",
    quote_color="#a0a8b0",
    math_color="#e6edf3",
)
