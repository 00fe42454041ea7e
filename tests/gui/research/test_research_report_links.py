"""Links in a research report reach the browser only when they are web addresses.

``QDesktopServices.openUrl`` is recorded (the ``opened_urls`` fixture): on the headless display
the real one opens nothing whatever the scheme, so calling it would prove nothing.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.domain.research import ResearchTask, Source
from desktop.ui.research.report import ResearchReport

AGENT = "deep-research-preview-04-2026"
UNSAFE = (
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/pub/file.txt",
    "vbscript:msgbox(1)",
    "research-media:0",
)


@pytest.fixture
def report(qtbot) -> ResearchReport:
    task = ResearchTask.new("Batteries", AGENT)
    task.report = (
        "# Report\n\nSee [the review](https://example.net/review) and [the notes](http://example.com/notes).\n"
    )
    task.sources = [Source("https://example.org/batteries", "Batteries today")]
    widget = ResearchReport()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_task(task)
    return widget


def link_position(browser: ResearchReport, href: str) -> QPoint:
    """Where, in the viewport, the text of the link to ``href`` is drawn."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in the report")


@pytest.mark.parametrize(
    "href", ["https://example.net/review", "http://example.com/notes", "https://example.org/batteries"]
)
def test_clicking_a_web_link_opens_it_once(report, opened_urls, href):
    QTest.mouseClick(
        report.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, link_position(report, href)
    )
    QApplication.processEvents()
    assert opened_urls == [href]


def test_links_with_other_schemes_never_reach_the_desktop(report, opened_urls):
    for href in UNSAFE:
        report.anchorClicked.emit(QUrl(href))
    assert opened_urls == []
    report.anchorClicked.emit(QUrl("https://example.org/batteries"))
    report.anchorClicked.emit(QUrl("http://example.com/notes"))
    assert opened_urls == ["https://example.org/batteries", "http://example.com/notes"]


def test_the_report_never_opens_links_by_itself(report):
    assert not report.openLinks() and not report.openExternalLinks()
