"""Markdown to safe HTML for the transcript, with code highlighting, built for streaming.

No Qt here: the output is HTML for QTextDocument's rich-text subset (inline styles, tables,
``<pre>``), and the transcript view intercepts ``copy-code:<n>`` links to copy code block ``n``.
"""

from __future__ import annotations

import html

from .markdown import COPY_CODE_SCHEME, extract_code_blocks, render_markdown
from .streaming import StreamingMarkdown
from .theme import DARK, LIGHT, RenderTheme

__all__ = [
    "COPY_CODE_SCHEME",
    "DARK",
    "LIGHT",
    "RenderTheme",
    "StreamingMarkdown",
    "extract_code_blocks",
    "render_markdown",
    "render_plain",
]


def render_plain(text: str) -> str:
    """A user's prompt as HTML: escaped, never interpreted, line breaks and spacing kept."""
    escaped = html.escape(text.replace("\r\n", "\n").replace("\r", "\n"), quote=False)
    body = escaped.replace("\n", "<br />")
    return f'<p dir="auto" style="white-space: pre-wrap;">{body}</p>\n'
