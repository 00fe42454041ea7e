"""What the render tests check every output against: the tags, attributes and links safe HTML may hold."""

from __future__ import annotations

import re

# Every tag the renderer may emit; anything else means Markdown input leaked through as HTML.
ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
TAG_RE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)([^>]*)>")
ALLOWED_ATTRS = {"href", "style", "dir", "align", "border", "cellspacing", "cellpadding", "width", "start", "title"}
# A typeset formula, the only image the renderer emits: an SVG it drew itself, never fetched.
FORMULA_IMG_RE = re.compile(
    r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" width="\d+" height="\d+" '
    r'style="vertical-align: middle;" title="[^"<>]*" />'
)
HREF_RE = re.compile(r'href="([^"]*)"')
SAFE_HREF_RE = re.compile(r"^(?:https?://|mailto:|copy-code:\d+$|show-all:\d+$)", re.IGNORECASE)


def assert_safe_html(html: str) -> None:
    """Only allowlisted tags and attributes (no src, no on*), only safe hrefs.

    Every literal "<" in the output is markup: text is always escaped. Typeset formulas are the
    one kind of ``<img>`` allowed, in exactly the renderer's form.
    """
    html = FORMULA_IMG_RE.sub("", html)
    for match in TAG_RE.finditer(html):
        assert match.group(1).lower() in ALLOWED_TAGS, match.group(0)
        attrs = set(re.findall(r'([A-Za-z-]+)="', match.group(2)))
        assert attrs <= ALLOWED_ATTRS, match.group(0)
    for href in HREF_RE.findall(html):
        assert SAFE_HREF_RE.match(href), href


def copy_indices(html: str) -> list[int]:
    """The n of every copy-code:<n> link, in document order."""
    return [int(n) for n in re.findall(r'href="copy-code:(\d+)"', html)]
