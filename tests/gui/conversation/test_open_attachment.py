"""Opening a stored document hands the desktop a copy under its own name, and says so when nothing can open it.

``QDesktopServices.openUrl`` is recorded: the headless display opens nothing, so with the real one
the "no application" branch would be the only one ever seen here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop.domain.conversation import BlobPart
from desktop.ui.conversation.tab import ConversationTab
from tests.gui.conftest import until

PDF = b"%PDF-1.4\n% a tiny document\n"


@pytest.fixture
def tab(qtbot, tmp_path: Path) -> ConversationTab:
    widget = ConversationTab()
    qtbot.addWidget(widget)
    blob = tmp_path / "blobs" / "ab12"
    blob.parent.mkdir()
    blob.write_bytes(PDF)
    # What bind_attachments sets from the app's blob store.
    widget._blob_path = lambda sha: blob
    widget._read_blob = lambda sha: blob.read_bytes()
    widget._cache_dir = tmp_path / "cache"
    return widget


PAPER = BlobPart(kind="document", mime_type="application/pdf", sha256="ab12" * 16, name="paper.pdf", size=len(PDF))


async def test_a_document_opens_on_the_desktop_under_its_own_name(tab, opened_urls):
    tab.open_media(PAPER)
    await until(lambda: opened_urls, message="opened")
    (url,) = opened_urls
    path = Path(QUrl(url).toLocalFile())
    assert QUrl(url).isLocalFile() and path.name == "paper.pdf" and path.read_bytes() == PDF
    assert tab.status_label.text() == ""


async def test_when_no_application_can_open_it_the_user_is_told(tab, monkeypatch):
    asked: list[str] = []

    def cannot_open(url: QUrl) -> bool:
        asked.append(url.toString())
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(cannot_open))
    tab.open_media(PAPER)
    await until(tab.status_label.text, message="message shown")
    assert len(asked) == 1
    assert tab.status_label.text() == "No application could open “paper.pdf”."
