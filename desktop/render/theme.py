"""Colours and fonts used by the HTML the render layer produces.

Qt's rich-text engine has no CSS classes worth relying on, so every colour is written inline;
a theme groups them so a dark window gets a dark rendering. ``background`` and ``text_color``
are the page the HTML is shown on (the transcript's palette in that scheme); they are not written
into the HTML but say what the other colours were chosen against (tests check the contrast).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DARK", "LIGHT", "RenderTheme", "theme_named"]

MONOSPACE_FAMILIES = "'Cascadia Mono', Consolas, 'DejaVu Sans Mono', Menlo, monospace"


@dataclass(frozen=True, slots=True)
class RenderTheme:
    """Inline colours for rendered Markdown; hashable and picklable (the renderer process gets it).

    ``name`` goes into cache keys: HTML rendered for one theme is never shown in another.
    ``pygments_style`` names a Pygments style whose token colours are legible on
    ``code_background`` (WCAG AA, 4.5:1; see tests/unit/render/test_contrast.py).
    """

    name: str = "light"
    pygments_style: str = "default"
    code_background: str = "#f6f8fa"
    code_color: str = "#1f2328"
    inline_code_background: str = "#eff1f3"
    border_color: str = "#b0b0b0"
    muted_color: str = "#57606a"
    quote_color: str = "#57606a"
    background: str = "#ffffff"
    text_color: str = "#1f1f1f"
    link_color: str = "#0b57d0"
    # Typeset formulas are images, so they cannot follow the palette: drawn in this colour.
    math_color: str = "#1f2328"


LIGHT = RenderTheme()
DARK = RenderTheme(
    name="dark",
    pygments_style="monokai",
    code_background="#272822",
    code_color="#f8f8f2",
    inline_code_background="#3a3d41",
    border_color="#5a5a5a",
    muted_color="#9da5b4",
    quote_color="#a0a8b0",
    background="#1e1f22",
    text_color="#e8eaed",
    link_color="#8ab4f8",
    math_color="#e6edf3",
)


def theme_named(name: str) -> RenderTheme:
    """``DARK`` for ``"dark"``, else ``LIGHT``."""
    return DARK if name == DARK.name else LIGHT
