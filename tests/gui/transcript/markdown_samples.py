"""The Markdown field cases the transcript tests show (math, a deceptive link), and how they find what was drawn."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.render.math import MATH_DATA_PREFIX
from desktop.ui.transcript.browser import TextBlock

FIELD_CASES = Path(__file__).parents[2] / "field_cases"
MATH_MD = (FIELD_CASES / "math.md").read_text(encoding="utf-8")
DECEPTIVE_MD = (FIELD_CASES / "deceptive_link.md").read_text(encoding="utf-8")
#: The exact source of each formula in ``MATH_MD``, in order.
SOURCES = [
    "\\(E=mc^2\\)",
    "$x_i + y_i$",
    "$a_1 = b_1$",
    "\\[\n\\begin{pmatrix}\n1 & 2 \\\\\n3 & 4\n\\end{pmatrix}\n\\]",
    "$$\\sum_{i=1}^{n} w_i \\cdot x_i$$",
]


def formula_fragments(document: QTextDocument) -> list[tuple[str, str]]:
    """(image name, tool tip) of every typeset formula in the document, in order."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(MATH_DATA_PREFIX):
                found.append((fmt.toImageFormat().name(), fmt.toolTip()))
            it += 1
        block = block.next()
    return found


def anchor_point(block: TextBlock, text: str) -> QPoint:
    """A point in the viewport over the first occurrence of ``text``."""
    cursor = block.document().find(text)
    assert not cursor.isNull(), text
    middle = QTextCursor(block.document())
    middle.setPosition((cursor.selectionStart() + cursor.selectionEnd()) // 2)
    return block.cursorRect(middle).center()
