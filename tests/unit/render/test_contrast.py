"""WCAG AA contrast (4.5:1) of the render themes' colours, code highlighting included, in both schemes."""

from __future__ import annotations

import pytest
from pygments.styles import get_style_by_name
from pygments.token import Token

from desktop.render.theme import DARK, LIGHT, RenderTheme, theme_named
from tests.contrast import AA, contrast, relative_luminance


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic "just fails AA"
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_text_in_rendered_markdown_meets_aa(theme: RenderTheme):
    pairs = {
        "body text": (theme.text_color, theme.background),
        "links": (theme.link_color, theme.background),
        "block quotes": (theme.quote_color, theme.background),
        "inline code": (theme.text_color, theme.inline_code_background),
        "code without a token colour": (theme.code_color, theme.code_background),
        "code block header": (theme.muted_color, theme.code_background),
        "Copy link in the code header": (theme.link_color, theme.code_background),
        "usage line under a report": (theme.muted_color, theme.background),
    }
    low = {name: round(contrast(fg, bg), 2) for name, (fg, bg) in pairs.items() if contrast(fg, bg) < AA}
    assert not low, f"below 4.5:1 in the {theme.name} theme: {low}"


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_every_highlighting_colour_meets_aa_on_the_code_background(theme: RenderTheme):
    style = get_style_by_name(theme.pygments_style)
    low = {}
    checked = 0
    for token, spec in style:
        # Whitespace is only coloured when visible whitespace is on (never here): no text to read.
        if not spec["color"] or token in Token.Text.Whitespace:
            continue
        background = "#" + spec["bgcolor"] if spec["bgcolor"] else theme.code_background
        ratio = contrast("#" + spec["color"], background)
        checked += 1
        if ratio < AA:
            low[str(token)] = (spec["color"], round(ratio, 2))
    assert checked > 20  # the style really colours tokens
    assert not low, f"{theme.pygments_style} on {theme.code_background}: {low}"


def test_the_dark_theme_is_dark_and_the_light_theme_light():
    assert relative_luminance(DARK.background) < 0.05 and relative_luminance(DARK.code_background) < 0.05
    assert relative_luminance(LIGHT.background) > 0.9 and relative_luminance(LIGHT.code_background) > 0.8
    assert DARK.pygments_style != LIGHT.pygments_style
    assert DARK.name != LIGHT.name  # the name is part of every render cache key
    assert theme_named("dark") is DARK and theme_named("light") is LIGHT
