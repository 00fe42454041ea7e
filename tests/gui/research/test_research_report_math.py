"""An ended research report shows its formulas typeset (drawn off the GUI thread); a running one
shows them as source, and copying a typeset formula gives its LaTeX."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from desktop.domain.research import ResearchTask
from desktop.render.math import MATH_DATA_PREFIX
from desktop.ui.research.report import ResearchReport

AGENT = "deep-research-preview-04-2026"
REPORT = "# Heat loss\n\nThe loss is $Q = U A \\Delta T$ per hour, and\n\n$$\\frac{a}{b} = \\sqrt{x}$$\n"


def _formulas(widget: ResearchReport) -> list[str]:
    """The names of the typeset formula images in the widget's document."""
    names: list[str] = []
    block = widget.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(MATH_DATA_PREFIX):
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def test_formulas_are_typeset_once_the_report_has_ended(qtbot):
    task = ResearchTask.new("Heat pumps", AGENT)
    task.report = REPORT
    task.status = "in_progress"
    widget = ResearchReport()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    widget.show_task(task)
    # While it is written: the source, and nothing typeset.
    assert "U A \\Delta T" in widget.toPlainText() and not _formulas(widget)

    task.status = "completed"
    widget.show_task(task)
    qtbot.waitUntil(lambda: len(_formulas(widget)) == 2, timeout=20_000)
    assert "\\Delta T" not in widget.toPlainText()
    # The drawn SVG is loaded by the document (not a broken image).
    image = widget.document().loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(_formulas(widget)[0]))
    assert isinstance(image, QImage) and not image.isNull()

    widget.selectAll()
    widget.copy()
    assert "Q = U A \\Delta T" in QApplication.clipboard().text()
    widget.setTextCursor(QTextCursor(widget.document()))
